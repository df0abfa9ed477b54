#define _DEFAULT_SOURCE /* gmtime_r under -std=c11 */
/*
 * A batch's checks: duplicates inside the file, rows an earlier run created,
 * numbers the CRM already has; then the plan of what to create.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crm.h"
#include "import_run.h"
#include "import_seen.h"
#include "import_table.h"
#include "phone.h"

/* ---- a batch ---------------------------------------------------------------------------------- */

typedef struct {
	cg_import_run_state *st;
	cg_phone_set *index;  /* key -> item */
	/* hits: up to one per item, kept to look up their records afterwards */
} batch_ctx;

/* The batch's item of a line, NULL none: items are in line order, one per line. */
static cg_import_item *item_of_line(cg_importer *imp, unsigned long line)
{
	size_t lo = 0, hi = imp->n_items;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (imp->items[mid].line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < imp->n_items && imp->items[lo].line == line ? &imp->items[lo] : NULL;
}

static int journal_row(void *ctx, const cg_db_cell *cell, unsigned fields)
{
	batch_ctx *b = ctx;
	cg_import_item *it;

	if (fields < 2 || !cell[0].s)
		return 0;
	it = item_of_line(&b->st->imp, strtoul(cell[0].s, NULL, 10));
	if (!it || it->state != CG_ITEM_PENDING)
		return 0;
	if (cell[1].s && cell[1].s[0] == '1')
		it->state = CG_ITEM_DONE_BEFORE;
	else
		it->journal_stale = 1;
	return 0;
}

typedef struct {
	batch_ctx *b;
	/* which entity type each hit has: filled per type afterwards */
	struct hit { uint64_t key; int type; char id[CG_ID_SIZE]; size_t item; } *hits;
	size_t n, cap;
	struct hit **by_id;    /* the hits ordered by type and id, then as they came */
} hits_ctx;

static int hit_row(void *ctx, const cg_db_cell *cell, unsigned fields)
{
	hits_ctx *h = ctx;
	cg_importer *imp = &h->b->st->imp;
	uint64_t key, item;
	int t;

	if (fields < 3 || !cell[0].s || !cell[1].s || !cell[2].s)
		return 0;
	key = strtoull(cell[0].s, NULL, 10);
	if (!cg_phone_set_find(h->b->index, key, &item))
		return 0;
	for (t = 0; t < 3; t++) {
		if (strlen(imp->crm->entities[t].type) == cell[1].len && memcmp(imp->crm->entities[t].type, cell[1].s, cell[1].len) == 0)
			break;
	}
	if (t == 3)
		return 0;
	if (h->n == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 64;
		struct hit *g = realloc(h->hits, cap * sizeof *g);
		if (!g)
			return 1;
		h->hits = g;
		h->cap = cap;
	}
	h->hits[h->n].key = key;
	h->hits[h->n].type = t;
	h->hits[h->n].item = (size_t)item;
	snprintf(h->hits[h->n].id, CG_ID_SIZE, "%.*s", (int)cell[2].len, cell[2].s);
	h->n++;
	return 0;
}

typedef struct {
	hits_ctx *h;
	int type;
} detail_ctx;

/* Orders hits by entity type and id, then as they came: a record's hits lie together. */
static int hit_cmp_ids(int type, const char *id, size_t id_len, const struct hit *h)
{
	int c;

	if (type != h->type)
		return type < h->type ? -1 : 1;
	c = strncmp(id, h->id, id_len);
	return c ? c : h->id[id_len] ? -1 : 0;
}

static int hit_order(const void *a, const void *b)
{
	const struct hit *x = *(const struct hit *const *)a, *y = *(const struct hit *const *)b;
	int c = hit_cmp_ids(x->type, x->id, strlen(x->id), y);

	return c ? c : x < y ? -1 : x > y;
}

static int detail_row(void *ctx, const cg_db_cell *cell, unsigned fields)
{
	detail_ctx *d = ctx;
	hits_ctx *h = d->h;
	cg_importer *imp = &h->b->st->imp;
	size_t i, lo = 0, hi = h->n;

	if (fields < 4 || !cell[0].s || cell[0].len >= CG_ID_SIZE)
		return 0;
	while (lo < hi) { /* the first hit of this record */
		size_t mid = lo + (hi - lo) / 2;
		if (hit_cmp_ids(d->type, cell[0].s, cell[0].len, h->by_id[mid]) > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < h->n && hit_cmp_ids(d->type, cell[0].s, cell[0].len, h->by_id[i]) == 0; i++) {
		const struct hit *hit = h->by_id[i];
		cg_import_item *it = &imp->items[hit->item];
		char e164[CG_E164_SIZE], why[1024];
		it->state = CG_ITEM_DUP_CRM;
		if (it->reason.len)
			continue; /* one record is enough to say why */
		cg_import_e164(hit->key, e164, sizeof e164);
		snprintf(why, sizeof why, "already in the CRM: %s belongs to %s %s \"%.*s\", responsible %s%.*s%s",
		         e164, imp->crm->entities[d->type].type, hit->id, (int)(cell[1].len > 200 ? 200 : cell[1].len),
		         cell[1].s ? cell[1].s : "", cell[3].s ? "" : "nobody", (int)cell[3].len, cell[3].s ? cell[3].s : "",
		         "");
		if (cell[2].s && cell[3].s) {
			size_t n = strlen(why);
			snprintf(why + n, sizeof why - n, " (%.*s)", (int)cell[2].len, cell[2].s);
		}
		it->reason = cg_import_arena_add(imp, why, strlen(why) + 1); /* with its NUL: reject() takes a C string */
	}
	return 0;
}

static int seen_number(void *ctx, uint64_t key, uint64_t line, const char *id)
{
	(void)id;
	return cg_phone_set_add(ctx, key, line, NULL) < 0;
}

/* Inside the file the first row with a number wins: later rows, in this batch
 * or after it, are duplicates naming its line.  Earlier batches' numbers are
 * in the server's table of numbers seen (import_seen.h), this batch's in
 * index (key -> item), which the batch's later checks look numbers up in. */
static int dedupe_in_file(cg_import_run_state *st, cg_phone_set *index)
{
	cg_importer *imp = &st->imp;
	cg_phone_set earlier;
	uint64_t *keys, *lines;
	size_t i, k, n = 0, added = 0;
	int rc = -1;

	for (i = 0; i < imp->n_items; i++)
		n += imp->items[i].state == CG_ITEM_PENDING ? imp->items[i].n_phones : 0;
	if (n == 0)
		return 0;
	keys = malloc(n * sizeof *keys);
	lines = malloc(n * sizeof *lines);
	if (!keys || !lines || cg_phone_set_init(&earlier, n) < 0) {
		free(keys);
		free(lines);
		cg_import_set_err(st->err, CG_IMPORT_ERR_CSV, "out of memory");
		return -1;
	}
	for (i = 0; i < imp->n_items; i++) {
		const cg_import_item *it = &imp->items[i];
		for (k = 0; it->state == CG_ITEM_PENDING && k < it->n_phones; k++)
			keys[added++] = it->phones[k];
	}
	if (cg_import_seen_find(imp->db, CG_SEEN_NUMBER, keys, n, seen_number, &earlier, &st->err->db) < 0) {
		cg_import_db_err(st->err);
		goto out;
	}
	added = 0;
	for (i = 0; i < imp->n_items; i++) {
		cg_import_item *it = &imp->items[i];
		uint64_t first_line = 0, first_item;
		if (it->state != CG_ITEM_PENDING)
			continue;
		for (k = 0; k < it->n_phones; k++) {
			int here = cg_phone_set_find(index, it->phones[k], &first_item);
			if (here || cg_phone_set_find(&earlier, it->phones[k], &first_line)) {
				char e164[CG_E164_SIZE], why[128];
				if (here)
					first_line = imp->items[first_item].line;
				cg_import_e164(it->phones[k], e164, sizeof e164);
				snprintf(why, sizeof why, "duplicate in the file: %s is already on line %llu", e164,
				         (unsigned long long)first_line);
				it->reason = cg_import_arena_add(imp, why, strlen(why) + 1);
				it->state = CG_ITEM_DUP_FILE;
				imp->rep->duplicates_in_file++;
				break;
			}
		}
		for (k = 0; it->state == CG_ITEM_PENDING && k < it->n_phones; k++) {
			int a = cg_phone_set_add(index, it->phones[k], i, NULL);
			if (a < 0) {
				cg_import_set_err(st->err, CG_IMPORT_ERR_CSV, "out of memory");
				goto out;
			}
			if (a == 1) {
				keys[added] = it->phones[k];
				lines[added++] = it->line;
			}
		}
	}
	if (cg_import_seen_add(imp->db, CG_SEEN_NUMBER, keys, lines, NULL, added, &st->err->db) < 0) {
		cg_import_db_err(st->err);
		goto out;
	}
	rc = 0;
out:
	cg_phone_set_free(&earlier);
	free(keys);
	free(lines);
	return rc;
}

/* The condition (over t) of a live record of the importer's entity t: the CRM profile's (crm.h). */
static const char *live_sql(const cg_importer *imp, int t)
{
	const char *type = imp->crm->entities[t].type;
	const cg_crm_profile *p;
	cg_entity_kind kind;
	cg_crm crm;

	if (cg_crm_from_name(imp->crm->name, strlen(imp->crm->name), &crm) < 0)
		return "1";
	p = cg_crm_profile_of(crm);
	return cg_crm_entity_from_type(p, type, strlen(type), &kind) == 0 ? p->entities[kind].live_sql : "1";
}

/* Marks the items whose numbers the CRM already has. */
static int check_crm(cg_import_run_state *st, cg_phone_set *index)
{
	cg_importer *imp = &st->imp;
	cg_sqlbuf sql = {0};
	batch_ctx b = {st, index};
	hits_ctx h = {&b, NULL, 0, 0, NULL};
	size_t i, k, n = 0;
	int t, rc = 0;

	cg_sqlbuf_appends(&sql, "SELECT `e164`, `entity_type`, `entity_id` FROM `crmguard_phone` WHERE `e164` IN (");
	for (i = 0; i < imp->n_items; i++) {
		cg_import_item *it = &imp->items[i];
		if (it->state != CG_ITEM_PENDING)
			continue;
		for (k = 0; k < it->n_phones; k++) {
			if (n++)
				cg_sqlbuf_appends(&sql, ",");
			cg_sqlbuf_append_u64(&sql, it->phones[k]);
		}
	}
	cg_sqlbuf_appends(&sql, ")");
	if (n == 0) {
		cg_sqlbuf_free(&sql);
		return 0;
	}
	rc = cg_sql_select(imp->db, &sql, "looking the numbers up in crmguard_phone", hit_row, &h, &st->err->db);
	cg_sqlbuf_free(&sql);
	if (rc != 0)
		goto done;
	if (h.n > 0 && !(h.by_id = malloc(h.n * sizeof *h.by_id))) {
		cg_db_set_message(&st->err->db, "out of memory");
		rc = -1;
		goto done;
	}
	for (i = 0; i < h.n; i++)
		h.by_id[i] = &h.hits[i];
	if (h.n > 1)
		qsort(h.by_id, h.n, sizeof *h.by_id, hit_order);

	/* Who holds them, for the rejects file; only a live holder makes the row a duplicate.  The
	 * index may name a record the CRM removed without its hooks: SuiteCRM's Undo Import
	 * deletes with SQL (modules/Import/UsersLastImport.php 175-226), and so does an admin's
	 * DELETE.  The call card's lookup skips such holders the same way (ownership.c). */
	for (t = 0; t < 3 && rc == 0; t++) {
		detail_ctx d = {&h, t};
		int any = 0;
		cg_sqlbuf ids = {0};
		for (i = 0; i < h.n; i++) {
			if (h.hits[i].type != t)
				continue;
			if (any++)
				cg_sqlbuf_appends(&ids, ",");
			cg_sqlbuf_append_quoted(&ids, imp->db->mysql, h.hits[i].id, strlen(h.hits[i].id));
		}
		if (any) {
			cg_sqlbuf_printf(&sql, "SELECT t.id, %s, TRIM(CONCAT_WS(' ', u.first_name, u.last_name)), u.%s "
			              "FROM `%s` t LEFT JOIN `%s` u ON u.id = t.%s "
			              "WHERE t.id IN (%s) AND %s", imp->crm->entities[t].name_sql, imp->crm->user_name_column,
			              imp->crm->entities[t].table, imp->crm->user_table, imp->crm->entities[t].owner, ids.data,
			              live_sql(imp, t));
			rc = cg_sql_select(imp->db, &sql, "reading the records that hold the numbers", detail_row, &d,
			                 &st->err->db);
			cg_sqlbuf_free(&sql);
		}
		cg_sqlbuf_free(&ids);
	}
done:
	free(h.hits);
	free(h.by_id);
	if (rc < 0)
		cg_import_db_err(st->err);
	return rc < 0 ? -1 : 0;
}

static void format_time(time_t t, char *out, size_t size, int date_only)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, size, date_only ? "%Y-%m-%d" : "%Y-%m-%d %H:%M:%S", &tm);
}

/* Stamps the batch's dates, then decides each row: a duplicate inside the
 * file, done by an earlier run, already in the CRM, or to create (with its
 * manager, company and ids).  Under the import lock when anything is written. */
int cg_import_plan_batch(cg_import_run_state *st)
{
	cg_importer *imp = &st->imp;
	cg_phone_set index;
	size_t i, created = 0;
	time_t t = time(NULL);
	int rc = -1;

	imp->batch_no++;
	imp->rep->batches++;
	format_time(t, imp->now, sizeof imp->now, 0);
	format_time(t, imp->today, sizeof imp->today, 1);
	format_time(t + (time_t)imp->opt->task_due_seconds, imp->task_due, sizeof imp->task_due, 0);
	format_time(t + (time_t)imp->opt->close_days * 86400, imp->close_date, sizeof imp->close_date, 1);

	if (cg_phone_set_init(&index, imp->n_items * 2) < 0) {
		cg_import_set_err(st->err, CG_IMPORT_ERR_CSV, "out of memory");
		return -1;
	}
	if (dedupe_in_file(st, &index) < 0)
		goto out;

	/* rows an earlier run of this file created, while their contact lives: after the CRM's own
	 * undo (EspoCRM's Revert, SuiteCRM's Undo Import) the same file imports those lines again */
	{
		cg_sqlbuf sql = {0};
		batch_ctx b = {st, &index};
		int q;
		cg_sqlbuf_printf(&sql, "SELECT r.`line`, t.id IS NOT NULL FROM `crmguard_import_row` r "
		                 "LEFT JOIN `%s` t ON t.id = r.`contact_id` AND %s WHERE r.`import_id` = ",
		                 imp->crm->entities[CG_IMPORT_CONTACT_ENTITY].table, live_sql(imp, CG_IMPORT_CONTACT_ENTITY));
		cg_sqlbuf_append_quoted(&sql, imp->db->mysql, imp->import_id, strlen(imp->import_id));
		cg_sqlbuf_printf(&sql, " AND r.`line` BETWEEN %lu AND %lu", imp->items[0].line,
		              imp->items[imp->n_items - 1].line);
		q = cg_sql_select(imp->db, &sql, "reading the import journal", journal_row, &b, &st->err->db);
		cg_sqlbuf_free(&sql);
		if (q < 0) {
			cg_import_db_err(st->err);
			goto out;
		}
	}
	if (check_crm(st, &index) < 0)
		goto out;

	for (i = 0; i < imp->n_items; i++) {
		cg_import_item *it = &imp->items[i];
		if (it->state == CG_ITEM_DONE_BEFORE) {
			imp->rep->already_imported++;
		} else if (it->state == CG_ITEM_PENDING) {
			it->state = CG_ITEM_CREATE;
			if (it->user < 0)
				it->user = cg_import_pick_round_robin(st);
			created++;
		}
	}
	if (cg_import_plan_companies(st) < 0)
		goto out;
	for (i = 0; i < imp->n_items && !imp->opt->dry_run; i++) {
		cg_import_item *it = &imp->items[i];
		if (it->state != CG_ITEM_CREATE)
			continue;
		imp->crm->new_id(&imp->ids, it->contact_id);
		imp->crm->new_id(&imp->ids, it->deal_id);
		imp->crm->new_id(&imp->ids, it->task_id);
	}
	rc = 0;
out:
	cg_phone_set_free(&index);
	return rc;
}

/*
 * The CRMs keep one row per e-mail address, which a writer looks up and adds
 * when it writes a batch; two batches written side by side could each add the
 * same new address.  1 when this batch shares an address with a batch that
 * may still be being written (it then waits for them), -1 out of memory.
 */
int cg_import_emails_in_flight(cg_import_run_state *st)
{
	const cg_importer *imp = &st->imp;
	int slots = st->n_writers - 1, k, shared = 0;
	cg_phone_set mine;
	size_t i;

	if (slots < 1)
		return 0;
	if (cg_phone_set_init(&mine, 64) < 0)
		goto oom;
	for (i = 0; i < imp->n_items; i++) {
		const cg_import_item *it = &imp->items[i];
		uint64_t key;
		if (it->state != CG_ITEM_CREATE || it->email.len == 0)
			continue;
		key = cg_import_email_key(cg_span_ptr(imp, it->email), it->email.len); /* as the writers match it */
		for (k = 0; k < slots && !shared; k++)
			shared = cg_phone_set_find(&st->emails_in_flight[k], key, NULL);
		if (cg_phone_set_add(&mine, key, 1, NULL) < 0) {
			cg_phone_set_free(&mine);
			goto oom;
		}
	}
	if (shared) { /* the writers will be drained: nothing is in flight */
		for (k = 0; k < slots; k++)
			cg_phone_set_free(&st->emails_in_flight[k]);
	}
	cg_phone_set_free(&st->emails_in_flight[st->emails_next]);
	st->emails_in_flight[st->emails_next] = mine;
	st->emails_next = (st->emails_next + 1) % slots;
	return shared;
oom:
	cg_import_set_err(st->err, CG_IMPORT_ERR_CSV, "out of memory");
	return -1;
}
