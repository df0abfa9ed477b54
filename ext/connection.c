/*
 * CrmGuard\Connection — Zend glue over ext/core/db.c.
 *
 * Persistent links work as phpredis's pconnect: the open link is kept in
 * EG(persistent_list) under a key made of the address (without password) and
 * a hash of the whole DSN, so a PHP-FPM worker reuses it across requests.
 * The first object of a request that takes a link resets it (rollback,
 * temporary tables and session variables dropped: COM_RESET_CONNECTION, or a
 * reconnect when the server has gone away); objects of one request with the
 * same DSN share the link.
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "php.h"
#include "SAPI.h"
#include "zend_attributes.h"
#include "zend_exceptions.h"
#include "ext/standard/md5.h"
#include "ext/standard/sha1.h"

#include "php_crmguard.h"
#include "connection.h"
#include "core/dsn.h"
#include "connection_arginfo.h"

zend_class_entry *crmguard_ce_connection;
static zend_object_handlers crmguard_connection_handlers;
static int le_crmguard_plink;

typedef struct {
	cg_db db;
	uint32_t users; /* Connection objects of the current request holding it */
} crmguard_plink;

typedef struct {
	cg_db *db;              /* NULL once closed */
	crmguard_plink *plink;  /* set when db is a persistent link */
	zend_object std;
} crmguard_connection;

static inline crmguard_connection *crmguard_connection_from(zend_object *obj)
{
	return (crmguard_connection *) ((char *) obj - XtOffsetOf(crmguard_connection, std));
}

void crmguard_throw_db_error(const cg_db_error *err)
{
	zend_throw_exception(crmguard_ce_db_exception, err->message, (zend_long) err->code);
}

static void crmguard_throw_db_message(const char *message)
{
	zend_throw_exception(crmguard_ce_db_exception, message, 0);
}

cg_db *crmguard_connection_db(zval *connection)
{
	crmguard_connection *c;

	if (Z_TYPE_P(connection) != IS_OBJECT || !instanceof_function(Z_OBJCE_P(connection), crmguard_ce_connection)) {
		zend_type_error("expected a CrmGuard\\Connection");
		return NULL;
	}
	c = crmguard_connection_from(Z_OBJ_P(connection));
	if (c->db == NULL) {
		crmguard_throw_db_message("the connection is closed");
		return NULL;
	}
	return c->db;
}

/* ---- the object -------------------------------------------------------- */

static void crmguard_connection_release(crmguard_connection *c)
{
	if (c->plink) {
		if (c->plink->users > 0) {
			c->plink->users--;
		}
		c->plink = NULL;
	} else if (c->db) {
		cg_db_close(c->db);
		efree(c->db);
	}
	c->db = NULL;
}

static zend_object *crmguard_connection_create(zend_class_entry *ce)
{
	crmguard_connection *c = zend_object_alloc(sizeof(crmguard_connection), ce);

	zend_object_std_init(&c->std, ce);
	object_properties_init(&c->std, ce);
	c->std.handlers = &crmguard_connection_handlers;
	return &c->std;
}

static void crmguard_connection_free(zend_object *obj)
{
	crmguard_connection_release(crmguard_connection_from(obj));
	zend_object_std_dtor(obj);
}

/* ---- persistent links -------------------------------------------------- */

static void crmguard_plink_dtor(zend_resource *res)
{
	crmguard_plink *p = (crmguard_plink *) res->ptr;

	if (p) {
		cg_db_close(&p->db);
		pefree(p, 1);
		res->ptr = NULL;
	}
}

zend_long crmguard_connection_persistent_count(void)
{
	zend_resource *le;
	zend_long n = 0;

	ZEND_HASH_FOREACH_PTR(&EG(persistent_list), le) {
		if (le->type == le_crmguard_plink) {
			n++;
		}
	} ZEND_HASH_FOREACH_END();
	return n;
}

/* "crmguard:<address without password>:<sha1 of the DSN>" */
static zend_string *crmguard_plink_key(const cg_db *probe, zend_string *dsn)
{
	PHP_SHA1_CTX ctx;
	unsigned char digest[20];
	char hex[41];

	PHP_SHA1Init(&ctx);
	PHP_SHA1Update(&ctx, (const unsigned char *) ZSTR_VAL(dsn), ZSTR_LEN(dsn));
	PHP_SHA1Final(digest, &ctx);
	make_digest_ex(hex, digest, 20);
	return zend_strpprintf(0, "crmguard:%s:%s", probe->address, hex);
}

/* Takes (or opens) the persistent link for the DSN; NULL with err set. */
static crmguard_plink *crmguard_plink_acquire(zend_string *dsn, const cg_dsn *parsed, cg_db_error *err)
{
	cg_db probe;
	zend_string *key;
	zend_resource *le;
	crmguard_plink *p;

	memset(&probe, 0, sizeof probe);
	cg_dsn_describe(parsed, probe.address, sizeof probe.address);
	key = crmguard_plink_key(&probe, dsn);

	le = zend_hash_find_ptr(&EG(persistent_list), key);
	if (le != NULL && le->type == le_crmguard_plink && le->ptr != NULL) {
		p = (crmguard_plink *) le->ptr;
		/* Reset only a link no other object of this request is using. */
		if (p->users == 0 && cg_db_reset(&p->db, err) != 0) {
			zend_string_release(key);
			return NULL;
		}
		p->users++;
		zend_string_release(key);
		return p;
	}

	p = pemalloc(sizeof(crmguard_plink), 1);
	memset(p, 0, sizeof *p);
	if (cg_db_connect(&p->db, parsed, err) != 0) {
		cg_db_close(&p->db);
		pefree(p, 1);
		zend_string_release(key);
		return NULL;
	}
	p->users = 1;
	zend_register_persistent_resource(ZSTR_VAL(key), ZSTR_LEN(key), p, le_crmguard_plink);
	zend_string_release(key);
	return p;
}

/* Persistent by default where a process serves many requests (FPM, CGI,
 * Apache), not in the CLI. */
static bool crmguard_default_persistent(void)
{
	const char *sapi = sapi_module.name ? sapi_module.name : "";

	return strcmp(sapi, "cli") != 0 && strcmp(sapi, "phpdbg") != 0 && strcmp(sapi, "embed") != 0;
}

/* ---- values ------------------------------------------------------------ */

cg_db_value *crmguard_params(HashTable *params, size_t *count, uint32_t arg_num)
{
	cg_db_value *values;
	zval *v;
	size_t n = 0;

	*count = zend_hash_num_elements(params);
	if (*count == 0) {
		return NULL;
	}
	values = ecalloc(*count, sizeof *values);
	ZEND_HASH_FOREACH_VAL(params, v) {
		cg_db_value *out = &values[n];
		ZVAL_DEREF(v);
		switch (Z_TYPE_P(v)) {
			case IS_NULL:
				out->type = CG_DB_NULL;
				break;
			case IS_FALSE:
			case IS_TRUE:
				out->type = CG_DB_INT;
				out->i = Z_TYPE_P(v) == IS_TRUE;
				break;
			case IS_LONG:
				out->type = CG_DB_INT;
				out->i = Z_LVAL_P(v);
				break;
			case IS_DOUBLE:
				out->type = CG_DB_DOUBLE;
				out->d = Z_DVAL_P(v);
				break;
			case IS_STRING:
				out->type = CG_DB_STRING;
				out->s = Z_STRVAL_P(v);
				out->len = Z_STRLEN_P(v);
				break;
			default:
				efree(values);
				zend_argument_type_error(arg_num, "must hold only null, bool, int, float or string values, %s given at position %zu",
					zend_zval_type_name(v), n);
				return (cg_db_value *) -1;
		}
		n++;
	} ZEND_HASH_FOREACH_END();
	return values;
}

typedef struct {
	zval *rows;
	zend_string **keys;
	unsigned count;
} crmguard_rows_ctx;

static int crmguard_rows_columns(void *ctx, const cg_db_column *cols, unsigned count)
{
	crmguard_rows_ctx *x = ctx;

	x->keys = ecalloc(count ? count : 1, sizeof(zend_string *));
	x->count = count;
	for (unsigned k = 0; k < count; k++) {
		x->keys[k] = zend_string_init(cols[k].name, cols[k].len, 0);
	}
	return 0;
}

/* One row as query() returns it: column name => int, string or null. */
static void crmguard_row_zval(const crmguard_rows_ctx *x, const cg_db_cell *cells, unsigned count, zval *row)
{
	zval v;

	array_init_size(row, count);
	for (unsigned k = 0; k < count; k++) {
		switch (cells[k].type) {
			case CG_DB_INT:
				ZVAL_LONG(&v, (zend_long) cells[k].i);
				break;
			case CG_DB_STRING:
				ZVAL_STRINGL_FAST(&v, cells[k].s, cells[k].len);
				break;
			default:
				ZVAL_NULL(&v);
				break;
		}
		zend_hash_update(Z_ARRVAL_P(row), x->keys[k], &v);
	}
}

static int crmguard_rows_row(void *ctx, const cg_db_cell *cells, unsigned count)
{
	crmguard_rows_ctx *x = ctx;
	zval row;

	crmguard_row_zval(x, cells, count, &row);
	add_next_index_zval(x->rows, &row);
	return 0;
}

/* each(): the rows go one at a time to a callable while they stream; rows first, so that
 * crmguard_rows_columns() fills the keys. */
typedef struct {
	crmguard_rows_ctx rows;
	zend_fcall_info fci;
	zend_fcall_info_cache fcc;
	zend_long seen;
} crmguard_each_ctx;

static int crmguard_each_row(void *ctx, const cg_db_cell *cells, unsigned count)
{
	crmguard_each_ctx *e = ctx;
	zval row, retval;
	zend_result called;

	crmguard_row_zval(&e->rows, cells, count, &row);
	ZVAL_UNDEF(&retval);
	e->fci.retval = &retval;
	e->fci.params = &row;
	e->fci.param_count = 1;
	called = zend_call_function(&e->fci, &e->fcc);
	zval_ptr_dtor(&row);
	zval_ptr_dtor(&retval);
	if (called != SUCCESS || EG(exception)) {
		return 1;          /* stops reading; each() lets the exception through */
	}
	e->seen++;
	return 0;
}

static void crmguard_rows_free(crmguard_rows_ctx *x)
{
	for (unsigned k = 0; k < x->count; k++) {
		zend_string_release(x->keys[k]);
	}
	if (x->keys) {
		efree(x->keys);
	}
}

/* ---- methods ----------------------------------------------------------- */

ZEND_METHOD(CrmGuard_Connection, __construct)
{
	zend_string *dsn;
	HashTable *options = NULL;
	crmguard_connection *c = crmguard_connection_from(Z_OBJ_P(ZEND_THIS));
	bool persistent = crmguard_default_persistent();
	cg_dsn parsed;
	cg_db_error err;
	char message[512];
	zend_string *key;
	zval *value;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_STR(dsn)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(options)
	ZEND_PARSE_PARAMETERS_END();

	if (c->db != NULL) {
		zend_throw_error(NULL, "CrmGuard\\Connection is already constructed");
		RETURN_THROWS();
	}
	if (options) {
		ZEND_HASH_FOREACH_STR_KEY_VAL(options, key, value) {
			if (key && zend_string_equals_literal(key, "persistent")) {
				persistent = zend_is_true(value);
			} else {
				zend_argument_value_error(2, "has an unknown option %s%s%s (known: persistent)",
					key ? "\"" : "", key ? ZSTR_VAL(key) : "with an integer key", key ? "\"" : "");
				RETURN_THROWS();
			}
		} ZEND_HASH_FOREACH_END();
	}

	if (cg_dsn_parse(ZSTR_VAL(dsn), ZSTR_LEN(dsn), &parsed, message, sizeof message) != 0) {
		cg_dsn_wipe(&parsed);
		crmguard_throw_db_message(message);
		RETURN_THROWS();
	}
	if (persistent) {
		crmguard_plink *p = crmguard_plink_acquire(dsn, &parsed, &err);
		cg_dsn_wipe(&parsed);
		if (p == NULL) {
			crmguard_throw_db_error(&err);
			RETURN_THROWS();
		}
		c->plink = p;
		c->db = &p->db;
		return;
	}
	c->db = emalloc(sizeof(cg_db));
	if (cg_db_connect(c->db, &parsed, &err) != 0) {
		cg_dsn_wipe(&parsed);
		cg_db_close(c->db);
		efree(c->db);
		c->db = NULL;
		crmguard_throw_db_error(&err);
		RETURN_THROWS();
	}
	cg_dsn_wipe(&parsed);
}

/* Runs $sql with $params; rows into rows (may be NULL).  -1: thrown. */
static int crmguard_connection_run(zend_execute_data *execute_data, zval *rows, unsigned long long *affected)
{
	zend_string *sql;
	HashTable *params = NULL;
	cg_db *db;
	cg_db_value *values;
	size_t count;
	cg_db_error err;
	crmguard_rows_ctx x = {rows, NULL, 0};
	static const cg_db_sink sink = {crmguard_rows_columns, crmguard_rows_row};
	int rc;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_STR(sql)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(params)
	ZEND_PARSE_PARAMETERS_END_EX(return -1);

	db = crmguard_connection_db(ZEND_THIS);
	if (db == NULL) {
		return -1;
	}
	values = params ? crmguard_params(params, &count, 2) : (count = 0, NULL);
	if (values == (cg_db_value *) -1) {
		return -1;
	}
	rc = cg_db_query(db, ZSTR_VAL(sql), ZSTR_LEN(sql), values, count, rows ? &sink : NULL, &x, affected, &err);
	crmguard_rows_free(&x);
	if (values) {
		efree(values);
	}
	if (rc != 0) {
		crmguard_throw_db_error(&err);
		return -1;
	}
	return 0;
}

ZEND_METHOD(CrmGuard_Connection, query)
{
	array_init(return_value);
	if (crmguard_connection_run(execute_data, return_value, NULL) != 0) {
		zval_ptr_dtor(return_value);
		ZVAL_UNDEF(return_value);
		RETURN_THROWS();
	}
}

ZEND_METHOD(CrmGuard_Connection, exec)
{
	unsigned long long affected = 0;

	if (crmguard_connection_run(execute_data, NULL, &affected) != 0) {
		RETURN_THROWS();
	}
	RETURN_LONG(affected > (unsigned long long) ZEND_LONG_MAX ? ZEND_LONG_MAX : (zend_long) affected);
}

/* {{{ CrmGuard\Connection::each(string $sql, array $params, callable $row): int */
ZEND_METHOD(CrmGuard_Connection, each)
{
	zend_string *sql;
	HashTable *params;
	cg_db *db;
	cg_db_value *values;
	size_t count;
	cg_db_error err;
	crmguard_each_ctx e;
	static const cg_db_sink sink = {crmguard_rows_columns, crmguard_each_row};
	int rc;

	memset(&e, 0, sizeof e);
	ZEND_PARSE_PARAMETERS_START(3, 3)
		Z_PARAM_STR(sql)
		Z_PARAM_ARRAY_HT(params)
		Z_PARAM_FUNC(e.fci, e.fcc)
	ZEND_PARSE_PARAMETERS_END();

	db = crmguard_connection_db(ZEND_THIS);
	if (db == NULL) {
		RETURN_THROWS();
	}
	values = crmguard_params(params, &count, 2);
	if (values == (cg_db_value *) -1) {
		RETURN_THROWS();
	}
	rc = cg_db_query(db, ZSTR_VAL(sql), ZSTR_LEN(sql), values, count, &sink, &e, NULL, &err);
	crmguard_rows_free(&e.rows);
	if (values) {
		efree(values);
	}
	if (EG(exception)) {
		RETURN_THROWS();
	}
	if (rc != 0) {
		crmguard_throw_db_error(&err);
		RETURN_THROWS();
	}
	RETURN_LONG(e.seen);
}
/* }}} */

ZEND_METHOD(CrmGuard_Connection, execScript)
{
	zend_string *sql;
	cg_db *db;
	cg_db_error err;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(sql)
	ZEND_PARSE_PARAMETERS_END();

	db = crmguard_connection_db(ZEND_THIS);
	if (db == NULL) {
		RETURN_THROWS();
	}
	if (cg_db_exec_script(db, ZSTR_VAL(sql), ZSTR_LEN(sql), &err) != 0) {
		crmguard_throw_db_error(&err);
		RETURN_THROWS();
	}
}

ZEND_METHOD(CrmGuard_Connection, close)
{
	ZEND_PARSE_PARAMETERS_NONE();
	(void) return_value;
	crmguard_connection_release(crmguard_connection_from(Z_OBJ_P(ZEND_THIS)));
}

void crmguard_minit_connection(int module_number)
{
	crmguard_ce_connection = register_class_CrmGuard_Connection();
	crmguard_ce_connection->create_object = crmguard_connection_create;
	memcpy(&crmguard_connection_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	crmguard_connection_handlers.offset = XtOffsetOf(crmguard_connection, std);
	crmguard_connection_handlers.free_obj = crmguard_connection_free;
	crmguard_connection_handlers.clone_obj = NULL;
	le_crmguard_plink = zend_register_list_destructors_ex(NULL, crmguard_plink_dtor,
		"crmguard persistent link", module_number);
}
