/*
 * A CSV row to a batch item: its numbers, fields and names, or the reason it
 * is rejected; and the rejects file, which repeats such rows as they were
 * read, with their line and reason.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_cell.h"
#include "import_run.h"
#include "phone.h"

#define BATCH_ROWS_DEFAULT 2000 /* bench/import: 1 000 gave two thirds of the speed, 5 000 no more */
#define BATCH_ARENA_MAX ((size_t)16 << 20) /* a batch is sent early when its text grows past this */

/* Appends one CSV field, quoted when it needs to be, guarded when a spreadsheet would run it (csv_cell.h). */
static void csv_put_field(char **out, size_t *len, size_t *cap, const char *s, size_t n, char delim, int first)
{
	size_t i, need = n * 2 + 5;
	int quote = n > 0 && (s[0] == ' ' || s[n - 1] == ' ');
	int guard = cg_csv_cell_needs_guard(s, n);

	for (i = 0; i < n && !quote; i++)
		quote = s[i] == delim || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
	if (*len + need > *cap) {
		size_t c = *cap ? *cap : 256;
		char *g;
		while (c < *len + need)
			c *= 2;
		g = realloc(*out, c);
		if (!g)
			return;
		*out = g;
		*cap = c;
	}
	if (!first)
		(*out)[(*len)++] = delim;
	if (quote)
		(*out)[(*len)++] = '"';
	if (guard) /* a spreadsheet shows it as text, does not run it */
		(*out)[(*len)++] = CG_CSV_CELL_GUARD;
	for (i = 0; i < n; i++) {
		if (quote && s[i] == '"')
			(*out)[(*len)++] = '"';
		(*out)[(*len)++] = s[i];
	}
	if (quote)
		(*out)[(*len)++] = '"';
}

char *cg_import_encode_row(const cg_csv_row *row, char delim, size_t *len)
{
	char *out = NULL;
	size_t cap = 0, k;

	*len = 0;
	for (k = 0; k < row->count; k++)
		csv_put_field(&out, len, &cap, row->fields[k].data, row->fields[k].len, delim, k == 0);
	return out;
}

/* ---- rejects ----------------------------------------------------------------------- */

static int reject_open(cg_import_run_state *st)
{
	static const unsigned char bom[] = {0xEF, 0xBB, 0xBF};
	char *extra = NULL;
	size_t len = 0, cap = 0;

	if (st->rejects)
		return 0;
	st->rejects = fopen(st->rejects_path, "wb");
	if (!st->rejects) {
		cg_import_set_err(st->err, CG_IMPORT_ERR_USAGE, "cannot write the rejects file %s: %s", st->rejects_path,
		        strerror(errno));
		return -1;
	}
	fwrite(bom, 1, sizeof bom, st->rejects);
	fwrite(st->header_raw, 1, st->header_raw_len, st->rejects);
	csv_put_field(&extra, &len, &cap, "crmguard_line", 13, st->delim, st->header_raw_len == 0);
	csv_put_field(&extra, &len, &cap, "crmguard_reason", 15, st->delim, 0);
	fwrite(extra, 1, len, st->rejects);
	fputs("\r\n", st->rejects);
	free(extra);
	snprintf(st->imp.rep->rejects_file, sizeof st->imp.rep->rejects_file, "%s", st->rejects_path);
	return 0;
}

/* Writes the original row (CSV text) with its line and the reason. */
static int reject(cg_import_run_state *st, const char *raw, size_t raw_len, unsigned long line, const char *reason)
{
	char num[24], *extra = NULL;
	size_t len = 0, cap = 0;

	if (reject_open(st) < 0)
		return -1;
	snprintf(num, sizeof num, "%lu", line);
	fwrite(raw, 1, raw_len, st->rejects);
	csv_put_field(&extra, &len, &cap, num, strlen(num), st->delim, raw_len == 0 && st->header_count <= 1);
	csv_put_field(&extra, &len, &cap, reason, strlen(reason), st->delim, 0);
	fwrite(extra, 1, len, st->rejects);
	fputs("\r\n", st->rejects);
	free(extra);
	st->imp.rep->rejected_rows++;
	return 0;
}

/* The rejects of a batch go out when it is done, with its duplicates, in line order. */
int cg_import_write_rejects(cg_import_run_state *st, const cg_importer *imp)
{
	size_t i;

	for (i = 0; i < imp->n_items; i++) {
		cg_import_item *it = &imp->items[i];
		if (it->state != CG_ITEM_REJECTED && it->state != CG_ITEM_DUP_FILE && it->state != CG_ITEM_DUP_CRM)
			continue;
		if (reject(st, cg_span_ptr(imp, it->raw), it->raw.len, it->line,
		           it->reason.len ? cg_span_ptr(imp, it->reason) : "already in the CRM") < 0)
			return -1;
	}
	return 0;
}

/* Drops 4-byte UTF-8 characters for utf8mb3 tables (SuiteCRM): they would be refused. */
static size_t strip_4byte(char *s, size_t len)
{
	size_t i = 0, o = 0;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0xF0 && c <= 0xF4 && i + 3 < len) {
			/* U+FFFD in its place */
			s[o++] = (char)0xEF;
			s[o++] = (char)0xBF;
			s[o++] = (char)0xBD;
			i += 4;
			continue;
		}
		s[o++] = s[i++];
	}
	return o;
}

/* ---- reading rows ----------------------------------------------------------------------- */

typedef struct {
	uint64_t keys[CG_IMPORT_PHONES_MAX];
	uint8_t kinds[CG_IMPORT_PHONES_MAX];
	uint8_t types[CG_IMPORT_PHONES_MAX];
	char exts[CG_IMPORT_PHONES_MAX][CG_IMPORT_EXT_MAX + 1];
	size_t n;
	uint8_t kind;
	char first_bad[128];
	const char *first_bad_code;
	int any_part;
} phones_ctx;

static int phone_sink(const cg_phone *p, size_t start, size_t end, void *ctx, const char *text)
{
	phones_ctx *pc = ctx;
	size_t i;

	pc->any_part = 1;
	if (p->error == CG_PHONE_OK) {
		uint64_t key = cg_phone_key(p);
		for (i = 0; i < pc->n; i++) {
			if (pc->keys[i] == key)
				return 0;
		}
		if (pc->n < CG_IMPORT_PHONES_MAX) {
			pc->keys[pc->n] = key;
			pc->kinds[pc->n] = pc->kind;
			pc->types[pc->n] = (uint8_t)p->type;
			snprintf(pc->exts[pc->n], sizeof pc->exts[pc->n], "%s", p->extension);
			pc->n++;
		}
	} else if (!pc->first_bad_code) {
		size_t n = end - start > 60 ? 60 : end - start;
		n = cg_utf8_prefix(text + start, n, 60);
		snprintf(pc->first_bad, sizeof pc->first_bad, "%.*s", (int)n, text + start);
		pc->first_bad_code = cg_phone_error_code(p->error);
	}
	return 0;
}

/* cg_phone_extract's sink knows no text: carry it alongside. */
typedef struct {
	phones_ctx *pc;
	const char *text;
} sink_ctx;

static int sink_adapter(const cg_phone *p, size_t start, size_t end, void *ctx)
{
	sink_ctx *s = ctx;
	return phone_sink(p, start, end, s->pc, s->text);
}

static cg_span field_span(cg_import_run_state *st, const cg_csv_row *row, cg_field f)
{
	int c = st->map.first[f];
	const char *s;
	size_t len;
	cg_span none = {0, 0};

	if (c < 0 || (size_t)c >= row->count)
		return none;
	len = row->fields[c].len;
	s = cg_trim(row->fields[c].data, &len);
	if (st->imp.crm->utf8mb3) {
		cg_span sp = cg_import_arena_add(&st->imp, s, len);
		sp.len = strip_4byte(st->imp.arena + sp.off, sp.len);
		st->imp.arena_len = sp.off + sp.len;
		return sp;
	}
	return cg_import_arena_add(&st->imp, s, len);
}

int cg_import_row_is_blank(const cg_csv_row *row)
{
	size_t k;

	for (k = 0; k < row->count; k++) {
		size_t len = row->fields[k].len;
		cg_trim(row->fields[k].data, &len);
		if (len)
			return 0;
	}
	return 1;
}

static int grow_items(cg_importer *imp)
{
	size_t cap;
	cg_import_item *items;

	if (imp->n_items < imp->cap_items)
		return 0;
	cap = imp->cap_items ? imp->cap_items * 2 : 256;
	items = realloc(imp->items, cap * sizeof *items);
	if (!items)
		return -1;
	imp->items = items;
	imp->cap_items = cap;
	return 0;
}

size_t cg_import_batch_rows(const cg_import_options *opt)
{
	return opt->batch_rows ? opt->batch_rows : BATCH_ROWS_DEFAULT;
}

static int batch_full(const cg_import_run_state *st)
{
	const cg_importer *imp = &st->imp;
	return imp->n_items >= (st->batch_rows ? st->batch_rows : cg_import_batch_rows(imp->opt)) ||
	       imp->arena_len >= BATCH_ARENA_MAX;
}

/* The row as a batch item: its line and original text, nothing decided yet. */
static cg_import_item *queue_row(cg_import_run_state *st, const cg_csv_row *row)
{
	cg_importer *imp = &st->imp;
	cg_import_item *it;
	size_t len;
	char *raw;

	if (grow_items(imp) < 0) {
		cg_import_set_err(st->err, CG_IMPORT_ERR_CSV, "out of memory at line %lu", row->line);
		return NULL;
	}
	it = &imp->items[imp->n_items++];
	memset(it, 0, sizeof *it);
	it->line = row->line;
	it->user = -1;
	it->company_ix = -1;
	raw = cg_import_encode_row(row, st->delim, &len);
	it->raw = cg_import_arena_add(imp, raw ? raw : "", raw ? len : 0);
	free(raw);
	return it;
}

static int reject_row(cg_import_run_state *st, const cg_csv_row *row, const char *reason)
{
	cg_import_item *it = queue_row(st, row);

	if (!it)
		return -1;
	it->state = CG_ITEM_REJECTED;
	it->reason = cg_import_arena_add(&st->imp, reason, strlen(reason) + 1); /* with its NUL: reject() takes a C string */
	return batch_full(st);
}

/* The parts of a split name (inside the arena) as the item's names; a middle name of its own stays. */
static void use_name_parts(const cg_importer *imp, cg_import_item *it, const cg_name_parts *parts)
{
	if (parts->first) {
		it->first.off = (size_t)(parts->first - imp->arena);
		it->first.len = parts->first_len;
	}
	if (parts->middle && it->middle.len == 0) {
		it->middle.off = (size_t)(parts->middle - imp->arena);
		it->middle.len = parts->middle_len;
	}
	if (parts->last) {
		it->last.off = (size_t)(parts->last - imp->arena);
		it->last.len = parts->last_len;
	}
}

/* One data row: check it, then queue it or reject it.  1 when the batch is full, -1 on a fatal error. */
int cg_import_take_row(cg_import_run_state *st, const cg_csv_row *row)
{
	cg_importer *imp = &st->imp;
	char why[1024];
	phones_ctx pc;
	size_t c, k;
	int user = -1;
	cg_import_item *it;

	imp->rep->rows_read++;

	if (row->problem != CG_CSV_ROW_OK) {
		cg_csv_describe_problem(row, imp->opt->max_field, why, sizeof why);
		imp->rep->malformed_rows++;
		return reject_row(st, row, why);
	}
	/* A row shorter than the header is read as spreadsheets read it, the missing cells empty: a
	 * shifted row still fails on its phone.  Only extra cells with text are refused. */
	if (row->count > st->header_count) {
		int extra_empty = 1;
		for (k = st->header_count; k < row->count && extra_empty; k++) {
			size_t len = row->fields[k].len;
			cg_trim(row->fields[k].data, &len);
			extra_empty = len == 0;
		}
		if (!extra_empty) {
			snprintf(why, sizeof why, "ragged row: %zu fields where the header has %zu (lines %lu-%lu)",
			         row->count, st->header_count, row->line, row->end_line);
			imp->rep->malformed_rows++;
			return reject_row(st, row, why);
		}
	}

	memset(&pc, 0, sizeof pc);
	for (c = 0; c < st->map.columns && c < row->count; c++) {
		cg_field f = st->map.column_field[c];
		sink_ctx sc = {&pc, row->fields[c].data};
		if (f != CG_FIELD_PHONE && f != CG_FIELD_MOBILE && f != CG_FIELD_WORK_PHONE)
			continue;
		pc.kind = f == CG_FIELD_WORK_PHONE ? CG_NUM_WORK : CG_NUM_MOBILE;
		cg_phone_extract(row->fields[c].data, row->fields[c].len, imp->opt->region, sink_adapter, &sc);
	}
	if (pc.n == 0) {
		imp->rep->invalid_phone++;
		if (pc.first_bad_code)
			snprintf(why, sizeof why, "no valid phone number: \"%s\" is %s", pc.first_bad,
			         pc.first_bad_code);
		else
			snprintf(why, sizeof why, "no phone number");
		return reject_row(st, row, why);
	}

	if (imp->opt->assign_from_column) {
		int mc = st->map.first[CG_FIELD_MANAGER];
		const char *s = "";
		size_t len = 0;
		if (mc >= 0 && (size_t)mc < row->count) {
			len = row->fields[mc].len;
			s = cg_trim(row->fields[mc].data, &len);
		}
		if (len == 0 && st->assign_count == 0) {
			imp->rep->manager_errors++;
			return reject_row(st, row, "no manager in the manager column");
		}
		if (len > 0) {
			user = cg_import_manager_of(st, s, len, why, sizeof why);
			if (user == -2) {
				cg_import_db_err(st->err);
				return -1;
			}
			if (user < 0) {
				imp->rep->manager_errors++;
				return reject_row(st, row, why);
			}
		}
	}

	/* queued; duplicates inside the file are found when the batch is done */
	it = queue_row(st, row);
	if (!it)
		return -1;
	it->user = user;
	memcpy(it->phones, pc.keys, sizeof pc.keys);
	memcpy(it->kinds, pc.kinds, sizeof pc.kinds);
	memcpy(it->types, pc.types, sizeof pc.types);
	memcpy(it->exts, pc.exts, sizeof pc.exts);
	it->n_phones = pc.n;
	it->first = field_span(st, row, CG_FIELD_FIRST_NAME);
	it->last = field_span(st, row, CG_FIELD_LAST_NAME);
	it->middle = field_span(st, row, CG_FIELD_MIDDLE_NAME);
	if (st->map.first[CG_FIELD_NAME] >= 0 && it->first.len == 0 && it->last.len == 0) {
		cg_span full = field_span(st, row, CG_FIELD_NAME);
		cg_name_parts parts;
		cg_split_name(cg_span_ptr(imp, full), full.len, &parts);
		use_name_parts(imp, it, &parts);
	} else if (it->last.len == 0 && it->first.len > 0 && st->map.first[CG_FIELD_LAST_NAME] < 0) {
		/* only an "Имя" column: people put the whole name there */
		cg_name_parts parts;
		cg_split_name(cg_span_ptr(imp, it->first), it->first.len, &parts);
		it->first.len = 0;
		use_name_parts(imp, it, &parts);
	}
	it->company = field_span(st, row, CG_FIELD_COMPANY);
	if (it->last.len == 0) {
		/* both CRMs require a last name: the company's, else the number */
		if (it->company.len) {
			it->last = it->company;
		} else {
			char e164[CG_E164_SIZE];
			cg_import_e164(it->phones[0], e164, sizeof e164);
			it->last = cg_import_arena_add(imp, e164, strlen(e164));
		}
	}
	it->email = field_span(st, row, CG_FIELD_EMAIL);
	{
		/* the first address of the cell; none unless it has an '@' */
		const char *e = cg_span_ptr(imp, it->email);
		size_t n = 0;
		while (n < it->email.len && e[n] != ',' && e[n] != ';' && e[n] != ' ' && e[n] != '\t')
			n++;
		it->email.len = memchr(e, '@', n) && n <= 254 ? n : 0;
	}
	it->comment = field_span(st, row, CG_FIELD_COMMENT);
	it->source = field_span(st, row, CG_FIELD_SOURCE);
	it->title = field_span(st, row, CG_FIELD_TITLE);
	it->city = field_span(st, row, CG_FIELD_CITY);
	return batch_full(st);
}
