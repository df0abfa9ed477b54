/*
 * What an audit found, counted while the findings stream by, so that a scan of
 * millions of rows keeps only counts and the first few findings: problems per
 * kind (entity type, field, problem), per manager, and the distinct records
 * that have any.  Memory grows with the kinds and managers (a few dozen, a
 * few thousand) and by 11-21 bytes per record with a problem (a 64-bit hash
 * of its type and id in an open-addressing set kept at most 3/4 full), never
 * with the rows read.
 *
 * Plain C: no Zend.
 */
#ifndef CRMGUARD_AUDIT_TALLY_H
#define CRMGUARD_AUDIT_TALLY_H

#include <stddef.h>
#include <stdint.h>
#include "audit.h"
#include "phone_set.h"

/* Counts by a label: "Contact\tphone\tnot_canonical", or a manager's id. */
typedef struct {
	cg_phone_set index;  /* hash of the label -> its position + 1 */
	char **label;        /* NUL-terminated copies */
	size_t *count;
	size_t n, cap;
} cg_audit_counts;

/* The records with a problem: 64-bit hashes, 0 marks a free slot. */
typedef struct {
	uint64_t *slot;
	size_t cap;     /* a power of two */
	size_t count;
} cg_audit_records;

typedef struct {
	cg_audit_counts kinds;    /* "entity_type\tfield\tproblem" */
	cg_audit_counts users;    /* user_id; "" for records of nobody */
	cg_audit_records records;
	size_t problems;
} cg_audit_tally;

/* 0, or -1 out of memory (then nothing needs freeing). */
int cg_audit_tally_init(cg_audit_tally *tally);
void cg_audit_tally_free(cg_audit_tally *tally);

/* Counts one finding; 0, or -1 out of memory. */
int cg_audit_tally_add(cg_audit_tally *tally, const cg_audit_finding *finding);

/* Distinct records counted (as hashes: two records colliding in 64 bits count once). */
size_t cg_audit_tally_records(const cg_audit_tally *tally);

#endif
