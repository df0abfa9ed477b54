/*
 * One import run's state, and the steps that take it, each in its own file:
 * import_rows.c (a CSV row to a batch item, the rejects file), import_users.c
 * (managers and the creator), import_plan.c (a batch's checks),
 * import_companies.c (its companies) and import_lock.c (the import lock and
 * the run's journal row).  Only import.c, on top, knows the order of a run;
 * a step calls only files below it (import_plan.c the companies and users,
 * all of them import_seen.h, import_stmt.h, import_types.h), never back up:
 * tools/check-core-layers fails on a loop.  The writers see only the batch.
 */
#ifndef CRMGUARD_IMPORT_RUN_H
#define CRMGUARD_IMPORT_RUN_H

#include <stdint.h>
#include <stdio.h>

#include "csv_map.h"
#include "import_types.h"
#include "import_writers.h"
#include "phone_set.h"

#define CG_IMPORT_USERS_MAX 256

/* Everything one run holds besides the batch. */
typedef struct {
	cg_importer imp;
	cg_csv_reader *csv;
	cg_csv_map map;
	size_t header_count;
	int unguard;              /* a rejects file crmguard wrote: its cells lose their guard (csv_cell.h) */
	cg_csv_field unguarded[CG_CSV_ROW_MAX_FIELDS];
	char header_raw[65536];   /* the header, CSV-encoded, for the rejects file */
	size_t header_raw_len;
	cg_import_user users[CG_IMPORT_USERS_MAX];
	size_t assign_count;      /* users[0..assign_count) take turns; the rest come from a column */
	FILE *rejects;
	char rejects_path[4096];
	double started, last_progress;
	int locked;
	size_t batch_rows;        /* rows per batch: the option's, kept under a Galera cluster's write-set limits */
	char lock_holder[96];     /* this run's id in crmguard_lock (lease.h, CG_LEASE_HOLDER_MAX) */
	/* pipelined: imp checks batches on its own connection while writers write the earlier ones */
	cg_import_writers *writers;
	int n_writers;
	cg_db planner;
	cg_phone_set emails_in_flight[CG_IMPORT_WRITERS_MAX - 1]; /* of the batches the writers may still be writing */
	int emails_next;
	cg_import_error *err;
	char delim;
	char currency[8];         /* the CRM's default currency when the options give none */
} cg_import_run_state;

/* import_rows.c */
/* The row as CSV text (malloc'd; NULL when empty or out of memory): the rejects file repeats rows as read. */
char *cg_import_encode_row(const cg_csv_row *row, char delim, size_t *len);
/* Whether every field of the row is blank: such rows are skipped, not counted. */
int cg_import_row_is_blank(const cg_csv_row *row);
/* One data row: check it, then queue it or reject it.  0, 1 when the batch is full (the run then
 * writes it), -1 on a fatal error. */
int cg_import_take_row(cg_import_run_state *st, const cg_csv_row *row);
/* Rows per batch: the option, or the default. */
size_t cg_import_batch_rows(const cg_import_options *opt);
/* On a Galera node: the batch kept under wsrep_max_ws_rows / wsrep_max_ws_size (st->batch_rows), and
 * 1 when LOAD DATA must stay off (wsrep_load_data_splitting would commit a batch in pieces), else 0. */
int cg_import_fit_cluster(cg_import_run_state *st);
/* Writes a finished batch's rejected and duplicate rows to the rejects file, in line order. */
int cg_import_write_rejects(cg_import_run_state *st, const cg_importer *imp);

/* import_users.c */
/* Reads --assign (user names or ids, weights) and loads those users: each must be active. */
int cg_import_parse_assign(cg_import_run_state *st);
/* The user a manager cell names; -1 (why says) when it is no active user, -2 on a database error. */
int cg_import_manager_of(cg_import_run_state *st, const char *name, size_t len, char *why, size_t why_size);
/* The next --assign user, by smooth weighted round robin. */
int cg_import_pick_round_robin(cg_import_run_state *st);
/* Loads the user the records are created by: created_by, else the first active admin. */
int cg_import_load_creator(cg_import_run_state *st);

/* import_plan.c */
/* Decides each row of the batch: duplicate, done before, already in the CRM, or to create. */
int cg_import_plan_batch(cg_import_run_state *st);
/* 1 when the batch shares an e-mail address with one the writers may still be writing; -1 out of memory. */
int cg_import_emails_in_flight(cg_import_run_state *st);

/* import_companies.c */
/* A hash of a name folded as the CRMs' case-insensitive collations compare it (companies, e-mail addresses). */
uint64_t cg_import_company_key(const char *s, size_t len);
/* Finds or plans the company of every item to create. */
int cg_import_plan_companies(cg_import_run_state *st);

/* import_lock.c */
/* Takes the import lock of the target database, waiting its turn behind another import. */
int cg_import_lock(cg_import_run_state *st);
/* Renews the held import lock's lease (each batch); -1 with err when it was lost or on an error. */
int cg_import_lock_renew(cg_import_run_state *st);
/* Whether another import waits for the lock: a pipelined run then gives it up between batches. */
int cg_import_someone_waits(cg_import_run_state *st);
/* Releases the import lock when held. */
void cg_import_unlock(cg_import_run_state *st);
/* Fails with a hint to apply the schema when crmguard's tables are missing. */
int cg_import_check_tables(cg_import_run_state *st);
/* Which of the CRM's optional tables and columns exist (imp->present), and its currency. */
int cg_import_probe_tables(cg_import_run_state *st);
/* Starts (or restarts, for a re-run of the same file) the run's row in crmguard_import. */
int cg_import_journal_start(cg_import_run_state *st, const char *path, uint64_t size);
/* Closes the run's row in crmguard_import with its state and counts. */
void cg_import_journal_end(cg_import_run_state *st, const char *state);

#endif
