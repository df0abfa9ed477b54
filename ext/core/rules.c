/*
 * The sales-process rules (see rules.h for the tables).  The messages they
 * give are in messages.c, the one table of texts in English and Russian.
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

/* The rule code each message stands for. */
static cg_rule_code code_of(cg_message_id id)
{
	switch (id) {
	case CG_MSG_UNKNOWN_STAGE: return CG_RULE_UNKNOWN_STAGE;
	case CG_MSG_CREATE_CLOSED:
	case CG_MSG_TRANSITION_BACK: return CG_RULE_TRANSITION_NOT_ALLOWED;
	case CG_MSG_DEAL_CLOSED: return CG_RULE_DEAL_CLOSED;
	case CG_MSG_REASON_REQUIRED: return CG_RULE_FAILURE_REASON_REQUIRED;
	case CG_MSG_UNKNOWN_REASON: return CG_RULE_UNKNOWN_FAILURE_REASON;
	case CG_MSG_UNKNOWN_STATUS: return CG_RULE_UNKNOWN_STATUS;
	case CG_MSG_NOT_SUPERVISOR: return CG_RULE_NOT_SUPERVISOR;
	case CG_MSG_OWNER_MAY_NOT_CHANGE: return CG_RULE_OWNER_MAY_NOT_CHANGE;
	case CG_MSG_NO_ASSIGNED_USER: return CG_RULE_NO_ASSIGNED_USER;
	case CG_MSG_NEW_COMPANY_STATUS: return CG_RULE_NEW_COMPANY_STATUS;
	case CG_MSG_STAGE_REQUIRED: return CG_RULE_STAGE_REQUIRED;
	default: return CG_RULE_OK;
	}
}

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
	[CG_RULE_STAGE_REQUIRED] = "stage_required",
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

static int key_is_valid(const char *key, size_t len)
{
	const unsigned char *s = (const unsigned char *)key;
	size_t i = 0, n;

	if (len == 0 || len > CG_RULE_KEY_MAX)
		return 0;
	while (i < len) {
		if (s[i] < 0x20 || s[i] == 0x7F)
			return 0;
		n = cg_utf8_seq(s + i, len - i);
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

/* A message argument: a value the caller gave, or a whole key list. */
typedef struct {
	const char *s;
	size_t len;
	const key_list *list;
} arg;

typedef struct {
	const arg *args[2];
	cg_lang lang;
} args_ctx;

static void put_arg(cg_text *t, unsigned i, void *ctx)
{
	const args_ctx *c = ctx;
	const arg *a = i < 2 ? c->args[i] : NULL;
	size_t k;

	if (!a)
		return;
	if (!a->list) {
		cg_text_key(t, a->s, a->len, CG_RULE_KEY_MAX, c->lang);
		return;
	}
	for (k = 0; k < a->list->n; k++) {
		if (k)
			cg_text_puts(t, ", ");
		cg_text_key(t, a->list->items[k], strlen(a->list->items[k]), CG_RULE_KEY_MAX, c->lang);
	}
}

static void result(cg_rule_result *out, cg_message_id id, cg_lang lang, const arg *a1, const arg *a2)
{
	cg_text t;
	args_ctx ctx = { { a1, a2 }, lang };

	out->code = code_of(id);
	out->allowed = out->code == CG_RULE_OK;
	cg_text_init(&t, out->message, sizeof out->message);
	cg_text_message(&t, id, lang, put_arg, &ctx);
}

/* out->value = s[0..len) (keys are at most CG_RULE_KEY_MAX bytes; longer ones are cut). */
static void set_value(cg_rule_result *out, const char *s, size_t len)
{
	if (!s)
		len = 0;
	if (len > CG_RULE_KEY_MAX)
		len = CG_RULE_KEY_MAX;
	if (len)
		memcpy(out->value, s, len);
	out->value[len] = '\0';
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
		result(out, CG_MSG_REASON_REQUIRED, lang, &list, NULL);
	else if (list_find(&rules->reasons, reason, reason_len) < 0)
		result(out, CG_MSG_UNKNOWN_REASON, lang, &given, &list);
	else
		result(out, CG_MSG_OK, lang, NULL, NULL);
}

static void decide_stage(const cg_rules *rules, int is_new, const char *from, size_t from_len,
                         const char *to, size_t to_len, const char *reason, size_t reason_len,
                         int actor_is_admin, cg_lang lang, cg_rule_result *out)
{
	cg_stage_class tc, fc;
	arg a_from = { from, from_len, NULL }, a_to = { to, to_len, NULL };

	if (!is_new && from_len == to_len && (to_len == 0 || memcmp(from, to, to_len) == 0)) {
		/* Saved in the same stage: nothing moves, but a lost deal keeps a valid reason. */
		if (to_len && cg_rules_stage_class(rules, to, to_len) == CG_STAGE_CLOSED_LOST)
			check_reason(rules, reason, reason_len, lang, out);
		else
			result(out, CG_MSG_OK, lang, NULL, NULL);
		return;
	}
	if (to_len == 0) {
		/* No stage given: a new deal starts in 'New'; a stored deal keeps its stage. */
		if (is_new)
			result(out, CG_MSG_OK, lang, NULL, NULL);
		else
			result(out, CG_MSG_STAGE_REQUIRED, lang, &a_from, NULL);
		return;
	}
	tc = cg_rules_stage_class(rules, to, to_len);
	/* A stored deal without a stage is an old deal (FOREIGN), never a new one. */
	fc = is_new || from_len == 0 ? CG_STAGE_FOREIGN : cg_rules_stage_class(rules, from, from_len);
	if (tc == CG_STAGE_FOREIGN) {
		result(out, CG_MSG_UNKNOWN_STAGE, lang, &a_to, NULL);
		return;
	}
	if (!actor_is_admin) {
		if (is_new && is_closed(tc)) {
			result(out, CG_MSG_CREATE_CLOSED, lang, &a_to, NULL);
			return;
		}
		if (!is_new && is_closed(fc)) {
			result(out, CG_MSG_DEAL_CLOSED, lang, &a_from, NULL);
			return;
		}
		if (!is_new && fc == CG_STAGE_OPEN && tc == CG_STAGE_NEW) {
			result(out, CG_MSG_TRANSITION_BACK, lang, &a_from, &a_to);
			return;
		}
	}
	if (tc == CG_STAGE_CLOSED_LOST)
		check_reason(rules, reason, reason_len, lang, out);
	else
		result(out, CG_MSG_OK, lang, NULL, NULL);
}

void cg_rules_check_stage(const cg_rules *rules, int is_new, const char *from, size_t from_len,
                          const char *to, size_t to_len, const char *reason, size_t reason_len,
                          int actor_is_admin, cg_lang lang, cg_rule_result *out)
{
	if (is_new || !from)
		from_len = 0;
	if (!from)
		from = "";
	if (!to)
		to_len = 0;
	if (!to)
		to = "";
	decide_stage(rules, is_new, from, from_len, to, to_len, reason, reason_len, actor_is_admin, lang, out);
	if (out->allowed && (to_len || !is_new))
		set_value(out, to, to_len);     /* the target (an old deal without a stage saved as it is) */
	else if (is_new)                    /* a new deal: none given, or refused */
		set_value(out, STAGE_NEW, sizeof STAGE_NEW - 1);
	else
		set_value(out, from, from_len);
}

/* ---- company status ------------------------------------------------------- */

static void decide_status(const cg_rules *rules, const char *from, size_t from_len, const char *to, size_t to_len,
                          const cg_status_actor *actor, cg_lang lang, cg_rule_result *out)
{
	arg a_to = { to, to_len, NULL }, list = { NULL, 0, &rules->statuses };

	if (list_find(&rules->statuses, to, to_len) < 0)
		result(out, CG_MSG_UNKNOWN_STATUS, lang, &a_to, &list);
	else if (from_len == to_len && memcmp(from, to, to_len) == 0)
		result(out, CG_MSG_OK, lang, NULL, NULL);
	else if (actor->is_admin)
		result(out, CG_MSG_OK, lang, NULL, NULL);
	else if (!actor->has_assigned)
		result(out, CG_MSG_NO_ASSIGNED_USER, lang, NULL, NULL);
	else if (actor->is_owner)
		result(out, CG_MSG_OWNER_MAY_NOT_CHANGE, lang, NULL, NULL);
	else if (actor->is_supervisor)
		result(out, CG_MSG_OK, lang, NULL, NULL);
	else if (actor->is_create)
		result(out, CG_MSG_NEW_COMPANY_STATUS, lang, &a_to, NULL);
	else
		result(out, CG_MSG_NOT_SUPERVISOR, lang, NULL, NULL);
}

void cg_rules_check_status(const cg_rules *rules, const char *from, size_t from_len,
                           const char *to, size_t to_len, const cg_status_actor *actor,
                           cg_lang lang, cg_rule_result *out)
{
	/* What the company has now: a new one nothing; a missing value is 'waiting'. */
	if (actor->is_create || !from || from_len == 0) {
		from = STATUS_WAITING;
		from_len = sizeof STATUS_WAITING - 1;
	}
	if (!to || to_len == 0) {
		/* No status given: the company keeps what it has (a new one: the default). */
		result(out, CG_MSG_OK, lang, NULL, NULL);
		set_value(out, from, from_len);
		return;
	}
	decide_status(rules, from, from_len, to, to_len, actor, lang, out);
	set_value(out, out->allowed ? to : from, out->allowed ? to_len : from_len);
}
