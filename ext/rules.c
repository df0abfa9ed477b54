/*
 * CrmGuard\Rules — Zend glue over ext/core/rules.c and rules_db.c: converts
 * arguments and results, nothing more.
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "php.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "zend_smart_str.h"

#include "php_crmguard.h"
#include "connection.h"
#include "core/crm.h"
#include "core/rules.h"
#include "core/rules_db.h"
#include "rules_arginfo.h"

zend_class_entry *crmguard_ce_rules;
static zend_object_handlers crmguard_rules_handlers;

typedef struct {
	zval connection;                 /* the CrmGuard\Connection, kept alive */
	const cg_crm_profile *profile;
	cg_rules *rules;                 /* NULL until constructed */
	cg_supervisor_rule supervisor;
	zend_object std;
} crmguard_rules;

static inline crmguard_rules *crmguard_rules_from(zend_object *obj)
{
	return (crmguard_rules *) ((char *) obj - XtOffsetOf(crmguard_rules, std));
}

static zend_object *crmguard_rules_create(zend_class_entry *ce)
{
	crmguard_rules *r = zend_object_alloc(sizeof(crmguard_rules), ce);

	ZVAL_UNDEF(&r->connection);
	r->profile = NULL;
	r->rules = NULL;
	zend_object_std_init(&r->std, ce);
	object_properties_init(&r->std, ce);
	r->std.handlers = &crmguard_rules_handlers;
	return &r->std;
}

static void crmguard_rules_free(zend_object *obj)
{
	crmguard_rules *r = crmguard_rules_from(obj);

	zval_ptr_dtor(&r->connection);
	cg_rules_free(r->rules);
	r->rules = NULL;
	zend_object_std_dtor(obj);
}

static HashTable *crmguard_rules_get_gc(zend_object *obj, zval **table, int *n)
{
	crmguard_rules *r = crmguard_rules_from(obj);

	*table = Z_ISUNDEF(r->connection) ? NULL : &r->connection;
	*n = Z_ISUNDEF(r->connection) ? 0 : 1;
	return zend_std_get_properties(obj);
}

/* The object of $this, or NULL with an Error when the constructor did not run. */
static crmguard_rules *crmguard_rules_this(zval *self)
{
	crmguard_rules *r = crmguard_rules_from(Z_OBJ_P(self));

	if (r->rules == NULL) {
		zend_throw_error(NULL, "CrmGuard\\Rules object is not constructed");
		return NULL;
	}
	return r;
}

/* Adds each string of options[key] with add(); -1 with an exception thrown. */
static int crmguard_rules_add_list(cg_rules *rules, zval *value, const char *key,
                                   int (*add)(cg_rules *, const char *, size_t))
{
	zval *item;

	if (Z_TYPE_P(value) != IS_ARRAY) {
		zend_argument_type_error(3, "option \"%s\" must be a list of strings, %s given", key, zend_zval_type_name(value));
		return -1;
	}
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(value), item) {
		ZVAL_DEREF(item);
		if (Z_TYPE_P(item) != IS_STRING) {
			zend_argument_type_error(3, "option \"%s\" must hold strings only, %s given", key, zend_zval_type_name(item));
			return -1;
		}
		if (add(rules, Z_STRVAL_P(item), Z_STRLEN_P(item)) != 0) {
			zend_argument_value_error(3, "option \"%s\": each key must be 1 to %d bytes of UTF-8 text without control characters",
				key, CG_RULE_KEY_MAX);
			return -1;
		}
	} ZEND_HASH_FOREACH_END();
	return 0;
}

/* {{{ CrmGuard\Rules::__construct(Connection $db, string $crm, array $options = []) */
ZEND_METHOD(CrmGuard_Rules, __construct)
{
	zval *connection, *value;
	zend_string *crm, *key;
	HashTable *options = NULL;
	crmguard_rules *r = crmguard_rules_from(Z_OBJ_P(ZEND_THIS));
	cg_crm which;
	zend_string *supervisor = NULL;
	char why[256];

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_OBJECT_OF_CLASS(connection, crmguard_ce_connection)
		Z_PARAM_STR(crm)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(options)
	ZEND_PARSE_PARAMETERS_END();

	if (r->rules != NULL) {
		zend_throw_error(NULL, "CrmGuard\\Rules is already constructed");
		RETURN_THROWS();
	}
	if (cg_crm_from_name(ZSTR_VAL(crm), ZSTR_LEN(crm), &which) != 0) {
		zend_argument_value_error(2, "must be \"espocrm\" or \"suitecrm\"");
		RETURN_THROWS();
	}
	r->profile = cg_crm_profile_of(which);
	r->rules = cg_rules_new();
	if (r->rules == NULL) {
		zend_throw_error(NULL, "out of memory");
		RETURN_THROWS();
	}
	if (options) {
		ZEND_HASH_FOREACH_STR_KEY_VAL(options, key, value) {
			ZVAL_DEREF(value);
			if (key == NULL) {
				zend_argument_value_error(3, "must have string keys (stages, statuses, failure_reasons, supervisor)");
				goto fail;
			}
			if (zend_string_equals_literal(key, "stages")) {
				if (crmguard_rules_add_list(r->rules, value, "stages", cg_rules_add_stage) != 0)
					goto fail;
			} else if (zend_string_equals_literal(key, "statuses")) {
				if (crmguard_rules_add_list(r->rules, value, "statuses", cg_rules_add_status) != 0)
					goto fail;
			} else if (zend_string_equals_literal(key, "failure_reasons")) {
				if (crmguard_rules_add_list(r->rules, value, "failure_reasons", cg_rules_add_failure_reason) != 0)
					goto fail;
			} else if (zend_string_equals_literal(key, "supervisor")) {
				if (Z_TYPE_P(value) != IS_STRING) {
					zend_argument_type_error(3, "option \"supervisor\" must be a string, %s given", zend_zval_type_name(value));
					goto fail;
				}
				supervisor = Z_STR_P(value);
			} else {
				smart_str shown = {0};

				smart_str_append_escaped_truncated(&shown, key, 40);
				smart_str_0(&shown);
				zend_argument_value_error(3, "has an unknown option \"%s\" (known: stages, statuses, failure_reasons, supervisor)",
					ZSTR_VAL(shown.s));
				smart_str_free(&shown);
				goto fail;
			}
		} ZEND_HASH_FOREACH_END();
	}
	if (cg_supervisor_rule_parse(r->profile, supervisor ? ZSTR_VAL(supervisor) : NULL,
	                             supervisor ? ZSTR_LEN(supervisor) : 0, &r->supervisor, why, sizeof why) != 0) {
		zend_argument_value_error(3, "option \"supervisor\" %s", why);
		goto fail;
	}
	ZVAL_COPY(&r->connection, connection);
	return;

fail:
	cg_rules_free(r->rules);
	r->rules = NULL;
	RETURN_THROWS();
}
/* }}} */

static cg_lang crmguard_lang(zend_string *lang)
{
	return lang ? cg_lang_from_tag(ZSTR_VAL(lang), ZSTR_LEN(lang)) : CG_LANG_EN;
}

static void crmguard_rule_result(zval *return_value, const cg_rule_result *res)
{
	array_init_size(return_value, 4);
	add_assoc_bool(return_value, "allowed", res->allowed);
	add_assoc_string(return_value, "code", cg_rule_code_name(res->code));
	add_assoc_string(return_value, "message", res->message);
}

#define CG_STR(s) ((s) ? ZSTR_VAL(s) : NULL)
#define CG_LEN(s) ((s) ? ZSTR_LEN(s) : 0)

/* One stage decision for checkStageChange() and dealStage(): the rule's answer in return_value,
 * with the stage to save under "stage" when value_key is given. */
static void stage_decision(zval *return_value, zval *self, bool is_new, zend_string *from, zend_string *to,
                           zend_string *reason, zend_string *lang, zend_string *actor, const char *value_key)
{
	crmguard_rules *r;
	cg_rule_result res;
	cg_db_error err;
	cg_db *db = NULL;

	if ((r = crmguard_rules_this(self)) == NULL)
		return;
	if (actor && (db = crmguard_connection_db(&r->connection)) == NULL)
		return;
	if (cg_rules_check_stage_db(db, r->profile, r->rules, is_new, CG_STR(from), CG_LEN(from), CG_STR(to), CG_LEN(to),
	                            CG_STR(reason), CG_LEN(reason), CG_STR(actor), CG_LEN(actor), crmguard_lang(lang),
	                            &res, &err) != 0) {
		crmguard_throw_db_error(&err);
		return;
	}
	crmguard_rule_result(return_value, &res);
	if (value_key)
		add_assoc_string(return_value, value_key, res.value);
}

/* One status decision for checkStatusChange() and companyStatus(), as stage_decision(). */
static void status_decision(zval *return_value, zval *self, bool is_new, zend_string *from, zend_string *to,
                            zend_string *actor, zend_string *assigned, zend_string *lang, const char *value_key)
{
	crmguard_rules *r;
	cg_rule_result res;
	cg_db_error err;
	cg_db *db;

	if ((r = crmguard_rules_this(self)) == NULL || (db = crmguard_connection_db(&r->connection)) == NULL)
		return;
	if (cg_rules_check_status_db(db, r->profile, r->rules, &r->supervisor, is_new, CG_STR(from), CG_LEN(from),
	                             CG_STR(to), CG_LEN(to), CG_STR(actor), CG_LEN(actor), CG_STR(assigned),
	                             CG_LEN(assigned), crmguard_lang(lang), &res, &err) != 0) {
		crmguard_throw_db_error(&err);
		return;
	}
	crmguard_rule_result(return_value, &res);
	if (value_key)
		add_assoc_string(return_value, value_key, res.value);
}

/* {{{ checkStageChange(?string $from, string $to, ?string $failureReason, string $lang = 'en', ?string $actorUserId = null): array */
ZEND_METHOD(CrmGuard_Rules, checkStageChange)
{
	zend_string *from, *to, *reason, *lang = NULL, *actor = NULL;

	ZEND_PARSE_PARAMETERS_START(3, 5)
		Z_PARAM_STR_OR_NULL(from)
		Z_PARAM_STR(to)
		Z_PARAM_STR_OR_NULL(reason)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR(lang)
		Z_PARAM_STR_OR_NULL(actor)
	ZEND_PARSE_PARAMETERS_END();

	stage_decision(return_value, ZEND_THIS, from == NULL, from, to, reason, lang, actor, NULL);
}
/* }}} */

/* {{{ checkStatusChange(?string $from, string $to, string $actorUserId, ?string $assignedUserId, string $lang = 'en'): array */
ZEND_METHOD(CrmGuard_Rules, checkStatusChange)
{
	zend_string *from, *to, *actor, *assigned, *lang = NULL;

	ZEND_PARSE_PARAMETERS_START(4, 5)
		Z_PARAM_STR_OR_NULL(from)
		Z_PARAM_STR(to)
		Z_PARAM_STR(actor)
		Z_PARAM_STR_OR_NULL(assigned)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR(lang)
	ZEND_PARSE_PARAMETERS_END();

	status_decision(return_value, ZEND_THIS, from == NULL, from, to, actor, assigned, lang, NULL);
}
/* }}} */

/* {{{ dealStage(bool $isNew, ?string $from, ?string $to, ?string $failureReason, string $lang = 'en', ?string $actorUserId = null): array */
ZEND_METHOD(CrmGuard_Rules, dealStage)
{
	bool is_new;
	zend_string *from, *to, *reason, *lang = NULL, *actor = NULL;

	ZEND_PARSE_PARAMETERS_START(4, 6)
		Z_PARAM_BOOL(is_new)
		Z_PARAM_STR_OR_NULL(from)
		Z_PARAM_STR_OR_NULL(to)
		Z_PARAM_STR_OR_NULL(reason)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR(lang)
		Z_PARAM_STR_OR_NULL(actor)
	ZEND_PARSE_PARAMETERS_END();

	stage_decision(return_value, ZEND_THIS, is_new, from, to, reason, lang, actor, "stage");
}
/* }}} */

/* {{{ companyStatus(bool $isNew, ?string $from, ?string $to, ?string $actorUserId, ?string $assignedUserId, string $lang = 'en'): array */
ZEND_METHOD(CrmGuard_Rules, companyStatus)
{
	bool is_new;
	zend_string *from, *to, *actor, *assigned, *lang = NULL;

	ZEND_PARSE_PARAMETERS_START(5, 6)
		Z_PARAM_BOOL(is_new)
		Z_PARAM_STR_OR_NULL(from)
		Z_PARAM_STR_OR_NULL(to)
		Z_PARAM_STR_OR_NULL(actor)
		Z_PARAM_STR_OR_NULL(assigned)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR(lang)
	ZEND_PARSE_PARAMETERS_END();

	status_decision(return_value, ZEND_THIS, is_new, from, to, actor, assigned, lang, "status");
}
/* }}} */

/* {{{ defaultStatus(): string */
ZEND_METHOD(CrmGuard_Rules, defaultStatus)
{
	ZEND_PARSE_PARAMETERS_NONE();
	if (crmguard_rules_this(ZEND_THIS) == NULL)
		RETURN_THROWS();
	RETURN_STRING(cg_rules_default_status());
}
/* }}} */

/* {{{ logStageChange(string $dealId, ?string $userId, ?string $from, string $to, ?string $failureReason): void */
ZEND_METHOD(CrmGuard_Rules, logStageChange)
{
	zend_string *deal, *user, *from, *to, *reason;
	crmguard_rules *r;
	cg_db_error err;
	cg_db *db;
	int rc;

	ZEND_PARSE_PARAMETERS_START(5, 5)
		Z_PARAM_STR(deal)
		Z_PARAM_STR_OR_NULL(user)
		Z_PARAM_STR_OR_NULL(from)
		Z_PARAM_STR(to)
		Z_PARAM_STR_OR_NULL(reason)
	ZEND_PARSE_PARAMETERS_END();

	if ((r = crmguard_rules_this(ZEND_THIS)) == NULL || (db = crmguard_connection_db(&r->connection)) == NULL)
		RETURN_THROWS();
	rc = cg_rules_log_stage_change(db, ZSTR_VAL(deal), ZSTR_LEN(deal), CG_STR(user), CG_LEN(user), CG_STR(from),
	                               CG_LEN(from), ZSTR_VAL(to), ZSTR_LEN(to), CG_STR(reason), CG_LEN(reason), &err);
	if (rc == -2) {
		zend_value_error("%s", err.message);
		RETURN_THROWS();
	}
	if (rc != 0) {
		crmguard_throw_db_error(&err);
		RETURN_THROWS();
	}
}
/* }}} */

static void crmguard_rules_list(INTERNAL_FUNCTION_PARAMETERS, size_t (*count)(const cg_rules *),
                                const char *(*at)(const cg_rules *, size_t))
{
	crmguard_rules *r;
	size_t i, n;

	ZEND_PARSE_PARAMETERS_NONE();
	if ((r = crmguard_rules_this(ZEND_THIS)) == NULL)
		RETURN_THROWS();
	n = count(r->rules);
	array_init_size(return_value, (uint32_t) n);
	for (i = 0; i < n; i++)
		add_next_index_string(return_value, at(r->rules, i));
}

/* {{{ stages(): array — the process's stage keys, built-ins first */
ZEND_METHOD(CrmGuard_Rules, stages)
{
	crmguard_rules_list(INTERNAL_FUNCTION_PARAM_PASSTHRU, cg_rules_stage_count, cg_rules_stage);
}
/* }}} */

/* {{{ statuses(): array */
ZEND_METHOD(CrmGuard_Rules, statuses)
{
	crmguard_rules_list(INTERNAL_FUNCTION_PARAM_PASSTHRU, cg_rules_status_count, cg_rules_status);
}
/* }}} */

/* {{{ failureReasons(): array */
ZEND_METHOD(CrmGuard_Rules, failureReasons)
{
	crmguard_rules_list(INTERNAL_FUNCTION_PARAM_PASSTHRU, cg_rules_failure_reason_count, cg_rules_failure_reason);
}
/* }}} */

/* {{{ static label(string $key, string $lang = 'en'): ?string — the one wording of a built-in
 * stage, status or failure reason, for the report and the CRM packages' lists alike */
ZEND_METHOD(CrmGuard_Rules, label)
{
	zend_string *key, *lang = NULL;
	const char *label;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_STR(key)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR(lang)
	ZEND_PARSE_PARAMETERS_END();
	label = cg_label(ZSTR_VAL(key), ZSTR_LEN(key), crmguard_lang(lang));
	if (!label)
		RETURN_NULL();
	RETURN_STRING(label);
}
/* }}} */

void crmguard_minit_rules(void)
{
	crmguard_ce_rules = register_class_CrmGuard_Rules();
	crmguard_ce_rules->create_object = crmguard_rules_create;
	memcpy(&crmguard_rules_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	crmguard_rules_handlers.offset = XtOffsetOf(crmguard_rules, std);
	crmguard_rules_handlers.free_obj = crmguard_rules_free;
	crmguard_rules_handlers.get_gc = crmguard_rules_get_gc;
	crmguard_rules_handlers.clone_obj = NULL;
}
