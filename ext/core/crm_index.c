/*
 * Rebuilding and updating crmguard_phone from the CRM's own tables (crm_index.h).
 */
/* clock_gettime */
#define _POSIX_C_SOURCE 200809L

#include "crm_index.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db_load.h"
#include "lease.h"
#include "phone.h"
#include "sql_insert.h"
#include "sqlbuf.h"

#define INDEX_TABLE "crmguard_phone"
#define BUILD_TABLE "crmguard_phone_build"
#define OLD_TABLE "crmguard_phone_old"
#define DIRTY_TABLE "crmguard_phone_dirty"
#define INDEX_COLUMNS "`entity_type`, `entity_id`, `e164`, `source_field`"

/* ---- the SELECT of an entity's phones ------------------------------------ */

/*
 * Rows of (id, value, value, ...) or, for phone tables, (id, value) with one
 * row per number and NULL for a record without any; ordered by id so that a
 * record's rows are together.  id: NULL for every live record, else that one.
 */
static void build_select(cg_sqlbuf *q, MYSQL *mysql, const cg_crm_profile *p, cg_entity_kind kind,
                         const char *id, size_t id_len)
{
	const cg_crm_entity *e = &p->entities[kind];

	if (e->phone_column_count > 0) {
		cg_sqlbuf_appends(q, "SELECT t.id");
		for (size_t k = 0; k < e->phone_column_count; k++)
			cg_sqlbuf_printf(q, ", t.`%s`", e->phone_columns[k]);
		cg_sqlbuf_printf(q, " FROM `%s` t WHERE %s", e->table, e->live_sql);
		if (id) {
			cg_sqlbuf_appends(q, " AND t.id = ");
			cg_sqlbuf_append_quoted(q, mysql, id, id_len);
		}
		return;
	}
	/* The records drive the join, so a record without numbers is counted too,
	 * and the primary key gives the order without sorting. */
	cg_sqlbuf_printf(q, "SELECT t.id, pn.name FROM `%s` t LEFT JOIN `%s` l ON l.`%s` = t.id AND l.`%s` = ",
	                 e->table, p->phone_link_table, p->phone_link_entity_id, p->phone_link_entity_type);
	cg_sqlbuf_append_quoted(q, mysql, e->type_name, strlen(e->type_name));
	cg_sqlbuf_printf(q, " AND l.deleted = 0 LEFT JOIN `%s` pn ON pn.id = l.`%s` AND pn.deleted = 0 WHERE %s",
	                 p->phone_table, p->phone_link_phone_id, e->live_sql);
	if (id) {
		cg_sqlbuf_appends(q, " AND t.id = ");
		cg_sqlbuf_append_quoted(q, mysql, id, id_len);
	} else {
		cg_sqlbuf_appends(q, " ORDER BY t.id");
	}
}

/* ---- turning records into rows ------------------------------------------- */

typedef struct {
	const cg_crm_profile *profile;
	cg_entity_kind kind;
	int region;
	cg_insert ins;            /* the index rows, as INSERTs or LOAD DATA text (sql_insert.h) */
	cg_phone_index_report *report;
	cg_db_error *err;
	int failed;

	/* the record being read */
	char id[64];
	size_t id_len;
	int have_record;
	uint64_t *keys;
	size_t key_count, key_cap;

	/* the value being split */
	const char *field;
	size_t valid_parts, invalid_parts;
} index_ctx;

static void copy_cut(char *out, size_t size, const char *s, size_t len)
{
	if (len >= size) {
		len = size - 1;
		/* Do not cut a UTF-8 character in two. */
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(out, s, len);
	out[len] = '\0';
}

static int seen_key(index_ctx *x, uint64_t key)
{
	for (size_t i = 0; i < x->key_count; i++)
		if (x->keys[i] == key)
			return 1;
	if (x->key_count == x->key_cap) {
		size_t cap = x->key_cap ? x->key_cap * 2 : 16;
		uint64_t *k = realloc(x->keys, cap * sizeof *k);
		if (!k) {
			x->failed = 1;
			cg_db_set_message(x->err, "out of memory indexing phones");
			return 1;
		}
		x->keys = k;
		x->key_cap = cap;
	}
	x->keys[x->key_count++] = key;
	return 0;
}

static int on_part(const cg_phone *phone, size_t start, size_t end, void *ctx)
{
	index_ctx *x = ctx;
	uint64_t key;

	(void)start;
	(void)end;
	if (phone->error != CG_PHONE_OK || (key = cg_phone_key(phone)) == 0) {
		x->invalid_parts++;
		return 0;
	}
	x->valid_parts++;
	if (!seen_key(x, key) && !x->failed) {
		cg_insert_row(&x->ins);
		cg_insert_cstr(&x->ins, x->profile->entities[x->kind].type_name);
		cg_insert_str(&x->ins, x->id, x->id_len);
		cg_insert_u64(&x->ins, key);
		cg_insert_cstr(&x->ins, x->field);
		if (cg_insert_end_row(&x->ins, x->err) != 0)
			x->failed = 1;
	}
	return x->failed;
}

static int blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return 0;
	return 1;
}

static void add_value(index_ctx *x, const char *field, const char *value, size_t len)
{
	if (value == NULL || blank(value, len))
		return;
	x->field = field;
	x->valid_parts = x->invalid_parts = 0;
	cg_phone_extract(value, len, x->region, on_part, x);
	if (x->invalid_parts == 0 && x->valid_parts > 0)
		return;
	x->report->invalid++;
	if (x->report->sample_count < CG_PHONE_INDEX_SAMPLE) {
		cg_phone_invalid *s = &x->report->sample[x->report->sample_count++];
		copy_cut(s->entity_type, sizeof s->entity_type, x->profile->entities[x->kind].type_name,
		         strlen(x->profile->entities[x->kind].type_name));
		copy_cut(s->entity_id, sizeof s->entity_id, x->id, x->id_len);
		copy_cut(s->field, sizeof s->field, field, strlen(field));
		copy_cut(s->value, sizeof s->value, value, len);
	}
}

static int row_columns(void *ctx, const cg_db_column *cols, unsigned count)
{
	(void)ctx;
	(void)cols;
	(void)count;
	return 0;
}

static int row_in(void *ctx, const cg_db_cell *cells, unsigned count)
{
	index_ctx *x = ctx;
	const cg_crm_entity *e = &x->profile->entities[x->kind];

	if (cells[0].type != CG_DB_STRING || cells[0].len >= sizeof x->id)
		return 0; /* not an id crmguard can store (entity_id is VARCHAR(36)) */
	if (!x->have_record || cells[0].len != x->id_len || memcmp(cells[0].s, x->id, x->id_len) != 0) {
		memcpy(x->id, cells[0].s, cells[0].len);
		x->id_len = cells[0].len;
		x->id[x->id_len] = '\0';
		x->have_record = 1;
		x->key_count = 0;
		x->report->records++;
	}
	if (e->phone_column_count > 0) {
		for (unsigned k = 1; k < count && k - 1 < e->phone_column_count; k++)
			if (cells[k].type != CG_DB_NULL)
				add_value(x, e->phone_columns[k - 1], cells[k].s, cells[k].len);
	} else if (count > 1 && cells[1].type != CG_DB_NULL) {
		add_value(x, x->profile->phone_field_name, cells[1].s, cells[1].len);
	}
	return x->failed;
}

/* x->ins is begun by the caller. */
static void ctx_init(index_ctx *x, const cg_crm_profile *p, int region, cg_phone_index_report *report,
                     cg_db_error *err)
{
	memset(x, 0, sizeof *x);
	x->profile = p;
	x->region = region;
	x->report = report;
	x->err = err;
}

static void ctx_free(index_ctx *x)
{
	cg_insert_discard(&x->ins);
	free(x->keys);
}

/* Reads every record of one kind (or the one with id) into the context. */
static int read_entity(cg_db *reader, index_ctx *x, cg_entity_kind kind, const char *id, size_t id_len)
{
	static const cg_db_sink sink = {row_columns, row_in};
	cg_sqlbuf q;
	int rc;

	x->kind = kind;
	x->have_record = 0;
	cg_sqlbuf_init(&q);
	build_select(&q, reader->mysql, x->profile, kind, id, id_len);
	if (q.failed) {
		cg_sqlbuf_free(&q);
		cg_db_set_message(x->err, "out of memory building a query");
		return -1;
	}
	rc = cg_db_query(reader, q.data, q.len, NULL, 0, &sink, x, NULL, x->err);
	cg_sqlbuf_free(&q);
	return rc;
}

/* ---- streaming the rows into LOAD DATA LOCAL ------------------------------ */

/*
 * The rebuild's producer: the server asks the writing connection for the
 * "file" and cg_insert_stream() asks this for more rows, which reads the next
 * records from the reading connection (mysql_use_result: one row at a time)
 * and turns them into index rows.  So the server inserts while the records
 * are being read and normalized, and nothing is held but the text not yet
 * sent and one record.
 */
typedef struct {
	cg_db *reader;
	index_ctx *x;
	MYSQL_RES *res;     /* the current entity's rows */
	int kind;           /* the current entity kind; CG_ENTITY_COUNT when done */
} pull_state;

static int pull_start(pull_state *p, cg_db_error *err)
{
	cg_sqlbuf q;

	cg_sqlbuf_init(&q);
	p->x->kind = (cg_entity_kind)p->kind;
	p->x->have_record = 0;
	build_select(&q, p->reader->mysql, p->x->profile, (cg_entity_kind)p->kind, NULL, 0);
	if (q.failed) {
		cg_sqlbuf_free(&q);
		cg_db_set_message(err, "out of memory building a query");
		return -1;
	}
	if (mysql_real_query(p->reader->mysql, q.data, (unsigned long)q.len) != 0
	    || !(p->res = mysql_use_result(p->reader->mysql))) {
		cg_sqlbuf_free(&q);
		cg_db_set_error(p->reader, "reading the CRM's records", err);
		return -1;
	}
	cg_sqlbuf_free(&q);
	return 0;
}

/* One more record into x->ins (or the end of one entity); 1 when all are read (cg_insert_more_fn). */
static int pull_step(void *ctx, cg_db_error *err)
{
	pull_state *p = ctx;
	cg_db_cell cells[16];
	MYSQL_ROW row;
	unsigned long *lengths;
	unsigned n;

	if (!p->res) {
		if (p->kind >= CG_ENTITY_COUNT)
			return 1;
		return pull_start(p, err);
	}
	row = mysql_fetch_row(p->res);
	if (!row) {
		int failed = mysql_errno(p->reader->mysql) != 0;
		if (failed)
			cg_db_set_error(p->reader, "reading the CRM's records", err);
		mysql_free_result(p->res);
		p->res = NULL;
		p->kind++;
		return failed ? -1 : 0;
	}
	lengths = mysql_fetch_lengths(p->res);
	n = mysql_num_fields(p->res);
	if (n > sizeof cells / sizeof cells[0])
		n = sizeof cells / sizeof cells[0];
	for (unsigned k = 0; k < n; k++) {
		memset(&cells[k], 0, sizeof cells[k]);
		cells[k].type = row[k] ? CG_DB_STRING : CG_DB_NULL;
		cells[k].s = row[k];
		cells[k].len = row[k] ? lengths[k] : 0;
	}
	if (row_in(p->x, cells, n) != 0) {
		if (err != p->x->err)
			*err = *p->x->err;
		return -1;
	}
	return 0;
}

/* Every entity's rows into the build table through one LOAD DATA LOCAL. */
static int load_all(cg_db *reader, index_ctx *x, cg_db_error *err)
{
	pull_state p;
	int rc;

	memset(&p, 0, sizeof p);
	p.reader = reader;
	p.x = x;
	rc = cg_insert_stream(&x->ins, pull_step, &p, err);
	if (p.res) { /* the load stopped early: drain the reader so its connection stays usable */
		mysql_free_result(p.res);
		p.res = NULL;
	}
	return rc;
}

/* ---- rebuild --------------------------------------------------------------- */

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int run(cg_db *db, const char *sql, cg_db_error *err)
{
	return cg_db_query(db, sql, strlen(sql), NULL, 0, NULL, NULL, NULL, err);
}

/* Collects the secondary indexes of the build table as "DROP INDEX ..." and
 * "ADD INDEX ..." clauses: they are dropped while the rows go in and built
 * once at the end (a sorted build is several times faster than keeping them
 * up to date row by row).  Whatever indexes sql/ defines are kept. */
typedef struct {
	cg_sqlbuf drop, add;
	MYSQL *mysql;
} index_defs;

static void append_ident(cg_sqlbuf *b, const char *s, size_t n)
{
	cg_sqlbuf_append(b, "`", 1);
	for (size_t i = 0; i < n; i++)
		cg_sqlbuf_append(b, s[i] == '`' ? "``" : s + i, s[i] == '`' ? 2 : 1);
	cg_sqlbuf_append(b, "`", 1);
}

static int index_def_row(void *ctx, const cg_db_cell *cells, unsigned count)
{
	index_defs *d = ctx;

	if (count < 3 || cells[0].type != CG_DB_STRING || cells[2].type != CG_DB_STRING)
		return 0;
	cg_sqlbuf_appends(&d->drop, d->drop.len ? ", DROP INDEX " : "ALTER TABLE `" BUILD_TABLE "` DROP INDEX ");
	append_ident(&d->drop, cells[0].s, cells[0].len);
	cg_sqlbuf_appends(&d->add, d->add.len ? ", ADD " : "ALTER TABLE `" BUILD_TABLE "` ADD ");
	cg_sqlbuf_appends(&d->add, cells[1].type == CG_DB_INT && cells[1].i == 0 ? "UNIQUE INDEX " : "INDEX ");
	append_ident(&d->add, cells[0].s, cells[0].len);
	cg_sqlbuf_appends(&d->add, " (");
	cg_sqlbuf_append(&d->add, cells[2].s, cells[2].len);
	cg_sqlbuf_appends(&d->add, ")");
	return 0;
}

static int read_index_defs(cg_db *db, index_defs *d, cg_db_error *err)
{
	static const cg_db_sink sink = {NULL, index_def_row};
	static const char sql[] =
		"SELECT INDEX_NAME, MIN(NON_UNIQUE), GROUP_CONCAT(CONCAT('`', REPLACE(COLUMN_NAME, '`', '``'), '`',"
		" IFNULL(CONCAT('(', SUB_PART, ')'), '')) ORDER BY SEQ_IN_INDEX SEPARATOR ', ')"
		" FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '" BUILD_TABLE "'"
		" AND INDEX_NAME <> 'PRIMARY' GROUP BY INDEX_NAME ORDER BY INDEX_NAME";

	if (cg_db_query(db, sql, sizeof sql - 1, NULL, 0, &sink, d, NULL, err) != 0)
		return -1;
	if (d->drop.failed || d->add.failed) {
		cg_db_set_message(err, "out of memory building a query");
		return -1;
	}
	return 0;
}

static void explain(cg_db_error *err, const char *what)
{
	cg_db_error_prefix(err, what);
}

/*
 * One rebuild per database at a time, across a cluster too: the lease
 * 'phone_rebuild' (lease.h).  Its load is one LOAD DATA (or a stream of
 * INSERTs) on the writing connection, which cannot renew it meanwhile, so the
 * lease is renewed between the steps and must outlast the longest load:
 * REBUILD_LEASE_S, ten times bench/rebuild's largest index on one server.  A
 * killed rebuild blocks the next one that long at most.  Before the swap the
 * lease must still be ours: a rebuild that outlived it gives up, the previous
 * index unchanged.
 */
#define REBUILD_LOCK "phone_rebuild"
#define SETTLE_MS 1000
#define REBUILD_LEASE_S 900

static int int_row(void *ctx, const cg_db_cell *cells, unsigned count)
{
	*(long long *)ctx = count > 0 && cells[0].type == CG_DB_INT ? cells[0].i : 0;
	return 0;
}

/* Whether the server is a Galera node (wsrep on); a server without the variable is not. */
static int on_galera(cg_db *db)
{
	static const cg_db_sink sink = {NULL, int_row};
	static const char sql[] = "SELECT @@wsrep_on + 0";
	cg_db_error ignored;
	long long on = 0;

	return cg_db_query(db, sql, sizeof sql - 1, NULL, 0, &sink, &on, NULL, &ignored) == 0 && on == 1;
}

static int catch_up(cg_db *writer, const cg_crm_profile *profile, int region, cg_db_error *err);

static int renew_rebuild_lock(cg_db *writer, const char *holder, cg_db_error *err)
{
	int got = cg_lease_take(writer, REBUILD_LOCK, holder, REBUILD_LEASE_S, err);

	if (got == 0)
		cg_db_set_message(err, "the rebuild's %d s lease ran out and another rebuild took it", REBUILD_LEASE_S);
	return got == 1 ? 0 : -1;
}

static void release_rebuild_lock(cg_db *writer, const char *holder)
{
	cg_db_error ignored;

	cg_lease_release(writer, REBUILD_LOCK, holder, &ignored);
}

int cg_phone_index_rebuild(cg_db *db, const cg_crm_profile *profile, int region,
                           cg_phone_index_report *report, cg_db_error *err)
{
	double t0 = now_s();
	cg_db writer;
	index_ctx x;
	index_defs defs;
	char holder[CG_LEASE_HOLDER_MAX];
	int rc, built = 0, locked;

	memset(report, 0, sizeof *report);
	/* The writing connection: same server, same account.  The reading one
	 * streams rows, and a connection that streams cannot send. */
	if (cg_db_connect(&writer, &db->dsn, err) != 0) {
		cg_db_close(&writer);
		explain(err, "phone index rebuild");
		return -1;
	}
	cg_lease_holder_init(holder);
	locked = cg_lease_take(&writer, REBUILD_LOCK, holder, REBUILD_LEASE_S, err);
	if (locked < 0) {
		explain(err, "phone index rebuild");
		cg_db_close(&writer);
		return -1;
	}
	if (locked != 1) {
		cg_db_set_message(err, "phone index rebuild (%s): another rebuild of this database's index is running", db->address);
		cg_db_close(&writer);
		return -1;
	}
	/* Saves that read crmguard_lock before the lease reached their node
	 * either commit within this pause (the records are then read with their
	 * change) or see it (they log themselves in crmguard_phone_dirty);
	 * records saved during the rebuild are reindexed after the swap. */
	if (on_galera(&writer)) {
		struct timespec settle = {SETTLE_MS / 1000, (SETTLE_MS % 1000) * 1000000L};
		nanosleep(&settle, NULL);
	}
	if (run(&writer, "DROP TABLE IF EXISTS `" BUILD_TABLE "`", err) != 0)
		goto fail;
	if (run(&writer, "CREATE TABLE `" BUILD_TABLE "` LIKE `" INDEX_TABLE "`", err) != 0) {
		if (err->code == 1146)
			explain(err, "the phone index table " INDEX_TABLE " is missing (run `crmguard schema apply` first)");
		goto fail;
	}
	built = 1;
	cg_sqlbuf_init(&defs.drop);
	cg_sqlbuf_init(&defs.add);
	rc = read_index_defs(&writer, &defs, err);
	if (rc == 0 && defs.drop.len)
		rc = cg_db_query(&writer, defs.drop.data, defs.drop.len, NULL, 0, NULL, NULL, NULL, err);
	if (rc == 0) {
		int load = cg_db_local_infile_allowed(&writer, err);
		rc = load < 0 ? -1 : 0;
		ctx_init(&x, profile, region, report, err);
		writer.bulk_load = load == 1;
		cg_insert_begin(&x.ins, &writer, BUILD_TABLE, INDEX_COLUMNS, "loading the phone index");
		report->method = load == 1 ? CG_INDEX_LOAD_DATA : CG_INDEX_INSERT;
		if (rc == 0 && load == 1)
			rc = load_all(db, &x, err);
		for (int k = 0; k < CG_ENTITY_COUNT && rc == 0 && load != 1; k++)
			rc = read_entity(db, &x, (cg_entity_kind)k, NULL, 0);
		if (rc == 0)
			rc = cg_insert_finish(&x.ins, err);
		report->phones = x.ins.affected;
		ctx_free(&x);
	}
	if (rc == 0)
		rc = renew_rebuild_lock(&writer, holder, err);
	if (rc == 0 && defs.add.len)
		rc = cg_db_query(&writer, defs.add.data, defs.add.len, NULL, 0, NULL, NULL, NULL, err);
	if (rc == 0)
		rc = renew_rebuild_lock(&writer, holder, err);
	cg_sqlbuf_free(&defs.drop);
	cg_sqlbuf_free(&defs.add);
	if (rc != 0)
		goto fail;
	/* The swap: one RENAME TABLE moves both names at once, so readers see
	 * the old index or the new one, never none. */
	if (run(&writer, "DROP TABLE IF EXISTS `" OLD_TABLE "`", err) != 0
	    || run(&writer, "RENAME TABLE `" INDEX_TABLE "` TO `" OLD_TABLE "`, `" BUILD_TABLE "` TO `" INDEX_TABLE "`", err) != 0)
		goto fail;
	built = 0;
	run(&writer, "DROP TABLE IF EXISTS `" OLD_TABLE "`", err); /* only space is lost if this fails */
	release_rebuild_lock(&writer, holder);
	rc = catch_up(&writer, profile, region, err);
	cg_db_close(&writer);
	report->elapsed_s = now_s() - t0;
	if (rc != 0)
		explain(err, "phone index rebuilt, but reindexing the records saved meanwhile failed (rebuild again)");
	return rc;

fail:
	explain(err, "phone index rebuild failed, the previous index is unchanged");
	if (built && writer.mysql) {
		cg_db_error ignored;
		run(&writer, "DROP TABLE IF EXISTS `" BUILD_TABLE "`", &ignored);
	}
	if (writer.mysql)
		release_rebuild_lock(&writer, holder);
	cg_db_close(&writer);
	report->elapsed_s = now_s() - t0;
	return -1;
}

/* ---- reindex one record ---------------------------------------------------- */

/* A record saved while a rebuild runs: its row in crmguard_phone_dirty, in
 * the save's transaction, when (and only when) a rebuild holds its lease.
 * The rebuild reindexes these records once its table is swapped in, so a
 * save whose reindex wrote the table being replaced is not lost.  A schema
 * from before this table (1146) logs nothing. */
static int log_dirty(cg_db *db, const char *type, const char *id, size_t id_len, cg_db_error *err)
{
	static const char sql[] = "INSERT INTO `" DIRTY_TABLE "` (`entity_type`, `entity_id`) SELECT ?, ? FROM `crmguard_lock` "
	                          "WHERE `name` = '" REBUILD_LOCK "' ON DUPLICATE KEY UPDATE `entity_type` = VALUES(`entity_type`)";
	cg_db_value p[2] = {{CG_DB_STRING, 0, 0, type, strlen(type)}, {CG_DB_STRING, 0, 0, id, id_len}};

	if (cg_db_query(db, sql, sizeof sql - 1, p, 2, NULL, NULL, NULL, err) == 0)
		return 0;
	return err->code == 1146 ? 0 : -1;
}

static int reindex_once(cg_db *db, const cg_crm_profile *profile, int region, cg_entity_kind kind,
                        const char *id, size_t id_len, int own_transaction, int log, cg_db_error *err)
{
	cg_phone_index_report report;
	index_ctx x;
	cg_sqlbuf del;
	int rc = -1;
	const char *type = profile->entities[kind].type_name;

	memset(&report, 0, sizeof report);
	if (own_transaction && run(db, "START TRANSACTION", err) != 0)
		return -1;
	cg_sqlbuf_init(&del);
	cg_sqlbuf_appends(&del, "DELETE FROM `" INDEX_TABLE "` WHERE entity_type = ");
	cg_sqlbuf_append_quoted(&del, db->mysql, type, strlen(type));
	cg_sqlbuf_appends(&del, " AND entity_id = ");
	cg_sqlbuf_append_quoted(&del, db->mysql, id, id_len);
	ctx_init(&x, profile, region, &report, err);
	/* db is also reading the record: the rows are sent once it is read */
	cg_insert_begin_sql(&x.ins, db, "INSERT", INDEX_TABLE, INDEX_COLUMNS, SIZE_MAX, "writing the phone index");
	if (del.failed)
		cg_db_set_message(err, "out of memory building a query");
	else if (cg_db_query(db, del.data, del.len, NULL, 0, NULL, NULL, NULL, err) == 0
	         && read_entity(db, &x, kind, id, id_len) == 0
	         && cg_insert_finish(&x.ins, err) == 0
	         && (!log || log_dirty(db, type, id, id_len, err) == 0))
		rc = 0;
	ctx_free(&x);
	cg_sqlbuf_free(&del);
	if (own_transaction) {
		cg_db_error ignored;
		if (rc == 0 && run(db, "COMMIT", err) != 0)
			rc = -1;
		if (rc != 0 && db->mysql)
			run(db, "ROLLBACK", &ignored);
	}
	return rc;
}

/* Reindexes one record in its own transaction when db has none open, again
 * after a conflict (1213: a deadlock, or on Galera a certification failure or
 * an abort by another node's write set, e.g. the rebuild's RENAME TABLE). */
static int reindex(cg_db *db, const cg_crm_profile *profile, int region, cg_entity_kind kind,
                   const char *id, size_t id_len, int log, cg_db_error *err)
{
	int own_transaction, rc;

	if (!db->mysql) {
		/* cg_db_query reconnects; make sure escaping has a connection. */
		if (run(db, "SELECT 1", err) != 0)
			return -1;
	}
	own_transaction = !cg_db_in_transaction(db);
	for (int attempt = 0;; attempt++) {
		rc = reindex_once(db, profile, region, kind, id, id_len, own_transaction, log, err);
		if (rc == 0 || !own_transaction || err->code != 1213 || attempt >= 4 || !db->mysql)
			break;
		struct timespec pause = {0, (50L << attempt) * 1000000L};
		nanosleep(&pause, NULL);
	}
	return rc;
}

int cg_phone_index_reindex(cg_db *db, const cg_crm_profile *profile, int region, cg_entity_kind kind,
                           const char *id, size_t id_len, cg_db_error *err)
{
	int rc = reindex(db, profile, region, kind, id, id_len, 1, err);

	if (rc != 0)
		explain(err, "phone index reindex failed");
	return rc;
}

/* ---- the records saved during a rebuild ------------------------------------ */

typedef struct {
	char (*keys)[2][40];
	size_t n, cap;
	int failed;
} dirty_list;

static int dirty_row(void *ctx, const cg_db_cell *cells, unsigned count)
{
	dirty_list *d = ctx;

	if (count < 2 || !cells[0].s || !cells[1].s || cells[0].len >= 40 || cells[1].len >= 40)
		return 0;
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 256;
		void *k = realloc(d->keys, cap * sizeof *d->keys);
		if (!k) {
			d->failed = 1;
			return 1;
		}
		d->keys = k;
		d->cap = cap;
	}
	memcpy(d->keys[d->n][0], cells[0].s, cells[0].len + 1);
	memcpy(d->keys[d->n][1], cells[1].s, cells[1].len + 1);
	d->n++;
	return 0;
}

/*
 * After the swap and the lease's release: every record crmguard_phone_dirty
 * names is reindexed into the live table, then its row deleted.  Records
 * saved from now on write the live table themselves.
 */
static int catch_up(cg_db *writer, const cg_crm_profile *profile, int region, cg_db_error *err)
{
	static const cg_db_sink sink = {NULL, dirty_row};
	static const char list[] = "SELECT `entity_type`, `entity_id` FROM `" DIRTY_TABLE "`";
	static const char done[] = "DELETE FROM `" DIRTY_TABLE "` WHERE `entity_type` = ? AND `entity_id` = ?";
	dirty_list d = {0};
	int rc = 0;

	if (cg_db_query(writer, list, sizeof list - 1, NULL, 0, &sink, &d, NULL, err) != 0) {
		free(d.keys);
		return err->code == 1146 ? 0 : -1;
	}
	for (size_t i = 0; i < d.n && rc == 0; i++) {
		int k;
		for (k = 0; k < CG_ENTITY_COUNT; k++)
			if (strcmp(profile->entities[k].type_name, d.keys[i][0]) == 0)
				break;
		if (k < CG_ENTITY_COUNT)
			rc = reindex(writer, profile, region, (cg_entity_kind)k, d.keys[i][1], strlen(d.keys[i][1]), 0, err);
		if (rc == 0) {
			cg_db_value p[2] = {{CG_DB_STRING, 0, 0, d.keys[i][0], strlen(d.keys[i][0])},
			                    {CG_DB_STRING, 0, 0, d.keys[i][1], strlen(d.keys[i][1])}};
			rc = cg_db_query(writer, done, sizeof done - 1, p, 2, NULL, NULL, NULL, err);
		}
	}
	free(d.keys);
	return rc;
}
