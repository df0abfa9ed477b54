/*
 * Bulk import of a contact list into the CRM's database: each accepted row
 * becomes a contact, a company when named (an existing one of the same name
 * is reused), a deal in stage New linked to both, and a call task on the
 * deal, all assigned to one manager; the numbers go into the phone index.
 *
 * Rows are read as a stream (csv_reader.c), checked (phones normalised by
 * the phone core; duplicates inside the file through a phone set, against
 * the CRM through crmguard_phone) and written in batches: one transaction
 * and a few multi-row INSERTs per batch, under a named lock, with a journal
 * row per created contact.  So a batch is all or nothing, a re-run of the
 * same file (same SHA-256) skips what is journalled, and two imports never
 * create the same number twice.  Rejected rows go to a rejects CSV with the
 * reason.
 *
 * Plain C over libmariadb.  How each CRM stores the records is in
 * import_espocrm.c and import_suitecrm.c.
 */
#ifndef CRMGUARD_IMPORT_H
#define CRMGUARD_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "csv_reader.h"
#include "db.h"

typedef struct cg_import_report {
	uint64_t rows_read;          /* data rows (blank lines not counted) */
	uint64_t contacts_created, deals_created, tasks_created;
	uint64_t companies_created, companies_reused;
	uint64_t duplicates_in_file, duplicates_in_crm;
	uint64_t invalid_phone;      /* rows without any valid number */
	uint64_t malformed_rows;     /* CSV problems: encoding, ragged, over-long */
	uint64_t manager_errors;     /* manager column naming no active user */
	uint64_t already_imported;   /* journalled by an earlier run of the same file */
	uint64_t rejected_rows;      /* rows written to the rejects file */
	uint64_t batches;
	uint64_t bytes_read, bytes_total;
	double elapsed_s;
	char import_id[65];          /* SHA-256 of the file */
	char rejects_file[4096];     /* "" when nothing was rejected */
	char encoding[16];
	char delimiter;
	int dry_run;
	int load_data;               /* rows went in as LOAD DATA LOCAL (0: INSERTs; the server refuses it, or a dry run) */
	unsigned connections;        /* to the database: 1, or the reader's and the writers' when they could be opened */
} cg_import_report;

typedef struct {
	const char *crm;             /* "espocrm" | "suitecrm" */
	int region;                  /* phone region index (cg_region_find) */
	cg_encoding encoding;
	char delimiter;              /* 0: detect */
	const char *const *maps;     /* "column=field" overrides */
	size_t n_maps;
	const char *const *assign;   /* "user" or "user:weight", user = user name or id */
	size_t n_assign;
	int assign_from_column;      /* managers from the column mapped to "manager" */
	const char *created_by;      /* user name or id; NULL: the first active admin */
	const char *rejects_path;    /* NULL: <input without .csv>.rejects.csv beside it */
	int dry_run;
	size_t batch_rows;           /* 0: 2000 */
	long long task_due_seconds;  /* due date of the call task, from now */
	int close_days;              /* deal close date, days from today */
	const char *currency;        /* EspoCRM amount currency; NULL: the CRM's default (its `currency`
	                              * table's rate-1 row, which EspoCRM keeps for defaultCurrency), else USD */
	int phone_extensions;        /* EspoCRM's phoneNumberExtensions: numbers keep " ext. N" */
	const char *lang;            /* "ru" | "en": task names; NULL: "ru" */
	size_t max_field;            /* 0: CG_CSV_FIELD_MAX_DEFAULT */
	int connections;             /* to the database: 1 works on db alone; n > 1 checks on one and
	                              * writes on n - 1 (db and new ones), batches overlapping; 0: 3 */
	void (*progress)(void *ctx, const cg_import_report *so_far, int final);
	void *progress_ctx;
	/* Fault injection for tests: in batch pause_batch (1-based), after the
	 * contacts are written and before their deals, write the connection id
	 * to pause_file and sleep pause_seconds, or until pause_file is removed. */
	long pause_batch;
	const char *pause_file;
	unsigned pause_seconds;
	/* For tests: write with multi-row INSERTs, as when the server refuses LOAD DATA LOCAL. */
	int insert_only;
} cg_import_options;

typedef enum {
	CG_IMPORT_ERR_NONE = 0,
	CG_IMPORT_ERR_USAGE,   /* bad options, unknown or inactive users */
	CG_IMPORT_ERR_CSV,     /* the file cannot be read as CSV */
	CG_IMPORT_ERR_DB       /* the database refused or went away */
} cg_import_error_kind;

typedef struct {
	cg_import_error_kind kind;
	cg_db_error db;        /* kind DB: the server's words */
	char message[4096];
} cg_import_error;

/*
 * The progress line of a run so far (import_report.c), into out: on a terminal
 * (tty) each line returns to the start of the last ("\r"); elsewhere only the
 * final one is shown.  Its length; 0 when there is nothing to show.
 */
size_t cg_import_progress_line(const cg_import_report *r, int final, int tty, char *out, size_t size);

/*
 * Imports path.  0 with *report filled; -1 with *err (and *report as far as
 * it got: batches already committed stay, and a re-run continues there).
 */
int cg_import_run(cg_db *db, const char *path, const cg_import_options *opt,
                  cg_import_report *report, cg_import_error *err);

#endif
