#define _DEFAULT_SOURCE /* gmtime_r, getrandom, gettimeofday under -std=c11 */
#include "import.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/random.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "csv_map.h"
#include "db_load.h"
#include "import_internal.h"
#include "import_seen.h"
#include "phone.h"
#include "phone_set.h"
#include "sha256.h"
#include "import_writers.h"

#define BATCH_ROWS_DEFAULT 1000
#define BATCH_ARENA_MAX ((size_t)16 << 20) /* a batch is sent early when its text grows past this */
#define USERS_MAX 256
#define LOCK_WAIT_S 120
#define IMPORT_LOCK "LEFT(CONCAT('crmguard_import.', DATABASE()), 64)"
#define WAIT_LOCK "LEFT(CONCAT('crmguard_import_wait.', DATABASE()), 64)"

/* Everything one run holds besides the batch. */
typedef struct {
	cg_importer imp;
	cg_csv_reader *csv;
	cg_csv_map map;
	size_t header_count;
	char header_raw[65536];   /* the header, CSV-encoded, for the rejects file */
	size_t header_raw_len;
	cg_import_user users[USERS_MAX];
	size_t assign_count;      /* users[0..assign_count) take turns; the rest come from a column */
	FILE *rejects;
	char rejects_path[4096];
	double started, last_progress;
	int locked;
	/* pipelined: imp checks batches on its own connection while writers write the earlier ones */
	cg_import_writers *writers;
	int n_writers;
	cg_db planner;
	cg_phone_set emails_in_flight[CG_IMPORT_WRITERS_MAX - 1]; /* of the batches the writers may still be writing */
	int emails_next;
	cg_import_error *err;
	char delim;
} run_state;

static double now_s(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

static void set_err(cg_import_error *err, cg_import_error_kind kind, const char *fmt, ...)
{
	va_list ap;

	err->kind = kind;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
}

static void db_err(cg_import_error *err)
{
	err->kind = CG_IMPORT_ERR_DB;
	snprintf(err->message, sizeof err->message, "%s", err->db.message);
}

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

static cg_span arena_add(cg_importer *imp, const char *s, size_t len)
{
	cg_span sp = {imp->arena_len, 0};

	if (len == 0 || arena_reserve(imp, len) < 0)
		return sp;
	memcpy(imp->arena + imp->arena_len, s, len);
	imp->arena_len += len;
	sp.len = len;
	return sp;
}

/* Appends one CSV field, quoted when it needs to be. */
static void csv_put_field(char **out, size_t *len, size_t *cap, const char *s, size_t n, char delim, int first)
{
	size_t i, need = n * 2 + 4;
	int quote = n > 0 && (s[0] == ' ' || s[n - 1] == ' ');

	for (i = 0; i < n && !quote; i++)
		quote = s[i] == delim || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
	if (*len + need > *cap) {
		size_t c = *cap ? *cap : 256;
		char *g;
		while (c < *len + need)
			c *= 2;
		g = realloc(*out, c);
		if (!g)
			return;
		*out = g;
		*cap = c;
	}
	if (!first)
		(*out)[(*len)++] = delim;
	if (quote)
		(*out)[(*len)++] = '"';
	for (i = 0; i < n; i++) {
		if (quote && s[i] == '"')
			(*out)[(*len)++] = '"';
		(*out)[(*len)++] = s[i];
	}
	if (quote)
		(*out)[(*len)++] = '"';
}

static char *encode_row(const cg_csv_row *row, char delim, size_t *len)
{
	char *out = NULL;
	size_t cap = 0, k;

	*len = 0;
	for (k = 0; k < row->count; k++)
		csv_put_field(&out, len, &cap, row->fields[k].data, row->fields[k].len, delim, k == 0);
	return out;
}

/* ---- rejects ----------------------------------------------------------------------- */

static int reject_open(run_state *st)
{
	static const unsigned char bom[] = {0xEF, 0xBB, 0xBF};
	char *extra = NULL;
	size_t len = 0, cap = 0;

	if (st->rejects)
		return 0;
	st->rejects = fopen(st->rejects_path, "wb");
	if (!st->rejects) {
		set_err(st->err, CG_IMPORT_ERR_USAGE, "cannot write the rejects file %s: %s", st->rejects_path,
		        strerror(errno));
		return -1;
	}
	fwrite(bom, 1, sizeof bom, st->rejects);
	fwrite(st->header_raw, 1, st->header_raw_len, st->rejects);
	csv_put_field(&extra, &len, &cap, "crmguard_line", 13, st->delim, st->header_raw_len == 0);
	csv_put_field(&extra, &len, &cap, "crmguard_reason", 15, st->delim, 0);
	fwrite(extra, 1, len, st->rejects);
	fputs("\r\n", st->rejects);
	free(extra);
	snprintf(st->imp.rep->rejects_file, sizeof st->imp.rep->rejects_file, "%s", st->rejects_path);
	return 0;
}

/* Writes the original row (CSV text) with its line and the reason. */
static int reject(run_state *st, const char *raw, size_t raw_len, unsigned long line, const char *reason)
{
	char num[24], *extra = NULL;
	size_t len = 0, cap = 0;

	if (reject_open(st) < 0)
		return -1;
	snprintf(num, sizeof num, "%lu", line);
	fwrite(raw, 1, raw_len, st->rejects);
	csv_put_field(&extra, &len, &cap, num, strlen(num), st->delim, raw_len == 0 && st->header_count <= 1);
	csv_put_field(&extra, &len, &cap, reason, strlen(reason), st->delim, 0);
	fwrite(extra, 1, len, st->rejects);
	fputs("\r\n", st->rejects);
	free(extra);
	st->imp.rep->rejected_rows++;
	return 0;
}

/* The rejects of a batch go out when it is done, with its duplicates, in line order. */
static int write_rejects(run_state *st, const cg_importer *imp)
{
	size_t i;

	for (i = 0; i < imp->n_items; i++) {
		cg_import_item *it = &imp->items[i];
		if (it->state != CG_ITEM_REJECTED && it->state != CG_ITEM_DUP_FILE && it->state != CG_ITEM_DUP_CRM)
			continue;
		if (reject(st, cg_span_ptr(imp, it->raw), it->raw.len, it->line,
		           it->reason.len ? cg_span_ptr(imp, it->reason) : "already in the CRM") < 0)
			return -1;
	}
	return 0;
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

static void format_time(time_t t, char *out, size_t size, int date_only)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, size, date_only ? "%Y-%m-%d" : "%Y-%m-%d %H:%M:%S", &tm);
}

/* ---- small shared helpers ------------------------------------------------------------ */

void cg_import_e164(uint64_t key, char *out, size_t size)
{
	snprintf(out, size, "+%llu", (unsigned long long)key);
}

/* Drops 4-byte UTF-8 characters for utf8mb3 tables (SuiteCRM): they would be refused. */
static size_t strip_4byte(char *s, size_t len)
{
	size_t i = 0, o = 0;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0xF0 && c <= 0xF4 && i + 3 < len) {
			/* U+FFFD in its place */
			s[o++] = (char)0xEF;
			s[o++] = (char)0xBF;
			s[o++] = (char)0xBD;
			i += 4;
			continue;
		}
		s[o++] = s[i++];
	}
	return o;
}

void cg_import_value(cg_importer *imp, cg_insert *ins, cg_span s, size_t max_chars)
{
	const char *p = cg_span_ptr(imp, s);
	size_t n = s.len;

	if (n == 0) {
		cg_insert_literal(ins, "NULL");
		return;
	}
	if (max_chars)
		n = cg_utf8_prefix(p, n, max_chars);
	cg_insert_str(ins, p, n);
}

size_t cg_import_contact_name(const cg_importer *imp, const cg_import_item *it, char *out, size_t size)
{
	int n = snprintf(out, size, "%.*s%s%.*s", (int)it->first.len, cg_span_ptr(imp, it->first),
	                 it->first.len && it->last.len ? " " : "", (int)it->last.len, cg_span_ptr(imp, it->last));
	return n < 0 ? 0 : ((size_t)n < size ? (size_t)n : size - 1);
}

static void cut_chars(char *s, size_t max_chars)
{
	size_t n = strlen(s);
	s[cg_utf8_prefix(s, n, max_chars)] = '\0';
}

void cg_import_deal_name(const cg_importer *imp, const cg_import_item *it, char *out, size_t size, size_t max_chars)
{
	char name[512];

	cg_import_contact_name(imp, it, name, sizeof name);
	if (it->company.len)
		snprintf(out, size, "%.*s: %s", (int)it->company.len, cg_span_ptr(imp, it->company), name);
	else
		snprintf(out, size, "%s", name);
	cut_chars(out, max_chars);
}

void cg_import_task_name(const cg_importer *imp, const cg_import_item *it, char *out, size_t size, size_t max_chars)
{
	char name[512];

	cg_import_contact_name(imp, it, name, sizeof name);
	snprintf(out, size, "%s%s", imp->task_prefix, name);
	cut_chars(out, max_chars);
}

void cg_import_fault_pause(cg_importer *imp)
{
	const cg_import_options *o = imp->opt;

	if (o->pause_batch <= 0 || imp->batch_no != o->pause_batch)
		return;
	if (o->pause_file) {
		FILE *f = fopen(o->pause_file, "w");
		if (f) {
			fprintf(f, "%lu\n", mysql_thread_id(imp->db->mysql));
			fclose(f);
		}
	}
	/* The test ends the pause early by removing the file once it has done its
	 * damage: a fixed sleep raced with slow (valgrind) test processes. */
	for (unsigned tenth = 0; tenth < 10u * (o->pause_seconds ? o->pause_seconds : 30); tenth++) {
		struct timespec step = {0, 100000000L};

		if (o->pause_file && access(o->pause_file, F_OK) != 0)
			break;
		nanosleep(&step, NULL);
	}
}

int cg_import_write_index_and_journal(cg_importer *imp, cg_db_error *err)
{
	cg_insert ph, jr;
	size_t i, k;

	cg_insert_begin(&ph, imp->db, "INSERT INTO `crmguard_phone` (`entity_type`, `entity_id`, `e164`, "
	                "`source_field`) VALUES ", "adding the numbers to crmguard_phone", 0);
	cg_insert_begin(&jr, imp->db, "INSERT INTO `crmguard_import_row` (`import_id`, `line`, `state`, "
	                "`contact_id`, `deal_id`, `task_id`, `account_id`, `created_at`) VALUES ",
	                "writing the import journal", 0);
	for (i = 0; i < imp->n_items; i++) {
		cg_import_item *it = &imp->items[i];
		if (it->state != CG_ITEM_CREATE)
			continue;
		for (k = 0; k < it->n_phones; k++) {
			const char *field = imp->crm->phone_field(it, k);
			if (!field)
				continue;
			cg_insert_row(&ph);
			cg_insert_cstr(&ph, imp->crm->contact_type);
			cg_insert_cstr(&ph, it->contact_id);
			cg_insert_u64(&ph, it->phones[k]);
			cg_insert_cstr(&ph, field);
			if (cg_insert_end_row(&ph, err) < 0)
				goto fail;
		}
		cg_insert_row(&jr);
		cg_insert_cstr(&jr, imp->import_id);
		cg_insert_u64(&jr, it->line);
		cg_insert_literal(&jr, "'created'");
		cg_insert_cstr(&jr, it->contact_id);
		cg_insert_cstr(&jr, it->deal_id);
		cg_insert_cstr(&jr, it->task_id);
		cg_insert_cstr(&jr, it->company_ix >= 0 ? imp->companies[it->company_ix].id : NULL);
		cg_insert_cstr(&jr, imp->now);
		if (cg_insert_end_row(&jr, err) < 0)
			goto fail;
	}
	if (cg_insert_finish(&ph, err) < 0) {
		cg_insert_discard(&jr);
		return -1;
	}
	return cg_insert_finish(&jr, err);
fail:
	cg_insert_discard(&ph);
	cg_insert_discard(&jr);
	return -1;
}

/* ---- queries -------------------------------------------------------------------------- */

int cg_import_select(cg_db *db, cg_sqlbuf *sql, const char *doing, cg_import_row_fn fn, void *ctx, cg_db_error *err)
{
	MYSQL_RES *res;
	MYSQL_ROW row;
	int rc = 0;

	if (cg_sql_run(db, sql, doing, err) < 0)
		return -1;
	res = mysql_store_result(db->mysql);
	if (!res) {
		if (mysql_field_count(db->mysql) == 0)
			return 0;
		cg_db_set_error(db, doing, err);
		return -1;
	}
	while ((row = mysql_fetch_row(res)) != NULL) {
		if (fn(ctx, row, mysql_fetch_lengths(res), mysql_num_fields(res)) != 0) {
			rc = 1;
			break;
		}
	}
	mysql_free_result(res);
	return rc;
}

static int exec_sql(cg_db *db, const char *sql, const char *doing, cg_db_error *err)
{
	if (mysql_real_query(db->mysql, sql, (unsigned long)strlen(sql)) != 0) {
		cg_db_set_error(db, doing, err);
		return -1;
	}
	return 0;
}

/* ---- users ---------------------------------------------------------------------------- */

typedef struct {
	run_state *st;
	size_t from;       /* users[from..] are the ones asked for */
	size_t count;
} users_ctx;

static int user_row(void *ctx, MYSQL_ROW row, unsigned long *len, unsigned fields)
{
	users_ctx *u = ctx;
	size_t i;

	if (fields < 4)
		return 0;
	for (i = u->from; i < u->from + u->count; i++) {
		cg_import_user *usr = &u->st->users[i];
		if (usr->id[0])
			continue;
		if ((strlen(usr->user_name) == len[0] && memcmp(usr->user_name, row[0], len[0]) == 0) ||
		    (row[1] && strlen(usr->user_name) == len[1] && memcmp(usr->user_name, row[1], len[1]) == 0)) {
			snprintf(usr->id, sizeof usr->id, "%.*s", (int)len[0], row[0]);
			snprintf(usr->user_name, sizeof usr->user_name, "%.*s", (int)len[1], row[1] ? row[1] : "");
			snprintf(usr->display, sizeof usr->display, "%.*s", (int)len[2], row[2] ? row[2] : "");
			usr->active = row[3] && row[3][0] == '1';
		}
	}
	return 0;
}

static int group_row(void *ctx, MYSQL_ROW row, unsigned long *len, unsigned fields)
{
	users_ctx *u = ctx;
	size_t i;

	if (fields < 2 || !row[0] || !row[1])
		return 0;
	for (i = u->from; i < u->from + u->count; i++) {
		cg_import_user *usr = &u->st->users[i];
		if (strlen(usr->id) == len[0] && memcmp(usr->id, row[0], len[0]) == 0 &&
		    usr->n_groups < CG_IMPORT_GROUPS_MAX) {
			snprintf(usr->groups[usr->n_groups++], CG_ID_SIZE, "%.*s", (int)len[1], row[1]);
		}
	}
	return 0;
}

/* Fills users[from..from+count) (user_name holding what was asked: a user name or an id). */
static int load_users(run_state *st, size_t from, size_t count)
{
	cg_importer *imp = &st->imp;
	cg_sqlbuf list = {0}, sql = {0};
	users_ctx u = {st, from, count};
	size_t i;
	int rc;

	for (i = from; i < from + count; i++) {
		if (i > from)
			cg_sqlbuf_appends(&list, ",");
		cg_sqlbuf_append_quoted(&list, imp->db->mysql, st->users[i].user_name, strlen(st->users[i].user_name));
	}
	{
		cg_sqlbuf cond = {0};
		cg_sqlbuf_printf(&cond, "t.id IN (%s) OR t.%s IN (%s)", list.data, imp->crm->user_name_column, list.data);
		cg_sqlbuf_printf(&sql, imp->crm->users_sql, cond.data);
		cg_sqlbuf_free(&cond);
	}
	rc = cg_import_select(imp->db, &sql, "reading the users", user_row, &u, &st->err->db);
	cg_sqlbuf_free(&sql);
	if (rc == 0) {
		cg_sqlbuf ids = {0};
		int any = 0;
		for (i = from; i < from + count; i++) {
			if (!st->users[i].id[0])
				continue;
			if (any++)
				cg_sqlbuf_appends(&ids, ",");
			cg_sqlbuf_append_quoted(&ids, imp->db->mysql, st->users[i].id, strlen(st->users[i].id));
		}
		if (any) {
			cg_sqlbuf_printf(&sql, imp->crm->groups_sql, ids.data);
			rc = cg_import_select(imp->db, &sql, "reading the users' teams", group_row, &u, &st->err->db);
			cg_sqlbuf_free(&sql);
		}
		cg_sqlbuf_free(&ids);
	}
	cg_sqlbuf_free(&list);
	if (rc < 0)
		db_err(st->err);
	return rc;
}

static int parse_assign(run_state *st)
{
	const cg_import_options *o = st->imp.opt;
	size_t i;

	if (o->n_assign == 0 && !o->assign_from_column) {
		set_err(st->err, CG_IMPORT_ERR_USAGE, "no managers to assign: give --assign USER[,USER...] "
		        "(user names or ids, optionally USER:WEIGHT) or --assign-column COLUMN");
		return -1;
	}
	if (o->n_assign > USERS_MAX / 2) {
		set_err(st->err, CG_IMPORT_ERR_USAGE, "too many managers in --assign (at most %d)", USERS_MAX / 2);
		return -1;
	}
	for (i = 0; i < o->n_assign; i++) {
		const char *spec = o->assign[i], *colon = strrchr(spec, ':');
		cg_import_user *u = &st->users[i];
		size_t n = colon ? (size_t)(colon - spec) : strlen(spec);
		u->weight = 1;
		if (colon) {
			char *end;
			long w = strtol(colon + 1, &end, 10);
			if (*end || w < 1 || w > 1000) {
				set_err(st->err, CG_IMPORT_ERR_USAGE, "--assign \"%s\": the weight after ':' must be "
				        "a whole number from 1 to 1000", spec);
				return -1;
			}
			u->weight = w;
		}
		while (n > 0 && spec[0] == ' ') {
			spec++;
			n--;
		}
		while (n > 0 && spec[n - 1] == ' ')
			n--;
		if (n == 0 || n >= sizeof u->user_name) {
			set_err(st->err, CG_IMPORT_ERR_USAGE, "--assign: \"%s\" is not a user name or id", o->assign[i]);
			return -1;
		}
		snprintf(u->user_name, sizeof u->user_name, "%.*s", (int)n, spec);
	}
	st->assign_count = o->n_assign;
	st->imp.n_users = o->n_assign;
	if (o->n_assign == 0)
		return 0;
	if (load_users(st, 0, o->n_assign) < 0)
		return -1;
	for (i = 0; i < o->n_assign; i++) {
		cg_import_user *u = &st->users[i];
		if (!u->id[0]) {
			set_err(st->err, CG_IMPORT_ERR_USAGE, "--assign: no user \"%s\" in the %s database (give a "
			        "user name or id)", u->user_name, st->imp.crm->name);
			return -1;
		}
		if (!u->active) {
			set_err(st->err, CG_IMPORT_ERR_USAGE, "--assign: user \"%s\" (%s) is not an active user who "
			        "can be assigned records", u->user_name, u->id);
			return -1;
		}
	}
	return 0;
}

/* The user a manager cell names (user name or id), loading it on first use; -1 when none is active. */
static int manager_of(run_state *st, const char *name, size_t len, char *why, size_t why_size)
{
	size_t i;

	for (i = 0; i < st->imp.n_users; i++) {
		cg_import_user *u = &st->users[i];
		if ((strlen(u->user_name) == len && memcmp(u->user_name, name, len) == 0) ||
		    (strlen(u->id) == len && memcmp(u->id, name, len) == 0))
			goto found;
	}
	if (st->imp.n_users >= USERS_MAX || len == 0 || len >= sizeof st->users[0].user_name) {
		snprintf(why, why_size, "manager \"%.*s\" is not a user", (int)(len > 100 ? 100 : len), name);
		return -1;
	}
	i = st->imp.n_users++;
	memset(&st->users[i], 0, sizeof st->users[i]);
	snprintf(st->users[i].user_name, sizeof st->users[i].user_name, "%.*s", (int)len, name);
	st->users[i].weight = 0;
	if (load_users(st, i, 1) < 0)
		return -2;
found:
	if (!st->users[i].id[0] || !st->users[i].active) {
		snprintf(why, why_size, "manager \"%.*s\" is %s", (int)(len > 100 ? 100 : len), name,
		         st->users[i].id[0] ? "not an active user" : "not a user of the CRM");
		return -1;
	}
	return (int)i;
}

static int pick_round_robin(run_state *st)
{
	long total = 0;
	size_t i, best = 0;

	/* smooth weighted round robin: U1:3,U2:1 gives U1 U1 U2 U1, U1 U1 U2 U1, ... */
	for (i = 0; i < st->assign_count; i++) {
		st->users[i].current += st->users[i].weight;
		total += st->users[i].weight;
		if (st->users[i].current > st->users[best].current)
			best = i;
	}
	st->users[best].current -= total;
	return (int)best;
}

static int load_creator(run_state *st)
{
	cg_importer *imp = &st->imp;
	size_t i = imp->n_users;

	if (i >= USERS_MAX) {
		set_err(st->err, CG_IMPORT_ERR_USAGE, "too many users");
		return -1;
	}
	memset(&st->users[i], 0, sizeof st->users[i]);
	if (imp->opt->created_by && imp->opt->created_by[0]) {
		snprintf(st->users[i].user_name, sizeof st->users[i].user_name, "%s", imp->opt->created_by);
	} else {
		/* the first active admin */
		cg_sqlbuf sql = {0};
		MYSQL_RES *res;
		MYSQL_ROW row;
		cg_sqlbuf_appends(&sql, imp->crm->admin_sql);
		if (cg_sql_run(imp->db, &sql, "looking for an admin user", &st->err->db) < 0) {
			cg_sqlbuf_free(&sql);
			db_err(st->err);
			return -1;
		}
		cg_sqlbuf_free(&sql);
		res = mysql_store_result(imp->db->mysql);
		row = res ? mysql_fetch_row(res) : NULL;
		if (row && row[0])
			snprintf(st->users[i].user_name, sizeof st->users[i].user_name, "%s", row[0]);
		if (res)
			mysql_free_result(res);
		if (!st->users[i].user_name[0]) {
			set_err(st->err, CG_IMPORT_ERR_USAGE, "no active admin user to create the records as: "
			        "give created_by (--created-by USER)");
			return -1;
		}
	}
	imp->n_users++;
	if (load_users(st, i, 1) < 0)
		return -1;
	if (!st->users[i].id[0]) {
		set_err(st->err, CG_IMPORT_ERR_USAGE, "created_by: no user \"%s\"", st->users[i].user_name);
		return -1;
	}
	imp->created_by = (int)i;
	return 0;
}

/* ---- company names -------------------------------------------------------------------- */

/* FNV-1a over the name folded as the CRMs' case-insensitive collations
 * compare it: Latin and Cyrillic case, ё as е, runs of spaces as one. */
static uint64_t company_key(const char *s, size_t len)
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

/* ---- reading rows ----------------------------------------------------------------------- */

typedef struct {
	uint64_t keys[CG_IMPORT_PHONES_MAX];
	uint8_t kinds[CG_IMPORT_PHONES_MAX];
	size_t n;
	uint8_t kind;
	char first_bad[128];
	const char *first_bad_code;
	int any_part;
} phones_ctx;

static int phone_sink(const cg_phone *p, size_t start, size_t end, void *ctx, const char *text)
{
	phones_ctx *pc = ctx;
	size_t i;

	pc->any_part = 1;
	if (p->error == CG_PHONE_OK) {
		uint64_t key = cg_phone_key(p);
		for (i = 0; i < pc->n; i++) {
			if (pc->keys[i] == key)
				return 0;
		}
		if (pc->n < CG_IMPORT_PHONES_MAX) {
			pc->keys[pc->n] = key;
			pc->kinds[pc->n] = pc->kind;
			pc->n++;
		}
	} else if (!pc->first_bad_code) {
		size_t n = end - start > 60 ? 60 : end - start;
		n = cg_utf8_prefix(text + start, n, 60);
		snprintf(pc->first_bad, sizeof pc->first_bad, "%.*s", (int)n, text + start);
		pc->first_bad_code = cg_phone_error_code(p->error);
	}
	return 0;
}

/* cg_phone_extract's sink knows no text: carry it alongside. */
typedef struct {
	phones_ctx *pc;
	const char *text;
} sink_ctx;

static int sink_adapter(const cg_phone *p, size_t start, size_t end, void *ctx)
{
	sink_ctx *s = ctx;
	return phone_sink(p, start, end, s->pc, s->text);
}

static cg_span field_span(run_state *st, const cg_csv_row *row, cg_field f)
{
	int c = st->map.first[f];
	const char *s;
	size_t len;
	cg_span none = {0, 0};

	if (c < 0 || (size_t)c >= row->count)
		return none;
	len = row->fields[c].len;
	s = cg_trim(row->fields[c].data, &len);
	if (st->imp.crm->utf8mb3) {
		cg_span sp = arena_add(&st->imp, s, len);
		sp.len = strip_4byte(st->imp.arena + sp.off, sp.len);
		st->imp.arena_len = sp.off + sp.len;
		return sp;
	}
	return arena_add(&st->imp, s, len);
}

static int row_is_blank(const cg_csv_row *row)
{
	size_t k;

	for (k = 0; k < row->count; k++) {
		size_t len = row->fields[k].len;
		cg_trim(row->fields[k].data, &len);
		if (len)
			return 0;
	}
	return 1;
}

static int grow_items(cg_importer *imp)
{
	size_t cap;
	cg_import_item *items;

	if (imp->n_items < imp->cap_items)
		return 0;
	cap = imp->cap_items ? imp->cap_items * 2 : 256;
	items = realloc(imp->items, cap * sizeof *items);
	if (!items)
		return -1;
	imp->items = items;
	imp->cap_items = cap;
	return 0;
}

static int flush_batch(run_state *st, int final);

/* One data row: check it, then queue it or reject it.  -1 on a fatal error. */
static int batch_full(const run_state *st)
{
	const cg_importer *imp = &st->imp;
	return imp->n_items >= (imp->opt->batch_rows ? imp->opt->batch_rows : BATCH_ROWS_DEFAULT) ||
	       imp->arena_len >= BATCH_ARENA_MAX;
}

/* The row as a batch item: its line and original text, nothing decided yet. */
static cg_import_item *queue_row(run_state *st, const cg_csv_row *row)
{
	cg_importer *imp = &st->imp;
	cg_import_item *it;
	size_t len;
	char *raw;

	if (grow_items(imp) < 0) {
		set_err(st->err, CG_IMPORT_ERR_CSV, "out of memory at line %lu", row->line);
		return NULL;
	}
	it = &imp->items[imp->n_items++];
	memset(it, 0, sizeof *it);
	it->line = row->line;
	it->user = -1;
	it->company_ix = -1;
	raw = encode_row(row, st->delim, &len);
	it->raw = arena_add(imp, raw ? raw : "", raw ? len : 0);
	free(raw);
	return it;
}

static int reject_row(run_state *st, const cg_csv_row *row, const char *reason)
{
	cg_import_item *it = queue_row(st, row);

	if (!it)
		return -1;
	it->state = CG_ITEM_REJECTED;
	it->reason = arena_add(&st->imp, reason, strlen(reason) + 1); /* with its NUL: reject() takes a C string */
	return batch_full(st) ? flush_batch(st, 0) : 0;
}

static int take_row(run_state *st, const cg_csv_row *row)
{
	cg_importer *imp = &st->imp;
	char why[1024];
	phones_ctx pc;
	size_t c, k;
	int user = -1;
	cg_import_item *it;

	imp->rep->rows_read++;

	if (row->problem != CG_CSV_ROW_OK) {
		cg_csv_describe_problem(row, imp->opt->max_field, why, sizeof why);
		imp->rep->malformed_rows++;
		return reject_row(st, row, why);
	}
	if (row->count != st->header_count) {
		int extra_empty = row->count > st->header_count;
		for (k = st->header_count; k < row->count && extra_empty; k++) {
			size_t len = row->fields[k].len;
			cg_trim(row->fields[k].data, &len);
			extra_empty = len == 0;
		}
		if (!extra_empty) {
			snprintf(why, sizeof why, "ragged row: %zu fields where the header has %zu (lines %lu-%lu)",
			         row->count, st->header_count, row->line, row->end_line);
			imp->rep->malformed_rows++;
			return reject_row(st, row, why);
		}
	}

	memset(&pc, 0, sizeof pc);
	for (c = 0; c < st->map.columns && c < row->count; c++) {
		cg_field f = st->map.column_field[c];
		sink_ctx sc = {&pc, row->fields[c].data};
		if (f != CG_FIELD_PHONE && f != CG_FIELD_MOBILE && f != CG_FIELD_WORK_PHONE)
			continue;
		pc.kind = f == CG_FIELD_WORK_PHONE ? CG_NUM_WORK : CG_NUM_MOBILE;
		cg_phone_extract(row->fields[c].data, row->fields[c].len, imp->opt->region, sink_adapter, &sc);
	}
	if (pc.n == 0) {
		imp->rep->invalid_phone++;
		if (pc.first_bad_code)
			snprintf(why, sizeof why, "no valid phone number: \"%s\" is %s", pc.first_bad,
			         pc.first_bad_code);
		else
			snprintf(why, sizeof why, "no phone number");
		return reject_row(st, row, why);
	}

	if (imp->opt->assign_from_column) {
		int mc = st->map.first[CG_FIELD_MANAGER];
		const char *s = "";
		size_t len = 0;
		if (mc >= 0 && (size_t)mc < row->count) {
			len = row->fields[mc].len;
			s = cg_trim(row->fields[mc].data, &len);
		}
		if (len == 0 && st->assign_count == 0) {
			imp->rep->manager_errors++;
			return reject_row(st, row, "no manager in the manager column");
		}
		if (len > 0) {
			user = manager_of(st, s, len, why, sizeof why);
			if (user == -2) {
				db_err(st->err);
				return -1;
			}
			if (user < 0) {
				imp->rep->manager_errors++;
				return reject_row(st, row, why);
			}
		}
	}

	/* queued; duplicates inside the file are found when the batch is done */
	it = queue_row(st, row);
	if (!it)
		return -1;
	it->user = user;
	memcpy(it->phones, pc.keys, sizeof pc.keys);
	memcpy(it->kinds, pc.kinds, sizeof pc.kinds);
	it->n_phones = pc.n;
	it->first = field_span(st, row, CG_FIELD_FIRST_NAME);
	it->last = field_span(st, row, CG_FIELD_LAST_NAME);
	it->middle = field_span(st, row, CG_FIELD_MIDDLE_NAME);
	if (st->map.first[CG_FIELD_NAME] >= 0 && it->first.len == 0 && it->last.len == 0) {
		cg_span full = field_span(st, row, CG_FIELD_NAME);
		cg_name_parts parts;
		cg_split_name(cg_span_ptr(imp, full), full.len, &parts);
		if (parts.first) {
			it->first.off = (size_t)(parts.first - imp->arena);
			it->first.len = parts.first_len;
		}
		if (parts.middle && it->middle.len == 0) {
			it->middle.off = (size_t)(parts.middle - imp->arena);
			it->middle.len = parts.middle_len;
		}
		if (parts.last) {
			it->last.off = (size_t)(parts.last - imp->arena);
			it->last.len = parts.last_len;
		}
	} else if (it->last.len == 0 && it->first.len > 0 && st->map.first[CG_FIELD_LAST_NAME] < 0) {
		/* only an "Имя" column: people put the whole name there */
		cg_name_parts parts;
		cg_split_name(cg_span_ptr(imp, it->first), it->first.len, &parts);
		it->first.len = 0;
		if (parts.first) {
			it->first.off = (size_t)(parts.first - imp->arena);
			it->first.len = parts.first_len;
		}
		if (parts.middle && it->middle.len == 0) {
			it->middle.off = (size_t)(parts.middle - imp->arena);
			it->middle.len = parts.middle_len;
		}
		if (parts.last) {
			it->last.off = (size_t)(parts.last - imp->arena);
			it->last.len = parts.last_len;
		}
	}
	it->company = field_span(st, row, CG_FIELD_COMPANY);
	if (it->last.len == 0) {
		/* both CRMs require a last name: the company's, else the number */
		if (it->company.len) {
			it->last = it->company;
		} else {
			char e164[CG_E164_SIZE];
			cg_import_e164(it->phones[0], e164, sizeof e164);
			it->last = arena_add(imp, e164, strlen(e164));
		}
	}
	it->email = field_span(st, row, CG_FIELD_EMAIL);
	{
		/* the first address of the cell; none unless it has an '@' */
		const char *e = cg_span_ptr(imp, it->email);
		size_t n = 0;
		while (n < it->email.len && e[n] != ',' && e[n] != ';' && e[n] != ' ' && e[n] != '\t')
			n++;
		it->email.len = memchr(e, '@', n) && n <= 254 ? n : 0;
	}
	it->comment = field_span(st, row, CG_FIELD_COMMENT);
	it->source = field_span(st, row, CG_FIELD_SOURCE);
	it->title = field_span(st, row, CG_FIELD_TITLE);
	it->city = field_span(st, row, CG_FIELD_CITY);
	return batch_full(st) ? flush_batch(st, 0) : 0;
}

/* ---- a batch ---------------------------------------------------------------------------------- */

typedef struct {
	run_state *st;
	cg_phone_set *index;  /* key -> item */
	/* hits: up to one per item, kept to look up their records afterwards */
} batch_ctx;

static int journal_row(void *ctx, MYSQL_ROW row, unsigned long *len, unsigned fields)
{
	batch_ctx *b = ctx;
	cg_importer *imp = &b->st->imp;
	unsigned long line;
	size_t i;

	(void)len;
	if (fields < 1 || !row[0])
		return 0;
	line = strtoul(row[0], NULL, 10);
	for (i = 0; i < imp->n_items; i++) {
		if (imp->items[i].line == line && imp->items[i].state == CG_ITEM_PENDING)
			imp->items[i].state = CG_ITEM_DONE_BEFORE;
	}
	return 0;
}

typedef struct {
	batch_ctx *b;
	/* which entity type each hit has: filled per type afterwards */
	struct hit { uint64_t key; int type; char id[CG_ID_SIZE]; size_t item; } *hits;
	size_t n, cap;
} hits_ctx;

static int hit_row(void *ctx, MYSQL_ROW row, unsigned long *len, unsigned fields)
{
	hits_ctx *h = ctx;
	cg_importer *imp = &h->b->st->imp;
	uint64_t key, item;
	int t;

	if (fields < 3 || !row[0] || !row[1] || !row[2])
		return 0;
	key = strtoull(row[0], NULL, 10);
	if (!cg_phone_set_find(h->b->index, key, &item))
		return 0;
	for (t = 0; t < 3; t++) {
		if (strlen(imp->crm->entities[t].type) == len[1] && memcmp(imp->crm->entities[t].type, row[1], len[1]) == 0)
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
	snprintf(h->hits[h->n].id, CG_ID_SIZE, "%.*s", (int)len[2], row[2]);
	h->n++;
	return 0;
}

typedef struct {
	hits_ctx *h;
	int type;
} detail_ctx;

static int detail_row(void *ctx, MYSQL_ROW row, unsigned long *len, unsigned fields)
{
	detail_ctx *d = ctx;
	hits_ctx *h = d->h;
	cg_importer *imp = &h->b->st->imp;
	size_t i;

	if (fields < 4 || !row[0])
		return 0;
	for (i = 0; i < h->n; i++) {
		struct hit *hit = &h->hits[i];
		cg_import_item *it = &imp->items[hit->item];
		char e164[CG_E164_SIZE], why[1024];
		if (hit->type != d->type || strlen(hit->id) != len[0] || memcmp(hit->id, row[0], len[0]) != 0)
			continue;
		if (it->reason.len)
			continue; /* one record is enough to say why */
		cg_import_e164(hit->key, e164, sizeof e164);
		snprintf(why, sizeof why, "already in the CRM: %s belongs to %s %s \"%.*s\", responsible %s%.*s%s",
		         e164, imp->crm->entities[d->type].type, hit->id, (int)(len[1] > 200 ? 200 : len[1]),
		         row[1] ? row[1] : "", row[3] ? "" : "nobody", (int)len[3], row[3] ? row[3] : "",
		         "");
		if (row[2] && row[3]) {
			size_t n = strlen(why);
			snprintf(why + n, sizeof why - n, " (%.*s)", (int)len[2], row[2]);
		}
		it->reason = arena_add(imp, why, strlen(why) + 1); /* with its NUL: reject() takes a C string */
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
 * in the server's table of numbers seen (import_seen.h), this batch's here. */
static int dedupe_in_file(run_state *st)
{
	cg_importer *imp = &st->imp;
	cg_phone_set earlier, here;
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
		set_err(st->err, CG_IMPORT_ERR_CSV, "out of memory");
		return -1;
	}
	if (cg_phone_set_init(&here, n) < 0) {
		set_err(st->err, CG_IMPORT_ERR_CSV, "out of memory");
		goto out_earlier;
	}
	for (i = 0; i < imp->n_items; i++) {
		const cg_import_item *it = &imp->items[i];
		for (k = 0; it->state == CG_ITEM_PENDING && k < it->n_phones; k++)
			keys[added++] = it->phones[k];
	}
	if (cg_import_seen_find(imp->db, CG_SEEN_NUMBER, keys, n, seen_number, &earlier, &st->err->db) < 0) {
		db_err(st->err);
		goto out;
	}
	added = 0;
	for (i = 0; i < imp->n_items; i++) {
		cg_import_item *it = &imp->items[i];
		uint64_t first_line = 0;
		if (it->state != CG_ITEM_PENDING)
			continue;
		for (k = 0; k < it->n_phones; k++) {
			if (cg_phone_set_find(&earlier, it->phones[k], &first_line) ||
			    cg_phone_set_find(&here, it->phones[k], &first_line)) {
				char e164[CG_E164_SIZE], why[128];
				cg_import_e164(it->phones[k], e164, sizeof e164);
				snprintf(why, sizeof why, "duplicate in the file: %s is already on line %llu", e164,
				         (unsigned long long)first_line);
				it->reason = arena_add(imp, why, strlen(why) + 1);
				it->state = CG_ITEM_DUP_FILE;
				imp->rep->duplicates_in_file++;
				break;
			}
		}
		for (k = 0; it->state == CG_ITEM_PENDING && k < it->n_phones; k++) {
			if (cg_phone_set_add(&here, it->phones[k], it->line, NULL) == 1) {
				keys[added] = it->phones[k];
				lines[added++] = it->line;
			}
		}
	}
	if (cg_import_seen_add(imp->db, CG_SEEN_NUMBER, keys, lines, NULL, added, &st->err->db) < 0) {
		db_err(st->err);
		goto out;
	}
	rc = 0;
out:
	cg_phone_set_free(&here);
out_earlier:
	cg_phone_set_free(&earlier);
	free(keys);
	free(lines);
	return rc;
}

/* Marks the items whose numbers the CRM already has. */
static int check_crm(run_state *st, cg_phone_set *index)
{
	cg_importer *imp = &st->imp;
	cg_sqlbuf sql = {0};
	batch_ctx b = {st, index};
	hits_ctx h = {&b, NULL, 0, 0};
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
	rc = cg_import_select(imp->db, &sql, "looking the numbers up in crmguard_phone", hit_row, &h, &st->err->db);
	cg_sqlbuf_free(&sql);
	if (rc != 0)
		goto done;

	for (i = 0; i < h.n; i++)
		imp->items[h.hits[i].item].state = CG_ITEM_DUP_CRM;

	/* who holds them, for the rejects file */
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
			              "WHERE t.id IN (%s)", imp->crm->entities[t].name_sql, imp->crm->user_name_column, imp->crm->entities[t].table, imp->crm->user_table,
			              imp->crm->entities[t].owner, ids.data);
			rc = cg_import_select(imp->db, &sql, "reading the records that hold the numbers", detail_row, &d,
			                 &st->err->db);
			cg_sqlbuf_free(&sql);
		}
		cg_sqlbuf_free(&ids);
	}
done:
	free(h.hits);
	if (rc < 0)
		db_err(st->err);
	return rc < 0 ? -1 : 0;
}

typedef struct {
	run_state *st;
} accounts_ctx;

static int account_row(void *ctx, MYSQL_ROW row, unsigned long *len, unsigned fields)
{
	accounts_ctx *a = ctx;
	cg_importer *imp = &a->st->imp;
	uint64_t key;
	size_t i;

	if (fields < 2 || !row[0] || !row[1])
		return 0;
	key = company_key(row[1], len[1]);
	for (i = 0; i < imp->n_companies; i++) {
		cg_import_company *c = &imp->companies[i];
		if (c->key == key && !c->id[0])
			snprintf(c->id, sizeof c->id, "%.*s", (int)len[0], row[0]);
	}
	return 0;
}

typedef struct {
	cg_importer *imp;
	cg_phone_set *by_key;  /* folded-name hash -> index into the batch's companies */
	uint8_t *known;
} companies_seen;

static int seen_company(void *ctx, uint64_t key, uint64_t what, const char *id)
{
	companies_seen *s = ctx;
	uint64_t ix;

	(void)what;
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
static int count_companies(run_state *st)
{
	cg_importer *imp = &st->imp;
	size_t i, n = imp->n_companies, n_new = 0;
	cg_phone_set by_key;
	companies_seen seen = {imp, &by_key, calloc(n, 1)};
	uint64_t *keys = malloc(n * sizeof *keys), *what = malloc(n * sizeof *what);
	const char **ids = malloc(n * sizeof *ids);
	int rc = -1;

	if (!seen.known || !keys || !what || !ids || cg_phone_set_init(&by_key, n) < 0) {
		set_err(st->err, CG_IMPORT_ERR_CSV, "out of memory");
		goto out_mem;
	}
	for (i = 0; i < n; i++) {
		keys[i] = imp->companies[i].key;
		cg_phone_set_add(&by_key, keys[i], i, NULL);
	}
	if (cg_import_seen_find(imp->db, CG_SEEN_COMPANY, keys, n, seen_company, &seen, &st->err->db) < 0) {
		db_err(st->err);
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
		what[n_new] = c->is_new ? CG_SEEN_MADE : CG_SEEN_REUSED;
		ids[n_new++] = c->id;
	}
	if (cg_import_seen_add(imp->db, CG_SEEN_COMPANY, keys, what, ids, n_new, &st->err->db) < 0) {
		db_err(st->err);
		goto out;
	}
	rc = 0;
out:
	cg_phone_set_free(&by_key);
out_mem:
	free(seen.known);
	free(keys);
	free(what);
	free(ids);
	return rc;
}

/* Finds or plans the company of every item to create. */
static int plan_companies(run_state *st)
{
	cg_importer *imp = &st->imp;
	cg_sqlbuf names = {0}, sql = {0};
	accounts_ctx a = {st};
	size_t i, j, n = 0;
	int rc = 0;

	free(imp->companies);
	imp->companies = NULL;
	imp->n_companies = 0;
	for (i = 0; i < imp->n_items; i++) {
		cg_import_item *it = &imp->items[i];
		uint64_t key;
		if (it->state != CG_ITEM_CREATE || it->company.len == 0)
			continue;
		key = company_key(cg_span_ptr(imp, it->company), it->company.len);
		for (j = 0; j < imp->n_companies && imp->companies[j].key != key; j++)
			;
		if (j == imp->n_companies) {
			cg_import_company *c;
			if (j % 64 == 0) {
				cg_import_company *g = realloc(imp->companies, (j + 64) * sizeof *g);
				if (!g) {
					set_err(st->err, CG_IMPORT_ERR_CSV, "out of memory");
					return -1;
				}
				imp->companies = g;
			}
			c = &imp->companies[imp->n_companies++];
			memset(c, 0, sizeof *c);
			c->name = it->company;
			c->key = key;
			c->user = it->user;
			if (n++)
				cg_sqlbuf_appends(&names, ",");
			cg_sqlbuf_append_quoted(&names, imp->db->mysql, cg_span_ptr(imp, it->company),
			           cg_utf8_prefix(cg_span_ptr(imp, it->company), it->company.len, imp->crm->account_name_max));
		}
		it->company_ix = (int)j;
	}
	if (n > 0) {
		cg_sqlbuf_printf(&sql, imp->crm->accounts_sql, names.data);
		rc = cg_import_select(imp->db, &sql, "looking for the companies", account_row, &a, &st->err->db);
		cg_sqlbuf_free(&sql);
	}
	cg_sqlbuf_free(&names);
	if (rc < 0) {
		db_err(st->err);
		return -1;
	}
	return n > 0 ? count_companies(st) : 0;
}

static void progress(run_state *st, int final)
{
	cg_importer *imp = &st->imp;
	double t = now_s();

	imp->rep->elapsed_s = t - st->started;
	imp->rep->bytes_read = st->csv ? cg_csv_bytes_read(st->csv) : imp->rep->bytes_read;
	if (!imp->opt->progress)
		return;
	if (!final && t - st->last_progress < 0.5)
		return;
	st->last_progress = t;
	imp->opt->progress(imp->opt->progress_ctx, imp->rep, final);
}

static int lock_target(run_state *st)
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
		MYSQL_RES *res;
		MYSQL_ROW row;
		static const char sql[] = "SELECT GET_LOCK(" IMPORT_LOCK ", 1) FROM (SELECT IF(IS_USED_LOCK(" WAIT_LOCK
		                          ") <=> CONNECTION_ID(), 1, GET_LOCK(" WAIT_LOCK ", 0))) w";
		if (exec_sql(imp->db, sql, "waiting for the import lock", &st->err->db) < 0) {
			db_err(st->err);
			return -1;
		}
		res = mysql_store_result(imp->db->mysql);
		row = res ? mysql_fetch_row(res) : NULL;
		got = row && row[0] && row[0][0] == '1';
		if (res)
			mysql_free_result(res);
	}
	exec_sql(imp->db, "DO IF(IS_USED_LOCK(" WAIT_LOCK ") <=> CONNECTION_ID(), RELEASE_LOCK(" WAIT_LOCK "), 0)",
	         "giving up the waiting lock", &ignored);
	if (!got) {
		set_err(st->err, CG_IMPORT_ERR_DB, "another import into this database has held the import lock for "
		        "%d s; try again when it is done", LOCK_WAIT_S);
		return -1;
	}
	st->locked = 1;
	return 0;
}

/* Whether another import waits for the lock (it holds the waiting lock meanwhile). */
static int someone_waits(run_state *st)
{
	cg_sqlbuf sql = {0};
	MYSQL_RES *res;
	MYSQL_ROW row;
	int waits;

	cg_sqlbuf_appends(&sql, "SELECT IS_USED_LOCK(" WAIT_LOCK ") IS NOT NULL");
	if (cg_sql_run(st->imp.db, &sql, "asking whether another import waits", &st->err->db) < 0) {
		cg_sqlbuf_free(&sql);
		db_err(st->err);
		return -1;
	}
	cg_sqlbuf_free(&sql);
	res = mysql_store_result(st->imp.db->mysql);
	row = res ? mysql_fetch_row(res) : NULL;
	waits = row && row[0] && row[0][0] == '1';
	if (res)
		mysql_free_result(res);
	return waits;
}

static void unlock_target(run_state *st)
{
	cg_db_error ignored;

	if (!st->locked)
		return;
	st->locked = 0;
	if (st->imp.db->mysql)
		exec_sql(st->imp.db, "DO RELEASE_LOCK(" IMPORT_LOCK ")", "releasing the import lock", &ignored);
}

/* Stamps the batch's dates, then decides each row: a duplicate inside the
 * file, done by an earlier run, already in the CRM, or to create (with its
 * manager, company and ids).  Under the import lock when anything is written. */
static int plan_batch(run_state *st)
{
	cg_importer *imp = &st->imp;
	cg_phone_set index;
	size_t i, k, created = 0;
	time_t t = time(NULL);
	int rc = -1;

	imp->batch_no++;
	imp->rep->batches++;
	format_time(t, imp->now, sizeof imp->now, 0);
	format_time(t, imp->today, sizeof imp->today, 1);
	format_time(t + (time_t)imp->opt->task_due_seconds, imp->task_due, sizeof imp->task_due, 0);
	format_time(t + (time_t)imp->opt->close_days * 86400, imp->close_date, sizeof imp->close_date, 1);

	if (dedupe_in_file(st) < 0)
		return -1;
	if (cg_phone_set_init(&index, imp->n_items * 2) < 0) {
		set_err(st->err, CG_IMPORT_ERR_CSV, "out of memory");
		return -1;
	}
	for (i = 0; i < imp->n_items; i++) {
		for (k = 0; imp->items[i].state == CG_ITEM_PENDING && k < imp->items[i].n_phones; k++)
			cg_phone_set_add(&index, imp->items[i].phones[k], i, NULL);
	}

	/* rows an earlier run of this file created */
	{
		cg_sqlbuf sql = {0};
		batch_ctx b = {st, &index};
		int q;
		cg_sqlbuf_appends(&sql, "SELECT `line` FROM `crmguard_import_row` WHERE `import_id` = ");
		cg_sqlbuf_append_quoted(&sql, imp->db->mysql, imp->import_id, strlen(imp->import_id));
		cg_sqlbuf_printf(&sql, " AND `line` BETWEEN %lu AND %lu", imp->items[0].line,
		              imp->items[imp->n_items - 1].line);
		q = cg_import_select(imp->db, &sql, "reading the import journal", journal_row, &b, &st->err->db);
		cg_sqlbuf_free(&sql);
		if (q < 0) {
			db_err(st->err);
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
				it->user = pick_round_robin(st);
			created++;
		}
	}
	if (plan_companies(st) < 0)
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

static size_t count_state(const cg_importer *b, cg_item_state state)
{
	size_t i, n = 0;

	for (i = 0; i < b->n_items; i++)
		n += b->items[i].state == state;
	return n;
}

/* After a batch failed to be written: what is saved and how to go on. */
static void batch_failed(run_state *st, const cg_importer *b, const cg_db_error *werr)
{
	size_t n;

	st->err->db = *werr;
	db_err(st->err);
	n = strlen(st->err->message);
	snprintf(st->err->message + n, sizeof st->err->message - n,
	         " — batch %ld (lines %lu-%lu) was rolled back, %llu contacts of earlier batches are saved; "
	         "run the same import again to continue", b->batch_no, b->items[0].line,
	         b->items[b->n_items - 1].line, (unsigned long long)st->imp.rep->contacts_created);
}

/* A batch is done: counted, its rejects written, its memory ready for the next. */
static int finish_batch(run_state *st, cg_importer *b)
{
	size_t created = count_state(b, CG_ITEM_CREATE);
	int rc;

	st->imp.rep->contacts_created += created;
	st->imp.rep->deals_created += created;
	st->imp.rep->tasks_created += created;
	st->imp.rep->duplicates_in_crm += count_state(b, CG_ITEM_DUP_CRM);
	rc = write_rejects(st, b);
	b->n_items = 0;
	b->arena_len = 0;
	progress(st, 0);
	return rc;
}

/* The writers' report of a batch (import_writers.h), in batch order. */
static int batch_written(void *ctx, cg_importer *b, const cg_db_error *err)
{
	run_state *st = ctx;

	if (err) {
		batch_failed(st, b, err);
		return -1;
	}
	return finish_batch(st, b);
}

/*
 * The CRMs keep one row per e-mail address, which a writer looks up and adds
 * when it writes a batch; two batches written side by side could each add the
 * same new address.  1 when this batch shares an address with a batch that
 * may still be being written (it then waits for them), -1 out of memory.
 */
static int emails_in_flight(run_state *st)
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
		key = company_key(cg_span_ptr(imp, it->email), it->email.len); /* folds letter case */
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
	set_err(st->err, CG_IMPORT_ERR_CSV, "out of memory");
	return -1;
}

/*
 * One batch.  Alone, it is checked and written under the import lock and
 * finished.  Pipelined (open_pipeline), writers write the earlier batches
 * while this one is checked: the planner's connection holds the lock
 * throughout, giving it up between batches, when every batch is written,
 * as soon as another import waits for it.
 */
static int flush_batch(run_state *st, int final)
{
	cg_importer *imp = &st->imp;

	(void)final;
	if (imp->n_items == 0)
		return 0;
	if (imp->opt->dry_run)
		return plan_batch(st) < 0 ? -1 : finish_batch(st, imp);

	if (!st->writers) {
		cg_db_error werr;
		if (lock_target(st) < 0 || plan_batch(st) < 0) {
			unlock_target(st);
			return -1;
		}
		if (cg_import_save_batch(imp, NULL, &werr) < 0) {
			unlock_target(st);
			batch_failed(st, imp, &werr);
			return -1;
		}
		unlock_target(st);
		return finish_batch(st, imp);
	}

	if (st->locked) {
		int waits = someone_waits(st);
		if (waits < 0 || (waits && cg_import_writers_drain(st->writers) < 0))
			return -1;
		if (waits)
			unlock_target(st);
	}
	if ((!st->locked && lock_target(st) < 0) || plan_batch(st) < 0)
		return -1;
	switch (emails_in_flight(st)) {
	case -1:
		return -1;
	case 1:
		if (cg_import_writers_drain(st->writers) < 0)
			return -1;
		break;
	}
	return cg_import_writers_hand_over(st->writers, imp);
}

/* ---- the run -------------------------------------------------------------------------------- */

static int hash_file(const char *path, char hex[65], uint64_t *size, cg_import_error *err)
{
	FILE *f = fopen(path, "rb");
	cg_sha256 c;
	unsigned char buf[65536];
	size_t n;

	if (!f) {
		set_err(err, CG_IMPORT_ERR_CSV, "cannot open %s: %s", path, strerror(errno));
		return -1;
	}
	cg_sha256_init(&c);
	*size = 0;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		cg_sha256_update(&c, buf, n);
		*size += n;
	}
	if (ferror(f)) {
		set_err(err, CG_IMPORT_ERR_CSV, "cannot read %s: %s", path, strerror(errno));
		fclose(f);
		return -1;
	}
	fclose(f);
	cg_sha256_hex(&c, hex);
	return 0;
}

static int check_tables(run_state *st)
{
	cg_importer *imp = &st->imp;

	if (exec_sql(imp->db, "SELECT 1 FROM `crmguard_phone` LIMIT 0", "checking crmguard_phone", &st->err->db) < 0 ||
	    (mysql_free_result(mysql_store_result(imp->db->mysql)), 0) ||
	    exec_sql(imp->db, "SELECT 1 FROM `crmguard_import_row` LIMIT 0", "checking crmguard_import_row",
	             &st->err->db) < 0) {
		set_err(st->err, CG_IMPORT_ERR_DB, "%s — crmguard's tables are missing: run `crmguard schema apply` "
		        "first (sql/%s/*.sql), then `crmguard index rebuild`", st->err->db.message, imp->crm->name);
		st->err->kind = CG_IMPORT_ERR_DB;
		return -1;
	}
	mysql_free_result(mysql_store_result(imp->db->mysql));
	return 0;
}

static int journal_start(run_state *st, const char *path, uint64_t size)
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
	if (rc < 0)
		db_err(st->err);
	return rc;
}

static void journal_end(run_state *st, const char *state)
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
}

static void default_rejects_path(const char *path, char *out, size_t size)
{
	size_t n = strlen(path);

	if (n > 4 && (strcmp(path + n - 4, ".csv") == 0 || strcmp(path + n - 4, ".CSV") == 0 ||
	              strcmp(path + n - 4, ".txt") == 0 || strcmp(path + n - 4, ".tsv") == 0))
		n -= 4;
	snprintf(out, size, "%.*s.rejects.csv", (int)n, path);
}

/* The server spends an import inserting, one core per connection: checks on
 * a connection of their own and n writers (the caller's connection and new
 * ones), so the writes of batches overlap each other and the reading and
 * checking of the next.  Without the connections the import runs alone. */
#define WRITERS_DEFAULT 2

static void open_pipeline(run_state *st, cg_db *db, int n)
{
	cg_db_error ignored;

	if (cg_db_connect(&st->planner, &db->dsn, &ignored) < 0) {
		cg_db_close(&st->planner);
		return;
	}
	if (n > CG_IMPORT_WRITERS_MAX)
		n = CG_IMPORT_WRITERS_MAX;
	st->writers = cg_import_writers_open(db, n, 1, (unsigned)n + 1, batch_written, st);
	if (!st->writers) {
		cg_db_close(&st->planner);
		return;
	}
	st->imp.db = &st->planner;
	cg_import_seed_ids(&st->imp.ids, 0, (unsigned)n + 1);
	st->n_writers = n;
}

static void close_pipeline(run_state *st)
{
	if (!st->writers)
		return;
	cg_import_writers_close(st->writers);
	st->writers = NULL;
	cg_db_close(&st->planner);
	for (int k = 0; k < CG_IMPORT_WRITERS_MAX - 1; k++)
		cg_phone_set_free(&st->emails_in_flight[k]);
}

int cg_import_run(cg_db *db, const char *path, const cg_import_options *opt,
                  cg_import_report *report, cg_import_error *err)
{
	run_state *st = calloc(1, sizeof *st);
	cg_importer *imp;
	cg_csv_options copt;
	cg_csv_row row;
	cg_csv_error cerr;
	FILE *fp = NULL;
	uint64_t size = 0;
	int rc = -1, header_done = 0, journal_open = 0, seen_open = 0, n;

	memset(report, 0, sizeof *report);
	memset(err, 0, sizeof *err);
	if (!st) {
		set_err(err, CG_IMPORT_ERR_CSV, "out of memory");
		return -1;
	}
	imp = &st->imp;
	st->err = err;
	st->started = now_s();
	imp->db = db;
	imp->opt = opt;
	imp->rep = report;
	report->dry_run = opt->dry_run;
	imp->currency = opt->currency ? opt->currency : "RUB";
	imp->task_prefix = opt->lang && strcmp(opt->lang, "en") == 0 ? "Call: " : "Позвонить: ";
	imp->created_by = -1;
	imp->users = st->users;
	cg_import_seed_ids(&imp->ids, 0, 1);

	if (opt->crm && strcmp(opt->crm, "espocrm") == 0)
		imp->crm = &cg_import_espocrm;
	else if (opt->crm && strcmp(opt->crm, "suitecrm") == 0)
		imp->crm = &cg_import_suitecrm;
	else {
		set_err(err, CG_IMPORT_ERR_USAGE, "unknown CRM \"%s\" (espocrm or suitecrm)", opt->crm ? opt->crm : "");
		goto out;
	}
	if (!db || !db->mysql) {
		set_err(err, CG_IMPORT_ERR_DB, "the database connection is closed");
		goto out;
	}

	if (hash_file(path, imp->import_id, &size, err) < 0)
		goto out;
	memcpy(report->import_id, imp->import_id, sizeof report->import_id);
	report->bytes_total = size;
	if (opt->rejects_path && opt->rejects_path[0]) {
		snprintf(st->rejects_path, sizeof st->rejects_path, "%s", opt->rejects_path);
	} else {
		default_rejects_path(path, st->rejects_path, sizeof st->rejects_path);
		unlink(st->rejects_path); /* a stale one from an earlier run would mislead */
	}

	if (!opt->dry_run) {
		int load = cg_db_local_infile_allowed(db, &err->db);
		if (load < 0) {
			db_err(err);
			goto out;
		}
		/* the writers' cg_insert batches become LOAD DATA LOCAL fed from memory */
		db->bulk_load = report->load_data = load;
		/* SuiteCRM's tables are utf8mb3 and the text already fits them: no conversion per field */
		db->load_charset = st->imp.crm->utf8mb3 ? "utf8mb3" : NULL;
		if (opt->connections != 1)
			open_pipeline(st, db, opt->connections ? opt->connections - 1 : WRITERS_DEFAULT);
	}
	if (check_tables(st) < 0 || parse_assign(st) < 0 || load_creator(st) < 0)
		goto out;
	if (cg_import_seen_open(imp->db, &err->db) < 0) {
		db_err(err);
		goto out;
	}
	seen_open = 1;

	fp = fopen(path, "rb");
	if (!fp) {
		set_err(err, CG_IMPORT_ERR_CSV, "cannot open %s: %s", path, strerror(errno));
		goto out;
	}
	copt.encoding = opt->encoding;
	copt.delimiter = opt->delimiter;
	copt.max_field = opt->max_field;
	st->csv = cg_csv_open(fp, path, &copt, &cerr);
	if (!st->csv) {
		set_err(err, CG_IMPORT_ERR_CSV, "%s", cerr.message);
		goto out;
	}
	st->delim = cg_csv_delimiter(st->csv);
	report->delimiter = st->delim;

	if (!opt->dry_run) {
		if (journal_start(st, path, size) < 0)
			goto out;
		journal_open = 1;
	}

	while ((n = cg_csv_next(st->csv, &row, &cerr)) == 1) {
		if (!header_done) {
			char why[1024];
			const char *const *maps = opt->maps;
			if (row.problem != CG_CSV_ROW_OK) {
				cg_csv_describe_problem(&row, opt->max_field, why, sizeof why);
				set_err(err, CG_IMPORT_ERR_CSV, "%s: the header row (line %lu) cannot be read: %s", path,
				        row.line, why);
				goto out;
			}
			if (cg_csv_map_build(&st->map, &row, maps, opt->n_maps, why, sizeof why) < 0) {
				set_err(err, CG_IMPORT_ERR_CSV, "%s: %s", path, why);
				goto out;
			}
			if (opt->assign_from_column && st->map.first[CG_FIELD_MANAGER] < 0) {
				set_err(err, CG_IMPORT_ERR_USAGE, "%s: no manager column (Менеджер, Ответственный, Manager; "
				        "or name one with --assign-column COLUMN)", path);
				goto out;
			}
			st->header_count = row.count;
			{
				size_t len;
				char *raw = encode_row(&row, st->delim, &len);
				if (raw && len < sizeof st->header_raw) {
					memcpy(st->header_raw, raw, len);
					st->header_raw_len = len;
				}
				free(raw);
			}
			header_done = 1;
			continue;
		}
		if (row_is_blank(&row))
			continue;
		if (take_row(st, &row) < 0)
			goto out;
	}
	if (n < 0) {
		/* unreadable from here on: save what was read, then report */
		if (flush_batch(st, 1) < 0)
			goto out;
		set_err(err, CG_IMPORT_ERR_CSV, "%s", cerr.message);
		err->db.code = 0;
		goto out;
	}
	if (!header_done) {
		set_err(err, CG_IMPORT_ERR_CSV, "%s: the file is empty (no header row)", path);
		goto out;
	}
	if (flush_batch(st, 1) < 0 || (st->writers && cg_import_writers_drain(st->writers) < 0))
		goto out;
	rc = 0;

out:
	if (st->csv) {
		report->encoding[0] = '\0';
		snprintf(report->encoding, sizeof report->encoding, "%s",
		         cg_csv_encoding(st->csv) == CG_ENC_CP1251 ? "windows-1251" : "utf-8");
	}
	if (st->writers) {
		/* failed while writers had batches: they end (and count) before anything closes */
		cg_import_error first = *err;
		(void)cg_import_writers_drain(st->writers);
		*err = first;
	}
	if (rc == 0 || report->rows_read > 0)
		progress(st, 1);
	if (journal_open)
		journal_end(st, rc == 0 ? "done" : "failed");
	unlock_target(st);
	db->bulk_load = 0;
	db->load_charset = NULL;
	if (st->rejects && fclose(st->rejects) != 0 && rc == 0) {
		set_err(err, CG_IMPORT_ERR_USAGE, "cannot write the rejects file %s: %s", st->rejects_path, strerror(errno));
		rc = -1;
	}
	cg_csv_close(st->csv);
	if (fp)
		fclose(fp);
	if (seen_open)
		cg_import_seen_close(imp->db);
	close_pipeline(st);
	free(imp->arena);
	free(imp->items);
	free(imp->companies);
	free(st);
	return rc;
}
