/*
 * Character encodings of imported CSV files: UTF-8 (with or without a byte
 * order mark) and Windows-1251, the two that Russian spreadsheets produce.
 * Plain C, no allocation, no state: the CSV reader (csv_reader.c) calls these
 * on the raw bytes before libcsv sees them.
 */
#ifndef CRMGUARD_CSV_ENCODING_H
#define CRMGUARD_CSV_ENCODING_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
	CG_ENC_AUTO = 0,  /* decide from the data: BOM, else the first non-ASCII bytes */
	CG_ENC_UTF8,
	CG_ENC_CP1251,
	CG_ENC_UNKNOWN    /* neither: the file needs converting or an explicit encoding */
} cg_encoding;

/* "utf-8", "utf8", "cp1251", "windows-1251", "win1251", "auto" (any case). -1: unknown name. */
int cg_encoding_from_name(const char *name, size_t len, cg_encoding *out);

/* Byte order marks: 3 for a UTF-8 BOM, 0 none.  *utf16 set for FF FE / FE FF. */
size_t cg_bom_length(const unsigned char *s, size_t len, int *utf16);

/*
 * Length of the well-formed UTF-8 sequence at s (1..4), 0 when the bytes
 * there are not one (overlong forms, surrogates and code points above
 * U+10FFFF count as malformed), or -1 when len ends inside a sequence that
 * could still become well-formed with more bytes.
 */
int cg_utf8_sequence(const unsigned char *s, size_t len);

/*
 * Guesses the encoding of a window of text that holds non-ASCII bytes
 * (at_end: the window ends where the file ends, so a cut sequence is an
 * error).  UTF-8 when at least four in five of its non-ASCII sequences are
 * well-formed UTF-8; else Windows-1251 when the high bytes outside well-formed UTF-8 sequences
 * (a line pasted in UTF-8) read as Russian text (mostly Cyrillic letters,
 * lowercase ones at least as many as capitals, which tells it from KOI8-R);
 * otherwise CG_ENC_UNKNOWN.
 */
cg_encoding cg_encoding_sniff(const unsigned char *s, size_t len, int at_end);

/* Largest output of cg_cp1251_to_utf8 for n input bytes. */
#define CG_CP1251_UTF8_MAX(n) ((n) * 3)

/* Converts Windows-1251 to UTF-8; out must hold CG_CP1251_UTF8_MAX(len). Returns bytes written. */
size_t cg_cp1251_to_utf8(const unsigned char *s, size_t len, unsigned char *out);

#endif
