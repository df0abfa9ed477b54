/*
 * The rows of a batch, table by table, from each CRM's column lists (import_table.h).
 */
#include "import_table.h"

#include "phone_set.h"
#include "rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- values ----------------------------------------------------------------- */

/* The text of a value that is a plain string (ids, times), NULL for SQL NULL. */
static const char *text_of(const cg_importer *imp, const cg_import_row *r, cg_import_value_kind kind)
{
	switch (kind) {
	case CG_V_NOW: return imp->now;
	case CG_V_TASK_DUE: return imp->task_due;
	case CG_V_CLOSE_DATE: return imp->close_date;
	case CG_V_CURRENCY: return imp->currency;
	case CG_V_CREATOR: return imp->users[imp->created_by].id;
	case CG_V_CONTACT_ID: return r->item ? r->item->contact_id : NULL;
	case CG_V_DEAL_ID: return r->item ? r->item->deal_id : NULL;
	case CG_V_TASK_ID: return r->item ? r->item->task_id : NULL;
	case CG_V_COMPANY_ID: return r->company ? r->company->id : NULL;
	case CG_V_OWNER: return r->user >= 0 ? imp->users[r->user].id : NULL;
	case CG_V_SHARED_ID: return r->shared_id;
	case CG_V_SHARED_TEXT: return r->shared_text;
	case CG_V_RECORD_ID: return r->record_id;
	case CG_V_RECORD_TYPE: return r->record_type;
	case CG_V_GROUP_ID: return r->group_id;
	case CG_V_IMPORT_ID: return imp->crm_import_id;
	case CG_V_DEFAULT_STATUS: return cg_rules_default_status();
	default: return NULL;
	}
}

/* The CRM profile's limit for the item field at offset span (0: none). */
static size_t crm_max(const cg_import_crm *crm, size_t span)
{
	if (span == offsetof(cg_import_item, first) || span == offsetof(cg_import_item, middle) ||
	    span == offsetof(cg_import_item, last))
		return crm->name_max;
	if (span == offsetof(cg_import_item, title))
		return crm->title_max;
	if (span == offsetof(cg_import_item, city))
		return crm->city_max;
	return span == offsetof(cg_import_item, source) ? crm->source_max : 0;
}

static void put_value(cg_importer *imp, cg_insert *ins, const cg_import_col *c, const cg_import_row *r)
{
	char text[1024];

	switch (c->kind) {
	case CG_V_LITERAL:
		cg_insert_literal(ins, c->literal);
		break;
	case CG_V_NEW_ID:
		imp->crm->new_id(&imp->ids, text);
		cg_insert_cstr(ins, text);
		break;
	case CG_V_TEXT:
		if (r->item)
			cg_import_value(imp, ins, *(const cg_span *)(const void *)((const char *)r->item + c->span),
			                c->max == CG_CRM_MAX ? crm_max(imp->crm, c->span) : c->max);
		else
			cg_insert_literal(ins, "NULL");
		break;
	case CG_V_TEXT_AS_IS: {
		cg_span s = {0, 0};
		if (r->item)
			s = *(const cg_span *)(const void *)((const char *)r->item + c->span);
		if (s.len)
			cg_insert_str(ins, cg_span_ptr(imp, s), cg_utf8_prefix(cg_span_ptr(imp, s), s.len, c->max));
		else
			cg_insert_literal(ins, "NULL");
		break;
	}
	case CG_V_COMPANY_NAME:
		if (r->company)
			cg_import_value(imp, ins, r->company->name, imp->crm->account_name_max);
		else
			cg_insert_literal(ins, "NULL");
		break;
	case CG_V_DEAL_NAME:
	case CG_V_TASK_NAME:
		if (!r->item) {
			cg_insert_literal(ins, "NULL");
			break;
		}
		if (c->kind == CG_V_DEAL_NAME)
			cg_import_deal_name(imp, r->item, text, sizeof text);
		else
			cg_import_task_name(imp, r->item, text, sizeof text);
		cg_import_put_text(imp, ins, text, strlen(text),
		                   c->kind == CG_V_DEAL_NAME ? imp->crm->deal_name_max : imp->crm->task_name_max);
		break;
	case CG_V_FN:
		c->fn(imp, ins, r, c->arg);
		break;
	default:
		cg_insert_cstr(ins, text_of(imp, r, c->kind));
		break;
	}
}

/* ---- rows ------------------------------------------------------------------- */

/* The batch's writes under way: err is where failures go. */
typedef struct {
	cg_importer *imp;
	cg_db_error *err;
	const cg_import_table *group_table;
	cg_insert groups;
} writer;

/* The rows of one table being written. */
typedef struct {
	const cg_import_table *t;
	cg_insert ins;
} table_out;

/* Begins ins for the columns of t this CRM has; -1 out of memory. */
static int begin_insert(cg_insert *ins, const cg_import_table *t, cg_importer *imp, cg_db_error *err)
{
	cg_sqlbuf cols = {0};
	size_t i;
	int any = 0, failed;

	for (i = 0; i < t->n_cols; i++) {
		if (imp->present[t->cols[i].probe])
			cg_sqlbuf_printf(&cols, "%s`%s`", any++ ? ", " : "", t->cols[i].name);
	}
	failed = cols.failed;
	cg_insert_begin(ins, imp->db, t->table, cols.data ? cols.data : "", t->doing);
	cg_sqlbuf_free(&cols);
	if (!failed)
		return 0;
	cg_db_set_message(err, "%s: out of memory", t->doing);
	return -1;
}

static int put_row(cg_importer *imp, cg_insert *ins, const cg_import_table *t, const cg_import_row *r,
                   cg_db_error *err)
{
	size_t i;

	cg_insert_row(ins);
	for (i = 0; i < t->n_cols; i++) {
		if (imp->present[t->cols[i].probe])
			put_value(imp, ins, &t->cols[i], r);
	}
	return cg_insert_end_row(ins, err);
}

static int out_begin(writer *w, table_out *o, const cg_import_table *t)
{
	o->t = t;
	return begin_insert(&o->ins, t, w->imp, w->err);
}

static int out_row(writer *w, table_out *o, const cg_import_row *r)
{
	cg_importer *imp = w->imp;
	cg_import_row g = {0};
	size_t i;

	if (put_row(imp, &o->ins, o->t, r, w->err) < 0)
		return -1;
	if (!o->t->group_type || r->user < 0)
		return 0;
	/* the record joins its owner's teams / security groups, as the CRM's save does */
	g.user = -1;
	g.record_id = text_of(imp, r, o->t->record);
	g.record_type = o->t->group_type;
	for (i = 0; i < imp->users[r->user].n_groups; i++) {
		g.group_id = imp->users[r->user].groups[i];
		if (put_row(imp, &w->groups, w->group_table, &g, w->err) < 0)
			return -1;
	}
	return 0;
}

/* Sends what is left; frees the table's buffers either way. */
static int out_end(writer *w, table_out *o, int ok)
{
	int rc = ok ? cg_insert_finish(&o->ins, w->err) : -1;

	cg_insert_discard(&o->ins);
	return rc;
}

/* The row of item it: its company, its owner. */
static cg_import_row item_row(const cg_importer *imp, const cg_import_item *it)
{
	cg_import_row r = {0};

	r.item = it;
	r.company = it->company_ix >= 0 ? &imp->companies[it->company_ix] : NULL;
	r.user = it->user;
	return r;
}

static int write_table(writer *w, const cg_import_table *t)
{
	cg_importer *imp = w->imp;
	table_out o;
	size_t i;
	int ok;

	if (!imp->present[t->probe])
		return 0; /* this CRM has no such table */
	ok = out_begin(w, &o, t) == 0;

	for (i = 0; ok && t->rows == CG_ROWS_NEW_COMPANIES && i < imp->n_companies; i++) {
		cg_import_row r = {0};
		r.company = &imp->companies[i];
		r.user = r.company->user;
		ok = !r.company->is_new || out_row(w, &o, &r) == 0;
	}
	for (i = 0; ok && t->rows != CG_ROWS_NEW_COMPANIES && i < imp->n_items; i++) {
		cg_import_row r = item_row(imp, &imp->items[i]);
		if (imp->items[i].state != CG_ITEM_CREATE || (t->rows == CG_ROWS_ITEMS_WITH_COMPANY && !r.company))
			continue;
		ok = out_row(w, &o, &r) == 0;
	}
	return out_end(w, &o, ok);
}

/* ---- shared records ------------------------------------------------------------ */

/* Ids of shared records by a 64-bit key (a phone number, a hash of an address). */
typedef struct {
	cg_phone_set keys;           /* key -> index into ids */
	char (*ids)[CG_ID_SIZE];
	size_t n, cap;
	const cg_import_shared *s;
} id_map;

static int id_map_init(id_map *m, size_t expected, const cg_import_shared *s)
{
	memset(m, 0, sizeof *m);
	m->s = s;
	m->cap = expected ? expected : 1;
	m->ids = calloc(m->cap, sizeof *m->ids);
	return m->ids && cg_phone_set_init(&m->keys, expected) == 0 ? 0 : -1;
}

static void id_map_free(id_map *m)
{
	cg_phone_set_free(&m->keys);
	free(m->ids);
}

/* Adds key -> id unless the key is known (the first id stays); -1 out of memory. */
static int id_map_put(id_map *m, uint64_t key, const char *id, size_t len)
{
	uint64_t ix;

	if (cg_phone_set_find(&m->keys, key, &ix))
		return 0;
	if (m->n == m->cap) {
		size_t cap = m->cap * 2;
		char (*g)[CG_ID_SIZE] = realloc(m->ids, cap * sizeof *g);
		if (!g)
			return -1;
		m->ids = g;
		m->cap = cap;
	}
	snprintf(m->ids[m->n], CG_ID_SIZE, "%.*s", (int)len, id);
	if (cg_phone_set_add(&m->keys, key, m->n, NULL) < 0)
		return -1;
	m->n++;
	return 0;
}

static const char *id_map_get(const id_map *m, uint64_t key)
{
	uint64_t ix;

	return cg_phone_set_find(&m->keys, key, &ix) ? m->ids[ix] : NULL;
}

/* How many values of the kind the item has (none unless it is to be created). */
static size_t shared_count(const cg_import_shared *s, const cg_import_item *it)
{
	if (it->state != CG_ITEM_CREATE)
		return 0;
	return s->of == CG_SHARED_PHONES ? it->n_phones : it->email.len > 0;
}

/* The lookup text of the item's value k into out[256]: E.164, or the address
 * lower- or upper-cased (ASCII letters, as the CRM does). */
static const char *shared_text(const cg_importer *imp, const cg_import_shared *s, const cg_import_item *it,
                               size_t k, char *out)
{
	char *p;

	if (s->of == CG_SHARED_PHONES) {
		cg_import_e164(it->phones[k], out, 256);
		/* EspoCRM with phoneNumberExtensions keeps the extension in the number's name
		 * (Espo/Core/PhoneNumber/Sanitizer.php parsePhoneNumber: "+74951234567 ext. 2") */
		if (imp->phone_extensions && it->exts[k][0])
			snprintf(out + strlen(out), 256 - strlen(out), " ext. %s", it->exts[k]);
		return out;
	}
	snprintf(out, 256, "%.*s", (int)it->email.len, cg_span_ptr(imp, it->email));
	for (p = out; *p; p++) {
		if (s->of == CG_SHARED_EMAIL_UPPER && *p >= 'a' && *p <= 'z')
			*p = (char)(*p - 32);
		else if (s->of == CG_SHARED_EMAIL_LOWER && *p >= 'A' && *p <= 'Z')
			*p = (char)(*p + 32);
	}
	return out;
}

uint64_t cg_import_email_key(const char *text, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		h ^= c;
		h *= 0x100000001b3ULL;
	}
	return h ? h : 1;
}

/* The key of a lookup text (a number as stored, with its extension; an e-mail address). */
static uint64_t shared_key(const cg_import_shared *s, const char *text, size_t len)
{
	(void)s;
	return cg_import_email_key(text, len);
}

static int shared_found(void *ctx, const cg_db_cell *cell, unsigned fields)
{
	id_map *m = ctx;
	uint64_t key;

	if (fields < 2 || !cell[0].s || !cell[1].s || (key = shared_key(m->s, cell[1].s, cell[1].len)) == 0)
		return 0;
	return id_map_put(m, key, cell[0].s, cell[0].len) < 0;
}

/* A row of t for each value of the batch; create: only for the values not in ids
 * yet, each given a new record id there. */
static int shared_rows(writer *w, const cg_import_table *t, id_map *ids, int create)
{
	cg_importer *imp = w->imp;
	table_out o;
	size_t i;
	int ok = out_begin(w, &o, t) == 0;
	char text[256], id[CG_ID_SIZE];

	for (i = 0; ok && i < imp->n_items; i++) {
		cg_import_row r = item_row(imp, &imp->items[i]);
		for (r.k = 0; ok && r.k < shared_count(ids->s, r.item); r.k++) {
			uint64_t key;
			r.shared_text = shared_text(imp, ids->s, r.item, r.k, text);
			key = shared_key(ids->s, text, strlen(text));
			r.shared_id = id_map_get(ids, key);
			if (create && r.shared_id)
				continue;
			if (create) {
				imp->crm->new_id(&imp->ids, id);
				r.shared_id = id;
				if (id_map_put(ids, key, id, strlen(id)) < 0) {
					cg_db_set_message(w->err, "%s: out of memory", t->doing);
					ok = 0;
				}
			}
			ok = ok && out_row(w, &o, &r) == 0;
		}
	}
	return out_end(w, &o, ok);
}

static int write_shared(writer *w, const cg_import_shared *s)
{
	cg_importer *imp = w->imp;
	const char *tail = strstr(s->select, "%s");
	cg_sqlbuf sql = {0};
	id_map ids;
	size_t i, k, any = 0;
	int rc = -1, found;
	char text[256];

	if (id_map_init(&ids, imp->n_items * 2, s) < 0) {
		cg_db_set_message(w->err, "out of memory");
		goto out;
	}
	cg_sqlbuf_append(&sql, s->select, (size_t)(tail - s->select));
	for (i = 0; i < imp->n_items; i++) {
		for (k = 0; k < shared_count(s, &imp->items[i]); k++) {
			shared_text(imp, s, &imp->items[i], k, text);
			cg_sqlbuf_appends(&sql, any++ ? "," : "");
			cg_sqlbuf_append_quoted(&sql, imp->db->mysql, text, strlen(text));
		}
	}
	cg_sqlbuf_appends(&sql, tail + 2);
	if (!any) {
		rc = 0;
		goto out;
	}
	found = cg_sql_select(imp->db, &sql, s->of == CG_SHARED_PHONES ? "looking for the phone numbers"
	                         : "looking for the e-mail addresses", shared_found, &ids, w->err);
	if (found > 0) /* shared_found stopped */
		cg_db_set_message(w->err, "out of memory");
	else if (found == 0 && shared_rows(w, s->records, &ids, 1) == 0 && shared_rows(w, s->links, &ids, 0) == 0)
		rc = 0;
out:
	cg_sqlbuf_free(&sql);
	id_map_free(&ids);
	return rc;
}

/* ---- the batch ------------------------------------------------------------------ */

static int write_tables(writer *w, const cg_import_table *const *t)
{
	for (; *t; t++) {
		if (write_table(w, *t) < 0)
			return -1;
	}
	return 0;
}

int cg_import_write_batch(cg_importer *imp, const cg_import_writes *writes, cg_db_error *err)
{
	writer w = {imp, err, writes->groups, {0}};
	int rc = -1;

	if (begin_insert(&w.groups, w.group_table, imp, err) < 0 || write_tables(&w, writes->contacts) < 0)
		goto out;
	/* the fault test kills the connection here: contacts written, nothing after them */
	cg_import_fault_pause(imp);
	if ((!writes->phones || write_shared(&w, writes->phones) == 0) && write_tables(&w, writes->rest) == 0 &&
	    cg_insert_finish(&w.groups, err) == 0 && write_shared(&w, writes->emails) == 0)
		rc = 0;
out:
	cg_insert_discard(&w.groups);
	return rc;
}
