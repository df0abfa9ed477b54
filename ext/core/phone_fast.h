/*
 * The fast path of cg_phone_normalize(): numbers written the common way
 * (ASCII digits, spaces, dashes, dots, brackets, a leading '+', an optional
 * "доб. 12" / "ext. 3" / "x45" extension) read straight from the bytes, with
 * the same tables and length rules as the full reader.  Internal to the phone
 * core; declared here so the tests can hold it against the full reader.
 */
#ifndef CRMGUARD_PHONE_FAST_H
#define CRMGUARD_PHONE_FAST_H

#include <stddef.h>

/*
 * -1: not decided here, ask the full reader (cg_phone_parse); 0: the full
 * reader finds no valid number either; otherwise the length of the E.164
 * written to out (CG_E164_SIZE bytes, NUL-terminated), the same as the full
 * reader's.
 */
int cg_phone_normalize_fast(const char *text, size_t len, int region, char *out);

/* cg_phone_normalize() without the fast path: E.164 from cg_phone_parse(). */
size_t cg_phone_normalize_full(const char *text, size_t len, int region, char *out);

#endif
