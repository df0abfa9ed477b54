/*
 * Streaming CSV reader over libcsv, for contact lists people export from
 * spreadsheets: UTF-8 with or without a BOM, or Windows-1251 (detected, and
 * converted to UTF-8); ',' ';' or tab as the delimiter (detected from the
 * first line); quotes, doubled quotes, fields over several lines, CRLF, LF or
 * CR line ends.
 *
 * Memory stays constant whatever the file: input is read in blocks, and a
 * field longer than max_field is not kept (the row is delivered with a
 * problem instead, and reading goes on with the next row).  A row of more
 * than 64 x max_field input bytes stops the reading (cg_csv_next returns -1
 * naming its line and the limit).
 *
 * Broken files, as people get them:
 *   - a quoted field that runs across line ends is judged against the file's
 *     shape (the first row's field count): when the lines after it read, each
 *     alone, as rows of that shape, its first line becomes a row of its own
 *     (read as LibreOffice reads a line: a quote that does not close on the
 *     line is a character) and the lines after it are read again, so one stray
 *     quote no longer swallows the rows after it.  Real fields over several
 *     lines stay one row.  At most 16 x max_field (1 MiB) of raw lines are
 *     kept for the judgement;
 *   - Excel's "sep=;" first line names the delimiter; a BOM where a row starts
 *     (lists pasted together) is skipped, and a row equal to the header is
 *     marked as its repeat;
 *   - in a file detected as Windows-1251, a line that is UTF-8 through and
 *     through is read as UTF-8;
 *   - rows that lack only columns whose header cell is empty (a header with
 *     trailing delimiters) get them, empty.
 *
 * How libcsv's limits are worked around:
 *   - it knows no BOM: the reader skips it before the first byte reaches libcsv;
 *   - it trims spaces and tabs around unquoted fields: a space test that
 *     accepts nothing keeps fields as written;
 *   - a callback cannot stop it and it reports no positions: the reader hands
 *     it one physical line at a time, so every callback knows its line, and
 *     the callbacks only record what they see (a problem marks the row, the
 *     caller decides);
 *   - its field buffer grows without bound: after each line the reader drops
 *     what the buffer holds beyond max_field (csv.h exposes the buffer).
 *
 * Plain C; a libFuzzer target can feed any bytes through cg_csv_open_memory.
 */
#ifndef CRMGUARD_CSV_READER_H
#define CRMGUARD_CSV_READER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "csv_encoding.h"

#define CG_CSV_FIELD_MAX_DEFAULT ((size_t)1 << 20) /* 1 MiB: no CRM field holds more */
#define CG_CSV_ROW_MAX_BYTES ((size_t)4 << 20)
#define CG_CSV_ROW_MAX_FIELDS 1000
#define CG_CSV_BLOCK 65536

typedef enum {
	CG_CSV_ROW_OK = 0,
	CG_CSV_ROW_FIELD_TOO_LONG,   /* problem_field, problem_size */
	CG_CSV_ROW_TOO_LONG,         /* all fields together over CG_CSV_ROW_MAX_BYTES */
	CG_CSV_ROW_TOO_MANY_FIELDS,  /* over CG_CSV_ROW_MAX_FIELDS */
	CG_CSV_ROW_BAD_UTF8,         /* problem_line, problem_column, problem_byte */
	CG_CSV_ROW_NUL_BYTE,         /* problem_line, problem_column */
	CG_CSV_ROW_UNCLOSED_QUOTE,   /* the file ends inside a quoted field */
	CG_CSV_ROW_QUOTE_NOT_CLOSED, /* read alone (the lines after it are rows): a quote opened at
	                              * problem_line, problem_column is not closed on its line, and
	                              * taken as a character the line is not of the header's shape */
	CG_CSV_ROW_HEADER_REPEATED   /* the same fields as the header (problem_line) */
} cg_csv_problem;

typedef struct {
	const char *data;   /* UTF-8 (converted when the file is Windows-1251); not NUL-terminated */
	size_t len;
} cg_csv_field;

typedef struct {
	const cg_csv_field *fields; /* valid until the next cg_csv_next() */
	size_t count;               /* fields kept in fields[] */
	size_t count_read;          /* fields the row had (more than count when too many) */
	unsigned long line;         /* physical line where the row starts, 1-based */
	unsigned long end_line;     /* where it ends: later than line for multi-line fields */
	cg_csv_problem problem;     /* the first problem seen in the row */
	size_t problem_field;       /* 1-based */
	size_t problem_size;        /* bytes of the over-long field */
	unsigned long problem_line, problem_column; /* column: characters, 1-based */
	unsigned problem_byte;
} cg_csv_row;

typedef struct {
	char message[512];
	unsigned long line, column; /* 0 when the error has no position */
} cg_csv_error;

typedef struct {
	cg_encoding encoding;  /* CG_ENC_AUTO: BOM, else the first non-ASCII bytes decide */
	char delimiter;        /* 0: the most frequent of ; , tab in the first line */
	size_t max_field;      /* 0: CG_CSV_FIELD_MAX_DEFAULT */
} cg_csv_options;

typedef struct cg_csv_reader cg_csv_reader;

/*
 * Starts reading fp (not closed by the reader; name is used in messages).
 * NULL with *err filled when the start of the file cannot be read or is
 * UTF-16.
 */
cg_csv_reader *cg_csv_open(FILE *fp, const char *name, const cg_csv_options *opt, cg_csv_error *err);

/* The same over a memory block (tests, fuzzing). */
cg_csv_reader *cg_csv_open_memory(const void *data, size_t len, const char *name,
                                  const cg_csv_options *opt, cg_csv_error *err);

/*
 * The next row: 1 with *row filled (check row->problem), 0 at the end, -1 on
 * an error that stops reading (I/O, out of memory, an encoding that is
 * neither UTF-8 nor Windows-1251), with *err saying where.
 */
int cg_csv_next(cg_csv_reader *r, cg_csv_row *row, cg_csv_error *err);

char cg_csv_delimiter(const cg_csv_reader *r);
cg_encoding cg_csv_encoding(const cg_csv_reader *r); /* CG_ENC_AUTO while only ASCII was seen */
int cg_csv_had_bom(const cg_csv_reader *r);
uint64_t cg_csv_bytes_read(const cg_csv_reader *r);  /* input bytes consumed so far */

void cg_csv_close(cg_csv_reader *r);

/* A sentence saying what is wrong with the row (row->problem != OK). */
void cg_csv_describe_problem(const cg_csv_row *row, size_t max_field, char *out, size_t size);

#endif
