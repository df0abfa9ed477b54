#include "csv_reader.h"

#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* libcsv 3.0's parser state "inside a field" (libcsv.c FIELD_BEGUN); csv.h
 * exposes pstate but not its values.  tests/c/test_csv_reader.c checks that
 * an unclosed quote is still recognised, so a libcsv change shows there. */
#define LIBCSV_FIELD_BEGUN 2

/* Bytes kept at the start of libcsv's buffer when an over-long field is cut:
 * libcsv removes a closing quote from the buffer's end later, so it must
 * never be emptied. */
#define CUT_KEEP 8

struct cg_csv_reader {
	FILE *fp;
	const unsigned char *mem;   /* memory source instead of fp */
	size_t mem_len, mem_pos;
	char name[256];
	size_t max_field;

	struct csv_parser parser;
	unsigned char in[CG_CSV_BLOCK];
	size_t in_pos, in_len;
	int eof, finished, failed;
	unsigned char conv[CG_CP1251_UTF8_MAX(CG_CSV_BLOCK)];

	cg_encoding enc;
	char delimiter;
	int had_bom;
	unsigned long line;         /* current physical line, 1-based */
	unsigned long column;       /* characters consumed on it */
	uint64_t consumed;

	/* the row being read */
	int row_open, row_ready;
	unsigned long row_line, row_end_line;
	char *arena;
	size_t arena_len, arena_cap;
	size_t *offsets, *lengths;
	cg_csv_field *fields;
	size_t stored, count_read;
	int field_cut;              /* the current field outgrew max_field */
	size_t cut_bytes;
	cg_csv_row problem;         /* problem fields only */
};

static void set_error(cg_csv_error *err, unsigned long line, unsigned long column, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	err->line = line;
	err->column = column;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
}

static void note_problem(cg_csv_reader *r, cg_csv_problem p)
{
	if (r->problem.problem == CG_CSV_ROW_OK)
		r->problem.problem = p;
}

/* ---- libcsv callbacks: they only record ---------------------------------- */

static void store_field(cg_csv_reader *r, const char *data, size_t len)
{
	if (r->stored >= CG_CSV_ROW_MAX_FIELDS) {
		note_problem(r, CG_CSV_ROW_TOO_MANY_FIELDS);
		return;
	}
	if (len > CG_CSV_ROW_MAX_BYTES - r->arena_len) {
		note_problem(r, CG_CSV_ROW_TOO_LONG);
		len = 0;
	}
	if (r->arena_len + len > r->arena_cap) {
		size_t cap = r->arena_cap ? r->arena_cap : 4096;
		char *grown;
		while (cap < r->arena_len + len)
			cap *= 2;
		grown = realloc(r->arena, cap);
		if (!grown) {
			r->failed = 1;
			return;
		}
		r->arena = grown;
		r->arena_cap = cap;
	}
	if (len)
		memcpy(r->arena + r->arena_len, data, len);
	r->offsets[r->stored] = r->arena_len;
	r->lengths[r->stored] = len;
	r->arena_len += len;
	r->stored++;
}

static void on_field(void *data, size_t len, void *ctx)
{
	cg_csv_reader *r = ctx;

	r->count_read++;
	if (r->field_cut || len > r->max_field) {
		if (r->problem.problem == CG_CSV_ROW_OK) {
			r->problem.problem = CG_CSV_ROW_FIELD_TOO_LONG;
			r->problem.problem_field = r->count_read;
			r->problem.problem_size = r->cut_bytes + len;
		}
		r->field_cut = 0;
		r->cut_bytes = 0;
		store_field(r, "", 0);
		return;
	}
	store_field(r, data, len);
}

static void on_row(int c, void *ctx)
{
	cg_csv_reader *r = ctx;

	(void)c;
	r->row_ready = 1;
	r->row_open = 0;
	r->row_end_line = r->line;
}

/* libcsv trims spaces and tabs around unquoted fields unless told that
 * nothing is a space. */
static int never_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* ---- input ----------------------------------------------------------------- */

static int fill(cg_csv_reader *r, cg_csv_error *err)
{
	size_t n;

	if (r->in_pos > 0) {
		memmove(r->in, r->in + r->in_pos, r->in_len - r->in_pos);
		r->in_len -= r->in_pos;
		r->in_pos = 0;
	}
	if (r->in_len == sizeof r->in || r->eof)
		return 0;
	if (r->mem) {
		n = r->mem_len - r->mem_pos;
		if (n > sizeof r->in - r->in_len)
			n = sizeof r->in - r->in_len;
		memcpy(r->in + r->in_len, r->mem + r->mem_pos, n);
		r->mem_pos += n;
		if (r->mem_pos == r->mem_len)
			r->eof = 1;
	} else {
		n = fread(r->in + r->in_len, 1, sizeof r->in - r->in_len, r->fp);
		if (n == 0 && ferror(r->fp)) {
			set_error(err, r->line, 0, "%s: cannot read: %s", r->name, strerror(errno));
			return -1;
		}
		if (n == 0 || feof(r->fp))
			r->eof = 1;
	}
	r->in_len += n;
	return 0;
}

/* The most frequent of ; , tab outside quotes in the first line (';' wins
 * ties: Excel's choice where the decimal separator is a comma). */
static char detect_delimiter(const unsigned char *s, size_t len)
{
	size_t i, semi = 0, comma = 0, tab = 0;
	int quoted = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = s[i];
		if (c == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (c == '\n' || c == '\r')
			break;
		else if (c == ';')
			semi++;
		else if (c == ',')
			comma++;
		else if (c == '\t')
			tab++;
	}
	if (semi >= comma && semi >= tab && semi > 0)
		return ';';
	if (comma >= tab && comma > 0)
		return ',';
	if (tab > 0)
		return '\t';
	return ',';
}

static cg_csv_reader *open_reader(FILE *fp, const void *mem, size_t mem_len, const char *name,
                                  const cg_csv_options *opt, cg_csv_error *err)
{
	cg_csv_reader *r = calloc(1, sizeof *r);
	size_t bom;
	int utf16;

	if (!r) {
		set_error(err, 0, 0, "%s: out of memory", name);
		return NULL;
	}
	r->fp = fp;
	r->mem = mem;
	r->mem_len = mem_len;
	snprintf(r->name, sizeof r->name, "%s", name ? name : "(input)");
	r->max_field = opt && opt->max_field ? opt->max_field : CG_CSV_FIELD_MAX_DEFAULT;
	if (r->max_field < 2 * CUT_KEEP)
		r->max_field = 2 * CUT_KEEP;
	r->enc = opt ? opt->encoding : CG_ENC_AUTO;
	r->line = 1;
	r->offsets = malloc(CG_CSV_ROW_MAX_FIELDS * sizeof *r->offsets);
	r->lengths = malloc(CG_CSV_ROW_MAX_FIELDS * sizeof *r->lengths);
	r->fields = malloc(CG_CSV_ROW_MAX_FIELDS * sizeof *r->fields);
	if (!r->offsets || !r->lengths || !r->fields || csv_init(&r->parser, 0) != 0) {
		set_error(err, 0, 0, "%s: out of memory", r->name);
		cg_csv_close(r);
		return NULL;
	}
	csv_set_space_func(&r->parser, never_space);
	csv_set_blk_size(&r->parser, 4096);

	if (mem_len == 0 && mem)
		r->eof = 1;
	if (fill(r, err) < 0) {
		cg_csv_close(r);
		return NULL;
	}
	bom = cg_bom_length(r->in, r->in_len, &utf16);
	if (utf16) {
		set_error(err, 1, 1, "%s: the file is UTF-16; save it as UTF-8 or Windows-1251 CSV", r->name);
		cg_csv_close(r);
		return NULL;
	}
	if (bom) {
		r->had_bom = 1;
		r->in_pos = bom;
		r->consumed = bom;
		if (r->enc == CG_ENC_AUTO)
			r->enc = CG_ENC_UTF8;
	}
	r->delimiter = opt && opt->delimiter ? opt->delimiter
	                                     : detect_delimiter(r->in + r->in_pos, r->in_len - r->in_pos);
	csv_set_delim(&r->parser, (unsigned char)r->delimiter);
	return r;
}

cg_csv_reader *cg_csv_open(FILE *fp, const char *name, const cg_csv_options *opt, cg_csv_error *err)
{
	return open_reader(fp, NULL, 0, name, opt, err);
}

cg_csv_reader *cg_csv_open_memory(const void *data, size_t len, const char *name,
                                  const cg_csv_options *opt, cg_csv_error *err)
{
	static const unsigned char empty[1] = {0};

	return open_reader(NULL, data ? data : empty, len, name, opt, err);
}

void cg_csv_close(cg_csv_reader *r)
{
	if (!r)
		return;
	csv_free(&r->parser);
	free(r->arena);
	free(r->offsets);
	free(r->lengths);
	free(r->fields);
	free(r);
}

char cg_csv_delimiter(const cg_csv_reader *r) { return r->delimiter; }
cg_encoding cg_csv_encoding(const cg_csv_reader *r) { return r->enc; }
int cg_csv_had_bom(const cg_csv_reader *r) { return r->had_bom; }
uint64_t cg_csv_bytes_read(const cg_csv_reader *r) { return r->consumed; }

/* ---- one physical line (or a block of a very long one) ---------------------- */

static void problem_at(cg_csv_reader *r, cg_csv_problem p, unsigned byte)
{
	if (r->problem.problem != CG_CSV_ROW_OK)
		return;
	r->problem.problem = p;
	r->problem.problem_line = r->line;
	r->problem.problem_column = r->column + 1;
	r->problem.problem_byte = byte;
}

/*
 * Checks s[0..len) as UTF-8, counting columns and marking the row on a bad
 * sequence.  Returns how many bytes may be fed now: less than len when the
 * piece ends inside a sequence that the next block completes.
 */
static size_t check_utf8(cg_csv_reader *r, const unsigned char *s, size_t len, int more_follows)
{
	size_t i = 0;

	while (i < len) {
		int n;
		if (s[i] < 0x80) {
			if (s[i] == 0)
				problem_at(r, CG_CSV_ROW_NUL_BYTE, 0);
			r->column++;
			i++;
			continue;
		}
		n = cg_utf8_sequence(s + i, len - i);
		if (n == -1 && more_follows)
			return i;
		if (n <= 0) {
			problem_at(r, CG_CSV_ROW_BAD_UTF8, s[i]);
			r->column++;
			i++;
			continue;
		}
		r->column++;
		i += (size_t)n;
	}
	return i;
}

static void count_bytes(cg_csv_reader *r, const unsigned char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == 0)
			problem_at(r, CG_CSV_ROW_NUL_BYTE, 0);
		r->column++;
	}
}

static int feed(cg_csv_reader *r, const unsigned char *s, size_t len, cg_csv_error *err)
{
	if (len == 0)
		return 0;
	if (csv_parse(&r->parser, s, len, on_field, on_row, r) != len || r->failed) {
		set_error(err, r->line, 0, "%s: out of memory at line %lu", r->name, r->line);
		return -1;
	}
	/* Bound libcsv's buffer: keep a few bytes, count the rest as cut. */
	if (r->parser.entry_pos > r->max_field) {
		size_t drop = r->parser.entry_pos - CUT_KEEP;
		memmove(r->parser.entry_buf, r->parser.entry_buf + drop, CUT_KEEP);
		r->parser.entry_pos = CUT_KEEP;
		r->cut_bytes += drop;
		r->field_cut = 1;
	}
	return 0;
}

/*
 * Handles s[0..len) of the input (a line with its terminator when term).
 * Returns the bytes consumed, or -1 with *err set.
 */
static long process_piece(cg_csv_reader *r, const unsigned char *s, size_t len, int term, cg_csv_error *err)
{
	size_t i, start = 0, take = len;
	int more_follows = !term && !r->eof;

	if (!r->row_open) {
		for (i = 0; i < len; i++) {
			if (s[i] != '\r' && s[i] != '\n') {
				r->row_open = 1;
				r->row_line = r->line;
				break;
			}
		}
	}

	if (r->enc == CG_ENC_AUTO) {
		/* ASCII reads the same in both encodings: decide at the first byte that does not. */
		for (i = 0; i < len && s[i] < 0x80; i++) {
			if (s[i] == 0)
				problem_at(r, CG_CSV_ROW_NUL_BYTE, 0);
			r->column++;
		}
		start = i;
		if (i < len) {
			const unsigned char *window = s + i;
			size_t wlen = (size_t)((r->in + r->in_len) - window);
			r->enc = cg_encoding_sniff(window, wlen, r->eof);
			if (r->enc == CG_ENC_UNKNOWN) {
				set_error(err, r->line, r->column + 1,
				          "%s: line %lu, column %lu: the text from byte 0x%02X on is neither UTF-8 nor "
				          "Windows-1251; convert the file to UTF-8 or give the encoding "
				          "(--encoding utf-8|cp1251)",
				          r->name, r->line, r->column + 1, window[0]);
				return -1;
			}
		}
	}

	if (r->enc == CG_ENC_UTF8) {
		take = start + check_utf8(r, s + start, len - start, more_follows);
		if (feed(r, s, take, err) < 0)
			return -1;
	} else if (r->enc == CG_ENC_CP1251) {
		size_t n;
		count_bytes(r, s + start, len - start);
		n = cg_cp1251_to_utf8(s, len, r->conv);
		if (feed(r, r->conv, n, err) < 0)
			return -1;
	} else if (feed(r, s, len, err) < 0) { /* still all ASCII */
		return -1;
	}

	if (term && take == len) {
		r->line++;
		r->column = 0;
	}
	r->consumed += take;
	return (long)take;
}

static void finish(cg_csv_reader *r)
{
	if (r->parser.quoted && r->parser.pstate == LIBCSV_FIELD_BEGUN && r->row_open) {
		if (r->problem.problem == CG_CSV_ROW_OK) {
			r->problem.problem = CG_CSV_ROW_UNCLOSED_QUOTE;
			r->problem.problem_line = r->line;
		}
	}
	csv_fini(&r->parser, on_field, on_row, r);
	r->finished = 1;
}

static void reset_row(cg_csv_reader *r)
{
	r->row_ready = 0;
	r->arena_len = 0;
	r->stored = 0;
	r->count_read = 0;
	memset(&r->problem, 0, sizeof r->problem);
}

int cg_csv_next(cg_csv_reader *r, cg_csv_row *row, cg_csv_error *err)
{
	reset_row(r);
	for (;;) {
		const unsigned char *s;
		size_t avail, i, piece = 0;
		int term = 0;
		long took;

		if (r->failed) {
			set_error(err, r->line, 0, "%s: out of memory at line %lu", r->name, r->line);
			return -1;
		}
		if (r->row_ready) {
			size_t k;
			*row = r->problem;
			for (k = 0; k < r->stored; k++) {
				r->fields[k].data = r->arena ? r->arena + r->offsets[k] : "";
				r->fields[k].len = r->lengths[k];
			}
			row->fields = r->fields;
			row->count = r->stored;
			row->count_read = r->count_read;
			row->line = r->row_line;
			row->end_line = r->row_end_line;
			return 1;
		}
		if (r->finished)
			return 0;

		avail = r->in_len - r->in_pos;
		if (avail == 0) {
			if (r->eof) {
				finish(r);
				continue;
			}
			if (fill(r, err) < 0)
				return -1;
			continue;
		}
		s = r->in + r->in_pos;
		for (i = 0; i < avail && s[i] != '\n' && s[i] != '\r'; i++)
			;
		if (i < avail && (s[i] == '\n' || i + 1 < avail || r->eof)) {
			piece = i + 1;
			if (s[i] == '\r' && i + 1 < avail && s[i + 1] == '\n')
				piece++;
			term = 1;
		} else if (!r->eof && (r->in_pos > 0 || r->in_len < sizeof r->in)) {
			/* The line (or the LF after a CR) goes on past the block: read more first. */
			if (fill(r, err) < 0)
				return -1;
			continue;
		} else {
			/* A line longer than the block: feed this much of it (a CR at the
			 * very end waits for its LF). */
			piece = i < avail ? i : avail;
		}
		took = process_piece(r, s, piece, term, err);
		if (took < 0)
			return -1;
		r->in_pos += (size_t)took;
	}
}

void cg_csv_describe_problem(const cg_csv_row *row, size_t max_field, char *out, size_t size)
{
	if (!max_field)
		max_field = CG_CSV_FIELD_MAX_DEFAULT;
	switch (row->problem) {
	case CG_CSV_ROW_OK:
		snprintf(out, size, "no problem");
		break;
	case CG_CSV_ROW_FIELD_TOO_LONG:
		snprintf(out, size, "field %zu is %zu bytes long, over the limit of %zu bytes (left out here)",
		         row->problem_field, row->problem_size, max_field);
		break;
	case CG_CSV_ROW_TOO_LONG:
		snprintf(out, size, "the row is over %zu bytes long", CG_CSV_ROW_MAX_BYTES);
		break;
	case CG_CSV_ROW_TOO_MANY_FIELDS:
		snprintf(out, size, "the row has %zu fields, over the limit of %d", row->count_read,
		         CG_CSV_ROW_MAX_FIELDS);
		break;
	case CG_CSV_ROW_BAD_UTF8:
		snprintf(out, size, "invalid UTF-8 (byte 0x%02X) at line %lu, column %lu; if the file is "
		         "Windows-1251, give --encoding cp1251", row->problem_byte, row->problem_line,
		         row->problem_column);
		break;
	case CG_CSV_ROW_NUL_BYTE:
		snprintf(out, size, "NUL byte at line %lu, column %lu (binary data, or UTF-16 text?)",
		         row->problem_line, row->problem_column);
		break;
	case CG_CSV_ROW_UNCLOSED_QUOTE:
		snprintf(out, size, "a quote opened in this row (line %lu) is never closed: the file ends "
		         "at line %lu inside the field", row->line, row->problem_line);
		break;
	}
}
