/*
 * Counting an audit's findings as they stream by (audit_tally.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "audit_tally.h"

/* FNV-1a over the parts, each followed by a NUL so that ("ab","c") and ("a","bc") differ; never 0. */
static uint64_t hash_parts(const char *const *part, size_t n)
{
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < n; i++) {
		for (const unsigned char *p = (const unsigned char *) (part[i] ? part[i] : ""); ; p++) {
			h ^= *p;
			h *= 1099511628211ULL;
			if (*p == '\0')
				break;
		}
	}
	return h ? h : 1;
}

/* Adds a hash (never 0) unless present; 0 or -1 out of memory.  Grown at 3/4 full. */
static int records_add(cg_audit_records *r, uint64_t h)
{
	if ((r->count + 1) * 4 > r->cap * 3) {
		size_t cap = r->cap ? r->cap * 2 : 1024;
		uint64_t *slot = calloc(cap, sizeof *slot);

		if (slot == NULL)
			return -1;
		for (size_t i = 0; i < r->cap; i++) {
			if (r->slot[i] != 0) {
				size_t j = (size_t) r->slot[i] & (cap - 1);
				while (slot[j] != 0)
					j = (j + 1) & (cap - 1);
				slot[j] = r->slot[i];
			}
		}
		free(r->slot);
		r->slot = slot;
		r->cap = cap;
	}
	for (size_t j = (size_t) h & (r->cap - 1); ; j = (j + 1) & (r->cap - 1)) {
		if (r->slot[j] == h)
			return 0;
		if (r->slot[j] == 0) {
			r->slot[j] = h;
			r->count++;
			return 0;
		}
	}
}

static int counts_init(cg_audit_counts *c)
{
	memset(c, 0, sizeof *c);
	return cg_phone_set_init(&c->index, 64);
}

static void counts_free(cg_audit_counts *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->label[i]);
	free(c->label);
	free(c->count);
	cg_phone_set_free(&c->index);
	memset(c, 0, sizeof *c);
}

/* The label is the parts joined by tabs. */
static int counts_add(cg_audit_counts *c, const char *const *part, size_t nparts)
{
	uint64_t at = 0;
	int added = cg_phone_set_add(&c->index, hash_parts(part, nparts), c->n + 1, &at);

	if (added < 0)
		return -1;
	if (added == 0) {
		c->count[at - 1]++;
		return 0;
	}
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		char **label = realloc(c->label, cap * sizeof *label);

		if (label == NULL)
			return -1;
		c->label = label;
		size_t *count = realloc(c->count, cap * sizeof *count);
		if (count == NULL)
			return -1;
		c->count = count;
		c->cap = cap;
	}
	size_t len = 0;
	for (size_t i = 0; i < nparts; i++)
		len += strlen(part[i] ? part[i] : "") + 1;
	char *s = malloc(len), *w = s;
	if (s == NULL)
		return -1;
	for (size_t i = 0; i < nparts; i++) {
		size_t l = strlen(part[i] ? part[i] : "");
		memcpy(w, part[i] ? part[i] : "", l);
		w += l;
		*w++ = i + 1 < nparts ? '\t' : '\0';
	}
	c->label[c->n] = s;
	c->count[c->n] = 1;
	c->n++;
	return 0;
}

int cg_audit_tally_init(cg_audit_tally *tally)
{
	memset(tally, 0, sizeof *tally);
	if (counts_init(&tally->kinds) != 0)
		return -1;
	if (counts_init(&tally->users) != 0) {
		cg_audit_tally_free(tally);
		return -1;
	}
	return 0;
}

void cg_audit_tally_free(cg_audit_tally *tally)
{
	counts_free(&tally->kinds);
	counts_free(&tally->users);
	free(tally->records.slot);
	memset(&tally->records, 0, sizeof tally->records);
}

int cg_audit_tally_add(cg_audit_tally *tally, const cg_audit_finding *f)
{
	const char *kind[3] = { f->entity_type, f->field, f->problem };
	const char *record[2] = { f->entity_type, f->entity_id };

	if (counts_add(&tally->kinds, kind, 3) != 0 || counts_add(&tally->users, &f->user_id, 1) != 0)
		return -1;
	if (records_add(&tally->records, hash_parts(record, 2)) != 0)
		return -1;
	tally->problems++;
	return 0;
}

size_t cg_audit_tally_records(const cg_audit_tally *tally)
{
	return tally->records.count;
}
