/*
 * Data-quality audit checks (audit.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "phone.h"
#include "phone_text.h"

/* ---- letters -------------------------------------------------------------- */

/* Lower-case form of a Latin, Latin-1 or Cyrillic letter; 0 when cp is no such letter. */
static uint32_t letter_lower(uint32_t cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + 32;
	if (cp >= 'a' && cp <= 'z')
		return cp;
	if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
		return cp + 32;
	if (cp >= 0xDF && cp <= 0xFF && cp != 0xF7)
		return cp;
	if (cp >= 0x0400 && cp <= 0x040F)   /* Ѐ..Џ (Ё, Ї, Є, Ў ...) */
		return cp + 0x50;
	if (cp >= 0x0410 && cp <= 0x042F)   /* А..Я */
		return cp + 0x20;
	if (cp >= 0x0430 && cp <= 0x045F)   /* а..я, ѐ..џ */
		return cp;
	return 0;
}

static int letter_is_lower(uint32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 0xDF && cp <= 0xFF && cp != 0xF7)
	    || (cp >= 0x0430 && cp <= 0x045F);
}

/* Letters of other scripts (Greek, CJK ...) count as letters without case. */
static int is_word_char(uint32_t cp)
{
	if (letter_lower(cp) != 0 || (cp >= '0' && cp <= '9'))
		return 1;
	if (cp < 0x80 || cp == 0xFFFD)
		return 0;
	/* Latin-1 punctuation and symbols, general punctuation, quotes, dashes, spaces. */
	if (cp <= 0xBF || cp == 0xD7 || cp == 0xF7)
		return 0;
	if ((cp >= 0x2000 && cp <= 0x206F) || cp == 0x3000 || cp == 0xFEFF || (cp >= 0x2E00 && cp <= 0x2E7F))
		return 0;
	return 1;
}

int cg_audit_is_lowercase(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *) text;
	size_t i = 0;
	uint32_t cp;

	while (i < len) {
		i += cg_utf8_next(s + i, len - i, &cp);
		if (letter_lower(cp) != 0)
			return letter_is_lower(cp);
		if (is_word_char(cp) && !(cp >= '0' && cp <= '9'))
			return 0;   /* a letter of a script without our case rules */
	}
	return 0;
}

/* Appends the UTF-8 form of cp at out[n] when it fits; returns the new length. */
static size_t put_utf8(char *out, size_t cap, size_t n, uint32_t cp)
{
	unsigned char b[4];
	size_t k, i;

	if (cp < 0x80) {
		b[0] = (unsigned char) cp;
		k = 1;
	} else if (cp < 0x800) {
		b[0] = (unsigned char) (0xC0 | (cp >> 6));
		b[1] = (unsigned char) (0x80 | (cp & 0x3F));
		k = 2;
	} else if (cp < 0x10000) {
		b[0] = (unsigned char) (0xE0 | (cp >> 12));
		b[1] = (unsigned char) (0x80 | ((cp >> 6) & 0x3F));
		b[2] = (unsigned char) (0x80 | (cp & 0x3F));
		k = 3;
	} else {
		b[0] = (unsigned char) (0xF0 | (cp >> 18));
		b[1] = (unsigned char) (0x80 | ((cp >> 12) & 0x3F));
		b[2] = (unsigned char) (0x80 | ((cp >> 6) & 0x3F));
		b[3] = (unsigned char) (0x80 | (cp & 0x3F));
		k = 4;
	}
	for (i = 0; i < k; i++) {
		if (n + i < cap)
			out[n + i] = (char) b[i];
	}
	return n + k;
}

size_t cg_audit_fold(const char *text, size_t len, char *out, size_t cap)
{
	const unsigned char *s = (const unsigned char *) text;
	size_t i = 0, n = 0;
	int gap = 0;
	uint32_t cp, lower;

	while (i < len) {
		i += cg_utf8_next(s + i, len - i, &cp);
		if (!is_word_char(cp)) {
			gap = 1;
			continue;
		}
		if (gap && n > 0)
			n = put_utf8(out, cap, n, ' ');
		gap = 0;
		lower = letter_lower(cp);
		if (lower == 0x0451 || lower == 0x0450)   /* ё, ѐ read as е */
			lower = 0x0435;
		n = put_utf8(out, cap, n, lower != 0 ? lower : cp);
	}
	return n;
}

/* ---- word lists ----------------------------------------------------------- */

void cg_audit_words_init(cg_audit_words *words)
{
	memset(words, 0, sizeof *words);
}

void cg_audit_words_free(cg_audit_words *words)
{
	free(words->text);
	free(words->offset);
	free(words->entry_len);
	free(words->prefix);
	cg_audit_words_init(words);
}

static int words_grow(cg_audit_words *w, size_t need_text)
{
	if (w->count == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 16;
		size_t *offset = realloc(w->offset, cap * sizeof *offset);

		if (!offset)
			return -1;
		w->offset = offset;
		size_t *entry_len = realloc(w->entry_len, cap * sizeof *entry_len);
		if (!entry_len)
			return -1;
		w->entry_len = entry_len;
		unsigned char *prefix = realloc(w->prefix, cap);
		if (!prefix)
			return -1;
		w->prefix = prefix;
		w->cap = cap;
	}
	if (w->text_len + need_text > w->text_cap) {
		size_t cap = w->text_cap ? w->text_cap * 2 : 1024;
		char *text;

		while (cap < w->text_len + need_text)
			cap *= 2;
		text = realloc(w->text, cap);
		if (!text)
			return -1;
		w->text = text;
		w->text_cap = cap;
	}
	return 0;
}

int cg_audit_words_add(cg_audit_words *words, const char *entry, size_t len)
{
	size_t end = len, folded_len;
	int prefix = 0;

	while (end > 0 && (entry[end - 1] == ' ' || entry[end - 1] == '\t' || entry[end - 1] == '\r'
	                   || entry[end - 1] == '\n'))
		end--;
	if (end > 0 && entry[end - 1] == '*') {
		prefix = 1;
		end--;
	}
	/* Folding never makes text longer than 4 bytes per input byte. */
	if (words_grow(words, end * 4 + 1) != 0)
		return -1;
	folded_len = cg_audit_fold(entry, end, words->text + words->text_len, end * 4);
	if (folded_len == 0)
		return 0;
	words->offset[words->count] = words->text_len;
	words->entry_len[words->count] = folded_len;
	words->prefix[words->count] = (unsigned char) prefix;
	words->text[words->text_len + folded_len] = '\0';
	words->text_len += folded_len + 1;
	words->count++;
	return 1;
}

const char *cg_audit_words_entry(const cg_audit_words *words, size_t i)
{
	return i < words->count ? words->text + words->offset[i] : NULL;
}

/* Whether needle occurs in hay at a word start, ending at a word end unless prefix. */
static int find_word(const char *hay, size_t hay_len, const char *needle, size_t needle_len, int prefix)
{
	size_t i;

	if (needle_len == 0 || needle_len > hay_len)
		return 0;
	for (i = 0; i + needle_len <= hay_len; i++) {
		if (i > 0 && hay[i - 1] != ' ')
			continue;
		if (memcmp(hay + i, needle, needle_len) != 0)
			continue;
		if (prefix || i + needle_len == hay_len || hay[i + needle_len] == ' ')
			return 1;
	}
	return 0;
}

long cg_audit_words_find(const cg_audit_words *words, const char *text, size_t len)
{
	char local[1024];
	char *buf = local;
	size_t cap = sizeof local, n, i;
	long found = -1;

	if (words == NULL || words->count == 0 || len == 0)
		return -1;
	n = cg_audit_fold(text, len, buf, cap);
	if (n > cap) {
		cap = n;
		buf = malloc(cap);
		if (!buf)
			return -1;
		n = cg_audit_fold(text, len, buf, cap);
	}
	for (i = 0; i < words->count; i++) {
		if (find_word(buf, n, words->text + words->offset[i], words->entry_len[i], words->prefix[i])) {
			found = (long) i;
			break;
		}
	}
	if (buf != local)
		free(buf);
	return found;
}

/* ---- phones --------------------------------------------------------------- */

static int count_part(const cg_phone *phone, size_t start, size_t end, void *ctx)
{
	(void) phone;
	(void) start;
	(void) end;
	return ++*(size_t *) ctx >= 2;   /* two are enough to know */
}

cg_audit_phone cg_audit_check_phone(const char *text, size_t len, int region)
{
	char e164[CG_E164_SIZE];
	size_t parts = 0, n;

	cg_phone_extract(text, len, region, count_part, &parts);
	if (parts >= 2)
		return CG_AUDIT_PHONE_SEVERAL;
	n = cg_phone_normalize(text, len, region, e164);
	if (n == 0)
		return CG_AUDIT_PHONE_INVALID;
	if (n != len || memcmp(e164, text, n) != 0)
		return CG_AUDIT_PHONE_NOT_CANONICAL;
	return CG_AUDIT_PHONE_OK;
}

const char *cg_audit_phone_code(cg_audit_phone result)
{
	switch (result) {
	case CG_AUDIT_PHONE_NOT_CANONICAL:
		return "not_canonical";
	case CG_AUDIT_PHONE_SEVERAL:
		return "several_numbers";
	case CG_AUDIT_PHONE_INVALID:
		return "invalid_phone";
	case CG_AUDIT_PHONE_OK:
		break;
	}
	return NULL;
}

/* ---- the scan ------------------------------------------------------------- */

static int in_list(const char *const *list, size_t count, const char *s)
{
	size_t i;

	for (i = 0; i < count; i++) {
		if (strcmp(list[i], s) == 0)
			return 1;
	}
	return 0;
}

/* Whether "type.field" is in the required list. */
static int is_required(const cg_audit_config *c, const char *type, const char *field)
{
	size_t i, tl = strlen(type);

	for (i = 0; i < c->required_count; i++) {
		const char *r = c->required[i];

		if (strncmp(r, type, tl) == 0 && r[tl] == '.' && strcmp(r + tl + 1, field) == 0)
			return 1;
	}
	return 0;
}

/* Runs the checks of one row (text: its first five cells, NUL-terminated, NULL for SQL NULL;
 * value, value_len: the sixth); returns the sink's non-zero answer, else 0. */
static int check_row(const cg_audit_config *c, const char *const text[5], const char *value, size_t value_len,
	cg_audit_sink sink, void *ctx)
{
	static const char empty[] = "";
	cg_audit_finding f;
	int r;

	f.entity_type = text[0] ? text[0] : empty;
	f.entity_id = text[1] ? text[1] : empty;
	f.user_id = text[2];
	f.field = text[3] ? text[3] : empty;
	f.source_field = text[4] ? text[4] : f.field;
	f.value = value;
	f.value_len = value_len;
	f.detail = NULL;

	if (value == NULL || value_len == 0) {
		if (!is_required(c, f.entity_type, f.field))
			return 0;
		f.value = NULL;
		f.value_len = 0;
		f.problem = "missing";
		return sink(&f, ctx);
	}
	if (in_list(c->name_fields, c->name_field_count, f.field)) {
		if (cg_audit_is_lowercase(value, value_len)) {
			f.problem = "lowercase";
			if ((r = sink(&f, ctx)) != 0)
				return r;
		}
		long w = cg_audit_words_find(c->words, value, value_len);
		if (w >= 0) {
			f.problem = "bad_word";
			f.detail = cg_audit_words_entry(c->words, (size_t) w);
			if ((r = sink(&f, ctx)) != 0)
				return r;
		}
	}
	if (in_list(c->phone_fields, c->phone_field_count, f.field)) {
		cg_audit_phone p = cg_audit_check_phone(value, value_len, c->region);

		if (p != CG_AUDIT_PHONE_OK) {
			f.problem = cg_audit_phone_code(p);
			f.detail = NULL;
			if ((r = sink(&f, ctx)) != 0)
				return r;
		}
	}
	return 0;
}

/* The scan's state between the rows cg_db_query() hands over. */
typedef struct {
	const cg_audit_config *config;
	cg_audit_sink sink;
	void *ctx;
	size_t rows;
	int columns_seen;
	int stopped;           /* the sink asked to stop */
	const char *error;     /* the scan's own error, or NULL */
	char *text;            /* NUL-terminated copies of a row's first five cells */
	size_t text_cap;
} scan_state;

static int scan_columns(void *p, const cg_db_column *cols, unsigned count)
{
	scan_state *x = p;

	(void) cols;
	x->columns_seen = 1;
	if (count < 6) {
		x->error = "audit query must return entity_type, entity_id, user_id, field, source_field, value";
		return 1;
	}
	return 0;
}

static int scan_row(void *p, const cg_db_cell *cells, unsigned count)
{
	scan_state *x = p;
	const char *text[5];
	size_t need = 0, at = 0;
	unsigned k;

	(void) count;
	/* A prepared statement's cells are not NUL-terminated: the checks compare them as C strings. */
	for (k = 0; k < 5; k++)
		need += cells[k].type == CG_DB_NULL ? 0 : cells[k].len + 1;
	if (need > x->text_cap) {
		char *bigger = realloc(x->text, need * 2);

		if (bigger == NULL) {
			x->error = "out of memory reading the audit query's rows";
			return 1;
		}
		x->text = bigger;
		x->text_cap = need * 2;
	}
	for (k = 0; k < 5; k++) {
		if (cells[k].type == CG_DB_NULL) {
			text[k] = NULL;
			continue;
		}
		memcpy(x->text + at, cells[k].s, cells[k].len);
		x->text[at + cells[k].len] = '\0';
		text[k] = x->text + at;
		at += cells[k].len + 1;
	}
	x->rows++;
	if (check_row(x->config, text, cells[5].type == CG_DB_NULL ? NULL : cells[5].s,
	              cells[5].type == CG_DB_NULL ? 0 : cells[5].len, x->sink, x->ctx) != 0) {
		x->stopped = 1;
		return 1;
	}
	return 0;
}

int cg_audit_scan(cg_db *db, const char *sql, size_t sql_len, const cg_db_value *params, size_t nparams,
	const cg_audit_config *config, cg_audit_sink sink, void *ctx, size_t *rows, cg_db_error *err)
{
	static const cg_db_sink rows_sink = {scan_columns, scan_row};
	scan_state x = {config, sink, ctx, 0, 0, 0, NULL, NULL, 0};
	int rc = cg_db_query(db, sql, sql_len, params, nparams, &rows_sink, &x, NULL, err);

	free(x.text);
	*rows = x.rows;
	if (x.stopped)
		return 1;
	if (x.error == NULL && rc == 0 && !x.columns_seen)
		x.error = "audit query returned no rows: it must be a SELECT";
	if (x.error != NULL) {
		cg_db_set_message(err, "%s", x.error);
		return -1;
	}
	if (rc != 0) {
		cg_db_error_prefix(err, "audit query");
		return -1;
	}
	return 0;
}
