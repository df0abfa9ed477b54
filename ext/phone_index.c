/*
 * CrmGuard\PhoneIndex — Zend glue over ext/core/phone_index.c: converts
 * arguments, the report and errors; the work is in the core.
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "php.h"
#include "zend_exceptions.h"

#include "php_crmguard.h"
#include "connection.h"
#include "phone_index.h"
#include "lookup.h"
#include "core/phone.h"
#include "core/crm_index.h"
#include "phone_index_arginfo.h"

zend_class_entry *crmguard_ce_phone_index;
static zend_object_handlers crmguard_phone_index_handlers;

static zend_object *crmguard_phone_index_create(zend_class_entry *ce)
{
	crmguard_phone_index *x = zend_object_alloc(sizeof(crmguard_phone_index), ce);

	zend_object_std_init(&x->std, ce);
	object_properties_init(&x->std, ce);
	ZVAL_UNDEF(&x->connection);
	x->std.handlers = &crmguard_phone_index_handlers;
	return &x->std;
}

static void crmguard_phone_index_free(zend_object *obj)
{
	crmguard_phone_index *x = crmguard_phone_index_from(obj);

	zval_ptr_dtor(&x->connection);
	zend_object_std_dtor(obj);
}

/* The GC must see the Connection held here. */
static HashTable *crmguard_phone_index_get_gc(zend_object *obj, zval **table, int *n)
{
	crmguard_phone_index *x = crmguard_phone_index_from(obj);

	*table = Z_ISUNDEF(x->connection) ? NULL : &x->connection;
	*n = Z_ISUNDEF(x->connection) ? 0 : 1;
	return zend_std_get_properties(obj);
}

/* The object's connection, or NULL with an exception thrown. */
static cg_db *crmguard_phone_index_db(crmguard_phone_index *x)
{
	if (Z_ISUNDEF(x->connection) || x->profile == NULL) {
		zend_throw_error(NULL, "CrmGuard\\PhoneIndex was not constructed");
		return NULL;
	}
	return crmguard_connection_db(&x->connection);
}

ZEND_METHOD(CrmGuard_PhoneIndex, __construct)
{
	zval *connection;
	zend_string *crm, *key;
	HashTable *options = NULL;
	crmguard_phone_index *x = crmguard_phone_index_from(Z_OBJ_P(ZEND_THIS));
	cg_crm which;
	int region;
	zval *value;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_OBJECT_OF_CLASS(connection, crmguard_ce_connection)
		Z_PARAM_STR(crm)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(options)
	ZEND_PARSE_PARAMETERS_END();

	if (cg_crm_from_name(ZSTR_VAL(crm), ZSTR_LEN(crm), &which) != 0) {
		zend_argument_value_error(2, "must be \"espocrm\" or \"suitecrm\"");
		RETURN_THROWS();
	}
	region = cg_region_find("RU", 2);
	if (options) {
		ZEND_HASH_FOREACH_STR_KEY_VAL(options, key, value) {
			if (key && zend_string_equals_literal(key, "region") && Z_TYPE_P(value) == IS_STRING) {
				region = crmguard_region_option(value, 3);
				if (region < 0)
					RETURN_THROWS();
			} else {
				zend_argument_value_error(3, "has an unknown or mistyped option %s%s%s (known: region as a string)",
					key ? "\"" : "", key ? ZSTR_VAL(key) : "with an integer key", key ? "\"" : "");
				RETURN_THROWS();
			}
		} ZEND_HASH_FOREACH_END();
	}
	zval_ptr_dtor(&x->connection);
	ZVAL_COPY(&x->connection, connection);
	x->profile = cg_crm_profile_of(which);
	x->region = region;
}

static void crmguard_add_cut(zval *arr, const char *key, const char *s)
{
	add_assoc_stringl(arr, key, s, strlen(s));
}

ZEND_METHOD(CrmGuard_PhoneIndex, rebuild)
{
	crmguard_phone_index *x = crmguard_phone_index_from(Z_OBJ_P(ZEND_THIS));
	cg_phone_index_report *report;
	cg_db_error err;
	cg_db *db;
	zval sample, item;

	ZEND_PARSE_PARAMETERS_NONE();
	db = crmguard_phone_index_db(x);
	if (db == NULL) {
		RETURN_THROWS();
	}
	report = emalloc(sizeof *report);
	if (cg_phone_index_rebuild(db, x->profile, x->region, report, &err) != 0) {
		efree(report);
		crmguard_throw_db_error(&err);
		RETURN_THROWS();
	}
	array_init_size(return_value, 6);
	add_assoc_long(return_value, "records", (zend_long) report->records);
	add_assoc_long(return_value, "phones", (zend_long) report->phones);
	add_assoc_long(return_value, "invalid", (zend_long) report->invalid);
	array_init_size(&sample, (uint32_t) report->sample_count);
	for (size_t i = 0; i < report->sample_count; i++) {
		const cg_phone_invalid *s = &report->sample[i];
		array_init_size(&item, 4);
		crmguard_add_cut(&item, "entity_type", s->entity_type);
		crmguard_add_cut(&item, "entity_id", s->entity_id);
		crmguard_add_cut(&item, "field", s->field);
		crmguard_add_cut(&item, "value", s->value);
		add_next_index_zval(&sample, &item);
	}
	add_assoc_zval(return_value, "invalid_sample", &sample);
	add_assoc_double(return_value, "elapsed_s", report->elapsed_s);
	add_assoc_string(return_value, "method", report->method == CG_INDEX_LOAD_DATA ? "load_data" : "insert");
	efree(report);
}

ZEND_METHOD(CrmGuard_PhoneIndex, reindex)
{
	crmguard_phone_index *x = crmguard_phone_index_from(Z_OBJ_P(ZEND_THIS));
	zend_string *type, *id;
	cg_entity_kind kind;
	cg_db_error err;
	cg_db *db;

	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_STR(type)
		Z_PARAM_STR(id)
	ZEND_PARSE_PARAMETERS_END();

	if (x->profile && cg_crm_entity_from_type(x->profile, ZSTR_VAL(type), ZSTR_LEN(type), &kind) != 0) {
		zend_argument_value_error(1, "must be one of \"%s\", \"%s\", \"%s\" for %s",
			x->profile->entities[CG_ENTITY_LEAD].type_name, x->profile->entities[CG_ENTITY_CONTACT].type_name,
			x->profile->entities[CG_ENTITY_ACCOUNT].type_name, x->profile->name);
		RETURN_THROWS();
	}
	if (ZSTR_LEN(id) == 0 || ZSTR_LEN(id) > 36) {
		zend_argument_value_error(2, "must be a record id of 1 to 36 bytes");
		RETURN_THROWS();
	}
	db = crmguard_phone_index_db(x);
	if (db == NULL) {
		RETURN_THROWS();
	}
	if (cg_phone_index_reindex(db, x->profile, x->region, kind, ZSTR_VAL(id), ZSTR_LEN(id), &err) != 0) {
		crmguard_throw_db_error(&err);
		RETURN_THROWS();
	}
}

/* {{{ lookup(string $phone, string $callerUserId, string $lang = 'en'): array — the call card (ext/lookup.c) */
ZEND_METHOD(CrmGuard_PhoneIndex, lookup)
{
	crmguard_phone_index *x = crmguard_phone_index_from(Z_OBJ_P(ZEND_THIS));
	zend_string *phone, *caller, *lang = NULL;
	cg_db *db;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_STR(phone)
		Z_PARAM_STR(caller)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR(lang)
	ZEND_PARSE_PARAMETERS_END();

	db = crmguard_phone_index_db(x);
	if (db == NULL) {
		RETURN_THROWS();
	}
	crmguard_lookup(db, x->profile, x->region, phone, caller, lang, 1, return_value);
}
/* }}} */

void crmguard_minit_phone_index(void)
{
	crmguard_ce_phone_index = register_class_CrmGuard_PhoneIndex();
	crmguard_ce_phone_index->create_object = crmguard_phone_index_create;
	memcpy(&crmguard_phone_index_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	crmguard_phone_index_handlers.offset = XtOffsetOf(crmguard_phone_index, std);
	crmguard_phone_index_handlers.free_obj = crmguard_phone_index_free;
	crmguard_phone_index_handlers.get_gc = crmguard_phone_index_get_gc;
	crmguard_phone_index_handlers.clone_obj = NULL;
}
