/*
 * HTML entities in SuiteCRM text: the form its request cleaning gives a name,
 * which company matching looks for beside the raw one (html_text.c says why
 * the database itself holds raw text).
 */
#ifndef CRMGUARD_HTML_TEXT_H
#define CRMGUARD_HTML_TEXT_H

#include <stddef.h>

/* Longest output of cg_html_suite_encode() for n bytes of input (NUL included). */
#define CG_HTML_SUITE_MAX(n) ((n) * 9 + 1)

/* s as SuiteCRM 7.14.6's request cleaning leaves text typed in its UI, into out (at least
 * CG_HTML_SUITE_MAX(n) bytes, NUL-terminated); returns its length, (size_t)-1
 * out of memory. */
size_t cg_html_suite_encode(const char *s, size_t n, char *out);

/* html_entity_decode() of s (ENT_QUOTES | ENT_HTML401: the named entities of
 * HTML 4.01, &#039; and numeric ones) into out (n + 1 bytes at least,
 * NUL-terminated); returns its length. */
size_t cg_html_decode(const char *s, size_t n, char *out);

/* The same, repeated while it changes anything (at most four times): text
 * encoded twice ("&amp;amp;") comes back as typed. */
size_t cg_html_decode_all(const char *s, size_t n, char *out);

#endif
