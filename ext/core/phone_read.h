/*
 * Pieces of libphonenumber's reading shared by the full reader (phone.c) and
 * the fast path (phone_fast.c), so that both decide with the same tables and
 * the same length rules.  Internal to the phone core.
 */
#ifndef CRMGUARD_PHONE_READ_H
#define CRMGUARD_PHONE_READ_H

#include <stddef.h>
#include <stdint.h>

#include "phone_meta.h"

/*
 * Flags of the state an automaton reaches over ASCII digits d[0..n).  The
 * dead state leads to itself, so the walk needs no test for it: numbers are
 * short, and a loop without that branch is faster than an early exit.
 */
static inline uint8_t cg_dfa_walk(cg_dfa_state s, const char *d, size_t n)
{
	const cg_dfa_state *next = cg_dfa_next[0];
	size_t state = s;

	/* Unsigned arithmetic throughout: the '0' folds into the address. */
	for (size_t i = 0; i < n; i++)
		state = next[state * 10 + (size_t)(unsigned char)d[i] - '0'];
	return cg_dfa_flags[state];
}

/* Regions sharing a calling code: their first index in cg_regions, and how many. */
size_t cg_regions_for_code(unsigned code, size_t *first);

/* libphonenumber's TestNumberLength against a region's possible lengths. */
typedef enum { CG_LEN_POSSIBLE, CG_LEN_LOCAL_ONLY, CG_LEN_TOO_SHORT, CG_LEN_TOO_LONG, CG_LEN_INVALID } cg_length_check;

cg_length_check cg_test_length(const cg_region *r, size_t n);

#endif
