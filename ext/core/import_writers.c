#define _DEFAULT_SOURCE /* nanosleep, access under -std=c11 */
/*
 * Saving a batch in one transaction, and the writer threads that save
 * several batches side by side, committing in order (import_writers.h).
 */
#include "import_writers.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "worker.h"

typedef struct {
	cg_import_writers *owner;
	cg_importer batch;      /* handed over by the planner; its buffers are this writer's */
	cg_db_error err;
	cg_db own_db;           /* the connection this writer opened (all but the first) */
	cg_worker worker;       /* worker.busy: a batch is handed over and not yet finished */
} writer;

struct cg_import_writers {
	writer w[CG_IMPORT_WRITERS_MAX];
	int n;
	int next;               /* the writer with the oldest batch: handed the next one */
	cg_import_written_fn done;
	void *ctx;
	/* the commit turn: batches commit in the order of their numbers */
	pthread_mutex_t lock;
	pthread_cond_t turn;
	long committed;         /* the last batch number whose turn is over */
	int failed;             /* a batch failed: every later one rolls back */
};

/* Runs one of this file's fixed statements (START TRANSACTION, COMMIT, ROLLBACK). */
static int run_sql(cg_db *db, const char *sql, const char *doing, cg_db_error *err)
{
	return cg_sql_exec(db, sql, strlen(sql), doing, err);
}

/* Waits until every earlier batch has had its turn; 0 to commit, -1 to roll back. */
static int wait_turn(cg_import_writers *ws, long batch_no, cg_db_error *err)
{
	int rc;

	pthread_mutex_lock(&ws->lock);
	while (!ws->failed && ws->committed != batch_no - 1)
		pthread_cond_wait(&ws->turn, &ws->lock);
	rc = ws->failed ? -1 : 0;
	pthread_mutex_unlock(&ws->lock);
	if (rc < 0)
		cg_db_set_message(err, "batch %ld was rolled back: an earlier batch was not saved", batch_no);
	return rc;
}

static void end_turn(cg_import_writers *ws, long batch_no, int ok)
{
	pthread_mutex_lock(&ws->lock);
	if (ok)
		ws->committed = batch_no;
	else
		ws->failed = 1;
	pthread_cond_broadcast(&ws->turn);
	pthread_mutex_unlock(&ws->lock);
}

void cg_import_fault_pause(cg_importer *imp)
{
	const cg_import_options *o = imp->opt;

	if (o->pause_batch <= 0 || imp->batch_no != o->pause_batch)
		return;
	if (o->pause_file) {
		FILE *f = fopen(o->pause_file, "w");
		if (f) {
			fprintf(f, "%lu\n", mysql_thread_id(imp->db->mysql));
			fclose(f);
		}
	}
	/* The test ends the pause early by removing the file once it has done its
	 * damage: a fixed sleep raced with slow (valgrind) test processes. */
	for (unsigned tenth = 0; tenth < 10u * (o->pause_seconds ? o->pause_seconds : 30); tenth++) {
		struct timespec step = {0, 100000000L};

		if (o->pause_file && access(o->pause_file, F_OK) != 0)
			break;
		nanosleep(&step, NULL);
	}
}

/* Journal rows of lines this batch creates again (their contact was removed by the CRM's own undo),
 * dropped in the batch's transaction so that the new rows take their place. */
static int drop_stale_journal_rows(cg_importer *imp, cg_db_error *err)
{
	cg_sqlbuf sql = {0};
	size_t i, n = 0;
	int rc = 0;

	cg_sqlbuf_appends(&sql, "DELETE FROM `crmguard_import_row` WHERE `import_id` = ");
	cg_sqlbuf_append_quoted(&sql, imp->db->mysql, imp->import_id, strlen(imp->import_id));
	cg_sqlbuf_appends(&sql, " AND `line` IN (");
	for (i = 0; i < imp->n_items; i++) {
		if (imp->items[i].state == CG_ITEM_CREATE && imp->items[i].journal_stale)
			cg_sqlbuf_printf(&sql, "%s%lu", n++ ? "," : "", imp->items[i].line);
	}
	cg_sqlbuf_appends(&sql, ")");
	if (sql.failed) {
		err->code = 0;
		snprintf(err->message, sizeof err->message, "out of memory clearing the import journal");
		rc = -1;
	} else if (n > 0) {
		rc = cg_sql_run(imp->db, &sql, "query failed", err);
	}
	cg_sqlbuf_free(&sql);
	return rc < 0 ? -1 : 0;
}

int cg_import_write_index_and_journal(cg_importer *imp, cg_db_error *err)
{
	cg_insert ph, jr;
	size_t i, k;

	cg_insert_begin(&ph, imp->db, "crmguard_phone", "`entity_type`, `entity_id`, `e164`, `source_field`",
	                "adding the numbers to crmguard_phone");
	if (drop_stale_journal_rows(imp, err) < 0)
		return -1;
	cg_insert_begin(&jr, imp->db, "crmguard_import_row",
	                "`import_id`, `line`, `state`, `contact_id`, `deal_id`, `task_id`, `account_id`, `created_at`",
	                "writing the import journal");
	for (i = 0; i < imp->n_items; i++) {
		cg_import_item *it = &imp->items[i];
		if (it->state != CG_ITEM_CREATE)
			continue;
		for (k = 0; k < it->n_phones; k++) {
			const char *field = imp->crm->phone_field(it, k);
			if (!field)
				continue;
			cg_insert_row(&ph);
			cg_insert_cstr(&ph, imp->crm->contact_type);
			cg_insert_cstr(&ph, it->contact_id);
			cg_insert_u64(&ph, it->phones[k]);
			cg_insert_cstr(&ph, field);
			if (cg_insert_end_row(&ph, err) < 0)
				goto fail;
		}
		cg_insert_row(&jr);
		cg_insert_cstr(&jr, imp->import_id);
		cg_insert_u64(&jr, it->line);
		cg_insert_literal(&jr, "'created'");
		cg_insert_cstr(&jr, it->contact_id);
		cg_insert_cstr(&jr, it->deal_id);
		cg_insert_cstr(&jr, it->task_id);
		cg_insert_cstr(&jr, it->company_ix >= 0 ? imp->companies[it->company_ix].id : NULL);
		cg_insert_cstr(&jr, imp->now);
		if (cg_insert_end_row(&jr, err) < 0)
			goto fail;
	}
	if (cg_insert_finish(&ph, err) < 0) {
		cg_insert_discard(&jr);
		return -1;
	}
	return cg_insert_finish(&jr, err);
fail:
	cg_insert_discard(&ph);
	cg_insert_discard(&jr);
	return -1;
}

/*
 * The answers that mean "this transaction lost a conflict, run it again":
 * 1213, a deadlock, and on Galera a certification failure at commit or a
 * transaction another node's write set aborted ("brute force" abort), both
 * reported as deadlocks; 1047, a node that has left the primary component for
 * a moment (a view change) and is not yet ready to take writes.  Not 1180
 * ("error during COMMIT"): Galera gives it for a write set over
 * wsrep_max_ws_rows / wsrep_max_ws_size, which no retry cures (the batch is
 * cut to fit them beforehand, cg_import_fit_cluster).
 */
#define BATCH_ATTEMPTS 8
static int retryable_conflict(unsigned code)
{
	return code == 1213 || code == 1047;
}

/* 50 ms, doubled at each attempt up to 2 s (7 pauses: about 6 s in all), so
 * that a node rejoining the primary component has time to. */
static void conflict_pause(int attempt)
{
	long ms = 50L << (attempt < 6 ? attempt : 6);
	struct timespec ts;

	if (ms > 2000)
		ms = 2000;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	nanosleep(&ts, NULL);
}

int cg_import_save_batch(cg_importer *b, cg_import_writers *ws, cg_db_error *err)
{
	size_t i, creating = 0;
	int rc = -1;

	for (i = 0; i < b->n_items; i++)
		creating += b->items[i].state == CG_ITEM_CREATE;
	if (creating == 0) {
		rc = ws ? wait_turn(ws, b->batch_no, err) : 0;
		goto out;
	}
	/* A conflict (retryable_conflict) rolls the whole batch back: it is
	 * written again from the same plan, with the same ids, the journal rows
	 * included, so nothing is doubled; the earlier batches are committed and
	 * the later ones wait for this one's turn. */
	for (int attempt = 0;; attempt++) {
		if (run_sql(b->db, "START TRANSACTION", "starting a batch", err) < 0)
			goto out;
		if (b->crm->write(b, err) == 0 && cg_import_write_index_and_journal(b, err) == 0 &&
		    (!ws || wait_turn(ws, b->batch_no, err) == 0) && run_sql(b->db, "COMMIT", "committing a batch", err) == 0)
			break;
		cg_db_error ignored;
		if (b->db->mysql)
			(void)run_sql(b->db, "ROLLBACK", "rolling back", &ignored);
		if (!retryable_conflict(err->code) || attempt + 1 >= BATCH_ATTEMPTS || !b->db->mysql)
			goto out;
		conflict_pause(attempt);
	}
	rc = 0;
out:
	if (ws)
		end_turn(ws, b->batch_no, rc == 0);
	return rc;
}

static int write_job(void *job)
{
	writer *w = job;
	return cg_import_save_batch(&w->batch, w->owner, &w->err);
}

cg_import_writers *cg_import_writers_open(cg_db *db, int n, unsigned first_lane, unsigned lanes,
                                          cg_import_written_fn done, void *ctx)
{
	cg_import_writers *ws;
	int k;

	if (n < 1 || n > CG_IMPORT_WRITERS_MAX || !(ws = calloc(1, sizeof *ws)))
		return NULL;
	ws->done = done;
	ws->ctx = ctx;
	if (pthread_mutex_init(&ws->lock, NULL) != 0) {
		free(ws);
		return NULL;
	}
	if (pthread_cond_init(&ws->turn, NULL) != 0) {
		pthread_mutex_destroy(&ws->lock);
		free(ws);
		return NULL;
	}
	for (k = 0; k < n; k++) {
		writer *w = &ws->w[k];
		cg_db_error ignored;
		w->owner = ws;
		if (k == 0) {
			w->batch.db = db;
		} else if (cg_db_connect(&w->own_db, &db->dsn, &ignored) == 0) {
			w->own_db.bulk_load = db->bulk_load;
			w->own_db.load_charset = db->load_charset;
			w->own_db.keep_session = 1; /* a batch half written on a lost link must fail, not go on */
			w->batch.db = &w->own_db;
		} else {
			cg_db_close(&w->own_db);
			break;
		}
		cg_import_seed_ids(&w->batch.ids, first_lane + (unsigned)k, lanes);
		if (cg_worker_start(&w->worker, write_job) < 0) {
			if (k > 0)
				cg_db_close(&w->own_db);
			break;
		}
		ws->n = k + 1;
	}
	if (ws->n < n) {
		cg_import_writers_close(ws);
		return NULL;
	}
	return ws;
}

/* Waits for writer w's batch and hands it to done. */
static int finish(cg_import_writers *ws, writer *w)
{
	int rc;

	if (!w->worker.busy)
		return 0;
	rc = cg_worker_wait(&w->worker);
	if (ws->done(ws->ctx, &w->batch, rc < 0 ? &w->err : NULL) < 0 || rc < 0)
		return -1;
	return 0;
}

int cg_import_writers_hand_over(cg_import_writers *ws, cg_importer *imp)
{
	writer *w = &ws->w[ws->next];
	cg_importer spent;

	if (finish(ws, w) < 0)
		return -1;
	ws->next = (ws->next + 1) % ws->n;
	spent = w->batch;
	w->batch = *imp;
	w->batch.db = spent.db;
	w->batch.ids = spent.ids;
	imp->arena = spent.arena;
	imp->arena_cap = spent.arena_cap;
	imp->arena_len = 0;
	imp->items = spent.items;
	imp->cap_items = spent.cap_items;
	imp->n_items = 0;
	imp->companies = spent.companies;
	imp->n_companies = 0;
	memset(&w->err, 0, sizeof w->err);
	cg_worker_submit(&w->worker, w);
	return 0;
}

int cg_import_writers_drain(cg_import_writers *ws)
{
	int k, rc = 0;

	for (k = 0; k < ws->n; k++) {
		writer *w = &ws->w[(ws->next + k) % ws->n];
		if (rc == 0)
			rc = finish(ws, w);
		else /* after a failure the later batches roll back; nobody counts them */
			(void)cg_worker_wait(&w->worker);
	}
	ws->next = 0;
	return rc;
}

void cg_import_writers_close(cg_import_writers *ws)
{
	int k;

	if (!ws)
		return;
	(void)cg_import_writers_drain(ws);
	for (k = 0; k < ws->n; k++) {
		writer *w = &ws->w[k];
		cg_worker_stop(&w->worker);
		if (k > 0)
			cg_db_close(&w->own_db);
		free(w->batch.arena);
		free(w->batch.items);
		free(w->batch.companies);
	}
	pthread_cond_destroy(&ws->turn);
	pthread_mutex_destroy(&ws->lock);
	free(ws);
}
