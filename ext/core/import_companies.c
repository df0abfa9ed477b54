/*
 * The companies of a batch: an existing account of the same name is reused,
 * else one is created, once per import.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html_text.h"
#include "import_run.h"
#include "import_seen.h"

/* ---- company names -------------------------------------------------------------------- */

/* FNV-1a over the name folded as the CRMs' case-insensitive collations
 * compare it: Latin and Cyrillic case, ё as е, runs of spaces as one. */
uint64_t cg_import_company_key(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i = 0;
	int space = 0, any = 0;

	while (i < len) {
		unsigned char c = (unsigned char)s[i], c2 = i + 1 < len ? (unsigned char)s[i + 1] : 0;
		unsigned char out[2];
		size_t n = 1;
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			space = any;
			i++;
			continue;
		}
		if (c == 0xC2 && c2 == 0xA0) {
			space = any;
			i += 2;
			continue;
		}
		out[0] = c;
		if (c >= 'A' && c <= 'Z') {
			out[0] = (unsigned char)(c + 32);
		} else if (c == 0xD0 && c2 >= 0x90 && c2 <= 0x9F) {
			out[0] = 0xD0; out[1] = (unsigned char)(c2 + 0x20); n = 2;
		} else if (c == 0xD0 && c2 >= 0xA0 && c2 <= 0xAF) {
			out[0] = 0xD1; out[1] = (unsigned char)(c2 - 0x20); n = 2;
		} else if ((c == 0xD0 && c2 == 0x81) || (c == 0xD1 && c2 == 0x91)) {
			out[0] = 0xD0; out[1] = 0xB5; n = 2;
		} else if (c >= 0xC0 && c2) {
			out[1] = c2; n = 2;
		}
		if (space) {
			h ^= ' ';
			h *= 0x100000001b3ULL;
			space = 0;
		}
		h ^= out[0];
		h *= 0x100000001b3ULL;
		if (n == 2) {
			h ^= out[1];
			h *= 0x100000001b3ULL;
		}
		any = 1;
		i += n;
	}
	return h ? h : 1;
}

typedef struct {
	cg_import_run_state *st;
	const cg_phone_set *by_key;  /* folded-name hash -> index into the batch's companies */
} accounts_ctx;

/* A company the CRM has: the batch's companies of the same name take its id and its name as
 * the CRM shows it (SuiteCRM keeps names HTML-encoded: `ООО &quot;Ромашка&quot;` is the
 * file's `ООО "Ромашка"`), so that the deal is named after the company as it is. */
static int account_row(void *ctx, const cg_db_cell *cell, unsigned fields)
{
	accounts_ctx *a = ctx;
	cg_importer *imp = &a->st->imp;
	char *name;
	size_t name_len;
	uint64_t ix;

	if (fields < 2 || !cell[0].s || !cell[1].s)
		return 0;
	if ((name = malloc(cell[1].len + 1)) == NULL)
		return 1;
	name_len = imp->crm->names_maybe_encoded ? cg_html_decode_all(cell[1].s, cell[1].len, name) : (memcpy(name, cell[1].s, cell[1].len), cell[1].len);
	if (cg_phone_set_find(a->by_key, cg_import_company_key(name, name_len), &ix) && !imp->companies[ix].id[0]) {
		cg_import_company *c = &imp->companies[ix];
		snprintf(c->id, sizeof c->id, "%.*s", (int)cell[0].len, cell[0].s);
		c->name = cg_import_arena_add(imp, name, name_len);
	}
	free(name);
	return 0;
}

typedef struct {
	cg_importer *imp;
	const cg_phone_set *by_key;  /* folded-name hash -> index into the batch's companies */
	uint8_t *known;
} companies_seen;

static int seen_company(void *ctx, uint64_t key, uint64_t value, const char *id)
{
	companies_seen *s = ctx;
	uint64_t ix;

	(void)value;
	if (!cg_phone_set_find(s->by_key, key, &ix))
		return 0;
	s->known[ix] = 1;
	if (!s->imp->companies[ix].id[0])
		snprintf(s->imp->companies[ix].id, CG_ID_SIZE, "%s", id);
	return 0;
}

/* Counts each company once per import, made or reused, and gives the new ones
 * their ids.  One this import met in an earlier batch keeps the id it had then:
 * the CRM's name lookup does not find it when it was made by a dry run (which
 * writes nothing) or spelt here with other spaces or letter case. */
static int count_companies(cg_import_run_state *st, const cg_phone_set *by_key)
{
	cg_importer *imp = &st->imp;
	size_t i, n = imp->n_companies, n_new = 0;
	companies_seen seen = {imp, by_key, calloc(n, 1)};
	uint64_t *keys = malloc(n * sizeof *keys);
	const char **ids = malloc(n * sizeof *ids);
	int rc = -1;

	if (!seen.known || !keys || !ids) {
		cg_import_set_err(st->err, CG_IMPORT_ERR_CSV, "out of memory");
		goto out;
	}
	for (i = 0; i < n; i++)
		keys[i] = imp->companies[i].key;
	if (cg_import_seen_find(imp->db, CG_SEEN_COMPANY, keys, n, seen_company, &seen, &st->err->db) < 0) {
		cg_import_db_err(st->err);
		goto out;
	}
	for (i = 0; i < n; i++) {
		cg_import_company *c = &imp->companies[i];
		if (seen.known[i])
			continue;
		if (c->id[0]) {
			imp->rep->companies_reused++;
		} else {
			c->is_new = 1;
			imp->crm->new_id(&imp->ids, c->id);
			imp->rep->companies_created++;
		}
		keys[n_new] = c->key;
		ids[n_new++] = c->id;
	}
	if (cg_import_seen_add(imp->db, CG_SEEN_COMPANY, keys, NULL, ids, n_new, &st->err->db) < 0) {
		cg_import_db_err(st->err);
		goto out;
	}
	rc = 0;
out:
	free(seen.known);
	free(keys);
	free(ids);
	return rc;
}

/* The other spellings of a name the CRM may hold, as more values of the name lookup's IN list
 * (the CRM's collation already ignores letter case, and ё against е): spaces run together
 * ("ооо  альфа" for "ООО Альфа"), and in SuiteCRM HTML-encoded as its request cleaning leaves
 * a name (html_text.c): a row written around SuiteCRM's DBManager can hold that form. */
static int append_spelling(cg_sqlbuf *names, cg_importer *imp, const char *name, size_t len)
{
	char *one = malloc(len + 1), *enc = NULL;
	size_t n = 0, i, k;
	int rc = -1;

	if (!one)
		return -1;
	for (i = 0; i < len; i++) {
		int space = name[i] == ' ' || name[i] == '\t';
		if (space && (n == 0 || one[n - 1] == ' '))
			continue;
		one[n++] = space ? ' ' : name[i];
	}
	while (n > 0 && one[n - 1] == ' ')
		n--;
	if (n != len || memcmp(one, name, len) != 0) {
		cg_sqlbuf_appends(names, ",");
		cg_sqlbuf_append_quoted(names, imp->db->mysql, one, n);
	}
	if (imp->crm->names_maybe_encoded) {
		const char *forms[2] = {name, one};
		size_t lens[2] = {len, n};
		if ((enc = malloc(CG_HTML_SUITE_MAX(len))) == NULL)
			goto out;
		for (k = 0; k < 2; k++) {
			size_t e = cg_html_suite_encode(forms[k], lens[k], enc);
			if (e == (size_t)-1)
				goto out;
			if (e != lens[k] || memcmp(enc, forms[k], e) != 0) {
				cg_sqlbuf_appends(names, ",");
				cg_sqlbuf_append_quoted(names, imp->db->mysql, enc, e);
			}
		}
	}
	rc = 0;
out:
	free(one);
	free(enc);
	return rc;
}

/* Finds or plans the company of every item to create. */
int cg_import_plan_companies(cg_import_run_state *st)
{
	cg_importer *imp = &st->imp;
	cg_sqlbuf names = {0}, sql = {0};
	cg_phone_set by_key;
	accounts_ctx a = {st, &by_key};
	size_t i, n = 0;
	int rc = 0;

	free(imp->companies);
	imp->companies = NULL;
	imp->n_companies = 0;
	if (cg_phone_set_init(&by_key, 0) < 0)
		goto oom;
	for (i = 0; i < imp->n_items; i++) {
		cg_import_item *it = &imp->items[i];
		const char *name;
		size_t name_len;
		uint64_t key, j;
		int added;
		if (it->state != CG_ITEM_CREATE || it->company.len == 0)
			continue;
		/* the CRM keeps the name cut to its column: two names alike up to there are one company */
		name = cg_span_ptr(imp, it->company);
		name_len = cg_utf8_prefix(name, it->company.len, imp->crm->account_name_max);
		key = cg_import_company_key(name, name_len);
		added = cg_phone_set_add(&by_key, key, imp->n_companies, &j);
		if (added < 0)
			goto oom;
		if (added) {
			cg_import_company *c;
			j = imp->n_companies;
			if (j % 64 == 0) {
				cg_import_company *g = realloc(imp->companies, (j + 64) * sizeof *g);
				if (!g)
					goto oom;
				imp->companies = g;
			}
			c = &imp->companies[imp->n_companies++];
			memset(c, 0, sizeof *c);
			c->name = it->company;
			c->key = key;
			c->user = it->user;
			if (n++)
				cg_sqlbuf_appends(&names, ",");
			cg_sqlbuf_append_quoted(&names, imp->db->mysql, name, name_len);
			if (append_spelling(&names, imp, name, name_len) < 0)
				goto oom;
		}
		it->company_ix = (int)j;
	}
	if (n > 0) {
		cg_sqlbuf_printf(&sql, imp->crm->accounts_sql, names.data);
		rc = cg_sql_select(imp->db, &sql, "looking for the companies", account_row, &a, &st->err->db);
		cg_sqlbuf_free(&sql);
	}
	cg_sqlbuf_free(&names);
	if (rc < 0) {
		cg_import_db_err(st->err);
		cg_phone_set_free(&by_key);
		return -1;
	}
	rc = n > 0 ? count_companies(st, &by_key) : 0;
	cg_phone_set_free(&by_key);
	return rc;
oom:
	cg_sqlbuf_free(&names);
	cg_phone_set_free(&by_key);
	cg_import_set_err(st->err, CG_IMPORT_ERR_CSV, "out of memory");
	return -1;
}
