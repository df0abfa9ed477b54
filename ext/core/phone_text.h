/*
 * Reading the characters of a phone number: UTF-8 decoding, the characters
 * people put between digits, labels and extension markers.  Internal to the
 * phone parser (phone.c, phone_extract.c).
 */
#ifndef CRMGUARD_PHONE_TEXT_H
#define CRMGUARD_PHONE_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "phone.h"

/* A real number has far fewer tokens and digits; more means "not one number". */
#define CG_TEXT_TOKENS_MAX 96
#define CG_TEXT_DIGITS_MAX 64
/* A word longer than fits here (lower case UTF-8) is a label. */
#define CG_TEXT_WORD_BUF 24

typedef enum {
	CG_TOK_DIGITS,    /* a run of decimal digits of any script */
	CG_TOK_PLUS,      /* one or more '+' */
	CG_TOK_WORD,      /* a run of letters */
	CG_TOK_PUNCT,     /* spaces, dashes, brackets, dots ... */
	CG_TOK_MARK,      /* '#' or '~': may introduce or end an extension */
	CG_TOK_SEPARATOR, /* , ; / | new line: between two numbers */
	CG_TOK_OTHER,     /* symbols of other scripts: ignored like labels */
	CG_TOK_INVALID    /* malformed UTF-8 or a control character */
} cg_token_kind;

typedef enum {
	CG_WORD_LABEL,     /* any other word: "тел", "моб", "Иван" */
	CG_WORD_EXTENSION, /* "доб", "ext": up to 20 extension digits follow */
	CG_WORD_EXTENSION_SHORT, /* "x", "int": up to 9, as libphonenumber reads them */
	CG_WORD_LETTER_O,  /* a lone O that may stand for a zero */
	CG_WORD_OR         /* "или", "or": between two numbers */
} cg_word_kind;

typedef struct {
	uint8_t kind;      /* cg_token_kind */
	uint8_t word;      /* cg_word_kind for CG_TOK_WORD; 1 for a '#' CG_TOK_MARK */
	uint16_t digit_start; /* CG_TOK_DIGITS: its digits in cg_tokens.digits */
	uint16_t digit_len;
	uint8_t truncated; /* CG_TOK_DIGITS: more digits than fitted in the buffer */
	size_t start, end; /* byte range in the text */
} cg_token;

typedef struct {
	cg_token tok[CG_TEXT_TOKENS_MAX];
	size_t count;
	char digits[CG_TEXT_DIGITS_MAX]; /* ASCII digits of all CG_TOK_DIGITS, in order */
	size_t digit_count;
	int overflow; /* the text had more tokens or digits than kept */
} cg_tokens;

/*
 * Reads the one token that starts at byte pos (a maximal run of one kind).
 * Digits of a CG_TOK_DIGITS token are appended to digits while they fit in
 * cap (*count grows; tok->digit_len counts what was appended).
 */
size_t cg_token_next(const char *text, size_t len, size_t pos, cg_token *tok,
                     char *digits, size_t cap, size_t *count);

/*
 * Splits text[0..len) into tokens.  Stops with overflow set when the arrays
 * are full; the tokens read so far stay usable.
 */
void cg_tokenize(const char *text, size_t len, cg_tokens *out);

/* Decodes one UTF-8 character; returns its length (>= 1) and the code point
 * in *cp, or U+FFFD for a malformed sequence. */
size_t cg_utf8_next(const unsigned char *s, size_t len, uint32_t *cp);

/* What one number's text holds, before any country logic. */
typedef struct {
	cg_phone_error error;  /* CG_PHONE_OK, or why there is no number to read */
	int has_plus;          /* the number starts with '+' */
	char digits[CG_TEXT_DIGITS_MAX + 1];   /* letters O skipped, as libphonenumber does */
	size_t digit_count;
	char digits_o[CG_TEXT_DIGITS_MAX + 1]; /* letters O read as zeros */
	size_t digit_count_o;
	int has_letter_o;
	size_t first_group;    /* digits in the first run of digits ("+8 912": 1) */
	char extension[CG_PHONE_EXT_MAX + 1];
} cg_number_text;

/* What a word (lower case UTF-8, as cg_token_next collects it) means. */
cg_word_kind cg_word_kind_of(const char *w, size_t n);

/* Reads the number held by tokens [from, to). */
void cg_read_number(const cg_tokens *t, size_t from, size_t to, cg_number_text *out);

#endif
