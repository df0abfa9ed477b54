/*
 * The users of an import: the --assign managers taking turns by weight, the
 * managers a column names (loaded on first use), and the creator.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import_run.h"

typedef struct {
	cg_import_run_state *st;
	size_t from;       /* users[from..] are the ones asked for */
	size_t count;
} users_ctx;

static int user_row(void *ctx, const cg_db_cell *cell, unsigned fields)
{
	users_ctx *u = ctx;
	size_t i;

	if (fields < 4)
		return 0;
	for (i = u->from; i < u->from + u->count; i++) {
		cg_import_user *usr = &u->st->users[i];
		if (usr->id[0])
			continue;
		if ((strlen(usr->user_name) == cell[0].len && memcmp(usr->user_name, cell[0].s, cell[0].len) == 0) ||
		    (cell[1].s && strlen(usr->user_name) == cell[1].len && memcmp(usr->user_name, cell[1].s, cell[1].len) == 0)) {
			snprintf(usr->id, sizeof usr->id, "%.*s", (int)cell[0].len, cell[0].s);
			snprintf(usr->user_name, sizeof usr->user_name, "%.*s", (int)cell[1].len, cell[1].s ? cell[1].s : "");
			snprintf(usr->display, sizeof usr->display, "%.*s", (int)cell[2].len, cell[2].s ? cell[2].s : "");
			usr->active = cell[3].s && cell[3].s[0] == '1';
		}
	}
	return 0;
}

static int group_row(void *ctx, const cg_db_cell *cell, unsigned fields)
{
	users_ctx *u = ctx;
	size_t i;

	if (fields < 2 || !cell[0].s || !cell[1].s)
		return 0;
	for (i = u->from; i < u->from + u->count; i++) {
		cg_import_user *usr = &u->st->users[i];
		if (strlen(usr->id) == cell[0].len && memcmp(usr->id, cell[0].s, cell[0].len) == 0 &&
		    usr->n_groups < CG_IMPORT_GROUPS_MAX) {
			snprintf(usr->groups[usr->n_groups++], CG_ID_SIZE, "%.*s", (int)cell[1].len, cell[1].s);
		}
	}
	return 0;
}

/* Fills users[from..from+count) (user_name holding what was asked: a user name or an id). */
static int load_users(cg_import_run_state *st, size_t from, size_t count)
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
	rc = cg_sql_select(imp->db, &sql, "reading the users", user_row, &u, &st->err->db);
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
			rc = cg_sql_select(imp->db, &sql, "reading the users' teams", group_row, &u, &st->err->db);
			cg_sqlbuf_free(&sql);
		}
		cg_sqlbuf_free(&ids);
	}
	cg_sqlbuf_free(&list);
	if (rc < 0)
		cg_import_db_err(st->err);
	return rc;
}

int cg_import_parse_assign(cg_import_run_state *st)
{
	const cg_import_options *o = st->imp.opt;
	size_t i;

	if (o->n_assign == 0 && !o->assign_from_column) {
		cg_import_set_err(st->err, CG_IMPORT_ERR_USAGE, "no managers to assign: give --assign USER[,USER...] "
		        "(user names or ids, optionally USER:WEIGHT) or --assign-column COLUMN");
		return -1;
	}
	if (o->n_assign > CG_IMPORT_USERS_MAX / 2) {
		cg_import_set_err(st->err, CG_IMPORT_ERR_USAGE, "too many managers in --assign (at most %d)", CG_IMPORT_USERS_MAX / 2);
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
				cg_import_set_err(st->err, CG_IMPORT_ERR_USAGE, "--assign \"%s\": the weight after ':' must be "
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
			cg_import_set_err(st->err, CG_IMPORT_ERR_USAGE, "--assign: \"%s\" is not a user name or id", o->assign[i]);
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
			cg_import_set_err(st->err, CG_IMPORT_ERR_USAGE, "--assign: no user \"%s\" in the %s database (give a "
			        "user name or id)", u->user_name, st->imp.crm->name);
			return -1;
		}
		if (!u->active) {
			cg_import_set_err(st->err, CG_IMPORT_ERR_USAGE, "--assign: user \"%s\" (%s) is not an active user who "
			        "can be assigned records", u->user_name, u->id);
			return -1;
		}
	}
	return 0;
}

/* The user a manager cell names (user name or id), loading it on first use; -1 when none is active. */
int cg_import_manager_of(cg_import_run_state *st, const char *name, size_t len, char *why, size_t why_size)
{
	size_t i;

	for (i = 0; i < st->imp.n_users; i++) {
		cg_import_user *u = &st->users[i];
		if ((strlen(u->user_name) == len && memcmp(u->user_name, name, len) == 0) ||
		    (strlen(u->id) == len && memcmp(u->id, name, len) == 0))
			goto found;
	}
	if (st->imp.n_users >= CG_IMPORT_USERS_MAX || len == 0 || len >= sizeof st->users[0].user_name) {
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

int cg_import_pick_round_robin(cg_import_run_state *st)
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

/* The first row's first column as a user's name (the admin query's answer). */
static int first_name(void *ctx, const cg_db_cell *cell, unsigned fields)
{
	cg_import_user *usr = ctx;

	if (fields > 0 && cell[0].s && !usr->user_name[0])
		snprintf(usr->user_name, sizeof usr->user_name, "%.*s", (int)cell[0].len, cell[0].s);
	return 0;
}

int cg_import_load_creator(cg_import_run_state *st)
{
	cg_importer *imp = &st->imp;
	size_t i = imp->n_users;

	if (i >= CG_IMPORT_USERS_MAX) {
		cg_import_set_err(st->err, CG_IMPORT_ERR_USAGE, "too many users");
		return -1;
	}
	memset(&st->users[i], 0, sizeof st->users[i]);
	if (imp->opt->created_by && imp->opt->created_by[0]) {
		snprintf(st->users[i].user_name, sizeof st->users[i].user_name, "%s", imp->opt->created_by);
	} else {
		/* the first active admin */
		cg_sqlbuf sql = {0};
		int rc;
		cg_sqlbuf_appends(&sql, imp->crm->admin_sql);
		rc = cg_sql_select(imp->db, &sql, "looking for an admin user", first_name, &st->users[i], &st->err->db);
		cg_sqlbuf_free(&sql);
		if (rc < 0) {
			cg_import_db_err(st->err);
			return -1;
		}
		if (!st->users[i].user_name[0]) {
			cg_import_set_err(st->err, CG_IMPORT_ERR_USAGE, "no active admin user to create the records as: "
			        "give created_by (--created-by USER)");
			return -1;
		}
	}
	imp->n_users++;
	if (load_users(st, i, 1) < 0)
		return -1;
	if (!st->users[i].id[0]) {
		cg_import_set_err(st->err, CG_IMPORT_ERR_USAGE, "created_by: no user \"%s\"", st->users[i].user_name);
		return -1;
	}
	imp->created_by = (int)i;
	return 0;
}
