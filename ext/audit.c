/*
 * CrmGuard\Audit — Zend glue over ext/core/audit.c: turns the options array
 * into a cg_audit_config and the core's findings into PHP arrays.  The checks
 * themselves live in the core.
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include <string.h>

#include "php.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"

#include "php_crmguard.h"
#include "connection.h"
#include "core/audit.h"
#include "core/audit_tally.h"
#include "core/phone.h"
#include "audit_arginfo.h"

zend_class_entry *crmguard_ce_audit;
static zend_object_handlers crmguard_audit_handlers;

/* A list of field names copied out of a PHP array. */
typedef struct {
	char **item;
	size_t count;
} crmguard_names;

typedef struct {
	cg_audit_words words;
	int region;
	crmguard_names name_fields, phone_fields, required;
	zend_object std;
} crmguard_audit_object;

static inline crmguard_audit_object *audit_from(zend_object *obj)
{
	return (crmguard_audit_object *) ((char *) obj - XtOffsetOf(crmguard_audit_object, std));
}

static void names_free(crmguard_names *n)
{
	size_t i;

	for (i = 0; i < n->count; i++)
		efree(n->item[i]);
	if (n->item)
		efree(n->item);
	n->item = NULL;
	n->count = 0;
}

static void names_set(crmguard_names *n, const char *const *items, size_t count)
{
	size_t i;

	names_free(n);
	n->item = ecalloc(count ? count : 1, sizeof(char *));
	for (i = 0; i < count; i++)
		n->item[i] = estrdup(items[i]);
	n->count = count;
}

static void audit_reset(crmguard_audit_object *a)
{
	static const char *const names[] = {"first_name", "last_name", "name"};
	static const char *const phones[] = {"phone"};

	cg_audit_words_free(&a->words);
	a->region = cg_region_find("RU", 2);
	names_set(&a->name_fields, names, 3);
	names_set(&a->phone_fields, phones, 1);
	names_free(&a->required);
}

static zend_object *audit_create(zend_class_entry *ce)
{
	crmguard_audit_object *a = zend_object_alloc(sizeof(crmguard_audit_object), ce);

	zend_object_std_init(&a->std, ce);
	object_properties_init(&a->std, ce);
	a->std.handlers = &crmguard_audit_handlers;
	cg_audit_words_init(&a->words);
	audit_reset(a);
	return &a->std;
}

static void audit_free(zend_object *obj)
{
	crmguard_audit_object *a = audit_from(obj);

	cg_audit_words_free(&a->words);
	names_free(&a->name_fields);
	names_free(&a->phone_fields);
	names_free(&a->required);
	zend_object_std_dtor(obj);
}

/* Copies the strings of option $key (a list of strings) into *n; -1 with a ValueError thrown. */
static int option_names(zval *value, const char *key, crmguard_names *n)
{
	zval *item;
	size_t i = 0;

	if (Z_TYPE_P(value) != IS_ARRAY) {
		zend_argument_value_error(1, "option \"%s\" must be an array of strings", key);
		return -1;
	}
	names_free(n);
	n->item = ecalloc(zend_hash_num_elements(Z_ARRVAL_P(value)) + 1, sizeof(char *));
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(value), item) {
		ZVAL_DEREF(item);
		if (Z_TYPE_P(item) != IS_STRING || Z_STRLEN_P(item) == 0 || memchr(Z_STRVAL_P(item), 0, Z_STRLEN_P(item))) {
			zend_argument_value_error(1, "option \"%s\" must hold non-empty strings (element %zu is not)", key, i);
			n->count = i;
			return -1;
		}
		n->item[i++] = estrndup(Z_STRVAL_P(item), Z_STRLEN_P(item));
		n->count = i;
	} ZEND_HASH_FOREACH_END();
	return 0;
}

/* {{{ CrmGuard\Audit::__construct(array $options = []) */
ZEND_METHOD(CrmGuard_Audit, __construct)
{
	HashTable *options = NULL;
	crmguard_audit_object *a = audit_from(Z_OBJ_P(ZEND_THIS));
	zend_string *key;
	zval *value, *item;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(options)
	ZEND_PARSE_PARAMETERS_END();

	audit_reset(a);
	if (options == NULL)
		return;
	ZEND_HASH_FOREACH_STR_KEY_VAL(options, key, value) {
		ZVAL_DEREF(value);
		if (key == NULL) {
			zend_argument_value_error(1, "must be an array with string keys (words, region, name_fields, phone_fields, required)");
			RETURN_THROWS();
		}
		if (zend_string_equals_literal(key, "words")) {
			size_t i = 0;

			if (Z_TYPE_P(value) != IS_ARRAY) {
				zend_argument_value_error(1, "option \"words\" must be an array of strings");
				RETURN_THROWS();
			}
			ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(value), item) {
				ZVAL_DEREF(item);
				if (Z_TYPE_P(item) != IS_STRING) {
					zend_argument_value_error(1, "option \"words\" must hold strings (element %zu is not)", i);
					RETURN_THROWS();
				}
				if (cg_audit_words_add(&a->words, Z_STRVAL_P(item), Z_STRLEN_P(item)) < 0) {
					zend_throw_exception(crmguard_ce_exception, "out of memory for the word list", 0);
					RETURN_THROWS();
				}
				i++;
			} ZEND_HASH_FOREACH_END();
		} else if (zend_string_equals_literal(key, "region")) {
			int r = crmguard_region_option(value, 1);

			if (r < 0)
				RETURN_THROWS();
			a->region = r;
		} else if (zend_string_equals_literal(key, "name_fields")) {
			if (option_names(value, "name_fields", &a->name_fields) != 0)
				RETURN_THROWS();
		} else if (zend_string_equals_literal(key, "phone_fields")) {
			if (option_names(value, "phone_fields", &a->phone_fields) != 0)
				RETURN_THROWS();
		} else if (zend_string_equals_literal(key, "required")) {
			if (option_names(value, "required", &a->required) != 0)
				RETURN_THROWS();
		} else {
			zend_argument_value_error(1, "has an unknown option \"%s\" (words, region, name_fields, phone_fields, required)",
				ZSTR_VAL(key));
			RETURN_THROWS();
		}
	} ZEND_HASH_FOREACH_END();
}
/* }}} */

/* {{{ CrmGuard\Audit::checkName(string $value): array */
ZEND_METHOD(CrmGuard_Audit, checkName)
{
	zend_string *value;
	crmguard_audit_object *a = audit_from(Z_OBJ_P(ZEND_THIS));
	long w;
	zval problem;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(value)
	ZEND_PARSE_PARAMETERS_END();

	array_init(return_value);
	if (cg_audit_is_lowercase(ZSTR_VAL(value), ZSTR_LEN(value))) {
		array_init(&problem);
		add_assoc_string(&problem, "problem", "lowercase");
		add_next_index_zval(return_value, &problem);
	}
	w = cg_audit_words_find(&a->words, ZSTR_VAL(value), ZSTR_LEN(value));
	if (w >= 0) {
		array_init(&problem);
		add_assoc_string(&problem, "problem", "bad_word");
		add_assoc_string(&problem, "word", (char *) cg_audit_words_entry(&a->words, (size_t) w));
		add_next_index_zval(return_value, &problem);
	}
}
/* }}} */

/* {{{ CrmGuard\Audit::checkPhone(string $value): ?string */
ZEND_METHOD(CrmGuard_Audit, checkPhone)
{
	zend_string *value;
	crmguard_audit_object *a = audit_from(Z_OBJ_P(ZEND_THIS));
	const char *code;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(value)
	ZEND_PARSE_PARAMETERS_END();

	code = cg_audit_phone_code(cg_audit_check_phone(ZSTR_VAL(value), ZSTR_LEN(value), a->region));
	if (code == NULL)
		RETURN_NULL();
	RETURN_STRING(code);
}
/* }}} */

static void add_cstr_or_null(zval *arr, const char *key, const char *s)
{
	if (s)
		add_assoc_string(arr, key, (char *) s);
	else
		add_assoc_null(arr, key);
}

/* The scan's sink: every finding counted, the first `keep` of them (all when keep < 0) listed. */
typedef struct {
	zval findings;
	zend_long keep;
	cg_audit_tally tally;
	int out_of_memory;
} audit_sink;

static int audit_collect(const cg_audit_finding *f, void *ctx)
{
	audit_sink *sink = ctx;
	zval row;

	if (cg_audit_tally_add(&sink->tally, f) != 0) {
		sink->out_of_memory = 1;
		return 1;
	}
	if (sink->keep >= 0 && (zend_long) zend_hash_num_elements(Z_ARRVAL(sink->findings)) >= sink->keep)
		return 0;
	array_init_size(&row, 8);
	add_assoc_string(&row, "entity_type", (char *) f->entity_type);
	add_assoc_string(&row, "entity_id", (char *) f->entity_id);
	add_cstr_or_null(&row, "user_id", f->user_id);
	add_assoc_string(&row, "field", (char *) f->field);
	add_assoc_string(&row, "source_field", (char *) f->source_field);
	add_assoc_string(&row, "problem", (char *) f->problem);
	if (f->value)
		add_assoc_stringl(&row, "value", f->value, f->value_len);
	else
		add_assoc_null(&row, "value");
	add_cstr_or_null(&row, "detail", f->detail);
	add_next_index_zval(&sink->findings, &row);
	return 0;
}

/* kinds: list of [entity_type, field, problem, count]; the labels are tab-joined (audit_tally.h). */
static void add_tally(zval *result, const cg_audit_tally *t)
{
	zval kinds, users, kind;

	array_init_size(&kinds, (uint32_t) t->kinds.n);
	for (size_t i = 0; i < t->kinds.n; i++) {
		const char *a = t->kinds.label[i], *b = strchr(a, '\t'), *c = b ? strchr(b + 1, '\t') : NULL;

		if (b == NULL || c == NULL)
			continue;
		array_init_size(&kind, 4);
		add_next_index_stringl(&kind, a, (size_t) (b - a));
		add_next_index_stringl(&kind, b + 1, (size_t) (c - b - 1));
		add_next_index_string(&kind, c + 1);
		add_next_index_long(&kind, (zend_long) t->kinds.count[i]);
		add_next_index_zval(&kinds, &kind);
	}
	array_init_size(&users, (uint32_t) t->users.n);
	for (size_t i = 0; i < t->users.n; i++)
		add_assoc_long(&users, t->users.label[i], (zend_long) t->users.count[i]);
	add_assoc_long(result, "problems", (zend_long) t->problems);
	add_assoc_long(result, "records", (zend_long) cg_audit_tally_records(t));
	add_assoc_zval(result, "kinds", &kinds);
	add_assoc_zval(result, "by_user", &users);
}

/* {{{ CrmGuard\Audit::scan(Connection $db, string|array $sql, array $params = [], ?int $keep = null): array */
ZEND_METHOD(CrmGuard_Audit, scan)
{
	zval *conn, *query;
	zend_string *sql = NULL;
	HashTable *queries = NULL, *params = NULL;
	zend_long keep = -1;
	bool keep_null = 1;
	cg_db_value *values;
	size_t count = 0;
	int rc;
	crmguard_audit_object *a = audit_from(Z_OBJ_P(ZEND_THIS));
	cg_audit_config config;
	cg_db_error err;
	cg_db *db;
	size_t rows = 0, n = 0;
	audit_sink sink;

	ZEND_PARSE_PARAMETERS_START(2, 4)
		Z_PARAM_OBJECT_OF_CLASS(conn, crmguard_ce_connection)
		Z_PARAM_ARRAY_HT_OR_STR(queries, sql)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(params)
		Z_PARAM_LONG_OR_NULL(keep, keep_null)
	ZEND_PARSE_PARAMETERS_END();

	if (queries) {
		ZEND_HASH_FOREACH_VAL(queries, query) {
			if (Z_TYPE_P(query) != IS_STRING) {
				zend_argument_type_error(2, "must be a string or a list of strings (element %zu is not a string)", n);
				RETURN_THROWS();
			}
			n++;
		} ZEND_HASH_FOREACH_END();
	}
	if (!keep_null && keep < 0) {
		zend_argument_value_error(4, "must be 0 or more, or null for every finding");
		RETURN_THROWS();
	}
	db = crmguard_connection_db(conn);
	if (db == NULL)
		RETURN_THROWS();
	memset(&config, 0, sizeof config);
	config.words = &a->words;
	config.region = a->region;
	config.name_fields = (const char *const *) a->name_fields.item;
	config.name_field_count = a->name_fields.count;
	config.phone_fields = (const char *const *) a->phone_fields.item;
	config.phone_field_count = a->phone_fields.count;
	config.required = (const char *const *) a->required.item;
	config.required_count = a->required.count;

	values = params ? crmguard_params(params, &count, 3) : NULL;
	if (values == (cg_db_value *) -1)
		RETURN_THROWS();
	memset(&sink, 0, sizeof sink);
	sink.keep = keep_null ? -1 : keep;
	if (cg_audit_tally_init(&sink.tally) != 0) {
		if (values)
			efree(values);
		zend_throw_exception(crmguard_ce_exception, "out of memory for the audit's counts", 0);
		RETURN_THROWS();
	}
	array_init(&sink.findings);
	/* Several queries share one count (a record may appear in more than one: names, phones). */
	if (sql) {
		rc = cg_audit_scan(db, ZSTR_VAL(sql), ZSTR_LEN(sql), values, count, &config, audit_collect, &sink, &rows, &err);
	} else {
		rc = 0;
		ZEND_HASH_FOREACH_VAL(queries, query) {
			size_t part = 0;

			rc = cg_audit_scan(db, Z_STRVAL_P(query), Z_STRLEN_P(query), values, count, &config, audit_collect, &sink,
				&part, &err);
			rows += part;
			if (rc != 0)
				break;
		} ZEND_HASH_FOREACH_END();
	}
	if (values)
		efree(values);
	if (rc < 0 || sink.out_of_memory) {
		zval_ptr_dtor(&sink.findings);
		cg_audit_tally_free(&sink.tally);
		if (sink.out_of_memory)
			zend_throw_exception(crmguard_ce_exception, "out of memory for the audit's counts", 0);
		else
			crmguard_throw_db_error(&err);
		RETURN_THROWS();
	}
	array_init_size(return_value, 6);
	add_assoc_long(return_value, "rows", (zend_long) rows);
	add_assoc_zval(return_value, "findings", &sink.findings);
	add_tally(return_value, &sink.tally);
	cg_audit_tally_free(&sink.tally);
}
/* }}} */

void crmguard_minit_audit(void)
{
	crmguard_ce_audit = register_class_CrmGuard_Audit();
	crmguard_ce_audit->create_object = audit_create;
	memcpy(&crmguard_audit_handlers, zend_get_std_object_handlers(), sizeof crmguard_audit_handlers);
	crmguard_audit_handlers.offset = XtOffsetOf(crmguard_audit_object, std);
	crmguard_audit_handlers.free_obj = audit_free;
	crmguard_audit_handlers.clone_obj = NULL;
}
