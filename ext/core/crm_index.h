/*
 * The phone index (crmguard_phone, sql/<crm>/010_phone_index.sql): every
 * number of every live lead, contact and account of the CRM, normalized to
 * E.164, for the call-card lookup.  Deleted records and converted leads have
 * no rows.  What is read where comes from the CRM profile (crm.h).
 * (Not named phone_*.c: tests/compare builds ext/core/phone*.c without libmariadb.)
 */
#ifndef CRMGUARD_CRM_INDEX_H
#define CRMGUARD_CRM_INDEX_H

#include "crm.h"
#include "db.h"

#define CG_PHONE_INDEX_SAMPLE 10

/* A stored value that holds no valid number, or one that is not. */
typedef struct {
	char entity_type[24];
	char entity_id[40];
	char field[64];
	char value[256];  /* cut at a character boundary when longer */
} cg_phone_invalid;

/* How the rows were written: LOAD DATA LOCAL INFILE from memory, or
 * multi-row INSERTs when the server refuses LOAD DATA LOCAL (local_infile=OFF). */
typedef enum { CG_INDEX_INSERT = 0, CG_INDEX_LOAD_DATA = 1 } cg_index_method;

typedef struct {
	unsigned long long records;  /* live records read */
	unsigned long long phones;   /* rows written: distinct numbers per record */
	unsigned long long invalid;  /* stored values with no valid number or an invalid part */
	size_t sample_count;
	cg_phone_invalid sample[CG_PHONE_INDEX_SAMPLE]; /* the first invalid values */
	double elapsed_s;
	cg_index_method method;
} cg_phone_index_report;

/*
 * Rebuilds the whole index: reads every live record in one streaming query
 * per entity type (on db) and writes them into a new table on a second
 * connection to the same server (one LOAD DATA LOCAL fed from memory while
 * the records are read; multi-row INSERTs when the server refuses it), then swaps the new table in with one
 * RENAME TABLE.  A failure at any point leaves the previous index as it was.
 * One rebuild per database at a time (the lease crmguard_lock.phone_rebuild, lease.h).  Memory does not grow with
 * the number of records.  region: the default region of numbers written
 * without a country code (cg_region_find).
 */
int cg_phone_index_rebuild(cg_db *db, const cg_crm_profile *profile, int region,
                           cg_phone_index_report *report, cg_db_error *err);

/*
 * Replaces one record's rows (after it was saved): its current numbers if it
 * is live, none when it is deleted, converted or gone.  In one transaction
 * (or in the caller's, when one is open on db).
 */
int cg_phone_index_reindex(cg_db *db, const cg_crm_profile *profile, int region, cg_entity_kind kind,
                           const char *id, size_t id_len, cg_db_error *err);

#endif
