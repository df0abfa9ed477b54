#define _DEFAULT_SOURCE /* getrandom, gettimeofday under -std=c11 */
/*
 * The values a batch's records are made of: its text arena, the ids shaped
 * as each CRM's own (with their clocks), and the names and texts the writers share.
 */
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <stdlib.h>

#include "import_types.h"
#include "phone.h"

/* ---- the batch arena --------------------------------------------------------------- */

static int arena_reserve(cg_importer *imp, size_t more)
{
	size_t cap;
	char *grown;

	if (imp->arena_len + more <= imp->arena_cap)
		return 0;
	cap = imp->arena_cap ? imp->arena_cap : 65536;
	while (cap < imp->arena_len + more)
		cap *= 2;
	grown = realloc(imp->arena, cap);
	if (!grown)
		return -1;
	imp->arena = grown;
	imp->arena_cap = cap;
	return 0;
}

cg_span cg_import_arena_add(cg_importer *imp, const char *s, size_t len)
{
	cg_span sp = {imp->arena_len, 0};

	if (len == 0 || arena_reserve(imp, len) < 0)
		return sp;
	memcpy(imp->arena + imp->arena_len, s, len);
	imp->arena_len += len;
	sp.len = len;
	return sp;
}

/* ---- ids and clocks --------------------------------------------------------------- */

static uint64_t next_random(cg_id_gen *g)
{
	uint64_t x = g->state;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	g->state = x;
	return x * 0x2545F4914F6CDD1DULL;
}

static uint64_t id_clock(cg_id_gen *g)
{
	struct timeval tv;
	uint64_t us;

	gettimeofday(&tv, NULL);
	us = (uint64_t)tv.tv_sec * 1000000u + (uint64_t)tv.tv_usec;
	us = us > g->last_us ? us : g->last_us + 1;
	if (g->lanes > 1) /* this generator's lane of microseconds: two never meet */
		us += (g->lane + g->lanes - us % g->lanes) % g->lanes;
	g->last_us = us;
	return us;
}

/* EspoCRM's Util::generateId(): uniqid() (8 hex seconds, 5 hex microseconds)
 * and 4 hex digits of md5(rand()).  The clock ticks once per id, so ids of
 * one import are distinct and ordered like the CRM's own. */
void cg_import_espocrm_id(cg_id_gen *g, char out[CG_ID_SIZE])
{
	uint64_t us = id_clock(g);
	snprintf(out, CG_ID_SIZE, "%08llx%05llx%04llx", (unsigned long long)(us / 1000000u),
	         (unsigned long long)(us % 1000000u), (unsigned long long)(next_random(g) & 0xFFFF));
}

static void hex_random(cg_id_gen *g, char *out, int n)
{
	static const char digits[] = "0123456789abcdef";
	uint64_t r = next_random(g);
	int i;
	for (i = 0; i < n; i++, r >>= 4)
		out[i] = digits[r & 15];
}

/* SuiteCRM ids: create_guid()'s form (8-4-4-4-12 lowercase hex, include/utils.php),
 * which SuiteCRM never parses, with its two clock parts in the order that
 * makes ids grow: 8 hex digits of the seconds, 5 of the microseconds, then 19
 * random ones.  create_guid() leads with the microseconds, which scatters a
 * batch over the whole of every index keyed by an id (the primary keys and
 * every relation and security-group index); time-ordered ids put a batch's
 * rows next to each other there, as EspoCRM's uniqid() ids do. */
void cg_import_suitecrm_id(cg_id_gen *g, char out[CG_ID_SIZE])
{
	uint64_t us = id_clock(g);
	char clock[40];

	snprintf(clock, sizeof clock, "%08llx%05llx", (unsigned long long)(us / 1000000u),
	         (unsigned long long)(us % 1000000u));
	memcpy(out, clock, 8);
	out[8] = '-';
	memcpy(out + 9, clock + 8, 4);
	out[13] = '-';
	out[14] = clock[12];
	hex_random(g, out + 15, 3);
	out[18] = '-';
	hex_random(g, out + 19, 4);
	out[23] = '-';
	hex_random(g, out + 24, 12);
	out[36] = '\0';
}

void cg_import_seed_ids(cg_id_gen *g, unsigned lane, unsigned lanes)
{
	uint64_t seed = 0;

	g->lane = lane;
	g->lanes = lanes;
	if (getrandom(&seed, sizeof seed, 0) != (ssize_t)sizeof seed)
		seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	g->state = seed ? seed : 0x9E3779B97F4A7C15ULL;
	g->last_us = 0;
}

/* ---- small shared helpers ------------------------------------------------------------ */

void cg_import_e164(uint64_t key, char *out, size_t size)
{
	snprintf(out, size, "+%llu", (unsigned long long)key);
}

/* n bytes of text as the CRM stores it, cut to max characters (0: no limit), NULL when empty.
 * Raw in both CRMs: SuiteCRM's DBManager decodes on write what its request cleaning encoded
 * (html_text.c), EspoCRM never encodes.  SuiteCRM's save turns CR LF into LF (seen in a real
 * 7.14.6, UI and bean saves alike), so its text gets the same. */
void cg_import_put_text(cg_importer *imp, cg_insert *ins, const char *p, size_t n, size_t max_chars)
{
	char *lf = NULL;

	if (n == 0) {
		cg_insert_literal(ins, "NULL");
		return;
	}
	if (imp->crm->newlines_lf && memchr(p, '\r', n)) {
		size_t i, k = 0;
		if ((lf = malloc(n)) == NULL) {
			ins->sql.failed = 1; /* the statement then fails "out of memory": nothing half-written */
			return;
		}
		for (i = 0; i < n; i++)
			if (p[i] != '\r' || i + 1 == n || p[i + 1] != '\n')
				lf[k++] = p[i];
		p = lf;
		n = k;
	}
	if (max_chars)
		n = cg_utf8_prefix(p, n, max_chars);
	cg_insert_str(ins, p, n);
	free(lf);
}

void cg_import_value(cg_importer *imp, cg_insert *ins, cg_span s, size_t max_chars)
{
	cg_import_put_text(imp, ins, cg_span_ptr(imp, s), s.len, max_chars);
}

size_t cg_import_contact_name(const cg_importer *imp, const cg_import_item *it, char *out, size_t size)
{
	int n = snprintf(out, size, "%.*s%s%.*s", (int)it->first.len, cg_span_ptr(imp, it->first),
	                 it->first.len && it->last.len ? " " : "", (int)it->last.len, cg_span_ptr(imp, it->last));
	return n < 0 ? 0 : ((size_t)n < size ? (size_t)n : size - 1);
}

cg_span cg_import_company_name(const cg_importer *imp, const cg_import_item *it)
{
	cg_span none = {0, 0};

	if (it->company_ix >= 0 && (size_t)it->company_ix < imp->n_companies)
		return imp->companies[it->company_ix].name;
	return it->company.len ? it->company : none;
}

int cg_import_is_mobile(const cg_import_item *it, size_t k)
{
	if (it->types[k] == CG_PHONE_MOBILE)
		return 1;
	if (it->types[k] == CG_PHONE_FIXED_LINE)
		return 0;
	return it->kinds[k] != CG_NUM_WORK;
}

/* The deal and task names before the CRM's encoding and cut (cg_import_put_text does both). */
void cg_import_deal_name(const cg_importer *imp, const cg_import_item *it, char *out, size_t size)
{
	char name[512];
	cg_span company = cg_import_company_name(imp, it);

	cg_import_contact_name(imp, it, name, sizeof name);
	if (company.len)
		snprintf(out, size, "%.*s: %s", (int)company.len, cg_span_ptr(imp, company), name);
	else
		snprintf(out, size, "%s", name);
}

void cg_import_task_name(const cg_importer *imp, const cg_import_item *it, char *out, size_t size)
{
	char name[512];

	cg_import_contact_name(imp, it, name, sizeof name);
	snprintf(out, size, "%s%s", imp->task_prefix, name);
}
