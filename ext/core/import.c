#define _DEFAULT_SOURCE /* gettimeofday under -std=c11 */
/*
 * The run: the file hashed and opened, the header mapped, each row taken
 * (import_rows.c) into batches, each batch checked (import_plan.c) and
 * written, alone under the import lock or by the writers while the next one
 * is checked (import_writers.h).
 */
#include "import.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "crm.h"
#include "db_load.h"
#include "import_run.h"
#include "import_seen.h"
#include "sha256.h"

static double now_s(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

static void progress(cg_import_run_state *st, int final)
{
	cg_importer *imp = &st->imp;
	double t = now_s();

	imp->rep->elapsed_s = t - st->started;
	imp->rep->bytes_read = st->csv ? cg_csv_bytes_read(st->csv) : imp->rep->bytes_read;
	if (!imp->opt->progress)
		return;
	if (!final && t - st->last_progress < 0.5)
		return;
	st->last_progress = t;
	imp->opt->progress(imp->opt->progress_ctx, imp->rep, final);
}

static size_t count_state(const cg_importer *b, cg_item_state state)
{
	size_t i, n = 0;

	for (i = 0; i < b->n_items; i++)
		n += b->items[i].state == state;
	return n;
}

/* After a batch failed to be written: what is saved and how to go on. */
static void batch_failed(cg_import_run_state *st, const cg_importer *b, const cg_db_error *werr)
{
	size_t n;

	st->err->db = *werr;
	cg_import_db_err(st->err);
	n = strlen(st->err->message);
	snprintf(st->err->message + n, sizeof st->err->message - n,
	         " — batch %ld (lines %lu-%lu) was rolled back, %llu contacts of earlier batches are saved; "
	         "run the same import again to continue", b->batch_no, b->items[0].line,
	         b->items[b->n_items - 1].line, (unsigned long long)st->imp.rep->contacts_created);
}

/* A batch is done: counted, its rejects written, its memory ready for the next. */
static int finish_batch(cg_import_run_state *st, cg_importer *b)
{
	size_t created = count_state(b, CG_ITEM_CREATE);
	int rc;

	st->imp.rep->contacts_created += created;
	st->imp.rep->deals_created += created;
	st->imp.rep->tasks_created += created;
	st->imp.rep->duplicates_in_crm += count_state(b, CG_ITEM_DUP_CRM);
	rc = cg_import_write_rejects(st, b);
	b->n_items = 0;
	b->arena_len = 0;
	progress(st, 0);
	return rc;
}

/* The writers' report of a batch (import_writers.h), in batch order. */
static int batch_written(void *ctx, cg_importer *b, const cg_db_error *err)
{
	cg_import_run_state *st = ctx;

	if (err) {
		batch_failed(st, b, err);
		return -1;
	}
	return finish_batch(st, b);
}

/*
 * One batch.  Alone, it is checked and written under the import lock and
 * finished.  Pipelined (open_pipeline), writers write the earlier batches
 * while this one is checked: the planner's connection holds the lock
 * throughout, giving it up between batches, when every batch is written,
 * as soon as another import waits for it.
 */
static int flush_batch(cg_import_run_state *st)
{
	cg_importer *imp = &st->imp;

	if (imp->n_items == 0)
		return 0;
	if (imp->opt->dry_run)
		return cg_import_plan_batch(st) < 0 ? -1 : finish_batch(st, imp);

	if (!st->writers) {
		cg_db_error werr;
		if (cg_import_lock(st) < 0 || cg_import_plan_batch(st) < 0) {
			cg_import_unlock(st);
			return -1;
		}
		if (cg_import_save_batch(imp, NULL, &werr) < 0) {
			cg_import_unlock(st);
			batch_failed(st, imp, &werr);
			return -1;
		}
		cg_import_unlock(st);
		return finish_batch(st, imp);
	}

	if (st->locked) {
		int waits = cg_import_lock_renew(st) < 0 ? -1 : cg_import_someone_waits(st);
		if (waits < 0 || (waits && cg_import_writers_drain(st->writers) < 0))
			return -1;
		if (waits)
			cg_import_unlock(st);
	}
	if ((!st->locked && cg_import_lock(st) < 0) || cg_import_plan_batch(st) < 0)
		return -1;
	switch (cg_import_emails_in_flight(st)) {
	case -1:
		return -1;
	case 1:
		if (cg_import_writers_drain(st->writers) < 0)
			return -1;
		break;
	}
	return cg_import_writers_hand_over(st->writers, imp);
}

/* ---- the run -------------------------------------------------------------------------------- */

/* The file's SHA-256 (the journal's key), its size, and its line count: no
 * more rows than lines. */
static int hash_file(const char *path, char hex[65], uint64_t *size, uint64_t *lines, cg_import_error *err)
{
	FILE *f = fopen(path, "rb");
	cg_sha256 c;
	unsigned char buf[65536];
	size_t n;

	if (!f) {
		cg_import_set_err(err, CG_IMPORT_ERR_CSV, "cannot open %s: %s", path, strerror(errno));
		return -1;
	}
	cg_sha256_init(&c);
	*size = *lines = 0;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		cg_sha256_update(&c, buf, n);
		*size += n;
		for (const unsigned char *p = buf; (p = memchr(p, '\n', (size_t)(buf + n - p))) != NULL; p++)
			++*lines;
	}
	if (ferror(f)) {
		cg_import_set_err(err, CG_IMPORT_ERR_CSV, "cannot read %s: %s", path, strerror(errno));
		fclose(f);
		return -1;
	}
	fclose(f);
	cg_sha256_hex(&c, hex);
	return 0;
}

static void default_rejects_path(const char *path, char *out, size_t size)
{
	size_t n = strlen(path);

	if (n > 4 && (strcmp(path + n - 4, ".csv") == 0 || strcmp(path + n - 4, ".CSV") == 0 ||
	              strcmp(path + n - 4, ".txt") == 0 || strcmp(path + n - 4, ".tsv") == 0))
		n -= 4;
	snprintf(out, size, "%.*s.rejects.csv", (int)n, path);
}

/* The server spends an import inserting, one core per connection: checks on
 * a connection of their own and n writers (the caller's connection and new
 * ones), so the writes of batches overlap each other and the reading and
 * checking of the next.  Without the connections the import runs alone. */
#define WRITERS_DEFAULT 2

static void open_pipeline(cg_import_run_state *st, cg_db *db, int n)
{
	cg_db_error ignored;

	if (cg_db_connect(&st->planner, &db->dsn, &ignored) < 0) {
		cg_db_close(&st->planner);
		return;
	}
	if (n > CG_IMPORT_WRITERS_MAX)
		n = CG_IMPORT_WRITERS_MAX;
	st->writers = cg_import_writers_open(db, n, 1, (unsigned)n + 1, batch_written, st);
	if (!st->writers) {
		cg_db_close(&st->planner);
		return;
	}
	st->imp.db = &st->planner;
	cg_import_seed_ids(&st->imp.ids, 0, (unsigned)n + 1);
	st->n_writers = n;
	st->imp.rep->connections = (unsigned)n + 1;
}

static void close_pipeline(cg_import_run_state *st)
{
	if (!st->writers)
		return;
	cg_import_writers_close(st->writers);
	st->writers = NULL;
	cg_db_close(&st->planner);
	for (int k = 0; k < CG_IMPORT_WRITERS_MAX - 1; k++)
		cg_phone_set_free(&st->emails_in_flight[k]);
}

int cg_import_run(cg_db *db, const char *path, const cg_import_options *opt,
                  cg_import_report *report, cg_import_error *err)
{
	cg_import_run_state *st = calloc(1, sizeof *st);
	cg_importer *imp;
	cg_csv_options copt;
	cg_csv_row row;
	cg_csv_error cerr;
	FILE *fp = NULL;
	uint64_t size = 0, lines = 0;
	int rc = -1, header_done = 0, journal_open = 0, seen_open = 0, n;
	cg_crm which;

	memset(report, 0, sizeof *report);
	memset(err, 0, sizeof *err);
	if (!st) {
		cg_import_set_err(err, CG_IMPORT_ERR_CSV, "out of memory");
		return -1;
	}
	imp = &st->imp;
	st->err = err;
	st->started = now_s();
	imp->db = db;
	imp->opt = opt;
	imp->rep = report;
	report->dry_run = opt->dry_run;
	report->connections = 1;
	imp->currency = opt->currency; /* cg_import_probe_tables() fills it in from the CRM */
	imp->phone_extensions = opt->phone_extensions;
	imp->task_prefix = opt->lang && strcmp(opt->lang, "en") == 0 ? "Call: " : "Позвонить: ";
	imp->created_by = -1;
	imp->users = st->users;
	cg_import_seed_ids(&imp->ids, 0, 1);

	if (opt->crm && cg_crm_from_name(opt->crm, strlen(opt->crm), &which) == 0)
		imp->crm = which == CG_CRM_SUITECRM ? &cg_import_suitecrm : &cg_import_espocrm;
	else {
		cg_import_set_err(err, CG_IMPORT_ERR_USAGE, "unknown CRM \"%s\" (espocrm or suitecrm)", opt->crm ? opt->crm : "");
		goto out;
	}
	if (!db || !db->mysql) {
		cg_import_set_err(err, CG_IMPORT_ERR_DB, "the database connection is closed");
		goto out;
	}
	/* the run's lock and its table of what it has seen live in this session: never a silent new one */
	db->keep_session = 1;

	if (hash_file(path, imp->import_id, &size, &lines, err) < 0)
		goto out;
	memcpy(report->import_id, imp->import_id, sizeof report->import_id);
	report->bytes_total = size;
	if (opt->rejects_path && opt->rejects_path[0]) {
		snprintf(st->rejects_path, sizeof st->rejects_path, "%s", opt->rejects_path);
	} else {
		default_rejects_path(path, st->rejects_path, sizeof st->rejects_path);
		unlink(st->rejects_path); /* a stale one from an earlier run would mislead */
	}

	int no_load_data = cg_import_fit_cluster(st);
	if (!opt->dry_run) {
		int load = opt->insert_only || no_load_data ? 0 : cg_db_local_infile_allowed(db, &err->db);
		if (load < 0) {
			cg_import_db_err(err);
			goto out;
		}
		/* the writers' cg_insert batches become LOAD DATA LOCAL fed from memory */
		db->bulk_load = report->load_data = load;
		/* SuiteCRM's tables are utf8mb3 and the text already fits them: no conversion per field */
		db->load_charset = st->imp.crm->utf8mb3 ? "utf8mb3" : NULL;
		/* a file of one batch (a header and at most a batch of lines) has nothing to overlap */
		if (opt->connections != 1 && lines > st->batch_rows + 1)
			open_pipeline(st, db, opt->connections ? opt->connections - 1 : WRITERS_DEFAULT);
	}
	if (cg_import_check_tables(st) < 0 || cg_import_probe_tables(st) < 0 || cg_import_parse_assign(st) < 0 ||
	    cg_import_load_creator(st) < 0)
		goto out;
	if (cg_import_seen_open(imp->db, &err->db) < 0) {
		cg_import_db_err(err);
		goto out;
	}
	seen_open = 1;

	fp = fopen(path, "rb");
	if (!fp) {
		cg_import_set_err(err, CG_IMPORT_ERR_CSV, "cannot open %s: %s", path, strerror(errno));
		goto out;
	}
	copt.encoding = opt->encoding;
	copt.delimiter = opt->delimiter;
	copt.max_field = opt->max_field;
	st->csv = cg_csv_open(fp, path, &copt, &cerr);
	if (!st->csv) {
		cg_import_set_err(err, CG_IMPORT_ERR_CSV, "%s", cerr.message);
		goto out;
	}
	st->delim = cg_csv_delimiter(st->csv);
	report->delimiter = st->delim;

	if (!opt->dry_run) {
		if (cg_import_journal_start(st, path, size) < 0)
			goto out;
		journal_open = 1;
	}

	while ((n = cg_csv_next(st->csv, &row, &cerr)) == 1) {
		if (!header_done)
			st->unguard = cg_csv_map_is_rejects_header(&row);
		if (st->unguard)
			cg_csv_map_unguard_row(&row, st->unguarded, &row);
		if (!header_done) {
			char why[1024];
			const char *const *maps = opt->maps;
			if (row.problem != CG_CSV_ROW_OK) {
				cg_csv_describe_problem(&row, opt->max_field, why, sizeof why);
				cg_import_set_err(err, CG_IMPORT_ERR_CSV, "%s: the header row (line %lu) cannot be read: %s", path,
				        row.line, why);
				goto out;
			}
			if (cg_csv_map_build(&st->map, &row, maps, opt->n_maps, why, sizeof why) < 0) {
				cg_import_set_err(err, CG_IMPORT_ERR_CSV, "%s: %s", path, why);
				goto out;
			}
			if (opt->assign_from_column && st->map.first[CG_FIELD_MANAGER] < 0) {
				cg_import_set_err(err, CG_IMPORT_ERR_USAGE, "%s: no manager column (Менеджер, Ответственный, Manager; "
				        "or name one with --assign-column COLUMN)", path);
				goto out;
			}
			st->header_count = row.count;
			{
				size_t len;
				char *raw = cg_import_encode_row(&row, st->delim, &len);
				if (raw && len < sizeof st->header_raw) {
					memcpy(st->header_raw, raw, len);
					st->header_raw_len = len;
				}
				free(raw);
			}
			header_done = 1;
			continue;
		}
		if (cg_import_row_is_blank(&row))
			continue;
		switch (cg_import_take_row(st, &row)) {
		case -1:
			goto out;
		case 1:
			if (flush_batch(st) < 0)
				goto out;
			break;
		}
	}
	if (n < 0) {
		/* unreadable from here on: save what was read, then report */
		if (flush_batch(st) < 0)
			goto out;
		cg_import_set_err(err, CG_IMPORT_ERR_CSV, "%s", cerr.message);
		err->db.code = 0;
		goto out;
	}
	if (!header_done) {
		cg_import_set_err(err, CG_IMPORT_ERR_CSV, "%s: the file is empty (no header row)", path);
		goto out;
	}
	if (flush_batch(st) < 0 || (st->writers && cg_import_writers_drain(st->writers) < 0))
		goto out;
	rc = 0;

out:
	if (st->csv) {
		report->encoding[0] = '\0';
		/* a file of ASCII only (CG_ENC_AUTO to the reader) is UTF-8 too */
		snprintf(report->encoding, sizeof report->encoding, "%s",
		         cg_csv_encoding(st->csv) == CG_ENC_CP1251 ? "windows-1251" : "utf-8");
	}
	if (st->writers) {
		/* failed while writers had batches: they end (and count) before anything closes */
		cg_import_error first = *err;
		(void)cg_import_writers_drain(st->writers);
		*err = first;
	}
	if (rc == 0 || report->rows_read > 0)
		progress(st, 1);
	if (journal_open)
		cg_import_journal_end(st, rc == 0 ? "done" : "failed");
	cg_import_unlock(st);
	db->bulk_load = 0;
	db->load_charset = NULL;
	db->keep_session = 0;
	if (st->rejects && fclose(st->rejects) != 0 && rc == 0) {
		cg_import_set_err(err, CG_IMPORT_ERR_USAGE, "cannot write the rejects file %s: %s", st->rejects_path, strerror(errno));
		rc = -1;
	}
	cg_csv_close(st->csv);
	if (fp)
		fclose(fp);
	if (seen_open)
		cg_import_seen_close(imp->db);
	close_pipeline(st);
	free(imp->arena);
	free(imp->items);
	free(imp->companies);
	free(st);
	return rc;
}
