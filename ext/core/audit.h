/*
 * Data-quality audit of client cards and deals: the per-record checks the
 * head of sales' audit runs over millions of rows (design.md, "Audit of
 * client cards"), and the scan that streams the rows of a query through them.
 *
 * Plain C: no Zend.  Text is UTF-8 given with its length; invalid bytes are
 * read as U+FFFD and never make a check read outside the text.
 */
#ifndef CRMGUARD_AUDIT_H
#define CRMGUARD_AUDIT_H

#include <stddef.h>

#include "db.h"

/* ---- names ---------------------------------------------------------------- */

/*
 * True when the first letter of the text is a lower-case Latin, Latin-1 or
 * Cyrillic letter ("мария", " ivan"): a name typed without its capital.
 * Text with no letter, or whose first letter is upper-case or of another
 * script, is not lowercase.
 */
int cg_audit_is_lowercase(const char *text, size_t len);

/*
 * Folds text for word matching: Latin, Latin-1 and Cyrillic letters to
 * lower case, ё to е, every run of other characters (spaces, punctuation,
 * quotes, brackets) to one space, no space at either end; digits and other
 * scripts are kept.  Writes at most cap bytes (no NUL) and returns the folded
 * length, or more than cap when the result did not fit.
 */
size_t cg_audit_fold(const char *text, size_t len, char *out, size_t cap);

/*
 * A list of words and phrases (nicknames, insults) to find in name fields.
 * Entries are folded like the text, so case, ё and punctuation do not matter.
 * An entry matches whole words only ("дура" is not found in "Дураков"),
 * unless it ends in '*', which lets the last word go on ("истеричк*" finds
 * "истеричка" and "истерички").
 */
typedef struct {
	char *text;            /* folded entries, each followed by a NUL */
	size_t text_len, text_cap;
	size_t *offset;        /* entry i starts at text + offset[i] */
	size_t *entry_len;
	unsigned char *prefix; /* entry i ended in '*' */
	size_t count, cap;
} cg_audit_words;

void cg_audit_words_init(cg_audit_words *words);
void cg_audit_words_free(cg_audit_words *words);

/* Adds one entry; 1 added, 0 ignored (nothing left after folding), -1 out of memory. */
int cg_audit_words_add(cg_audit_words *words, const char *entry, size_t len);

/* The folded text of entry i (NUL-terminated). */
const char *cg_audit_words_entry(const cg_audit_words *words, size_t i);

/* Index of the first entry found in text, or -1 (also for an empty list). */
long cg_audit_words_find(const cg_audit_words *words, const char *text, size_t len);

/* ---- phones --------------------------------------------------------------- */

typedef enum {
	CG_AUDIT_PHONE_OK = 0,        /* stored exactly in E.164: +79123456789 */
	CG_AUDIT_PHONE_NOT_CANONICAL, /* a valid number, stored in another form */
	CG_AUDIT_PHONE_SEVERAL,       /* two or more numbers in one field */
	CG_AUDIT_PHONE_INVALID        /* no valid phone number */
} cg_audit_phone;

/* Checks one stored phone value with the phone core (region: cg_region_find). */
cg_audit_phone cg_audit_check_phone(const char *text, size_t len, int region);

/* "not_canonical", "several_numbers", "invalid_phone"; NULL for CG_AUDIT_PHONE_OK. */
const char *cg_audit_phone_code(cg_audit_phone result);

/* ---- the scan ------------------------------------------------------------- */

/* What the scan checks, by the field names of the rows. */
typedef struct {
	const cg_audit_words *words;     /* may be NULL or empty */
	int region;                      /* for phones written without a country code */
	const char *const *name_fields;  /* checked for lowercase and listed words */
	size_t name_field_count;
	const char *const *phone_fields; /* checked with cg_audit_check_phone */
	size_t phone_field_count;
	const char *const *required;     /* "EntityType.field": a NULL or empty value is a finding */
	size_t required_count;
} cg_audit_config;

/* One problem found; the strings are valid only during the sink call. */
typedef struct {
	const char *entity_type, *entity_id, *user_id, *field, *source_field;
	const char *value;      /* NULL when missing */
	size_t value_len;
	const char *problem;    /* lowercase, bad_word, not_canonical, several_numbers, invalid_phone, missing */
	const char *detail;     /* bad_word: the list entry found; else NULL */
} cg_audit_finding;

/* Called for every finding; a non-zero return stops the scan (it then returns 1). */
typedef int (*cg_audit_sink)(const cg_audit_finding *finding, void *ctx);

/*
 * Runs sql with params (bound to its '?' placeholders; nparams may be 0),
 * whose rows are (entity_type, entity_id, user_id, field, source_field,
 * value) — the columns of the crmguard_v_card_field view — and streams them
 * (cg_db_query: memory does not grow with the table) through the checks.
 * *rows gets the number of rows read.  Returns 0 when done, 1 when the sink
 * stopped it, -1 with *err filled on a database error or a query of fewer
 * than six columns.
 */
int cg_audit_scan(cg_db *db, const char *sql, size_t sql_len, const cg_db_value *params, size_t nparams,
	const cg_audit_config *config, cg_audit_sink sink, void *ctx, size_t *rows, cg_db_error *err);

#endif
