/*
 * What one import has seen, kept in a temporary table of its connection (import_seen.h).
 */
#include "import_seen.h"

#include <stdlib.h>
#include <string.h>

#include "import_stmt.h"
#include "sql_insert.h"

/* keys per lookup, and bytes per INSERT: a few tens of kilobytes of SQL */
#define SEEN_CHUNK 4096
#define SEEN_BYTES ((size_t)96 << 10)

int cg_import_seen_open(cg_db *db, cg_db_error *err)
{
	static const char drop[] = "DROP TEMPORARY TABLE IF EXISTS `crmguard_import_seen`";
	/* InnoDB, not MEMORY: no max_heap_table_size to outgrow on a long file */
	static const char create[] = "CREATE TEMPORARY TABLE `crmguard_import_seen` ("
	                             "`kind` TINYINT UNSIGNED NOT NULL, `k` BIGINT UNSIGNED NOT NULL, "
	                             "`v` BIGINT UNSIGNED NOT NULL, `id` VARCHAR(40) CHARACTER SET ascii NOT NULL DEFAULT '', "
	                             "PRIMARY KEY (`kind`, `k`)) ENGINE=InnoDB";

	static const char doing[] = "creating the import's temporary table of numbers seen";

	return cg_sql_exec(db, drop, sizeof drop - 1, doing, err) < 0 ||
	       cg_sql_exec(db, create, sizeof create - 1, doing, err) < 0 ? -1 : 0;
}

void cg_import_seen_close(cg_db *db)
{
	static const char drop[] = "DROP TEMPORARY TABLE IF EXISTS `crmguard_import_seen`";

	cg_db_error ignored;

	if (db->mysql)
		(void)cg_sql_exec(db, drop, sizeof drop - 1, "dropping the import's table of numbers seen", &ignored);
}

typedef struct {
	cg_seen_fn fn;
	void *ctx;
} found_ctx;

static int found_row(void *ctx, const cg_db_cell *cell, unsigned fields)
{
	found_ctx *f = ctx;

	if (fields < 3 || !cell[0].s || !cell[1].s || !cell[2].s)
		return 0;
	return f->fn(f->ctx, strtoull(cell[0].s, NULL, 10), strtoull(cell[1].s, NULL, 10), cell[2].s);
}

int cg_import_seen_find(cg_db *db, cg_seen_kind kind, const uint64_t *keys, size_t n, cg_seen_fn fn, void *ctx,
                        cg_db_error *err)
{
	found_ctx f = {fn, ctx};
	size_t i = 0;

	while (i < n) {
		cg_sqlbuf sql = {0};
		size_t first, end = i + SEEN_CHUNK < n ? i + SEEN_CHUNK : n;
		int rc;

		cg_sqlbuf_printf(&sql, "SELECT `k`, `v`, `id` FROM `crmguard_import_seen` WHERE `kind` = %d AND `k` IN (",
		                 (int)kind);
		for (first = i; i < end; i++) {
			if (i > first)
				cg_sqlbuf_append(&sql, ",", 1);
			cg_sqlbuf_append_u64(&sql, keys[i]);
		}
		cg_sqlbuf_append(&sql, ")", 1);
		rc = cg_sql_select(db, &sql, "looking up what the import has seen", found_row, &f, err);
		cg_sqlbuf_free(&sql);
		if (rc > 0)
			cg_db_set_message(err, "looking up what the import has seen: out of memory");
		if (rc != 0)
			return -1;
	}
	return 0;
}

int cg_import_seen_add(cg_db *db, cg_seen_kind kind, const uint64_t *keys, const uint64_t *values,
                       const char *const *ids, size_t n, cg_db_error *err)
{
	cg_insert ins;
	size_t i;
	int rc = 0;

	cg_insert_begin_sql(&ins, db, "INSERT IGNORE", "crmguard_import_seen", "`kind`, `k`, `v`, `id`", SEEN_BYTES,
	                    "remembering what the import has seen");
	for (i = 0; i < n && rc == 0; i++) {
		cg_insert_row(&ins);
		cg_insert_u64(&ins, (uint64_t)kind);
		cg_insert_u64(&ins, keys[i]); /* a company key may pass INT64_MAX: the BIGINT UNSIGNED column takes it */
		cg_insert_u64(&ins, values ? values[i] : 0);
		cg_insert_cstr(&ins, ids ? ids[i] : "");
		rc = cg_insert_end_row(&ins, err);
	}
	if (rc < 0) {
		cg_insert_discard(&ins);
		return -1;
	}
	return cg_insert_finish(&ins, err);
}
