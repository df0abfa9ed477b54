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

/* The raw bytes of an open row kept to judge a quote that runs across line
 * ends (JUDGE_FACTOR x max_field, at most JUDGE_MAX); a row still open past
 * this is judged on what it has. */
#define JUDGE_MAX ((size_t)1 << 20)
#define JUDGE_FACTOR 16
/* ... and judged after this many lines past its first: a stray quote on every
 * line then costs a few lines each, not a megabyte. */
#define JUDGE_LINES 8

/* A row of more input bytes than this many times max_field stops the reading. */
#define ROW_MAX_FACTOR 64

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
	unsigned char conv[CG_CP1251_UTF8_MAX(CG_CSV_BLOCK + 1)];

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
	uint64_t row_bytes;         /* input bytes of the open row: over row_max, reading stops */
	uint64_t row_max;
	size_t judge_max;

	/* A quoted field that runs across line ends is judged against the file's
	 * shape (judge_cut): the raw lines of the open row are kept meanwhile (at
	 * most JUDGE_MAX bytes), and when the first line is read alone the lines
	 * after it are read again from replay. */
	size_t shape;               /* fields of the first row (the header); 0 before it */
	int shape_set, cut_pending;
	int enc_given;              /* the caller named the encoding: no line is read otherwise */
	char *header;               /* the first row's fields, one after another */
	size_t *header_lens;
	unsigned long header_line;
	int judging;                /* rowbuf holds the open row's lines */
	unsigned long row_lines;    /* line ends in rowbuf */
	unsigned char *rowbuf;
	size_t rowbuf_len, rowbuf_cap;
	uint64_t row_consumed;      /* consumed before the row's first line */
	unsigned char *replay;
	size_t replay_len, replay_pos;
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

/*
 * Excel's "sep=;" first line names the delimiter (Excel writes it, and reads
 * it, for lists whose delimiter differs from the locale's): it is taken, and
 * the line is not a row.  A delimiter given by the caller wins.
 */
static void skip_sep_line(cg_csv_reader *r, int delimiter_given)
{
	const unsigned char *s = r->in + r->in_pos;
	size_t avail = r->in_len - r->in_pos, n;

	if (avail < 5 || (s[0] != 's' && s[0] != 'S') || (s[1] != 'e' && s[1] != 'E') ||
	    (s[2] != 'p' && s[2] != 'P') || s[3] != '=' || s[4] == '\r' || s[4] == '\n')
		return;
	n = 5;
	if (n < avail && s[n] != '\r' && s[n] != '\n')
		return;
	if (n < avail && s[n] == '\r')
		n++;
	if (n < avail && s[n] == '\n')
		n++;
	if (!delimiter_given)
		r->delimiter = (char)s[4];
	r->in_pos += n;
	r->consumed += n;
	r->line = 2;
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
	r->row_max = (uint64_t)r->max_field * ROW_MAX_FACTOR;
	r->judge_max = r->max_field < JUDGE_MAX / JUDGE_FACTOR ? r->max_field * JUDGE_FACTOR : JUDGE_MAX;
	r->enc = opt ? opt->encoding : CG_ENC_AUTO;
	r->enc_given = r->enc != CG_ENC_AUTO;
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
	skip_sep_line(r, opt && opt->delimiter);
	if (!r->delimiter)
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
	free(r->rowbuf);
	free(r->replay);
	free(r->header);
	free(r->header_lens);
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

/*
 * A line of a Windows-1251 file that is UTF-8 (two or more multi-byte
 * sequences, every byte over 0x7F in one): a list pasted together from two
 * exports.  Windows-1251 Russian text is never that: its letters are
 * 0xC0-0xFF, which UTF-8 allows only before 0x80-0xBF.  When the encoding was
 * detected (not given), such a line is read as UTF-8.
 */
static int utf8_line(const cg_csv_reader *r, const unsigned char *s, size_t len)
{
	size_t i = 0, seqs = 0;

	if (r->enc != CG_ENC_CP1251 || r->enc_given)
		return 0;
	while (i < len) {
		int n;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		n = cg_utf8_sequence(s + i, len - i);
		if (n <= 1)
			return 0;
		seqs++;
		i += (size_t)n;
	}
	return seqs >= 2;
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

static void reset_row(cg_csv_reader *r)
{
	r->row_ready = 0;
	r->arena_len = 0;
	r->stored = 0;
	r->count_read = 0;
	memset(&r->problem, 0, sizeof r->problem);
}

static int reset_parser(cg_csv_reader *r)
{
	csv_free(&r->parser);
	if (csv_init(&r->parser, 0) != 0)
		return -1;
	csv_set_space_func(&r->parser, never_space);
	csv_set_blk_size(&r->parser, 4096);
	csv_set_delim(&r->parser, (unsigned char)r->delimiter);
	return 0;
}

/* ---- a quoted field across line ends, judged against the file's shape ------- */

static int rowbuf_add(cg_csv_reader *r, const unsigned char *s, size_t len)
{
	if (r->rowbuf_len + len > r->rowbuf_cap) {
		size_t cap = r->rowbuf_cap ? r->rowbuf_cap : 4096;
		unsigned char *grown;
		while (cap < r->rowbuf_len + len)
			cap *= 2;
		grown = realloc(r->rowbuf, cap);
		if (!grown)
			return -1;
		r->rowbuf = grown;
		r->rowbuf_cap = cap;
	}
	memcpy(r->rowbuf + r->rowbuf_len, s, len);
	r->rowbuf_len += len;
	return 0;
}

/* The length of the line at s with its line end (CR, LF or CR LF); *body: without it. */
static size_t line_length(const unsigned char *s, size_t len, size_t *body)
{
	size_t i = 0;

	while (i < len && s[i] != '\n' && s[i] != '\r')
		i++;
	*body = i;
	if (i == len)
		return len;
	if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
		return i + 2;
	return i + 1;
}

typedef struct {
	size_t fields;
	size_t open_at;   /* offset of the first quote taken as a character; NOT_OPEN when none */
	int extra_text;   /* a field past the header's count holds more than spaces */
} line_shape;

#define NOT_OPEN ((size_t)-1)

/*
 * A line read alone, as LibreOffice Calc reads a line (checked with 7.4): a
 * quote opens a field only at the field's start; inside it "" is a quote, a
 * quote followed by the delimiter (spaces may come between) or the line's end
 * closes it, and any other quote is a character.  A quote that does not close
 * on the line is a character: the field is taken as written up to the next
 * delimiter.  A quote inside an unquoted field is a character.  With out (room
 * for len bytes), each field goes to the row.
 */
static line_shape read_alone(cg_csv_reader *r, const unsigned char *s, size_t len, unsigned char *out)
{
	line_shape ls = {0, NOT_OPEN, 0};
	const unsigned char d = (unsigned char)r->delimiter;
	size_t i = 0;

	for (;;) {
		size_t o = 0, k, from = i;
		int text = 0, quoted = 0;
		if (i < len && s[i] == '"') {
			size_t j = i + 1;
			for (; j < len; j++) {
				if (s[j] != '"')
					continue;
				if (j + 1 < len && s[j + 1] == '"') {
					j++;
					continue;
				}
				for (k = j + 1; k < len && s[k] == ' '; k++)
					;
				if (k == len || s[k] == d)
					break; /* the field's closing quote */
			}
			if (j < len) {
				quoted = 1;
				for (k = i + 1; k < j; k++) {
					if (s[k] == '"' && s[k + 1] == '"')
						k++;
					text |= s[k] != ' ' && s[k] != '\t';
					if (out)
						out[o++] = s[k];
				}
				for (i = j + 1; i < len && s[i] != d; i++)
					;
			} else if (ls.open_at == NOT_OPEN) {
				ls.open_at = i;
			}
		}
		if (!quoted) {
			for (i = from; i < len && s[i] != d; i++) {
				text |= s[i] != ' ' && s[i] != '\t';
				if (out)
					out[o++] = s[i];
			}
		}
		ls.fields++;
		if (ls.fields > r->shape && text)
			ls.extra_text = 1;
		if (out)
			on_field(out, o, r);
		if (i >= len)
			break;
		i++; /* the delimiter */
	}
	return ls;
}

/* Whether a line read alone is a row of the header's shape (more fields only
 * when they are empty). */
static int fits(const cg_csv_reader *r, const line_shape *ls)
{
	return ls->fields >= r->shape && (ls->fields == r->shape || !ls->extra_text);
}

/*
 * The open row runs across line ends inside a quoted field (its raw lines are
 * in rowbuf).  Is it one row with a field over several lines, as libcsv reads
 * it, or does a stray quote make it swallow rows?  Read alone (read_alone),
 * its first line and the lines after it are checked against the header's
 * shape.  The first line alone is weak evidence (with its quote as a
 * character, a line whose quoted field is the last has the header's count),
 * the lines after it are strong evidence:
 *   - the file ends inside the field: libcsv's row is a reject anyway, so the
 *     first line is read alone when it, or any line after it, is a row;
 *   - libcsv's row has the wrong number of fields: the first line is read
 *     alone when a line after it is a row;
 *   - libcsv's row is well-formed: it stands, unless the first line and every
 *     line after it (two at least) are rows by themselves;
 *   - the row is still open after JUDGE_LINES lines past its first, or rowbuf
 *     outgrew judge_max (complete is 0): the first line is read alone when
 *     most lines after it are rows.
 * 1: read the first line alone; 0: keep libcsv's reading.
 */
static int judge_cut(cg_csv_reader *r, int complete)
{
	size_t pos, body, n, lines = 0, ok = 0, k;
	int first_ok, multi_ok;
	line_shape ls;

	n = line_length(r->rowbuf, r->rowbuf_len, &body);
	ls = read_alone(r, r->rowbuf, body, NULL);
	first_ok = fits(r, &ls);
	for (pos = n; pos < r->rowbuf_len; pos += n) {
		n = line_length(r->rowbuf + pos, r->rowbuf_len - pos, &body);
		if (body == 0)
			continue;
		lines++;
		ls = read_alone(r, r->rowbuf + pos, body, NULL);
		ok += (size_t)fits(r, &ls);
	}
	if (!complete)
		return ok > 0 && ok * 2 >= lines;
	if (r->problem.problem == CG_CSV_ROW_UNCLOSED_QUOTE)
		return first_ok || ok > 0;
	multi_ok = r->count_read >= r->shape && r->problem.problem != CG_CSV_ROW_TOO_MANY_FIELDS;
	for (k = r->shape; k < r->stored && multi_ok; k++) {
		size_t j;
		for (j = 0; j < r->lengths[k] && multi_ok; j++)
			multi_ok = r->arena[r->offsets[k] + j] == ' ' || r->arena[r->offsets[k] + j] == '\t';
	}
	if (!multi_ok)
		return ok > 0;
	return first_ok && ok == lines && lines >= 2;
}

/*
 * Makes the open row's first line, read alone, the row, and puts the lines
 * after it back to be read again (before what the input still holds).
 */
static int cut(cg_csv_reader *r, int parser_mid_row, cg_csv_error *err)
{
	size_t body, n = line_length(r->rowbuf, r->rowbuf_len, &body);
	size_t rest = r->rowbuf_len - n, left = r->replay_len - r->replay_pos, k;
	unsigned char *text = r->rowbuf, *conv = NULL, *out, *replay;
	line_shape ls;

	replay = malloc(rest + left + 1);
	out = malloc(CG_CP1251_UTF8_MAX(body) + 1);
	if (r->enc == CG_ENC_CP1251)
		conv = malloc(CG_CP1251_UTF8_MAX(body) + 1);
	if (!replay || !out || (r->enc == CG_ENC_CP1251 && !conv) || (parser_mid_row && reset_parser(r) < 0)) {
		free(replay);
		free(out);
		free(conv);
		r->failed = 1;
		set_error(err, r->row_line, 0, "%s: out of memory at line %lu", r->name, r->row_line);
		return -1;
	}
	memcpy(replay, r->rowbuf + n, rest);
	if (left)
		memcpy(replay + rest, r->replay + r->replay_pos, left);
	free(r->replay);
	r->replay = replay;
	r->replay_len = rest + left;
	r->replay_pos = 0;
	r->finished = 0;

	reset_row(r);
	r->field_cut = 0;
	r->cut_bytes = 0;
	r->line = r->row_line;
	r->column = 0;
	if (r->enc == CG_ENC_UTF8 || utf8_line(r, text, body)) {
		check_utf8(r, text, body, 0);
		free(conv);
		conv = NULL;
	} else {
		count_bytes(r, text, body);
	}
	if (conv) {
		body = cg_cp1251_to_utf8(text, body, conv);
		text = conv;
	}
	ls = read_alone(r, text, body, out);
	/* Fewer fields than the header is a short row, which the importer takes as spreadsheets do;
	 * more with text in them is refused here, where the stray quote can still be named. */
	if (ls.open_at != NOT_OPEN && ls.fields > r->shape && ls.extra_text && r->problem.problem == CG_CSV_ROW_OK) {
		r->problem.problem = CG_CSV_ROW_QUOTE_NOT_CLOSED;
		r->problem.problem_line = r->row_line;
		r->problem.problem_column = 1;
		for (k = 0; k < ls.open_at; k++)
			r->problem.problem_column += (text[k] & 0xC0) != 0x80;
	}
	free(conv);
	free(out);
	r->row_end_line = r->row_line;
	r->row_ready = 1;
	r->row_open = 0;
	r->line = r->row_line + 1;
	r->column = 0;
	r->consumed = r->row_consumed + n;
	r->rowbuf_len = 0;
	r->judging = 0;
	return r->failed ? -1 : 0;
}

/*
 * Handles s[0..len) of the input (a line with its terminator when term).
 * more_follows: the line goes on after s (a UTF-8 sequence may straddle);
 * end: where the readable input that s is in ends (the encoding sniff looks
 * that far).  Returns the bytes consumed, or -1 with *err set.
 */
static long process_piece(cg_csv_reader *r, const unsigned char *s, size_t len, int term, int more_follows,
                          const unsigned char *end, cg_csv_error *err)
{
	size_t i, start = 0, take = len;
	int in_row;

	/* a BOM where a row starts: files joined one after another */
	if (!r->row_open && r->column == 0 && len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF &&
	    !(r->enc == CG_ENC_CP1251 && r->enc_given)) {
		if (r->enc == CG_ENC_AUTO)
			r->enc = CG_ENC_UTF8;
		r->consumed += 3;
		return 3;
	}
	if (!r->row_open) {
		for (i = 0; i < len; i++) {
			if (s[i] != '\r' && s[i] != '\n') {
				r->row_open = 1;
				r->row_line = r->line;
				r->row_bytes = 0;
				r->rowbuf_len = 0;
				r->judging = r->shape > 0;
				r->row_lines = 0;
				r->row_consumed = r->consumed;
				break;
			}
		}
	}
	in_row = r->row_open;

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
			size_t wlen = (size_t)(end - window);
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
	} else if (r->enc == CG_ENC_CP1251 && term && r->column == start && utf8_line(r, s, len)) {
		check_utf8(r, s + start, len - start, 0);
		if (feed(r, s, len, err) < 0)
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

	if (in_row) {
		r->row_bytes += take;
		if (r->row_bytes > r->row_max) {
			set_error(err, r->row_line, 0,
			          "%s: line %lu: the row starting here is longer than %llu bytes, the limit "
			          "(%d x max_field); nothing from this line on is read. Run the same import "
			          "again with a larger max_field (--max-field) to go on: the rows already "
			          "imported are skipped (or delete the row from the file: the rows before it "
			          "then count as already in the CRM)", r->name, r->row_line, (unsigned long long)r->row_max,
			          ROW_MAX_FACTOR);
			return -1;
		}
		/* a row that ends in the piece it began in needs no judging */
		if (r->judging && !(r->row_ready && r->rowbuf_len == 0) && rowbuf_add(r, s, take) < 0) {
			set_error(err, r->line, 0, "%s: out of memory at line %lu", r->name, r->line);
			return -1;
		}
	}

	if (term && take == len) {
		r->line++;
		r->column = 0;
		r->row_lines += in_row;
	}
	r->consumed += take;
	if (r->judging && r->row_open && !r->row_ready &&
	    (r->rowbuf_len > r->judge_max || r->row_lines > JUDGE_LINES)) {
		/* judged on the whole lines it has; cut() runs once the source moved on */
		if (term && take == len && judge_cut(r, 0))
			r->cut_pending = 1;
		else
			r->judging = 0;
	}
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

/* The header's fields, kept to know it when it comes again (lists pasted together). */
static int keep_header(cg_csv_reader *r)
{
	size_t k;

	r->shape = r->count_read;
	r->header_line = r->row_line;
	r->header = malloc(r->arena_len + 1);
	r->header_lens = malloc((r->stored + 1) * sizeof *r->header_lens);
	if (!r->header || !r->header_lens)
		return -1;
	if (r->arena_len)
		memcpy(r->header, r->arena, r->arena_len);
	for (k = 0; k < r->stored; k++)
		r->header_lens[k] = r->lengths[k];
	return 0;
}

static int is_header(const cg_csv_reader *r)
{
	size_t k, off = 0;

	if (!r->header || r->stored != r->shape || r->count_read != r->shape)
		return 0;
	for (k = 0; k < r->stored; k++) {
		if (r->lengths[k] != r->header_lens[k] ||
		    (r->lengths[k] && memcmp(r->arena + r->offsets[k], r->header + off, r->lengths[k]) != 0))
			return 0;
		off += r->lengths[k];
	}
	return 1;
}

/* A row that lacks only columns whose header cell is empty (a header written
 * with trailing delimiters) gets them, empty.  1 when it did. */
static int pad_unnamed(cg_csv_reader *r)
{
	size_t k;

	if (!r->header || r->count_read >= r->shape || r->stored != r->count_read)
		return 0;
	for (k = r->count_read; k < r->shape; k++) {
		if (r->header_lens[k] != 0)
			return 0;
	}
	for (k = r->count_read; k < r->shape; k++) {
		store_field(r, "", 0);
		r->fields[k].data = "";
		r->fields[k].len = 0;
	}
	r->count_read = r->shape;
	return 1;
}

/* After a piece: a cut decided while the row was still open. */
static int after_piece(cg_csv_reader *r, cg_csv_error *err)
{
	if (!r->cut_pending)
		return 0;
	r->cut_pending = 0;
	return cut(r, 1, err);
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
			if (r->judging && r->rowbuf_len > 0 && r->row_end_line > r->row_line && judge_cut(r, 1) &&
			    cut(r, 0, err) < 0)
				return -1;
			r->judging = 0;
			r->rowbuf_len = 0;
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
			/* the first row (the header) gives the file's shape */
			if (!r->shape_set) {
				r->shape_set = 1;
				if (row->problem == CG_CSV_ROW_OK && keep_header(r) < 0) {
					set_error(err, r->row_line, 0, "%s: out of memory at line %lu", r->name, r->row_line);
					return -1;
				}
			} else if (row->problem == CG_CSV_ROW_OK && is_header(r)) {
				row->problem = CG_CSV_ROW_HEADER_REPEATED;
				row->problem_line = r->header_line;
			} else if (row->problem == CG_CSV_ROW_OK && pad_unnamed(r)) {
				row->count = r->stored;
				row->count_read = r->count_read;
			}
			return 1;
		}
		if (r->finished)
			return 0;

		if (r->replay_pos < r->replay_len) {
			/* lines put back by cut(): whole lines, each fed as at first */
			s = r->replay + r->replay_pos;
			avail = r->replay_len - r->replay_pos;
			for (i = 0; i < avail && s[i] != '\n' && s[i] != '\r'; i++)
				;
			piece = i < avail ? line_length(s, avail, &i) : avail;
			term = i < avail;
			if (piece > CG_CSV_BLOCK + 1) {
				piece = CG_CSV_BLOCK;
				term = 0;
			}
			took = process_piece(r, s, piece, term, !term && (piece < avail || !r->eof || r->in_pos < r->in_len),
			                     s + avail, err);
			if (took < 0)
				return -1;
			r->replay_pos += (size_t)took;
			if (r->replay_pos == r->replay_len)
				r->replay_pos = r->replay_len = 0;
			if (after_piece(r, err) < 0)
				return -1;
			continue;
		}

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
		took = process_piece(r, s, piece, term, !term && !r->eof, r->in + r->in_len, err);
		if (took < 0)
			return -1;
		r->in_pos += (size_t)took;
		if (after_piece(r, err) < 0)
			return -1;
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
	case CG_CSV_ROW_HEADER_REPEATED:
		snprintf(out, size, "a repeat of the header row (line %lu): lists pasted together?", row->problem_line);
		break;
	case CG_CSV_ROW_QUOTE_NOT_CLOSED:
		snprintf(out, size, "a quote opened at line %lu, column %lu is not closed on its line, and with "
		         "the quote as a character the line has %zu fields, not the header's; the lines after "
		         "it are read as rows of their own", row->problem_line, row->problem_column, row->count_read);
		break;
	}
}
