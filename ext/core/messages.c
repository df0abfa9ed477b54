/*
 * The one message table (see messages.h).
 */
#include "messages.h"

#include <string.h>

static const char *const messages[CG_MSG_COUNT][2] = {
	[CG_MSG_OK] = { "Allowed.", "Разрешено." },
	[CG_MSG_UNKNOWN_STAGE] = {
		"\"%s\" is not a stage of the sales process.",
		"«%s» — не этап процесса продаж." },
	[CG_MSG_CREATE_CLOSED] = {
		"A new deal starts in \"New\" or \"Calling\", not in \"%s\".",
		"Новая сделка начинается с этапа «Новая» или «Обзвон», а не «%s»." },
	[CG_MSG_TRANSITION_BACK] = {
		"A deal cannot move from \"%s\" back to \"%s\": it has already been called.",
		"Сделку нельзя вернуть из этапа «%s» в этап «%s»: по ней уже звонили." },
	[CG_MSG_DEAL_CLOSED] = {
		"The deal is closed (\"%s\"): only an administrator may reopen it or change its result.",
		"Сделка закрыта («%s»): вернуть её в работу или изменить итог может только администратор." },
	[CG_MSG_REASON_REQUIRED] = {
		"A deal closed as \"Failure\" needs a failure reason: %s.",
		"Для этапа «Неудача» укажите причину неуспеха: %s." },
	[CG_MSG_UNKNOWN_REASON] = {
		"\"%s\" is not a failure reason; choose one of: %s.",
		"«%s» — не причина неуспеха; выберите одну из: %s." },
	[CG_MSG_UNKNOWN_STATUS] = {
		"\"%s\" is not a company status; choose one of: %s.",
		"«%s» — не статус компании; выберите один из: %s." },
	[CG_MSG_NOT_SUPERVISOR] = {
		"Only the responsible manager's supervisor or an administrator may change the company status.",
		"Изменить статус компании могут только руководитель ответственного менеджера и администратор." },
	[CG_MSG_OWNER_MAY_NOT_CHANGE] = {
		"You are responsible for this company: its status may be changed only by your supervisor or an administrator.",
		"Вы ответственный за эту компанию: изменить её статус может только ваш руководитель или администратор." },
	[CG_MSG_NO_ASSIGNED_USER] = {
		"The company has no responsible manager: only an administrator may change its status.",
		"У компании нет ответственного менеджера: изменить её статус может только администратор." },
	[CG_MSG_NEW_COMPANY_STATUS] = {
		"A new company starts as \"Waiting\": only the responsible manager's supervisor or an administrator may create it as \"%s\".",
		"Новая компания создаётся со статусом «В ожидании»: создать её со статусом «%s» могут только руководитель ответственного менеджера и администратор." },
	[CG_MSG_STAGE_REQUIRED] = {
		"A deal's stage cannot be emptied: it stays \"%s\".",
		"Этап сделки нельзя очистить: он остаётся «%s»." },
	[CG_MSG_CARD_RED] = {
		"Company \"%s\" is in work with %s: do not call it.",
		"Компания «%s» в работе у менеджера %s: звонить нельзя." },
	[CG_MSG_CARD_RED_VIA_CONTACT] = {
		"%s is a contact of company \"%s\", which is in work with %s: do not call.",
		"%s — контакт компании «%s», которая в работе у менеджера %s: звонить нельзя." },
	[CG_MSG_CARD_YELLOW] = {
		"Known contact %s (responsible: %s).",
		"Известный контакт %s (ответственный: %s)." },
	[CG_MSG_CARD_BLUE] = {
		"Known only as lead %s (responsible: %s).",
		"Номер есть только среди лидов: %s (ответственный: %s)." },
	[CG_MSG_CARD_NONE_UNKNOWN] = {
		"Unknown number.",
		"Номер не найден в CRM." },
	[CG_MSG_CARD_NONE_OWN_COMPANY] = {
		"Your own company \"%s\".",
		"Ваша компания «%s»." },
	[CG_MSG_CARD_NONE_NOT_IN_WORK] = {
		"Company \"%s\" is not in work (%s).",
		"Компания «%s» не в работе (%s)." },
	[CG_MSG_CARD_NONE_NO_OWNER] = {
		"Company \"%s\" is in work but has no responsible manager.",
		"Компания «%s» в работе, но ответственный не назначен." },
	[CG_MSG_NOBODY] = { "nobody", "не назначен" },
};

/* Labels of the built-in keys: key, English, Russian. */
static const char *const labels[][3] = {
	{ "New", "New", "Новая" },
	{ "Calling", "Calling", "Обзвон" },
	{ "Closed Won", "Success", "Успех" },
	{ "Closed Lost", "Failure", "Неудача" },
	{ "waiting", "Waiting", "В ожидании" },
	{ "in_work", "In work", "В работе" },
	{ "no_interest", "No interest", "Нет интереса" },
	{ "poor_quality_contact", "Poor-quality contact", "Некачественный контакт" },
	{ "no_decision_maker", "No decision maker reached", "Нет выхода на ЛПР" },
	{ "competitor", "Works with a competitor", "Работает с конкурентом" },
	{ "other", "Other", "Другое" },
};

cg_lang cg_lang_from_tag(const char *tag, size_t len)
{
	if (tag && len >= 2 && (tag[0] == 'r' || tag[0] == 'R') && (tag[1] == 'u' || tag[1] == 'U')
	    && (len == 2 || tag[2] == '_' || tag[2] == '-'))
		return CG_LANG_RU;
	return CG_LANG_EN;
}

const char *cg_label(const char *key, size_t len, cg_lang lang)
{
	size_t i;

	for (i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strlen(labels[i][0]) == len && memcmp(labels[i][0], key, len) == 0)
			return labels[i][lang == CG_LANG_RU ? 2 : 1];
	return NULL;
}

size_t cg_utf8_seq(const unsigned char *s, size_t len)
{
	size_t n, i;
	unsigned cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		n = 2, cp = s[0] & 0x1F;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		n = 3, cp = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (n > len)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
		return 0;
	return n;
}

void cg_text_init(cg_text *t, char *buf, size_t size)
{
	t->buf = buf;
	t->size = size;
	t->len = 0;
	t->full = size < 8;
	if (size)
		buf[0] = '\0';
}

void cg_text_put(cg_text *t, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n;

	if (t->full)
		return;
	while (i < len) {
		n = cg_utf8_seq(u + i, len - i);
		if (n == 0 || u[i] < 0x20 || u[i] == 0x7F) {
			/* Bytes from the caller that are no text are shown as '?'. */
			if (t->len + 1 >= t->size - 4) { t->full = 1; break; }
			t->buf[t->len++] = '?';
			i += n ? n : 1;
			continue;
		}
		if (t->len + n >= t->size - 4) { t->full = 1; break; }
		memcpy(t->buf + t->len, s + i, n);
		t->len += n;
		i += n;
	}
	if (t->full) {
		memcpy(t->buf + t->len, "\xE2\x80\xA6", 3); /* … */
		t->len += 3;
	}
	t->buf[t->len] = '\0';
}

void cg_text_puts(cg_text *t, const char *s)
{
	cg_text_put(t, s, strlen(s));
}

void cg_text_key(cg_text *t, const char *s, size_t len, size_t max, cg_lang lang)
{
	const char *label = cg_label(s, len, lang);

	if (label)
		cg_text_puts(t, label);
	else
		cg_text_put(t, s, len > max ? max : len);
}

void cg_text_message(cg_text *t, cg_message_id id, cg_lang lang, cg_text_arg_fn arg, void *ctx)
{
	const char *tpl = messages[id][lang == CG_LANG_RU ? 1 : 0];
	const char *p;
	unsigned next = 0;

	while ((p = strstr(tpl, "%s")) != NULL) {
		cg_text_put(t, tpl, (size_t)(p - tpl));
		if (arg)
			arg(t, next, ctx);
		next++;
		tpl = p + 2;
	}
	cg_text_puts(t, tpl);
}
