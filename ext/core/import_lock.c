/*
 * What a run keeps in the target database besides its records: the import
 * lock that lets one import at a time write, and its row in crmguard_import.
 */
#include <stdio.h>
#include <string.h>

#include "import_run.h"

#define LOCK_WAIT_S 120
#define IMPORT_LOCK "LEFT(CONCAT('crmguard_import.', DATABASE()), 64)"
#define WAIT_LOCK "LEFT(CONCAT('crmguard_import_wait.', DATABASE()), 64)"

/* The first column of a one-row result is '1': a lock query's answer. */
static int first_is_one(void *ctx, const cg_db_cell *cell, unsigned fields)
{
	*(int *)ctx = fields > 0 && cell[0].s && cell[0].s[0] == '1';
	return 0;
}

/* Runs a statement of this file's own text, without values. */
static int run_text(cg_db *db, const char *sql, const char *doing, cg_db_error *err)
{
	return cg_sql_exec(db, sql, strlen(sql), doing, err);
}

/* Reads the '1' of a one-row answer into *yes; -1 with err. */
static int ask(cg_db *db, const char *sql, const char *doing, int *yes, cg_db_error *err)
{
	cg_sqlbuf b = {0};
	int rc;

	*yes = 0;
	cg_sqlbuf_appends(&b, sql);
	rc = cg_sql_select(db, &b, doing, first_is_one, yes, err);
	cg_sqlbuf_free(&b);
	return rc < 0 ? -1 : 0;
}

int cg_import_lock(cg_import_run_state *st)
{
	cg_importer *imp = &st->imp;
	cg_db_error ignored;
	int waited, got = 0;

	/* One importer at a time writes into a database: the duplicate check and
	 * the inserts of a batch happen under this lock, so a number one import
	 * adds is seen by the other's next check.  While it waits it holds the
	 * waiting lock (or tries to, each second: several may wait), which tells a
	 * pipelined holder to give it a turn. */
	for (waited = 0; waited < LOCK_WAIT_S && !got; waited++) {
		static const char sql[] = "SELECT GET_LOCK(" IMPORT_LOCK ", 1) FROM (SELECT IF(IS_USED_LOCK(" WAIT_LOCK
		                          ") <=> CONNECTION_ID(), 1, GET_LOCK(" WAIT_LOCK ", 0))) w";
		if (ask(imp->db, sql, "waiting for the import lock", &got, &st->err->db) < 0) {
			cg_import_db_err(st->err);
			return -1;
		}
	}
	run_text(imp->db, "DO IF(IS_USED_LOCK(" WAIT_LOCK ") <=> CONNECTION_ID(), RELEASE_LOCK(" WAIT_LOCK "), 0)",
	         "giving up the waiting lock", &ignored);
	if (!got) {
		cg_import_set_err(st->err, CG_IMPORT_ERR_DB, "another import into this database has held the import lock for "
		        "%d s; try again when it is done", LOCK_WAIT_S);
		return -1;
	}
	st->locked = 1;
	return 0;
}

/* Whether another import waits for the lock (it holds the waiting lock meanwhile). */
int cg_import_someone_waits(cg_import_run_state *st)
{
	int waits;

	if (ask(st->imp.db, "SELECT IS_USED_LOCK(" WAIT_LOCK ") IS NOT NULL", "asking whether another import waits", &waits,
	        &st->err->db) < 0) {
		cg_import_db_err(st->err);
		return -1;
	}
	return waits;
}

void cg_import_unlock(cg_import_run_state *st)
{
	cg_db_error ignored;

	if (!st->locked)
		return;
	st->locked = 0;
	if (st->imp.db->mysql)
		run_text(st->imp.db, "DO RELEASE_LOCK(" IMPORT_LOCK ")", "releasing the import lock", &ignored);
}

int cg_import_check_tables(cg_import_run_state *st)
{
	cg_importer *imp = &st->imp;
	int none;

	if (ask(imp->db, "SELECT 1 FROM `crmguard_phone` LIMIT 0", "checking crmguard_phone", &none, &st->err->db) < 0 ||
	    ask(imp->db, "SELECT 1 FROM `crmguard_import_row` LIMIT 0", "checking crmguard_import_row", &none,
	        &st->err->db) < 0) {
		cg_import_set_err(st->err, CG_IMPORT_ERR_DB, "%s — crmguard's tables are missing: run `crmguard schema apply` "
		        "first (sql/%s/*.sql), then `crmguard index rebuild`", st->err->db.message, imp->crm->name);
		st->err->kind = CG_IMPORT_ERR_DB;
		return -1;
	}
	return 0;
}

typedef struct {
	cg_importer *imp;
} probe_ctx;

static int probe_row(void *ctx, const cg_db_cell *cell, unsigned fields)
{
	cg_importer *imp = ((probe_ctx *)ctx)->imp;

	if (fields < 2 || !cell[0].s || !cell[1].s)
		return 0;
	for (unsigned k = 0; k < CG_IMPORT_PROBES_MAX && imp->crm->probes[k].table; k++) {
		const char *t = imp->crm->probes[k].table, *c = imp->crm->probes[k].column;
		if (strlen(t) == cell[0].len && memcmp(t, cell[0].s, cell[0].len) == 0 &&
		    (!c || (strlen(c) == cell[1].len && memcmp(c, cell[1].s, cell[1].len) == 0)))
			imp->present[k + 1] = 1;
	}
	return 0;
}

static int currency_row(void *ctx, const cg_db_cell *cell, unsigned fields)
{
	cg_import_run_state *st = ctx;

	if (fields < 1 || !cell[0].s || cell[0].len != 3)
		return 0;
	if (st->currency[0])
		st->currency[3] = '!'; /* more than one: none is the default for sure */
	else
		memcpy(st->currency, cell[0].s, 3);
	return 0;
}

int cg_import_probe_tables(cg_import_run_state *st)
{
	cg_importer *imp = &st->imp;
	cg_sqlbuf sql = {0};
	probe_ctx p = {imp};
	cg_db_error ignored;
	int rc, any = 0;

	memset(imp->present, 0, sizeof imp->present);
	imp->present[0] = 1;
	cg_sqlbuf_appends(&sql, "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS "
	                  "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (");
	for (unsigned k = 0; k < CG_IMPORT_PROBES_MAX && imp->crm->probes[k].table; k++) {
		const char *t = imp->crm->probes[k].table;
		cg_sqlbuf_appends(&sql, any++ ? "," : "");
		cg_sqlbuf_append_quoted(&sql, imp->db->mysql, t, strlen(t));
	}
	cg_sqlbuf_appends(&sql, ")");
	rc = any ? cg_sql_select(imp->db, &sql, "looking at the CRM's tables", probe_row, &p, &st->err->db) : 0;
	cg_sqlbuf_free(&sql);
	if (rc < 0) {
		cg_import_db_err(st->err);
		return -1;
	}
	if (imp->opt->currency || !imp->crm->currency_sql) {
		imp->currency = imp->opt->currency ? imp->opt->currency : imp->crm->currency_default;
		return 0;
	}
	/* the CRM's default currency, from its rates table when that can tell; else its own default */
	memset(st->currency, 0, sizeof st->currency);
	cg_sqlbuf_appends(&sql, imp->crm->currency_sql);
	if (cg_sql_select(imp->db, &sql, "reading the CRM's currencies", currency_row, st, &ignored) < 0 ||
	    !st->currency[0] || st->currency[3])
		snprintf(st->currency, sizeof st->currency, "%s", imp->crm->currency_default);
	cg_sqlbuf_free(&sql);
	imp->currency = st->currency;
	return 0;
}

int cg_import_journal_start(cg_import_run_state *st, const char *path, uint64_t size)
{
	cg_importer *imp = &st->imp;
	cg_sqlbuf sql = {0};
	const char *base = strrchr(path, '/');
	int rc;

	base = base ? base + 1 : path;
	cg_sqlbuf_appends(&sql, "INSERT INTO `crmguard_import` (`id`, `file_name`, `file_size`, `crm`, `state`, "
	           "`started_at`) VALUES (");
	cg_sqlbuf_append_quoted(&sql, imp->db->mysql, imp->import_id, strlen(imp->import_id));
	cg_sqlbuf_appends(&sql, ",");
	cg_sqlbuf_append_quoted(&sql, imp->db->mysql, base, cg_utf8_prefix(base, strlen(base), 255));
	cg_sqlbuf_printf(&sql, ",%llu,'%s','running',UTC_TIMESTAMP()) ON DUPLICATE KEY UPDATE `state` = 'running', "
	              "`runs` = `runs` + 1, `finished_at` = NULL", (unsigned long long)size, imp->crm->name);
	rc = cg_sql_run(imp->db, &sql, "starting the import journal", &st->err->db);
	cg_sqlbuf_free(&sql);
	/* 1 row: a new import; 2: ON DUPLICATE KEY UPDATE, a re-run of the same file */
	if (rc == 0 && imp->crm->import_record)
		rc = imp->crm->import_record(imp, 1, mysql_affected_rows(imp->db->mysql) == 1, NULL, &st->err->db);
	if (rc < 0)
		cg_import_db_err(st->err);
	return rc;
}

void cg_import_journal_end(cg_import_run_state *st, const char *state)
{
	cg_importer *imp = &st->imp;
	cg_sqlbuf sql = {0};
	cg_db_error ignored;
	const cg_import_report *r = imp->rep;

	if (!imp->db->mysql)
		return;
	cg_sqlbuf_printf(&sql, "UPDATE `crmguard_import` SET `state` = '%s', `finished_at` = UTC_TIMESTAMP(), "
	              "`rows_read` = %llu, `contacts_created` = `contacts_created` + %llu, `rejected_rows` = %llu "
	              "WHERE `id` = ", state, (unsigned long long)r->rows_read,
	              (unsigned long long)r->contacts_created, (unsigned long long)r->rejected_rows);
	cg_sqlbuf_append_quoted(&sql, imp->db->mysql, imp->import_id, strlen(imp->import_id));
	cg_sql_run(imp->db, &sql, "closing the import journal", &ignored);
	cg_sqlbuf_free(&sql);
	if (imp->crm->import_record)
		imp->crm->import_record(imp, 0, 0, state, &ignored);
}
