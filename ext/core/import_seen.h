/*
 * What one import has seen so far, kept by the server in a temporary table
 * of the import's connection rather than in the process: the numbers of the
 * file (key -> the first line holding it) and the companies the import
 * created or reused (folded-name hash).  The importer then holds one batch
 * in memory however long the file is; the server keeps the table in its
 * buffer pool (spilling to disk past it) and drops it with the connection.
 * Needs the CREATE TEMPORARY TABLES privilege, which the CRMs' own database
 * users have.
 */
#ifndef CRMGUARD_IMPORT_SEEN_H
#define CRMGUARD_IMPORT_SEEN_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "phone_set.h"

typedef enum {
	CG_SEEN_NUMBER = 1,  /* value: the first line holding it */
	CG_SEEN_COMPANY = 2  /* no value (0), the company's id */
} cg_seen_kind;

/* One remembered key; id is "" for numbers. */
typedef int (*cg_seen_fn)(void *ctx, uint64_t key, uint64_t value, const char *id);

/* (Re)creates the empty table on db. */
int cg_import_seen_open(cg_db *db, cg_db_error *err);

/* Drops it; errors are ignored (the connection may be gone). */
void cg_import_seen_close(cg_db *db);

/* Calls fn for every one of keys[0..n) the table holds under kind (non-zero from fn: out of memory). */
int cg_import_seen_find(cg_db *db, cg_seen_kind kind, const uint64_t *keys, size_t n, cg_seen_fn fn, void *ctx,
                        cg_db_error *err);

/* Adds the keys under kind, with values[i] (0 when values is NULL) and ids[i] (when ids is not
 * NULL); a key already there keeps what it has. */
int cg_import_seen_add(cg_db *db, cg_seen_kind kind, const uint64_t *keys, const uint64_t *values,
                       const char *const *ids, size_t n, cg_db_error *err);

#endif
