/*
 * Phone numbers: parse what people type into E.164, the way libphonenumber
 * does, plus the rules a person applies where libphonenumber gives up
 * (docs/development.md, "Where crmguard reads numbers differently").
 *
 * Plain C: no Zend, no allocation, no global state.  Every function takes a
 * byte string with its length (it may contain NUL bytes and invalid UTF-8)
 * and never reads outside it.
 */
#ifndef CRMGUARD_PHONE_H
#define CRMGUARD_PHONE_H

#include <stddef.h>
#include <stdint.h>

/* Stable error codes; cg_phone_error_code() gives their names. */
typedef enum {
	CG_PHONE_OK = 0,
	CG_PHONE_EMPTY,                /* nothing but spaces and punctuation */
	CG_PHONE_NOT_A_NUMBER,         /* text that is no phone number */
	CG_PHONE_INVALID_COUNTRY_CODE, /* +NNN that no country has */
	CG_PHONE_TOO_SHORT,
	CG_PHONE_TOO_LONG,
	CG_PHONE_INVALID_FOR_REGION    /* the right length, but no such number */
} cg_phone_error;

#define CG_PHONE_NSN_MAX 17  /* longest national significant number */
#define CG_PHONE_EXT_MAX 20  /* longest extension kept */
#define CG_E164_SIZE 24      /* '+', country code, NSN, NUL */
#define CG_PHONE_INPUT_MAX 4096 /* longer single-number input is not a number */

/* What libphonenumber's GetNumberType says of a valid number, as far as crmguard needs it. */
typedef enum {
	CG_PHONE_TYPE_UNKNOWN = 0,      /* not valid */
	CG_PHONE_MOBILE,
	CG_PHONE_FIXED_LINE,
	CG_PHONE_FIXED_LINE_OR_MOBILE,  /* the region's patterns cannot tell (US, CA ...) */
	CG_PHONE_OTHER_TYPE             /* toll free, VoIP, premium rate, ... */
} cg_phone_type;

typedef struct {
	cg_phone_error error;     /* CG_PHONE_OK exactly when the number is valid */
	uint16_t country_code;    /* 0 when none could be determined */
	char region[4];           /* ISO 3166 alpha-2, "001" non-geographic, "" unknown */
	char national[CG_PHONE_NSN_MAX + 1];  /* national significant number: digits */
	char extension[CG_PHONE_EXT_MAX + 1]; /* digits, "" when none */
	char e164[CG_E164_SIZE];  /* "+79123456789"; "" unless valid */
	cg_phone_type type;       /* mobile, fixed line ...: CG_PHONE_TYPE_UNKNOWN unless valid */
} cg_phone;

/* Index into cg_regions of an ISO 3166 alpha-2 code (any case), or -1. */
int cg_region_find(const char *code, size_t len);

/* Parses one number, writes every field of *out, returns out->error. */
cg_phone_error cg_phone_parse(const char *text, size_t len, int region, cg_phone *out);

/*
 * E.164 of a valid number written to out (CG_E164_SIZE bytes, NUL-terminated);
 * returns its length, or 0 when the input is not a valid number.
 */
size_t cg_phone_normalize(const char *text, size_t len, int region, char *out);

/* E.164 as an integer key (digits after '+'), 0 when not valid. */
uint64_t cg_phone_key(const cg_phone *phone);

/* "empty", "too_short", ...; NULL for CG_PHONE_OK. */
const char *cg_phone_error_code(cg_phone_error error);

/*
 * Splits free text holding several numbers ("8-912-345-67-89, 8 (495)
 * 123-45-67 доб. 2", separators , ; / new line "или" "or") and parses each
 * part.  sink is called for every part that holds digits, valid or not, with
 * its byte range in text; a non-zero return from sink stops the walk.  Two
 * numbers are never glued into one.  Returns the number of parts reported.
 */
typedef int (*cg_phone_sink)(const cg_phone *phone, size_t start, size_t end, void *ctx);
size_t cg_phone_extract(const char *text, size_t len, int region, cg_phone_sink sink, void *ctx);

#endif
