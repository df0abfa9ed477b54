/*
 * The sales-process rules (see rules.h for the tables).  Every message a
 * manager may see lives in the one table below, in English and Russian.
 */
#include "rules.h"

#include <stdlib.h>
#include <string.h>

/* ---- keys ----------------------------------------------------------------- */

static const char STAGE_NEW[] = "New";
static const char STAGE_CALLING[] = "Calling";
static const char STAGE_WON[] = "Closed Won";
static const char STAGE_LOST[] = "Closed Lost";
static const char STATUS_WAITING[] = "waiting";

static const char *const builtin_stages[] = { STAGE_NEW, STAGE_CALLING, STAGE_WON, STAGE_LOST };
static const char *const builtin_statuses[] = { STATUS_WAITING, "in_work" };
static const char *const builtin_reasons[] = {
	"no_interest", "poor_quality_contact", "no_decision_maker", "competitor", "other"
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

/* ---- messages: the one table ---------------------------------------------- */

/* Each "%s" is replaced by the next argument, in the same order in both languages. */
typedef enum {
	MSG_OK,
	MSG_UNKNOWN_STAGE,          /* stage */
	MSG_CREATE_CLOSED,          /* stage */
	MSG_TRANSITION,             /* from, to */
	MSG_DEAL_CLOSED,            /* from */
	MSG_REASON_REQUIRED,        /* list */
	MSG_UNKNOWN_REASON,         /* reason, list */
	MSG_UNKNOWN_STATUS,         /* status, list */
	MSG_NOT_SUPERVISOR,
	MSG_OWNER_MAY_NOT_CHANGE,
	MSG_NO_ASSIGNED_USER,
	MSG_NEW_COMPANY_STATUS,     /* status */
	MSG_COUNT
} message_id;

static const struct {
	cg_rule_code code;
	const char *text[2]; /* CG_LANG_EN, CG_LANG_RU */
} messages[MSG_COUNT] = {
	[MSG_OK] = { CG_RULE_OK, { "Allowed.", "Разрешено." } },
	[MSG_UNKNOWN_STAGE] = { CG_RULE_UNKNOWN_STAGE, {
		"\"%s\" is not a stage of the sales process.",
		"«%s» — не этап процесса продаж." } },
	[MSG_CREATE_CLOSED] = { CG_RULE_TRANSITION_NOT_ALLOWED, {
		"A new deal starts in \"New\" or \"Calling\", not in \"%s\".",
		"Новая сделка начинается с этапа «Новая» или «Обзвон», а не «%s»." } },
	[MSG_TRANSITION] = { CG_RULE_TRANSITION_NOT_ALLOWED, {
		"A deal cannot move from \"%s\" back to \"%s\": it has already been called.",
		"Сделку нельзя вернуть из этапа «%s» в этап «%s»: по ней уже звонили." } },
	[MSG_DEAL_CLOSED] = { CG_RULE_DEAL_CLOSED, {
		"The deal is closed (\"%s\"): only an administrator may reopen it or change its result.",
		"Сделка закрыта («%s»): вернуть её в работу или изменить итог может только администратор." } },
	[MSG_REASON_REQUIRED] = { CG_RULE_FAILURE_REASON_REQUIRED, {
		"A deal closed as \"Failure\" needs a failure reason: %s.",
		"Для этапа «Неудача» укажите причину неуспеха: %s." } },
	[MSG_UNKNOWN_REASON] = { CG_RULE_UNKNOWN_FAILURE_REASON, {
		"\"%s\" is not a failure reason; choose one of: %s.",
		"«%s» — не причина неуспеха; выберите одну из: %s." } },
	[MSG_UNKNOWN_STATUS] = { CG_RULE_UNKNOWN_STATUS, {
		"\"%s\" is not a company status; choose one of: %s.",
		"«%s» — не статус компании; выберите один из: %s." } },
	[MSG_NOT_SUPERVISOR] = { CG_RULE_NOT_SUPERVISOR, {
		"Only the responsible manager's supervisor or an administrator may change the company status.",
		"Изменить статус компании могут только руководитель ответственного менеджера и администратор." } },
	[MSG_OWNER_MAY_NOT_CHANGE] = { CG_RULE_OWNER_MAY_NOT_CHANGE, {
		"You are responsible for this company: its status may be changed only by your supervisor or an administrator.",
		"Вы ответственный за эту компанию: изменить её статус может только ваш руководитель или администратор." } },
	[MSG_NO_ASSIGNED_USER] = { CG_RULE_NO_ASSIGNED_USER, {
		"The company has no responsible manager: only an administrator may change its status.",
		"У компании нет ответственного менеджера: изменить её статус может только администратор." } },
	[MSG_NEW_COMPANY_STATUS] = { CG_RULE_NEW_COMPANY_STATUS, {
		"A new company starts as \"Waiting\": only the responsible manager's supervisor or an administrator may create it as \"%s\".",
		"Новая компания создаётся со статусом «В ожидании»: создать её со статусом «%s» могут только руководитель ответственного менеджера и администратор." } },
};

static const char *const code_names[] = {
	[CG_RULE_OK] = "ok",
	[CG_RULE_UNKNOWN_STAGE] = "unknown_stage",
	[CG_RULE_TRANSITION_NOT_ALLOWED] = "transition_not_allowed",
	[CG_RULE_DEAL_CLOSED] = "deal_closed",
	[CG_RULE_FAILURE_REASON_REQUIRED] = "failure_reason_required",
	[CG_RULE_UNKNOWN_FAILURE_REASON] = "unknown_failure_reason",
	[CG_RULE_UNKNOWN_STATUS] = "unknown_status",
	[CG_RULE_NOT_SUPERVISOR] = "not_supervisor",
	[CG_RULE_OWNER_MAY_NOT_CHANGE] = "owner_may_not_change",
	[CG_RULE_NO_ASSIGNED_USER] = "no_assigned_user",
	[CG_RULE_NEW_COMPANY_STATUS] = "new_company_status",
};

const char *cg_rule_code_name(cg_rule_code code)
{
	if ((size_t)code < sizeof code_names / sizeof code_names[0] && code_names[code])
		return code_names[code];
	return "unknown";
}

/* ---- key lists ------------------------------------------------------------ */

typedef struct {
	const char **items;  /* the first `builtin` point to static strings, the rest are owned */
	size_t n, cap, builtin;
} key_list;

struct cg_rules {
	key_list stages, statuses, reasons;
};

static int list_init(key_list *l, const char *const *builtin, size_t n)
{
	l->items = malloc(n * sizeof *l->items);
	if (!l->items)
		return -1;
	memcpy(l->items, builtin, n * sizeof *l->items);
	l->n = l->cap = l->builtin = n;
	return 0;
}

static void list_free(key_list *l)
{
	size_t i;

	for (i = l->builtin; i < l->n; i++)
		free((char *)l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = l->cap = 0;
}

static int key_equals(const char *key, const char *s, size_t len)
{
	return strlen(key) == len && memcmp(key, s, len) == 0;
}

static int list_find(const key_list *l, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (key_equals(l->items[i], s, len))
			return (int)i;
	return -1;
}

/* Length of the valid UTF-8 sequence at s[0..len), 0 when invalid. */
static size_t utf8_seq(const unsigned char *s, size_t len)
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

static int key_is_valid(const char *key, size_t len)
{
	const unsigned char *s = (const unsigned char *)key;
	size_t i = 0, n;

	if (len == 0 || len > CG_RULE_KEY_MAX)
		return 0;
	while (i < len) {
		if (s[i] < 0x20 || s[i] == 0x7F)
			return 0;
		n = utf8_seq(s + i, len - i);
		if (n == 0)
			return 0;
		i += n;
	}
	return 1;
}

static int list_add(key_list *l, const char *key, size_t len)
{
	char *copy;

	if (!key_is_valid(key, len))
		return -1;
	if (list_find(l, key, len) >= 0)
		return 0;
	if (l->n == l->cap) {
		size_t cap = l->cap * 2 + 4;
		const char **items = realloc(l->items, cap * sizeof *items);

		if (!items)
			return -1;
		l->items = items;
		l->cap = cap;
	}
	copy = malloc(len + 1);
	if (!copy)
		return -1;
	memcpy(copy, key, len);
	copy[len] = '\0';
	l->items[l->n++] = copy;
	return 0;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

cg_rules *cg_rules_new(void)
{
	cg_rules *r = calloc(1, sizeof *r);

	if (!r)
		return NULL;
	if (list_init(&r->stages, builtin_stages, COUNT(builtin_stages)) != 0
	    || list_init(&r->statuses, builtin_statuses, COUNT(builtin_statuses)) != 0
	    || list_init(&r->reasons, builtin_reasons, COUNT(builtin_reasons)) != 0) {
		cg_rules_free(r);
		return NULL;
	}
	return r;
}

void cg_rules_free(cg_rules *rules)
{
	if (!rules)
		return;
	list_free(&rules->stages);
	list_free(&rules->statuses);
	list_free(&rules->reasons);
	free(rules);
}

int cg_rules_add_stage(cg_rules *rules, const char *key, size_t len)
{
	return list_add(&rules->stages, key, len);
}

int cg_rules_add_status(cg_rules *rules, const char *key, size_t len)
{
	return list_add(&rules->statuses, key, len);
}

int cg_rules_add_failure_reason(cg_rules *rules, const char *key, size_t len)
{
	return list_add(&rules->reasons, key, len);
}

size_t cg_rules_stage_count(const cg_rules *rules) { return rules->stages.n; }
const char *cg_rules_stage(const cg_rules *rules, size_t i) { return i < rules->stages.n ? rules->stages.items[i] : NULL; }
size_t cg_rules_status_count(const cg_rules *rules) { return rules->statuses.n; }
const char *cg_rules_status(const cg_rules *rules, size_t i) { return i < rules->statuses.n ? rules->statuses.items[i] : NULL; }
size_t cg_rules_failure_reason_count(const cg_rules *rules) { return rules->reasons.n; }
const char *cg_rules_failure_reason(const cg_rules *rules, size_t i) { return i < rules->reasons.n ? rules->reasons.items[i] : NULL; }

const char *cg_rules_default_status(void)
{
	return STATUS_WAITING;
}

cg_lang cg_lang_from_tag(const char *tag, size_t len)
{
	if (tag && len >= 2 && (tag[0] == 'r' || tag[0] == 'R') && (tag[1] == 'u' || tag[1] == 'U')
	    && (len == 2 || tag[2] == '_' || tag[2] == '-'))
		return CG_LANG_RU;
	return CG_LANG_EN;
}

const char *cg_rules_label(const char *key, size_t len, cg_lang lang)
{
	size_t i;

	for (i = 0; i < COUNT(labels); i++)
		if (key_equals(labels[i][0], key, len))
			return labels[i][lang == CG_LANG_RU ? 2 : 1];
	return NULL;
}

cg_stage_class cg_rules_stage_class(const cg_rules *rules, const char *stage, size_t len)
{
	if (key_equals(STAGE_NEW, stage, len))
		return CG_STAGE_NEW;
	if (key_equals(STAGE_WON, stage, len))
		return CG_STAGE_CLOSED_WON;
	if (key_equals(STAGE_LOST, stage, len))
		return CG_STAGE_CLOSED_LOST;
	if (list_find(&rules->stages, stage, len) >= 0)
		return CG_STAGE_OPEN;   /* 'Calling' and the extras */
	return CG_STAGE_FOREIGN;
}

/* ---- message formatting --------------------------------------------------- */

typedef struct {
	char *buf;
	size_t size, len;
	int full;
} text;

/* Appends s[0..len) whole, or marks the text full and cuts at a character boundary. */
static void text_put(text *t, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n;

	if (t->full)
		return;
	while (i < len) {
		n = utf8_seq(u + i, len - i);
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

static void text_puts(text *t, const char *s)
{
	text_put(t, s, strlen(s));
}

/* A value the caller gave, shown in a message: its label, or itself cut to a key's length. */
static void text_value(text *t, const char *s, size_t len, cg_lang lang)
{
	const char *label = cg_rules_label(s, len, lang);

	if (label)
		text_puts(t, label);
	else
		text_put(t, s, len > CG_RULE_KEY_MAX ? CG_RULE_KEY_MAX : len);
}

static void text_list(text *t, const key_list *l, cg_lang lang)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (i)
			text_puts(t, ", ");
		text_value(t, l->items[i], strlen(l->items[i]), lang);
	}
}

/* A formatted argument: a value or a list. */
typedef struct {
	const char *s;
	size_t len;
	const key_list *list;
} arg;

static void result(cg_rule_result *out, message_id id, cg_lang lang, const arg *a1, const arg *a2)
{
	text t = { out->message, sizeof out->message, 0, 0 };
	const char *tpl = messages[id].text[lang == CG_LANG_RU ? 1 : 0];
	const arg *args[2] = { a1, a2 };
	size_t next = 0;
	const char *p;

	out->code = messages[id].code;
	out->allowed = out->code == CG_RULE_OK;
	out->message[0] = '\0';
	while ((p = strstr(tpl, "%s")) != NULL) {
		text_put(&t, tpl, (size_t)(p - tpl));
		if (next < 2 && args[next]) {
			if (args[next]->list)
				text_list(&t, args[next]->list, lang);
			else
				text_value(&t, args[next]->s, args[next]->len, lang);
		}
		next++;
		tpl = p + 2;
	}
	text_puts(&t, tpl);
}

/* ---- stage changes -------------------------------------------------------- */

static int is_closed(cg_stage_class c)
{
	return c == CG_STAGE_CLOSED_WON || c == CG_STAGE_CLOSED_LOST;
}

static void check_reason(const cg_rules *rules, const char *reason, size_t reason_len, cg_lang lang,
                         cg_rule_result *out)
{
	arg list = { NULL, 0, &rules->reasons };
	arg given = { reason, reason_len, NULL };

	if (!reason || reason_len == 0)
		result(out, MSG_REASON_REQUIRED, lang, &list, NULL);
	else if (list_find(&rules->reasons, reason, reason_len) < 0)
		result(out, MSG_UNKNOWN_REASON, lang, &given, &list);
	else
		result(out, MSG_OK, lang, NULL, NULL);
}

void cg_rules_check_stage(const cg_rules *rules, const char *from, size_t from_len,
                          const char *to, size_t to_len, const char *reason, size_t reason_len,
                          int actor_is_admin, cg_lang lang, cg_rule_result *out)
{
	int is_new = from == NULL || from_len == 0;
	cg_stage_class tc = cg_rules_stage_class(rules, to, to_len);
	cg_stage_class fc = is_new ? CG_STAGE_FOREIGN : cg_rules_stage_class(rules, from, from_len);
	arg a_from = { from, from_len, NULL }, a_to = { to, to_len, NULL };

	if (!is_new && from_len == to_len && memcmp(from, to, to_len) == 0) {
		/* Saved in the same stage: nothing moves, but a lost deal keeps a valid reason. */
		if (tc == CG_STAGE_CLOSED_LOST)
			check_reason(rules, reason, reason_len, lang, out);
		else
			result(out, MSG_OK, lang, NULL, NULL);
		return;
	}
	if (tc == CG_STAGE_FOREIGN) {
		result(out, MSG_UNKNOWN_STAGE, lang, &a_to, NULL);
		return;
	}
	if (!actor_is_admin) {
		if (is_new && is_closed(tc)) {
			result(out, MSG_CREATE_CLOSED, lang, &a_to, NULL);
			return;
		}
		if (!is_new && is_closed(fc)) {
			result(out, MSG_DEAL_CLOSED, lang, &a_from, NULL);
			return;
		}
		if (!is_new && fc == CG_STAGE_OPEN && tc == CG_STAGE_NEW) {
			result(out, MSG_TRANSITION, lang, &a_from, &a_to);
			return;
		}
	}
	if (tc == CG_STAGE_CLOSED_LOST)
		check_reason(rules, reason, reason_len, lang, out);
	else
		result(out, MSG_OK, lang, NULL, NULL);
}

/* ---- company status ------------------------------------------------------- */

void cg_rules_check_status(const cg_rules *rules, const char *from, size_t from_len,
                           const char *to, size_t to_len, const cg_status_actor *actor,
                           cg_lang lang, cg_rule_result *out)
{
	arg a_to = { to, to_len, NULL }, list = { NULL, 0, &rules->statuses };

	if (list_find(&rules->statuses, to, to_len) < 0) {
		result(out, MSG_UNKNOWN_STATUS, lang, &a_to, &list);
		return;
	}
	/* A missing value is 'waiting'. */
	if (from == NULL || from_len == 0) {
		from = STATUS_WAITING;
		from_len = sizeof STATUS_WAITING - 1;
	}
	if (from_len == to_len && memcmp(from, to, to_len) == 0)
		result(out, MSG_OK, lang, NULL, NULL);
	else if (actor->is_admin)
		result(out, MSG_OK, lang, NULL, NULL);
	else if (!actor->has_assigned)
		result(out, MSG_NO_ASSIGNED_USER, lang, NULL, NULL);
	else if (actor->is_owner)
		result(out, MSG_OWNER_MAY_NOT_CHANGE, lang, NULL, NULL);
	else if (actor->is_supervisor)
		result(out, MSG_OK, lang, NULL, NULL);
	else if (actor->is_create)
		result(out, MSG_NEW_COMPANY_STATUS, lang, &a_to, NULL);
	else
		result(out, MSG_NOT_SUPERVISOR, lang, NULL, NULL);
}
