#include "import_table.h"

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
	case CG_V_REF_ID: return r->ref_id;
	case CG_V_REF_TEXT: return r->ref_text;
	case CG_V_RECORD_ID: return r->record_id;
	case CG_V_RECORD_TYPE: return r->record_type;
	case CG_V_GROUP_ID: return r->group_id;
	default: return NULL;
	}
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
			cg_import_value(imp, ins, *(const cg_span *)(const void *)((const char *)r->item + c->span), c->max);
		else
			cg_insert_literal(ins, "NULL");
		break;
	case CG_V_COMPANY_NAME:
		if (r->company)
			cg_import_value(imp, ins, r->company->name, c->max);
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
			cg_import_deal_name(imp, r->item, text, sizeof text, c->max);
		else
			cg_import_task_name(imp, r->item, text, sizeof text, c->max);
		cg_insert_cstr(ins, text);
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

/* "INSERT INTO `t` (`a`, `b`) VALUES ": also what sql_insert.c turns into LOAD DATA */
static void build_head(cg_sqlbuf *head, const cg_import_table *t)
{
	size_t i;

	cg_sqlbuf_init(head);
	cg_sqlbuf_printf(head, "INSERT INTO `%s` (", t->table);
	for (i = 0; i < t->n_cols; i++)
		cg_sqlbuf_printf(head, "%s`%s`", i ? ", " : "", t->cols[i].name);
	cg_sqlbuf_appends(head, ") VALUES ");
}

static int put_row(cg_importer *imp, cg_insert *ins, const cg_import_table *t, const cg_import_row *r,
                   cg_db_error *err)
{
	size_t i;

	cg_insert_row(ins);
	for (i = 0; i < t->n_cols; i++)
		put_value(imp, ins, &t->cols[i], r);
	return cg_insert_end_row(ins, err);
}

void cg_import_writer_begin(cg_import_writer *w, cg_importer *imp, const cg_import_table *group_table,
                            cg_db_error *err)
{
	memset(w, 0, sizeof *w);
	w->imp = imp;
	w->err = err;
	w->group_table = group_table;
	build_head(&w->group_head, group_table);
	cg_insert_begin(&w->groups, imp->db, w->group_head.data, group_table->doing, 0);
}

int cg_import_writer_finish_groups(cg_import_writer *w)
{
	return cg_insert_finish(&w->groups, w->err);
}

void cg_import_writer_end(cg_import_writer *w)
{
	cg_insert_discard(&w->groups);
	cg_sqlbuf_free(&w->group_head);
}

void cg_import_out_begin(cg_import_writer *w, cg_import_out *o, const cg_import_table *t)
{
	o->t = t;
	build_head(&o->head, t);
	cg_insert_begin(&o->ins, w->imp->db, o->head.data, t->doing, 0);
}

int cg_import_out_row(cg_import_writer *w, cg_import_out *o, const cg_import_row *r)
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

int cg_import_out_finish(cg_import_writer *w, cg_import_out *o)
{
	int rc = cg_insert_finish(&o->ins, w->err);

	cg_sqlbuf_free(&o->head);
	return rc;
}

void cg_import_out_discard(cg_import_out *o)
{
	cg_insert_discard(&o->ins);
	cg_sqlbuf_free(&o->head);
}

cg_import_row cg_import_item_row(const cg_importer *imp, const cg_import_item *it)
{
	cg_import_row r = {0};

	r.item = it;
	r.company = it->company_ix >= 0 ? &imp->companies[it->company_ix] : NULL;
	r.user = it->user;
	return r;
}

int cg_import_write_table(cg_import_writer *w, const cg_import_table *t)
{
	cg_importer *imp = w->imp;
	cg_import_out o;
	size_t i;

	cg_import_out_begin(w, &o, t);
	if (t->rows == CG_ROWS_NEW_COMPANIES) {
		for (i = 0; i < imp->n_companies; i++) {
			cg_import_row r = {0};
			if (!imp->companies[i].is_new)
				continue;
			r.company = &imp->companies[i];
			r.user = r.company->user;
			if (cg_import_out_row(w, &o, &r) < 0)
				goto fail;
		}
	} else {
		for (i = 0; i < imp->n_items; i++) {
			cg_import_row r = cg_import_item_row(imp, &imp->items[i]);
			if (imp->items[i].state != CG_ITEM_CREATE || (t->rows == CG_ROWS_ITEMS_WITH_COMPANY && !r.company))
				continue;
			if (cg_import_out_row(w, &o, &r) < 0)
				goto fail;
		}
	}
	if (cg_import_out_finish(w, &o) == 0)
		return 0;
fail:
	cg_import_out_discard(&o);
	return -1;
}

/* ---- e-mail addresses --------------------------------------------------------- */

/* A key for the text, ASCII letters folded (how both CRMs compare addresses). */
static uint64_t text_key(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		h ^= c;
		h *= 0x100000001b3ULL;
	}
	return h ? h : 1;
}

/* The item's address as the CRM keeps it for lookups, into out[256]. */
static const char *folded_email(const cg_importer *imp, const cg_import_item *it, int upper, char out[256])
{
	char *p;

	snprintf(out, 256, "%.*s", (int)it->email.len, cg_span_ptr(imp, it->email));
	for (p = out; *p; p++) {
		if (upper && *p >= 'a' && *p <= 'z')
			*p = (char)(*p - 32);
		else if (!upper && *p >= 'A' && *p <= 'Z')
			*p = (char)(*p + 32);
	}
	return out;
}

static int email_found(void *ctx, MYSQL_ROW row, unsigned long *len, unsigned fields)
{
	if (fields < 2 || !row[0] || !row[1])
		return 0;
	return cg_id_map_put(ctx, text_key(row[1], len[1]), row[0], len[0]) < 0;
}

int cg_import_write_emails(cg_import_writer *w, const cg_import_emails *e)
{
	cg_importer *imp = w->imp;
	const char *tail = strstr(e->select, "%s");
	cg_sqlbuf sql = {0};
	cg_id_map found;
	cg_import_out o;
	size_t i, any = 0;
	int rc = -1;
	char folded[256], id[CG_ID_SIZE];

	if (cg_id_map_init(&found, 64) < 0) {
		snprintf(w->err->message, sizeof w->err->message, "out of memory");
		return -1;
	}
	cg_sqlbuf_append(&sql, e->select, (size_t)(tail - e->select));
	for (i = 0; i < imp->n_items; i++) {
		const cg_import_item *it = &imp->items[i];
		if (it->state != CG_ITEM_CREATE || !it->email.len)
			continue;
		if (any++)
			cg_sqlbuf_appends(&sql, ",");
		folded_email(imp, it, e->upper, folded);
		cg_sqlbuf_append_quoted(&sql, imp->db->mysql, folded, strlen(folded));
	}
	cg_sqlbuf_appends(&sql, tail + 2);
	if (!any) {
		rc = 0;
		goto out;
	}
	if (cg_import_select(imp->db, &sql, "looking for the e-mail addresses", email_found, &found, w->err) != 0)
		goto out;

	/* a new address once, however many contacts of the batch have it */
	cg_import_out_begin(w, &o, e->addresses);
	for (i = 0; i < imp->n_items; i++) {
		cg_import_row r = cg_import_item_row(imp, &imp->items[i]);
		uint64_t key;
		if (r.item->state != CG_ITEM_CREATE || !r.item->email.len)
			continue;
		r.ref_text = folded_email(imp, r.item, e->upper, folded);
		key = text_key(folded, strlen(folded));
		if (cg_id_map_get(&found, key))
			continue;
		imp->crm->new_id(&imp->ids, id);
		r.ref_id = id;
		if (cg_id_map_put(&found, key, id, strlen(id)) < 0 || cg_import_out_row(w, &o, &r) < 0)
			goto out_o;
	}
	if (cg_import_out_finish(w, &o) < 0)
		goto out_o;

	cg_import_out_begin(w, &o, e->links);
	for (i = 0; i < imp->n_items; i++) {
		cg_import_row r = cg_import_item_row(imp, &imp->items[i]);
		if (r.item->state != CG_ITEM_CREATE || !r.item->email.len)
			continue;
		r.ref_text = folded_email(imp, r.item, e->upper, folded);
		r.ref_id = cg_id_map_get(&found, text_key(folded, strlen(folded)));
		if (cg_import_out_row(w, &o, &r) < 0)
			goto out_o;
	}
	rc = cg_import_out_finish(w, &o);
out_o:
	cg_import_out_discard(&o);
out:
	cg_sqlbuf_free(&sql);
	cg_id_map_free(&found);
	return rc;
}

/* ---- ids by key --------------------------------------------------------------- */

int cg_id_map_init(cg_id_map *m, size_t expected)
{
	memset(m, 0, sizeof *m);
	m->cap = expected ? expected : 1;
	m->ids = calloc(m->cap, sizeof *m->ids);
	return m->ids && cg_phone_set_init(&m->keys, expected) == 0 ? 0 : -1;
}

void cg_id_map_free(cg_id_map *m)
{
	cg_phone_set_free(&m->keys);
	free(m->ids);
}

int cg_id_map_put(cg_id_map *m, uint64_t key, const char *id, size_t len)
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

const char *cg_id_map_get(const cg_id_map *m, uint64_t key)
{
	uint64_t ix;

	return cg_phone_set_find(&m->keys, key, &ix) ? m->ids[ix] : NULL;
}
