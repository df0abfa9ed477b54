/*
 * Writing the importer's batches.  A batch's rows, phone-index entries and
 * journal go in one transaction (cg_import_save_batch).  The server spends
 * most of an import inserting them, one core per connection, so a run that
 * may open more connections writes on several (cg_import_writers): each
 * writer has its own connection and thread, batches take turns, and they
 * commit in batch order — a batch commits only after every earlier one did,
 * and rolls back when an earlier one failed, so what a failure leaves is
 * always whole batches from the start of the file.
 */
#ifndef CRMGUARD_IMPORT_WRITERS_H
#define CRMGUARD_IMPORT_WRITERS_H

#include "import_types.h"

#define CG_IMPORT_WRITERS_MAX 4

typedef struct cg_import_writers cg_import_writers;

/* Writes b (its CG_ITEM_CREATE items) on b->db in one transaction; with
 * writers, waits for its turn to commit. */
int cg_import_save_batch(cg_importer *b, cg_import_writers *writers, cg_db_error *err);

/* Called for each written batch, in batch order: ok, or err says why not. */
typedef int (*cg_import_written_fn)(void *ctx, cg_importer *batch, const cg_db_error *err);

/*
 * Opens n writers: the first on db, the others on new connections to db's
 * address; their batches take ids from generator lanes first_lane.. of lanes.
 * NULL when they cannot all be had (the caller then writes alone).
 */
cg_import_writers *cg_import_writers_open(cg_db *db, int n, unsigned first_lane, unsigned lanes,
                                          cg_import_written_fn done, void *ctx);

/* Hands imp's batch to the next writer, first finishing the batch that writer
 * had (done is called for it); imp gets that batch's memory, emptied.
 * -1 when done returned -1 or the finished batch failed. */
int cg_import_writers_hand_over(cg_import_writers *w, cg_importer *imp);

/* Waits for every batch handed over and finishes them in order. */
int cg_import_writers_drain(cg_import_writers *w);

/* Drains (a failure here is not reported again), stops the threads, closes
 * the connections it opened. */
void cg_import_writers_close(cg_import_writers *w);

#endif
