/*
 * crmguard — Zend glue.
 *
 * This file only converts: PHP arguments into calls of the plain-C core in
 * ext/core, and the core's results and errors into PHP values and exceptions.
 * No phone rule lives here (design.md, "One implementation of each rule").
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include <stdio.h>
#include <string.h>

#include "php.h"
#include "ext/standard/info.h"
#include "ext/spl/spl_exceptions.h"
#include "zend_exceptions.h"
#include "zend_smart_str.h"

#include <mysql.h>
#include <csv.h>

#include "php_crmguard.h"
#include "connection.h"
#include "core/csv_cell.h"
#include "core/messages.h"
#include "core/phone.h"
#include "core/phone_meta.h"
#include "crmguard_arginfo.h"

zend_class_entry *crmguard_ce_exception;
zend_class_entry *crmguard_ce_db_exception;
zend_class_entry *crmguard_ce_csv_exception;

/* Index of "RU" in cg_regions, the default of every $region parameter. */
static int crmguard_default_region = -1;

/* Keys of parse_phone()'s array, interned once. */
static zend_string *crmguard_key_e164;
static zend_string *crmguard_key_country_code;
static zend_string *crmguard_key_region;
static zend_string *crmguard_key_national;
static zend_string *crmguard_key_extension;
static zend_string *crmguard_key_valid;
static zend_string *crmguard_key_error;

/* ---- arguments --------------------------------------------------------- */

/*
 * The region index for a $region argument (NULL: omitted, i.e. 'RU'), or -1
 * with a ValueError thrown.  The rejected value is shown escaped and cut
 * short, so a megabyte of binary in $region makes a readable message.
 */
static int crmguard_region_arg(zend_string *region, uint32_t arg_num)
{
	int index;
	smart_str shown = {0};

	if (region == NULL) {
		if (EXPECTED(crmguard_default_region >= 0)) {
			return crmguard_default_region;
		}
		index = cg_region_find("RU", 2);
	} else {
		index = cg_region_find(ZSTR_VAL(region), ZSTR_LEN(region));
	}
	if (EXPECTED(index >= 0)) {
		return index;
	}

	if (region != NULL) {
		smart_str_append_escaped_truncated(&shown, region, 16);
	} else {
		smart_str_appends(&shown, "RU");
	}
	smart_str_0(&shown);
	zend_argument_value_error(arg_num, "must be a known ISO 3166 region code, \"%s\" given",
		ZSTR_VAL(shown.s));
	smart_str_free(&shown);
	return -1;
}

int crmguard_region_option(const zval *value, uint32_t arg_num)
{
	int index = Z_TYPE_P(value) == IS_STRING ? cg_region_find(Z_STRVAL_P(value), Z_STRLEN_P(value)) : -1;

	if (index < 0)
		zend_argument_value_error(arg_num, "option \"region\" must be a known ISO 3166 region code");
	return index;
}

/* ---- results ----------------------------------------------------------- */

/* A string of the core's fixed-size fields, or null when it is empty. */
static zend_always_inline void crmguard_zval_cstr_or_null(zval *zv, const char *s)
{
	size_t len = strlen(s);

	if (len == 0) {
		ZVAL_NULL(zv);
	} else {
		ZVAL_STRINGL_FAST(zv, s, len);
	}
}

static void crmguard_phone_to_array(zval *return_value, const cg_phone *phone)
{
	HashTable *ht;
	zval zv;
	const char *code;

	array_init_size(return_value, 7);
	ht = Z_ARRVAL_P(return_value);
	zend_hash_real_init_mixed(ht);

	crmguard_zval_cstr_or_null(&zv, phone->e164);
	zend_hash_add_new(ht, crmguard_key_e164, &zv);

	if (phone->country_code != 0) {
		ZVAL_LONG(&zv, (zend_long) phone->country_code);
	} else {
		ZVAL_NULL(&zv);
	}
	zend_hash_add_new(ht, crmguard_key_country_code, &zv);

	crmguard_zval_cstr_or_null(&zv, phone->region);
	zend_hash_add_new(ht, crmguard_key_region, &zv);

	crmguard_zval_cstr_or_null(&zv, phone->national);
	zend_hash_add_new(ht, crmguard_key_national, &zv);

	crmguard_zval_cstr_or_null(&zv, phone->extension);
	zend_hash_add_new(ht, crmguard_key_extension, &zv);

	ZVAL_BOOL(&zv, phone->error == CG_PHONE_OK);
	zend_hash_add_new(ht, crmguard_key_valid, &zv);

	code = cg_phone_error_code(phone->error);
	if (code != NULL) {
		ZVAL_STRING(&zv, code);
	} else {
		ZVAL_NULL(&zv);
	}
	zend_hash_add_new(ht, crmguard_key_error, &zv);
}

/* ---- functions --------------------------------------------------------- */

/* {{{ CrmGuard\normalize_phone(string $raw, string $region = 'RU'): ?string */
ZEND_FUNCTION(CrmGuard_normalize_phone)
{
	zend_string *raw, *region = NULL;
	char e164[CG_E164_SIZE];
	size_t len;
	int r;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_STR(raw)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR(region)
	ZEND_PARSE_PARAMETERS_END();

	r = crmguard_region_arg(region, 2);
	if (UNEXPECTED(r < 0)) {
		RETURN_THROWS();
	}
	len = cg_phone_normalize(ZSTR_VAL(raw), ZSTR_LEN(raw), r, e164);
	if (len == 0) {
		RETURN_NULL();
	}
	RETURN_NEW_STR(zend_string_init(e164, len, 0));
}
/* }}} */

/*
 * One element of normalize_phones(): strings and ints are read, the rest is
 * null.  The E.164 goes from the stack into one new string; invalid numbers
 * cost no allocation.
 */
static zend_always_inline void crmguard_normalize_value(zval *out, zval *value, int region)
{
	char e164[CG_E164_SIZE];
	char digits[MAX_LENGTH_OF_LONG + 1];
	const char *text;
	size_t text_len, len;

	ZVAL_DEREF(value);
	if (EXPECTED(Z_TYPE_P(value) == IS_STRING)) {
		text = Z_STRVAL_P(value);
		text_len = Z_STRLEN_P(value);
	} else if (Z_TYPE_P(value) == IS_LONG) {
		char *end = digits + sizeof(digits) - 1;
		char *start = zend_print_long_to_buf(end, Z_LVAL_P(value));

		text = start;
		text_len = (size_t) (end - start);
	} else {
		ZVAL_NULL(out);
		return;
	}
	len = cg_phone_normalize(text, text_len, region, e164);
	if (len == 0) {
		ZVAL_NULL(out);
	} else {
		ZVAL_NEW_STR(out, zend_string_init(e164, len, 0));
	}
}

/* {{{ CrmGuard\normalize_phones(array $raw, string $region = 'RU'): array */
ZEND_FUNCTION(CrmGuard_normalize_phones)
{
	HashTable *raw, *result;
	zend_string *region = NULL, *key;
	zend_ulong index;
	zval *value, out;
	int r;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_ARRAY_HT(raw)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR(region)
	ZEND_PARSE_PARAMETERS_END();

	r = crmguard_region_arg(region, 2);
	if (UNEXPECTED(r < 0)) {
		RETURN_THROWS();
	}

	array_init_size(return_value, zend_hash_num_elements(raw));
	result = Z_ARRVAL_P(return_value);
	if (HT_IS_PACKED(raw) && HT_IS_WITHOUT_HOLES(raw)) {
		/* A list (keys 0..n-1, the usual case): the result is filled in place, no hashing. */
		zend_hash_real_init_packed(result);
		ZEND_HASH_FILL_PACKED(result) {
			ZEND_HASH_PACKED_FOREACH_VAL(raw, value) {
				crmguard_normalize_value(&out, value, r);
				ZEND_HASH_FILL_ADD(&out);
			} ZEND_HASH_FOREACH_END();
		} ZEND_HASH_FILL_END();
		return;
	}
	ZEND_HASH_FOREACH_KEY_VAL(raw, index, key, value) {
		crmguard_normalize_value(&out, value, r);
		if (key != NULL) {
			zend_hash_add_new(result, key, &out);
		} else {
			zend_hash_index_add_new(result, index, &out);
		}
	} ZEND_HASH_FOREACH_END();
}
/* }}} */

/* {{{ CrmGuard\parse_phone(string $raw, string $region = 'RU'): array */
ZEND_FUNCTION(CrmGuard_parse_phone)
{
	zend_string *raw, *region = NULL;
	cg_phone phone;
	int r;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_STR(raw)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR(region)
	ZEND_PARSE_PARAMETERS_END();

	r = crmguard_region_arg(region, 2);
	if (UNEXPECTED(r < 0)) {
		RETURN_THROWS();
	}
	cg_phone_parse(ZSTR_VAL(raw), ZSTR_LEN(raw), r, &phone);
	crmguard_phone_to_array(return_value, &phone);
}
/* }}} */

/*
 * extract_phones() keeps the first appearance of each number.  Most cells
 * hold a few numbers: their keys are compared in a small array, and a hash
 * set takes over only when a text holds many.
 */
#define CRMGUARD_EXTRACT_SMALL 16

typedef struct {
	zval *list;
	uint64_t small[CRMGUARD_EXTRACT_SMALL];
	size_t small_count;
	HashTable seen; /* used once small[] is full */
	bool seen_used;
} crmguard_extract_ctx;

static bool crmguard_extract_first_time(crmguard_extract_ctx *x, const cg_phone *phone)
{
	uint64_t key = cg_phone_key(phone);
	size_t i;

	for (i = 0; i < x->small_count; i++) {
		if (x->small[i] == key) {
			return false;
		}
	}
	if (x->small_count < CRMGUARD_EXTRACT_SMALL) {
		x->small[x->small_count++] = key;
		return true;
	}
	if (!x->seen_used) {
		zend_hash_init(&x->seen, 64, NULL, NULL, 0);
		x->seen_used = true;
	}
#if SIZEOF_ZEND_LONG >= 8
	return zend_hash_index_add_empty_element(&x->seen, (zend_ulong) key) != NULL;
#else
	return zend_hash_str_add_empty_element(&x->seen, phone->e164, strlen(phone->e164)) != NULL;
#endif
}

static int crmguard_extract_sink(const cg_phone *phone, size_t start, size_t end, void *ctx)
{
	crmguard_extract_ctx *x = (crmguard_extract_ctx *) ctx;

	(void) start;
	(void) end;
	if (phone->error != CG_PHONE_OK || phone->e164[0] == '\0') {
		return 0;
	}
	if (crmguard_extract_first_time(x, phone)) {
		add_next_index_stringl(x->list, phone->e164, strlen(phone->e164));
	}
	return 0;
}

/* {{{ CrmGuard\extract_phones(string $text, string $region = 'RU'): array */
ZEND_FUNCTION(CrmGuard_extract_phones)
{
	zend_string *text, *region = NULL;
	crmguard_extract_ctx x;
	int r;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_STR(text)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR(region)
	ZEND_PARSE_PARAMETERS_END();

	r = crmguard_region_arg(region, 2);
	if (UNEXPECTED(r < 0)) {
		RETURN_THROWS();
	}

	array_init(return_value);
	x.list = return_value;
	x.small_count = 0;
	x.seen_used = false;
	cg_phone_extract(ZSTR_VAL(text), ZSTR_LEN(text), r, crmguard_extract_sink, &x);
	if (x.seen_used) {
		zend_hash_destroy(&x.seen);
	}
}
/* }}} */

/* {{{ CrmGuard\csv_cell(string $cell): string -- the rule of core/csv_cell.h */
ZEND_FUNCTION(CrmGuard_csv_cell)
{
	zend_string *cell, *out;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(cell)
	ZEND_PARSE_PARAMETERS_END();

	if (!cg_csv_cell_needs_guard(ZSTR_VAL(cell), ZSTR_LEN(cell))) {
		RETURN_STR_COPY(cell);
	}
	out = zend_string_alloc(ZSTR_LEN(cell) + 1, 0);
	ZSTR_VAL(out)[0] = CG_CSV_CELL_GUARD;
	memcpy(ZSTR_VAL(out) + 1, ZSTR_VAL(cell), ZSTR_LEN(cell) + 1);
	RETURN_NEW_STR(out);
}
/* }}} */

/* {{{ CrmGuard\message_language(string $tag): string -- cg_lang_from_tag, for PHP code that
 * picks texts in the language crmguard's own messages use (one rule, not a PHP copy of it) */
ZEND_FUNCTION(CrmGuard_message_language)
{
	zend_string *tag;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(tag)
	ZEND_PARSE_PARAMETERS_END();

	RETURN_STRINGL(cg_lang_from_tag(ZSTR_VAL(tag), ZSTR_LEN(tag)) == CG_LANG_RU ? "ru" : "en", 2);
}
/* }}} */

/* ---- module ------------------------------------------------------------ */

static zend_string *crmguard_intern(const char *s)
{
	return zend_string_init_interned(s, strlen(s), 1);
}

/* {{{ PHP_MINIT_FUNCTION */
PHP_MINIT_FUNCTION(crmguard)
{
	(void) type;
#if defined(ZTS) && defined(COMPILE_DL_CRMGUARD)
	ZEND_TSRMLS_CACHE_UPDATE();
#endif

	crmguard_ce_exception = register_class_CrmGuard_Exception(spl_ce_RuntimeException);
	crmguard_ce_db_exception = register_class_CrmGuard_DbException(crmguard_ce_exception);
	crmguard_ce_csv_exception = register_class_CrmGuard_CsvException(crmguard_ce_exception);
	crmguard_minit_connection(module_number);
	crmguard_minit_audit();
	crmguard_minit_rules();
	crmguard_minit_phone_index();
	crmguard_minit_importer();

	crmguard_key_e164 = crmguard_intern("e164");
	crmguard_key_country_code = crmguard_intern("country_code");
	crmguard_key_region = crmguard_intern("region");
	crmguard_key_national = crmguard_intern("national");
	crmguard_key_extension = crmguard_intern("extension");
	crmguard_key_valid = crmguard_intern("valid");
	crmguard_key_error = crmguard_intern("error");

	crmguard_default_region = cg_region_find("RU", 2);

	return SUCCESS;
}
/* }}} */

/* {{{ PHP_MINFO_FUNCTION */
PHP_MINFO_FUNCTION(crmguard)
{
	char buf[64];

	(void) zend_module;

	php_info_print_table_start();
	php_info_print_table_row(2, "crmguard support", "enabled");
	php_info_print_table_row(2, "Version", PHP_CRMGUARD_VERSION);
	php_info_print_table_row(2, "Phone metadata source", cg_phone_meta_source);
	snprintf(buf, sizeof(buf), "%zu", (size_t) cg_region_count);
	php_info_print_table_row(2, "Phone regions", buf);
	php_info_print_table_row(2, "Default region", "RU");
	php_info_print_table_row(2, "MariaDB client library", mysql_get_client_info());
	snprintf(buf, sizeof(buf), ZEND_LONG_FMT, crmguard_connection_persistent_count());
	php_info_print_table_row(2, "Persistent database links", buf);
	snprintf(buf, sizeof(buf), "%d.%d.%d", CSV_MAJOR, CSV_MINOR, CSV_RELEASE);
	php_info_print_table_row(2, "libcsv", buf);
	php_info_print_table_end();
}
/* }}} */

static const zend_module_dep crmguard_deps[] = {
	ZEND_MOD_REQUIRED("spl")
	ZEND_MOD_END
};

zend_module_entry crmguard_module_entry = {
	STANDARD_MODULE_HEADER_EX,
	NULL,
	crmguard_deps,
	"crmguard",
	ext_functions,
	PHP_MINIT(crmguard),
	NULL, /* MSHUTDOWN */
	NULL, /* RINIT */
	NULL, /* RSHUTDOWN */
	PHP_MINFO(crmguard),
	PHP_CRMGUARD_VERSION,
	STANDARD_MODULE_PROPERTIES
};

#ifdef COMPILE_DL_CRMGUARD
# ifdef ZTS
ZEND_TSRMLS_CACHE_DEFINE()
# endif
ZEND_GET_MODULE(crmguard)
#endif
