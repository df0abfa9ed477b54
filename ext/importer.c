/*
 * CrmGuard\Importer — Zend glue over ext/core/import.c: converts the options
 * and the report, and turns the core's errors into exceptions.
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include <stdio.h>
#include <unistd.h>

#include "php.h"
#include "zend_exceptions.h"

#include "php_crmguard.h"
#include "connection.h"
#include "core/crm.h"
#include "core/csv_encoding.h"
#include "core/import.h"
#include "core/phone.h"
#include "importer_arginfo.h"

zend_class_entry *crmguard_ce_importer;
static zend_object_handlers crmguard_importer_handlers;

typedef struct parsed_options parsed_options;
static void parsed_free(parsed_options *p);

typedef struct {
	zval connection;
	parsed_options *options; /* read once, by the constructor */
	zend_string *crm;
	zend_object std;
} crmguard_importer;

static inline crmguard_importer *crmguard_importer_from(zend_object *obj)
{
	return (crmguard_importer *) ((char *) obj - XtOffsetOf(crmguard_importer, std));
}

static zend_object *crmguard_importer_create(zend_class_entry *ce)
{
	crmguard_importer *x = zend_object_alloc(sizeof(crmguard_importer), ce);

	zend_object_std_init(&x->std, ce);
	object_properties_init(&x->std, ce);
	ZVAL_UNDEF(&x->connection);
	x->options = NULL;
	x->crm = NULL;
	x->std.handlers = &crmguard_importer_handlers;
	return &x->std;
}

static void crmguard_importer_free(zend_object *obj)
{
	crmguard_importer *x = crmguard_importer_from(obj);

	zval_ptr_dtor(&x->connection);
	if (x->options) {
		parsed_free(x->options);
		efree(x->options);
	}
	if (x->crm)
		zend_string_release(x->crm);
	zend_object_std_dtor(obj);
}

static HashTable *crmguard_importer_get_gc(zend_object *obj, zval **table, int *n)
{
	crmguard_importer *x = crmguard_importer_from(obj);

	*table = Z_ISUNDEF(x->connection) ? NULL : &x->connection;
	*n = Z_ISUNDEF(x->connection) ? 0 : 1;
	return zend_std_get_properties(obj);
}

/* ---- options ------------------------------------------------------------------------ */

#define MAX_LIST 512

struct parsed_options {
	cg_import_options o;
	const char *maps[MAX_LIST];
	const char *assign[MAX_LIST];
	char *owned[2 * MAX_LIST + 16]; /* strings made here, freed with the importer */
	size_t n_owned;
};

static void parsed_free(parsed_options *p)
{
	size_t i;
	for (i = 0; i < p->n_owned; i++)
		efree(p->owned[i]);
	p->n_owned = 0;
}

static const char *keep(parsed_options *p, const char *s, size_t len)
{
	char *copy = estrndup(s, len);
	p->owned[p->n_owned++] = copy;
	return copy;
}

/* Splits "a,b, c" into list items; 0, or -1 when too many. */
static int split_list(parsed_options *p, const char *s, size_t len, const char **out, size_t *n)
{
	size_t i = 0;

	while (i < len) {
		size_t start = i, end;
		while (i < len && s[i] != ',')
			i++;
		end = i;
		while (start < end && s[start] == ' ')
			start++;
		while (end > start && s[end - 1] == ' ')
			end--;
		if (end > start) {
			if (*n >= MAX_LIST || p->n_owned >= sizeof p->owned / sizeof p->owned[0])
				return -1;
			out[(*n)++] = keep(p, s + start, end - start);
		}
		i++;
	}
	return 0;
}

/* Seconds from now for "task_due": an int, or a relative date string as strtotime() reads it. */
static int due_seconds(zval *v, long long *out)
{
	if (Z_TYPE_P(v) == IS_LONG) {
		*out = Z_LVAL_P(v);
		return 0;
	}
	if (Z_TYPE_P(v) == IS_STRING) {
		zval fn, ret, args[2];
		time_t now = time(NULL);
		int ok;
		ZVAL_STRING(&fn, "strtotime");
		ZVAL_COPY(&args[0], v);
		ZVAL_LONG(&args[1], (zend_long) now);
		ok = call_user_function(NULL, NULL, &fn, &ret, 2, args) == SUCCESS && Z_TYPE(ret) == IS_LONG;
		if (ok)
			*out = (long long) Z_LVAL(ret) - (long long) now;
		zval_ptr_dtor(&fn);
		zval_ptr_dtor(&args[0]);
		zval_ptr_dtor(&ret);
		return ok ? 0 : -1;
	}
	return -1;
}

/*
 * Reads the options array; 0, or -1 with a ValueError thrown (argument
 * arg_num names the options parameter).
 */
static int parse_options(HashTable *ht, parsed_options *p, uint32_t arg_num)
{
	zend_string *key;
	zval *v;

	memset(p, 0, sizeof *p);
	p->o.region = cg_region_find("RU", 2);
	p->o.task_due_seconds = 86400;
	p->o.close_days = 30;
	p->o.maps = p->maps;
	p->o.assign = p->assign;
	if (!ht)
		return 0;

	ZEND_HASH_FOREACH_STR_KEY_VAL(ht, key, v) {
		const char *k = key ? ZSTR_VAL(key) : "";
		ZVAL_DEREF(v);
		if (!key) {
			zend_argument_value_error(arg_num, "must have string keys (option names)");
			return -1;
		}
		if (strcmp(k, "assign") == 0) {
			if (Z_TYPE_P(v) == IS_STRING) {
				if (split_list(p, Z_STRVAL_P(v), Z_STRLEN_P(v), p->assign, &p->o.n_assign) < 0)
					goto too_many;
			} else if (Z_TYPE_P(v) == IS_ARRAY) {
				zval *item;
				ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(v), item) {
					ZVAL_DEREF(item);
					if (Z_TYPE_P(item) != IS_STRING)
						goto bad_type;
					if (split_list(p, Z_STRVAL_P(item), Z_STRLEN_P(item), p->assign, &p->o.n_assign) < 0)
						goto too_many;
				} ZEND_HASH_FOREACH_END();
			} else {
				goto bad_type;
			}
		} else if (strcmp(k, "assign_column") == 0) {
			if (Z_TYPE_P(v) == IS_TRUE) {
				p->o.assign_from_column = 1;
			} else if (Z_TYPE_P(v) == IS_STRING && Z_STRLEN_P(v) > 0) {
				char *item;
				if (p->o.n_maps >= MAX_LIST)
					goto too_many;
				p->o.assign_from_column = 1;
				item = emalloc(Z_STRLEN_P(v) + sizeof "=manager");
				memcpy(item, Z_STRVAL_P(v), Z_STRLEN_P(v));
				memcpy(item + Z_STRLEN_P(v), "=manager", sizeof "=manager");
				p->owned[p->n_owned++] = item;
				p->maps[p->o.n_maps++] = item;
			} else if (Z_TYPE_P(v) != IS_FALSE && Z_TYPE_P(v) != IS_NULL) {
				goto bad_type;
			}
		} else if (strcmp(k, "map") == 0) {
			zend_string *col;
			zval *item;
			if (Z_TYPE_P(v) == IS_STRING) {
				if (split_list(p, Z_STRVAL_P(v), Z_STRLEN_P(v), p->maps, &p->o.n_maps) < 0)
					goto too_many;
				continue;
			}
			if (Z_TYPE_P(v) != IS_ARRAY)
				goto bad_type;
			ZEND_HASH_FOREACH_STR_KEY_VAL(Z_ARRVAL_P(v), col, item) {
				ZVAL_DEREF(item);
				if (Z_TYPE_P(item) != IS_STRING || p->o.n_maps >= MAX_LIST ||
				    p->n_owned >= sizeof p->owned / sizeof p->owned[0])
					goto bad_type;
				if (col) {
					char *s = emalloc(ZSTR_LEN(col) + Z_STRLEN_P(item) + 2);
					memcpy(s, ZSTR_VAL(col), ZSTR_LEN(col));
					s[ZSTR_LEN(col)] = '=';
					memcpy(s + ZSTR_LEN(col) + 1, Z_STRVAL_P(item), Z_STRLEN_P(item) + 1);
					p->owned[p->n_owned++] = s;
					p->maps[p->o.n_maps++] = s;
				} else {
					p->maps[p->o.n_maps++] = keep(p, Z_STRVAL_P(item), Z_STRLEN_P(item));
				}
			} ZEND_HASH_FOREACH_END();
		} else if (strcmp(k, "region") == 0) {
			if (Z_TYPE_P(v) != IS_STRING)
				goto bad_type;
			p->o.region = crmguard_region_option(v, arg_num);
			if (p->o.region < 0)
				return -1;
		} else if (strcmp(k, "encoding") == 0) {
			if (Z_TYPE_P(v) != IS_STRING || cg_encoding_from_name(Z_STRVAL_P(v), Z_STRLEN_P(v), &p->o.encoding) < 0) {
				zend_argument_value_error(arg_num, "option \"encoding\" must be \"auto\", \"utf-8\" or \"cp1251\"");
				return -1;
			}
		} else if (strcmp(k, "delimiter") == 0) {
			if (Z_TYPE_P(v) == IS_STRING && Z_STRLEN_P(v) == 1 && Z_STRVAL_P(v)[0] != '"' &&
			    Z_STRVAL_P(v)[0] != '\n' && Z_STRVAL_P(v)[0] != '\r') {
				p->o.delimiter = Z_STRVAL_P(v)[0];
			} else if (Z_TYPE_P(v) == IS_STRING && (zend_string_equals_literal(Z_STR_P(v), "tab") ||
			                                         zend_string_equals_literal(Z_STR_P(v), "\\t"))) {
				p->o.delimiter = '\t';
			} else if (Z_TYPE_P(v) == IS_STRING && Z_STRLEN_P(v) == 0) {
				p->o.delimiter = 0;
			} else {
				zend_argument_value_error(arg_num, "option \"delimiter\" must be one character (\",\", \";\", "
					"\"tab\" ...) or \"\" to detect it");
				return -1;
			}
		} else if (strcmp(k, "rejects") == 0 || strcmp(k, "created_by") == 0 || strcmp(k, "currency") == 0 ||
		           strcmp(k, "lang") == 0 || strcmp(k, "_test_pause_file") == 0) {
			const char *s;
			if (Z_TYPE_P(v) == IS_NULL)
				continue;
			if (Z_TYPE_P(v) != IS_STRING || memchr(Z_STRVAL_P(v), 0, Z_STRLEN_P(v)))
				goto bad_type;
			s = keep(p, Z_STRVAL_P(v), Z_STRLEN_P(v));
			if (k[0] == 'r')
				p->o.rejects_path = s;
			else if (k[1] == 'r')
				p->o.created_by = s;
			else if (k[0] == 'c')
				p->o.currency = s;
			else if (k[0] == 'l')
				p->o.lang = s;
			else
				p->o.pause_file = s;
			if (k[0] == 'l' && strcmp(s, "ru") != 0 && strcmp(s, "en") != 0) {
				zend_argument_value_error(arg_num, "option \"lang\" must be \"ru\" or \"en\"");
				return -1;
			}
			if (k[0] == 'c' && k[1] == 'u' && (Z_STRLEN_P(v) != 3)) {
				zend_argument_value_error(arg_num, "option \"currency\" must be a 3-letter code");
				return -1;
			}
		} else if (strcmp(k, "dry_run") == 0 || strcmp(k, "progress") == 0 || strcmp(k, "_test_insert") == 0 ||
		           strcmp(k, "phone_extensions") == 0) {
			if (Z_TYPE_P(v) != IS_TRUE && Z_TYPE_P(v) != IS_FALSE)
				goto bad_type;
			if (k[0] == 'p' && k[1] == 'h')
				p->o.phone_extensions = Z_TYPE_P(v) == IS_TRUE;
			else if (k[0] == 'd')
				p->o.dry_run = Z_TYPE_P(v) == IS_TRUE;
			else if (k[0] == '_')
				p->o.insert_only = Z_TYPE_P(v) == IS_TRUE;
			else
				p->o.progress_ctx = Z_TYPE_P(v) == IS_TRUE ? (void *) 1 : NULL;
		} else if (strcmp(k, "task_due") == 0) {
			if (due_seconds(v, &p->o.task_due_seconds) < 0) {
				zend_argument_value_error(arg_num, "option \"task_due\" must be seconds from now or a relative "
					"date such as \"+1 day\"");
				return -1;
			}
		} else if (strcmp(k, "batch_size") == 0 || strcmp(k, "close_days") == 0 || strcmp(k, "max_field") == 0 ||
		           strcmp(k, "connections") == 0 || strcmp(k, "_test_pause_batch") == 0 ||
		           strcmp(k, "_test_pause_seconds") == 0) {
			zend_long n;
			if (Z_TYPE_P(v) != IS_LONG)
				goto bad_type;
			n = Z_LVAL_P(v);
			if (k[0] == 'b') {
				if (n < 1 || n > 100000) {
					zend_argument_value_error(arg_num, "option \"batch_size\" must be from 1 to 100000");
					return -1;
				}
				p->o.batch_rows = (size_t) n;
			} else if (k[1] == 'o') {
				if (n < 1 || n > 5) {
					zend_argument_value_error(arg_num, "option \"connections\" must be from 1 to 5");
					return -1;
				}
				p->o.connections = (int) n;
			} else if (k[0] == 'c') {
				if (n < 0 || n > 3650) {
					zend_argument_value_error(arg_num, "option \"close_days\" must be from 0 to 3650");
					return -1;
				}
				p->o.close_days = (int) n;
			} else if (k[0] == 'm') {
				if (n < 1024 || n > (zend_long) 256 << 20) {
					zend_argument_value_error(arg_num, "option \"max_field\" must be from 1024 to 268435456 bytes");
					return -1;
				}
				p->o.max_field = (size_t) n;
			} else if (strcmp(k, "_test_pause_batch") == 0) {
				p->o.pause_batch = (long) n;
			} else {
				p->o.pause_seconds = (unsigned) (n < 0 ? 0 : n > 3600 ? 3600 : n);
			}
		} else {
			zend_argument_value_error(arg_num, "has an unknown option \"%s\" (known: assign, assign_column, "
				"map, region, encoding, delimiter, rejects, dry_run, batch_size, task_due, close_days, "
				"currency, phone_extensions, lang, created_by, max_field, connections, progress)", k);
			return -1;
		}
		continue;
bad_type:
		zend_argument_value_error(arg_num, "option \"%s\" has the wrong type", k);
		return -1;
too_many:
		zend_argument_value_error(arg_num, "option \"%s\" has too many items (at most %d)", k, MAX_LIST);
		return -1;
	} ZEND_HASH_FOREACH_END();
	return 0;
}

/* ---- progress on stderr ------------------------------------------------------------------------ */

static void print_progress(void *ctx, const cg_import_report *r, int final)
{
	char line[256];
	size_t n = cg_import_progress_line(r, final, isatty(STDERR_FILENO), line, sizeof line);

	(void) ctx;
	if (n > 0) {
		fwrite(line, 1, n, stderr);
		fflush(stderr);
	}
}

/* ---- methods ------------------------------------------------------------------------------------ */

ZEND_METHOD(CrmGuard_Importer, __construct)
{
	zval *connection;
	zend_string *crm;
	HashTable *options = NULL;
	crmguard_importer *x = crmguard_importer_from(Z_OBJ_P(ZEND_THIS));
	parsed_options *p;
	cg_crm which;

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
	p = emalloc(sizeof *p);
	if (parse_options(options, p, 3) < 0) {
		parsed_free(p);
		efree(p);
		RETURN_THROWS();
	}
	zval_ptr_dtor(&x->connection);
	ZVAL_COPY(&x->connection, connection);
	if (x->options) {
		parsed_free(x->options);
		efree(x->options);
	}
	x->options = p;
	if (x->crm)
		zend_string_release(x->crm);
	x->crm = zend_string_copy(crm);
}

static void add_u64(zval *arr, const char *key, uint64_t v)
{
	add_assoc_long(arr, key, (zend_long) v);
}

ZEND_METHOD(CrmGuard_Importer, run)
{
	crmguard_importer *x = crmguard_importer_from(Z_OBJ_P(ZEND_THIS));
	zend_string *path;
	cg_import_options o;
	cg_import_report *r;
	cg_import_error *err;
	cg_db *db;
	char delim[2];

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_PATH_STR(path)
	ZEND_PARSE_PARAMETERS_END();

	if (Z_ISUNDEF(x->connection) || !x->crm || !x->options) {
		zend_throw_error(NULL, "CrmGuard\\Importer was not constructed");
		RETURN_THROWS();
	}
	db = crmguard_connection_db(&x->connection);
	if (!db)
		RETURN_THROWS();
	o = x->options->o;
	o.crm = ZSTR_VAL(x->crm);
	if (o.progress_ctx)
		o.progress = print_progress;
	r = emalloc(sizeof *r);
	err = emalloc(sizeof *err);
	if (cg_import_run(db, ZSTR_VAL(path), &o, r, err) != 0) {
		switch (err->kind) {
		case CG_IMPORT_ERR_CSV:
			zend_throw_exception(crmguard_ce_csv_exception, err->message, 0);
			break;
		case CG_IMPORT_ERR_DB:
			zend_throw_exception(crmguard_ce_db_exception, err->message, (zend_long) err->db.code);
			break;
		default:
			zend_throw_exception(crmguard_ce_exception, err->message, 0);
		}
		efree(r);
		efree(err);
		RETURN_THROWS();
	}
	array_init_size(return_value, 24);
	add_u64(return_value, "rows_read", r->rows_read);
	add_u64(return_value, "contacts_created", r->contacts_created);
	add_u64(return_value, "deals_created", r->deals_created);
	add_u64(return_value, "tasks_created", r->tasks_created);
	add_u64(return_value, "companies_created", r->companies_created);
	add_u64(return_value, "companies_reused", r->companies_reused);
	add_u64(return_value, "duplicates_in_file", r->duplicates_in_file);
	add_u64(return_value, "duplicates_in_crm", r->duplicates_in_crm);
	add_u64(return_value, "invalid_phone", r->invalid_phone);
	add_u64(return_value, "malformed_rows", r->malformed_rows);
	add_u64(return_value, "manager_errors", r->manager_errors);
	add_u64(return_value, "already_imported", r->already_imported);
	add_u64(return_value, "rejected_rows", r->rejected_rows);
	if (r->rejects_file[0])
		add_assoc_string(return_value, "rejects_file", r->rejects_file);
	else
		add_assoc_null(return_value, "rejects_file");
	add_assoc_double(return_value, "elapsed_s", r->elapsed_s);
	add_assoc_bool(return_value, "dry_run", r->dry_run);
	add_assoc_string(return_value, "import_id", r->import_id);
	add_assoc_string(return_value, "encoding", r->encoding);
	delim[0] = r->delimiter;
	delim[1] = '\0';
	add_assoc_string(return_value, "delimiter", delim);
	add_u64(return_value, "batches", r->batches);
	add_assoc_string(return_value, "write_method", r->dry_run ? "none" : r->load_data ? "load_data" : "insert");
	add_u64(return_value, "connections", r->connections);
	add_u64(return_value, "bytes", r->bytes_total);
	efree(r);
	efree(err);
}

void crmguard_minit_importer(void)
{
	crmguard_ce_importer = register_class_CrmGuard_Importer();
	crmguard_ce_importer->create_object = crmguard_importer_create;
	memcpy(&crmguard_importer_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	crmguard_importer_handlers.offset = XtOffsetOf(crmguard_importer, std);
	crmguard_importer_handlers.free_obj = crmguard_importer_free;
	crmguard_importer_handlers.get_gc = crmguard_importer_get_gc;
	crmguard_importer_handlers.clone_obj = NULL;
}
