/*
 * The call card (see ownership.h for the rule).
 */
#include "ownership.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sql_insert.h"
#include "sqlbuf.h"

static const char STATUS_IN_WORK[] = "in_work";
static const char STATUS_WAITING[] = "waiting";

const char *cg_card_color_name(cg_card_color color)
{
	switch (color) {
	case CG_CARD_RED: return "red";
	case CG_CARD_YELLOW: return "yellow";
	case CG_CARD_BLUE: return "blue";
	default: return "none";
	}
}

void cg_card_init(cg_card *card)
{
	memset(card, 0, sizeof *card);
	card->decider = -1;
}

void cg_card_free(cg_card *card)
{
	size_t i;

	for (i = 0; i < card->count; i++) {
		cg_card_match *m = &card->matches[i];
		free(m->id);
		free(m->name);
		free(m->owner_id);
		free(m->owner_name);
		free(m->company_status);
		free(m->via_contact_id);
	}
	free(card->matches);
	for (i = 0; i < card->link_count; i++)
		free(card->links[i].contact_id);
	free(card->links);
	cg_card_init(card);
}

static char *dup_or_null(const char *s, int *failed)
{
	char *copy;
	size_t n;

	if (!s)
		return NULL;
	n = strlen(s);
	copy = malloc(n + 1);
	if (!copy) {
		*failed = 1;
		return NULL;
	}
	memcpy(copy, s, n + 1);
	return copy;
}

int cg_card_add(cg_card *card, cg_entity_kind kind, const char *id, const char *name, const char *owner_id,
                const char *owner_name, const char *company_status, const char *via_contact_id)
{
	cg_card_match *m;
	int failed = 0;

	if (card->count == card->cap) {
		size_t cap = card->cap ? card->cap * 2 : 8;
		cg_card_match *grown = realloc(card->matches, cap * sizeof *grown);

		if (!grown)
			return -1;
		card->matches = grown;
		card->cap = cap;
	}
	m = &card->matches[card->count++];
	m->kind = kind;
	m->id = dup_or_null(id ? id : "", &failed);
	m->name = dup_or_null(name ? name : "", &failed);
	m->owner_id = dup_or_null(owner_id && *owner_id ? owner_id : NULL, &failed);
	m->owner_name = dup_or_null(owner_name, &failed);
	m->company_status = dup_or_null(company_status, &failed);
	m->via_contact_id = dup_or_null(via_contact_id, &failed);
	if (failed)
		return -1;
	if (kind == CG_ENTITY_ACCOUNT && via_contact_id)
		return cg_card_link_contact(card, via_contact_id, m->id) < 0 ? -1 : 0;
	return 0;
}

/* The index of the company account_id among the matches, -1: none. */
static long account_index(const cg_card *card, const char *id)
{
	size_t i;

	for (i = 0; i < card->count; i++)
		if (card->matches[i].kind == CG_ENTITY_ACCOUNT && strcmp(card->matches[i].id, id) == 0)
			return (long)i;
	return -1;
}

int cg_card_link_contact(cg_card *card, const char *contact_id, const char *account_id)
{
	long a = account_index(card, account_id);
	int failed = 0;
	char *copy;

	if (a < 0)
		return 1;
	if (card->link_count == card->link_cap) {
		size_t cap = card->link_cap ? card->link_cap * 2 : 8;
		cg_card_link *grown = realloc(card->links, cap * sizeof *grown);

		if (!grown)
			return -1;
		card->links = grown;
		card->link_cap = cap;
	}
	copy = dup_or_null(contact_id, &failed);
	if (failed)
		return -1;
	card->links[card->link_count].contact_id = copy;
	card->links[card->link_count].account = (size_t)a;
	card->link_count++;
	return 0;
}

/* ---- the rule ------------------------------------------------------------- */

static int same(const char *a, const char *b, size_t b_len)
{
	return a && strlen(a) == b_len && memcmp(a, b, b_len) == 0;
}

static long first_of(const cg_card *card, cg_entity_kind kind, int direct_only)
{
	size_t i;

	for (i = 0; i < card->count; i++)
		if (card->matches[i].kind == kind && (!direct_only || !card->matches[i].via_contact_id))
			return (long)i;
	return -1;
}

typedef struct {
	const char *args[3];
	cg_lang lang;
} verdict_args;

static void put_verdict_arg(cg_text *t, unsigned i, void *ctx)
{
	const verdict_args *v = ctx;
	const char *s = i < 3 ? v->args[i] : NULL;

	if (s)
		cg_text_key(t, s, strlen(s), 200, v->lang);
}

/* The owner as a verdict shows it: the name, else the id, else "nobody". */
static const char *owner_shown(const cg_card_match *m, cg_lang lang, char *nobody, size_t size)
{
	cg_text t;

	if (m->owner_name && *m->owner_name)
		return m->owner_name;
	if (m->owner_id)
		return m->owner_id;
	cg_text_init(&t, nobody, size);
	cg_text_message(&t, CG_MSG_NOBODY, lang, NULL, NULL);
	return nobody;
}

void cg_card_decide(cg_card *card, const char *caller, size_t caller_len, cg_lang lang)
{
	verdict_args v = { { NULL, NULL, NULL }, lang };
	cg_message_id msg = CG_MSG_CARD_NONE_UNKNOWN;
	char nobody[64];
	cg_text t;
	long d = -1;
	size_t i;

	/* red: a company in work with someone else (matches hold direct companies first) */
	for (i = 0; i < card->count && d < 0; i++) {
		const cg_card_match *m = &card->matches[i];
		if (m->kind == CG_ENTITY_ACCOUNT && same(m->company_status, STATUS_IN_WORK, sizeof STATUS_IN_WORK - 1)
		    && m->owner_id && !same(m->owner_id, caller, caller_len))
			d = (long)i;
	}
	if (d >= 0) {
		const cg_card_match *m = &card->matches[d];
		card->color = CG_CARD_RED;
		card->company_status = m->company_status;
		if (m->via_contact_id) {
			long c;
			for (c = 0; c < (long)card->count; c++)
				if (card->matches[c].kind == CG_ENTITY_CONTACT && strcmp(card->matches[c].id, m->via_contact_id) == 0)
					break;
			msg = CG_MSG_CARD_RED_VIA_CONTACT;
			v.args[0] = c < (long)card->count ? card->matches[c].name : m->via_contact_id;
			v.args[1] = m->name;
			v.args[2] = owner_shown(m, lang, nobody, sizeof nobody);
		} else {
			msg = CG_MSG_CARD_RED;
			v.args[0] = m->name;
			v.args[1] = owner_shown(m, lang, nobody, sizeof nobody);
		}
	} else if ((d = first_of(card, CG_ENTITY_CONTACT, 0)) >= 0) {
		const cg_card_match *m = &card->matches[d];
		card->color = CG_CARD_YELLOW;
		card->company_status = NULL;
		/* The contact's first company, whichever entry it has in matches (issue 13). */
		for (i = 0; i < card->link_count; i++)
			if (strcmp(card->links[i].contact_id, m->id) == 0) {
				card->company_status = card->matches[card->links[i].account].company_status;
				break;
			}
		msg = CG_MSG_CARD_YELLOW;
		v.args[0] = m->name;
		v.args[1] = owner_shown(m, lang, nobody, sizeof nobody);
	} else if ((d = first_of(card, CG_ENTITY_ACCOUNT, 1)) >= 0) {
		/* Companies but no contact: the caller's own, not in work, or nobody's. */
		const cg_card_match *m = &card->matches[d];
		card->color = CG_CARD_NONE;
		card->company_status = m->company_status;
		if (same(m->company_status, STATUS_IN_WORK, sizeof STATUS_IN_WORK - 1)) {
			msg = m->owner_id ? CG_MSG_CARD_NONE_OWN_COMPANY : CG_MSG_CARD_NONE_NO_OWNER;
			v.args[0] = m->name;
		} else {
			msg = CG_MSG_CARD_NONE_NOT_IN_WORK;
			v.args[0] = m->name;
			v.args[1] = m->company_status;
		}
	} else if ((d = first_of(card, CG_ENTITY_LEAD, 0)) >= 0) {
		const cg_card_match *m = &card->matches[d];
		card->color = CG_CARD_BLUE;
		card->company_status = NULL;
		msg = CG_MSG_CARD_BLUE;
		v.args[0] = m->name;
		v.args[1] = owner_shown(m, lang, nobody, sizeof nobody);
	} else {
		card->color = CG_CARD_NONE;
		card->company_status = NULL;
	}
	card->decider = d;
	cg_text_init(&t, card->verdict, sizeof card->verdict);
	cg_text_message(&t, msg, lang, put_verdict_arg, &v);
}

/* ---- the queries ---------------------------------------------------------- */

/*
 * Two statements: the index rows of the number (one indexed read; an unknown
 * number costs nothing more), then one UNION over only the kinds found, by
 * primary key.  Parsing and planning a statement costs more on the server
 * than reading these few rows, so the second one holds no branch it does not
 * need.
 */

/* The ids of one entity kind found in the index. */
typedef struct {
	char (*ids)[40];
	size_t n, cap;
} id_list;

static int id_list_add(id_list *l, const char *id, size_t len)
{
	if (len >= sizeof l->ids[0])
		return 0;   /* longer than any CRM id: not one of ours */
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 4;
		char (*grown)[40] = realloc(l->ids, cap * sizeof *grown);

		if (!grown)
			return -1;
		l->ids = grown;
		l->cap = cap;
	}
	memcpy(l->ids[l->n], id, len);
	l->ids[l->n][len] = '\0';
	l->n++;
	return 0;
}

/* " IN ('id1', 'id2')": the ids are values, so quoted; l holds at least one. */
static void id_in(cg_sqlbuf *b, MYSQL *mysql, const id_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		cg_sqlbuf_appends(b, i ? ", " : " IN (");
		cg_sqlbuf_append_quoted(b, mysql, l->ids[i], strlen(l->ids[i]));
	}
	cg_sqlbuf_appends(b, ")");
}

/* LEFT JOIN of the owner's name as `u`.name (the profile's name is written over `t`). */
static void owner_join(cg_sqlbuf *b, const cg_crm_profile *p, const char *owner_column)
{
	cg_sqlbuf_printf(b, " LEFT JOIN (SELECT t.id, %s AS name FROM `%s` t) u ON u.id = t.`%s`", p->user_name_sql,
	                 p->user_table, owner_column);
}

static void status_join(cg_sqlbuf *b, const cg_crm_profile *p)
{
	cg_sqlbuf_printf(b, " LEFT JOIN `%s` s ON s.`%s` = t.id", p->status_table, p->status_id_column);
}

/* Records of `kind` among the ids, if they still count.  key is our own letter, never a value. */
static void branch_direct(cg_sqlbuf *b, MYSQL *mysql, const cg_crm_profile *p, cg_entity_kind kind, char key,
                          const id_list *ids)
{
	const cg_crm_entity *e = &p->entities[kind];

	cg_sqlbuf_printf(b, "%sSELECT '%c' AS k, t.id AS id, %s AS name, t.`%s` AS owner_id, u.name AS owner_name, ",
	                 b->len ? " UNION ALL " : "", key, e->name_sql, e->owner_column);
	if (kind == CG_ENTITY_ACCOUNT)
		cg_sqlbuf_printf(b, "s.`%s` AS status, NULL AS via FROM `%s` t", p->status_column, e->table);
	else
		cg_sqlbuf_printf(b, "NULL AS status, NULL AS via FROM `%s` t", e->table);
	owner_join(b, p, e->owner_column);
	if (kind == CG_ENTITY_ACCOUNT)
		status_join(b, p);
	cg_sqlbuf_appends(b, " WHERE t.id");
	id_in(b, mysql, ids);
	cg_sqlbuf_printf(b, " AND %s", e->live_sql);
}

/*
 * Companies of the contacts among the ids: through the link table, or
 * (through_link 0) the contact's own account column.
 */
static void branch_via_contact(cg_sqlbuf *b, MYSQL *mysql, const cg_crm_profile *p, int through_link,
                               const id_list *contacts)
{
	const cg_crm_entity *a = &p->entities[CG_ENTITY_ACCOUNT], *c = &p->entities[CG_ENTITY_CONTACT];
	const char *x_contact = through_link ? p->account_contact_contact_id : "id";

	cg_sqlbuf_printf(b, " UNION ALL SELECT 'V', t.id, %s, t.`%s`, u.name, s.`%s`, ", a->name_sql, a->owner_column,
	                 p->status_column);
	if (through_link)
		cg_sqlbuf_printf(b, "x.`%s` FROM `%s` x JOIN `%s` t ON t.id = x.`%s`", x_contact, p->account_contact_table,
		                 a->table, p->account_contact_account_id);
	else
		cg_sqlbuf_printf(b, "x.id FROM `%s` x JOIN `%s` t ON t.id = x.`%s`", c->table, a->table,
		                 p->contact_account_column);
	owner_join(b, p, a->owner_column);
	status_join(b, p);
	cg_sqlbuf_printf(b, " WHERE x.`%s`", x_contact);
	id_in(b, mysql, contacts);
	/* The contact must count too; `t` in the subquery is the contact. */
	cg_sqlbuf_printf(b, "%s AND %s AND EXISTS (SELECT 1 FROM `%s` t WHERE t.id = x.`%s` AND %s)",
	                 through_link ? " AND x.deleted = 0" : "", a->live_sql, c->table, x_contact, c->live_sql);
}

static void out_of_memory(cg_db_error *err)
{
	err->code = 0;
	snprintf(err->sqlstate, sizeof err->sqlstate, "HY001");
	snprintf(err->message, sizeof err->message, "lookup: out of memory");
}

/* Runs a read, each row to row(), and frees sql.  A row() that returns
 * non-zero stops it: out of memory.  0, or -1 with *err. */
static int read_rows(cg_db *db, cg_sqlbuf *sql, cg_sql_row_fn row, void *ctx, cg_db_error *err)
{
	int rc = cg_sql_select(db, sql, NULL, row, ctx, err);

	cg_sqlbuf_free(sql);
	if (rc > 0)
		out_of_memory(err);
	return rc ? -1 : 0;
}

typedef struct {
	const cg_crm_profile *p;
	id_list *found;
} index_rows;

static int index_row(void *ctx, const cg_db_cell *c, unsigned n)
{
	index_rows *x = ctx;
	cg_entity_kind kind;

	if (n < 2 || !c[0].s || !c[1].s || cg_crm_entity_from_type(x->p, c[0].s, c[0].len, &kind) != 0)
		return 0;
	return id_list_add(&x->found[kind], c[1].s, c[1].len);
}

/* Phase 1: the index rows of the number, sorted into the kinds. */
static int read_index(cg_db *db, const cg_crm_profile *p, unsigned long long e164, id_list found[CG_ENTITY_COUNT],
                      cg_db_error *err)
{
	index_rows x = {p, found};
	cg_sqlbuf sql;

	cg_sqlbuf_init(&sql);
	cg_sqlbuf_printf(&sql, "SELECT entity_type, entity_id FROM crmguard_phone WHERE e164 = %llu", e164);
	return read_rows(db, &sql, index_row, &x, err);
}

/* A row of phase 2: kind letter, id, name, ..., status, via contact. */
static int record_row(void *ctx, const cg_db_cell *c, unsigned n)
{
	cg_card *card = ctx;
	const char *k, *id, *status, *via;
	cg_entity_kind kind;

	if (n < 7)
		return 0;
	k = c[0].s, id = c[1].s, status = c[5].s, via = c[6].s;
	if (!k || !id)
		return 0;
	if (k[0] == 'C')
		kind = CG_ENTITY_CONTACT;
	else if (k[0] == 'L')
		kind = CG_ENTITY_LEAD;
	else
		kind = CG_ENTITY_ACCOUNT;
	if (kind == CG_ENTITY_ACCOUNT) {
		if (!status || !*status)
			status = STATUS_WAITING;  /* a missing row or value is waiting */
		if (k[0] == 'V' && via && account_index(card, id) >= 0)
			/* Listed already (itself, or through another contact): keep only the link. */
			return cg_card_link_contact(card, via, id) < 0;
	} else {
		status = NULL;
	}
	return cg_card_add(card, kind, id, c[2].s, c[3].s, c[4].s, status, k[0] == 'V' ? via : NULL) != 0;
}

/* Phase 2: the records, their owners and the contacts' companies, into the card. */
static int read_records(cg_db *db, const cg_crm_profile *p, const id_list found[CG_ENTITY_COUNT], cg_card *card,
                        cg_db_error *err)
{
	cg_sqlbuf sql;

	cg_sqlbuf_init(&sql);
	if (found[CG_ENTITY_ACCOUNT].n)
		branch_direct(&sql, db->mysql, p, CG_ENTITY_ACCOUNT, 'A', &found[CG_ENTITY_ACCOUNT]);
	if (found[CG_ENTITY_CONTACT].n)
		branch_direct(&sql, db->mysql, p, CG_ENTITY_CONTACT, 'C', &found[CG_ENTITY_CONTACT]);
	if (found[CG_ENTITY_LEAD].n)
		branch_direct(&sql, db->mysql, p, CG_ENTITY_LEAD, 'L', &found[CG_ENTITY_LEAD]);
	if (found[CG_ENTITY_CONTACT].n) {
		branch_via_contact(&sql, db->mysql, p, 1, &found[CG_ENTITY_CONTACT]);
		if (p->contact_account_column)
			branch_via_contact(&sql, db->mysql, p, 0, &found[CG_ENTITY_CONTACT]);
	}
	/* Direct companies first, then contacts, leads, companies through contacts; by name. */
	cg_sqlbuf_appends(&sql, " ORDER BY 1, 3, 2, 7");
	return read_rows(db, &sql, record_row, card, err);
}

cg_card_outcome cg_card_lookup(cg_db *db, const cg_crm_profile *profile, const char *phone, size_t phone_len,
                               int region, const char *caller, size_t caller_len, cg_lang lang,
                               cg_card *card, cg_phone_error *phone_error, cg_db_error *err)
{
	id_list found[CG_ENTITY_COUNT];
	cg_phone parsed;
	cg_card_outcome outcome = CG_CARD_DONE;
	int k, any = 0;

	cg_card_init(card);
	*phone_error = cg_phone_parse(phone, phone_len, region, &parsed);
	if (*phone_error != CG_PHONE_OK)
		return CG_CARD_INVALID_PHONE;
	memcpy(card->e164, parsed.e164, sizeof card->e164);
	if (!db->mysql && cg_db_reset(db, err) != 0)
		return CG_CARD_DB_ERROR;

	memset(found, 0, sizeof found);
	if (read_index(db, profile, strtoull(parsed.e164 + 1, NULL, 10), found, err) != 0)
		outcome = CG_CARD_DB_ERROR;
	for (k = 0; k < CG_ENTITY_COUNT; k++)
		any |= found[k].n > 0;
	if (outcome == CG_CARD_DONE && any && read_records(db, profile, found, card, err) != 0)
		outcome = CG_CARD_DB_ERROR;
	for (k = 0; k < CG_ENTITY_COUNT; k++)
		free(found[k].ids);
	if (outcome == CG_CARD_DONE)
		cg_card_decide(card, caller, caller_len, lang);
	return outcome;
}
