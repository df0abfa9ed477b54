/*
 * Facts about people from the CRM's database, and the stage log (rules_db.h).
 */
#include "rules_db.h"

#include <stdio.h>
#include <string.h>

#include "sql_insert.h"
#include "sqlbuf.h"

/* [A-Za-z_][A-Za-z0-9_]{0,63}: a column name that may go between backquotes. */
static int is_identifier(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || len > 64)
		return 0;
	for (i = 0; i < len; i++) {
		char c = s[i];
		int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
		if (!ok)
			return 0;
	}
	return 1;
}

/* No CRM has ids this long: such a value matches nobody, without asking the server. */
#define USER_ID_MAX 64
#define CHAIN_MAX 16

static const char *default_rule(const cg_crm_profile *p, char *buf, size_t size)
{
	if (p->user_supervisor_column)
		snprintf(buf, size, "field:%s", p->user_supervisor_column);
	else if (p->team_user_table)
		snprintf(buf, size, "team_role:Supervisor");
	else
		snprintf(buf, size, "none");
	return buf;
}

int cg_supervisor_rule_parse(const cg_crm_profile *profile, const char *spec, size_t len,
                             cg_supervisor_rule *out, char *why, size_t why_size)
{
	char def[CG_RULE_KEY_MAX + 16];
	const char *arg;
	size_t arg_len;

	memset(out, 0, sizeof *out);
	if (!spec || len == 0) {
		spec = default_rule(profile, def, sizeof def);
		len = strlen(spec);
	}
	if (len == 4 && memcmp(spec, "none", 4) == 0) {
		out->kind = CG_SUPERVISOR_NONE;
		return 0;
	}
	if (len > 6 && memcmp(spec, "field:", 6) == 0) {
		arg = spec + 6;
		arg_len = len - 6;
		if (!is_identifier(arg, arg_len)) {
			snprintf(why, why_size, "the column in \"field:<column>\" must be a plain column name "
			         "(letters, digits, underscores)");
			return -1;
		}
		out->kind = CG_SUPERVISOR_FIELD;
	} else if (len > 10 && memcmp(spec, "team_role:", 10) == 0) {
		arg = spec + 10;
		arg_len = len - 10;
		if (!profile->team_user_table) {
			snprintf(why, why_size, "%s has no team roles; use \"field:<column>\"", profile->name);
			return -1;
		}
		if (arg_len > CG_RULE_KEY_MAX || memchr(arg, '\0', arg_len)) {
			snprintf(why, why_size, "the role in \"team_role:<role>\" must be at most %d bytes of text",
			         CG_RULE_KEY_MAX);
			return -1;
		}
		out->kind = CG_SUPERVISOR_TEAM_ROLE;
	} else {
		snprintf(why, why_size, "must be \"field:<user column>\", \"team_role:<role>\" or \"none\"");
		return -1;
	}
	memcpy(out->arg, arg, arg_len);
	out->arg[arg_len] = '\0';
	return 0;
}

static int ensure_connected(cg_db *db, cg_db_error *err)
{
	return db->mysql ? 0 : cg_db_reset(db, err);
}

typedef struct {
	char *value;
	size_t size;
	int *found;
	int rows;
} first_value;

static int first_row(void *ctx, const cg_db_cell *cells, unsigned count)
{
	first_value *f = ctx;

	if (f->rows++ == 0 && count > 0 && cells[0].s) {
		size_t n = cells[0].len < f->size - 1 ? cells[0].len : f->size - 1;
		memcpy(f->value, cells[0].s, n);
		f->value[n] = '\0';
		*f->found = 1;
	}
	return 0;
}

/*
 * Runs a read and copies the first column of its first row into value
 * (*found 0 when there is no row or it is NULL).
 */
static int read_one(cg_db *db, cg_sqlbuf *sql, char *value, size_t size, int *found, cg_db_error *err)
{
	first_value f = {value, size, found, 0};
	int rc;

	*found = 0;
	rc = cg_sql_select(db, sql, NULL, first_row, &f, err);
	cg_sqlbuf_free(sql);
	return rc ? -1 : 0; /* first_row never stops it */
}

int cg_rules_is_admin(cg_db *db, const cg_crm_profile *p, const char *user_id, size_t len, int *yes,
                      cg_db_error *err)
{
	cg_sqlbuf sql;
	char one[8];

	*yes = 0;
	if (!user_id || len == 0 || len > USER_ID_MAX)
		return 0;
	if (ensure_connected(db, err) != 0)
		return -1;
	cg_sqlbuf_init(&sql);
	cg_sqlbuf_printf(&sql, "SELECT 1 FROM `%s` t WHERE t.id = ", p->user_table);
	cg_sqlbuf_append_quoted(&sql, db->mysql, user_id, len);
	cg_sqlbuf_printf(&sql, " AND COALESCE(t.deleted, 0) = 0 AND %s", p->user_is_admin_sql);
	return read_one(db, &sql, one, sizeof one, yes, err);
}

static int same(const char *a, size_t a_len, const char *b, size_t b_len)
{
	return a_len == b_len && memcmp(a, b, a_len) == 0;
}

/* field:<column>: walks the chain of supervisors upwards from the assigned user. */
static int supervisor_by_field(cg_db *db, const cg_crm_profile *p, const char *column, const char *actor,
                               size_t actor_len, const char *assigned, size_t assigned_len, int *yes,
                               cg_db_error *err)
{
	char seen[CHAIN_MAX][USER_ID_MAX + 1];
	char cur[USER_ID_MAX + 1];
	int depth, found, i;

	memcpy(cur, assigned, assigned_len);
	cur[assigned_len] = '\0';
	for (depth = 0; depth < CHAIN_MAX; depth++) {
		cg_sqlbuf sql;
		char up[USER_ID_MAX + 2];

		memcpy(seen[depth], cur, sizeof cur);
		cg_sqlbuf_init(&sql);
		/* column passed cg_supervisor_rule_parse: a plain identifier */
		cg_sqlbuf_printf(&sql, "SELECT t.`%s` FROM `%s` t WHERE t.id = ", column, p->user_table);
		cg_sqlbuf_append_quoted(&sql, db->mysql, cur, strlen(cur));
		if (read_one(db, &sql, up, sizeof up, &found, err) != 0)
			return -1;
		if (!found || up[0] == '\0' || strlen(up) > USER_ID_MAX)
			return 0;
		if (same(up, strlen(up), actor, actor_len)) {
			*yes = 1;
			return 0;
		}
		for (i = 0; i <= depth; i++)
			if (strcmp(seen[i], up) == 0)
				return 0;   /* a cycle */
		memcpy(cur, up, strlen(up) + 1);
	}
	return 0;
}

/* team_role:<role>: the actor holds <role> in a team the assigned user belongs to. */
static int supervisor_by_team_role(cg_db *db, const cg_crm_profile *p, const char *role, const char *actor,
                                   size_t actor_len, const char *assigned, size_t assigned_len, int *yes,
                                   cg_db_error *err)
{
	cg_sqlbuf sql;
	char one[8];

	cg_sqlbuf_init(&sql);
	cg_sqlbuf_printf(&sql, "SELECT 1 FROM `%s` boss JOIN `%s` member ON member.team_id = boss.team_id "
	                 "AND member.deleted = 0 WHERE boss.user_id = ", p->team_user_table, p->team_user_table);
	cg_sqlbuf_append_quoted(&sql, db->mysql, actor, actor_len);
	cg_sqlbuf_appends(&sql, " AND boss.role = ");
	cg_sqlbuf_append_quoted(&sql, db->mysql, role, strlen(role));
	cg_sqlbuf_appends(&sql, " AND boss.deleted = 0 AND member.user_id = ");
	cg_sqlbuf_append_quoted(&sql, db->mysql, assigned, assigned_len);
	cg_sqlbuf_appends(&sql, " LIMIT 1");
	return read_one(db, &sql, one, sizeof one, yes, err);
}

int cg_rules_is_supervisor(cg_db *db, const cg_crm_profile *p, const cg_supervisor_rule *rule,
                           const char *actor, size_t actor_len, const char *assigned, size_t assigned_len,
                           int *yes, cg_db_error *err)
{
	*yes = 0;
	if (!actor || !assigned || actor_len == 0 || assigned_len == 0 || actor_len > USER_ID_MAX
	    || assigned_len > USER_ID_MAX || same(actor, actor_len, assigned, assigned_len))
		return 0;
	if (rule->kind == CG_SUPERVISOR_NONE)
		return 0;
	if (ensure_connected(db, err) != 0)
		return -1;
	if (rule->kind == CG_SUPERVISOR_FIELD)
		return supervisor_by_field(db, p, rule->arg, actor, actor_len, assigned, assigned_len, yes, err);
	return supervisor_by_team_role(db, p, rule->arg, actor, actor_len, assigned, assigned_len, yes, err);
}

int cg_rules_check_status_db(cg_db *db, const cg_crm_profile *p, const cg_rules *rules,
                             const cg_supervisor_rule *rule, int is_new, const char *from, size_t from_len,
                             const char *to, size_t to_len, const char *actor, size_t actor_len,
                             const char *assigned, size_t assigned_len, cg_lang lang,
                             cg_rule_result *out, cg_db_error *err)
{
	cg_status_actor facts = { 0, 0, 0, 0, 0 };

	facts.is_create = is_new;
	facts.has_assigned = assigned && assigned_len > 0;
	/* No actor: the CRM itself (workflows, jobs), not a person: not checked. */
	facts.is_admin = actor == NULL;
	facts.is_owner = actor && facts.has_assigned && same(actor, actor_len, assigned, assigned_len);
	/* Unchanged, no status given or unknown needs nobody's rights: answer without the database. */
	cg_rules_check_status(rules, from, from_len, to, to_len, &facts, lang, out);
	if (out->allowed || out->code == CG_RULE_UNKNOWN_STATUS)
		return 0;
	if (cg_rules_is_admin(db, p, actor, actor_len, &facts.is_admin, err) != 0)
		return -1;
	if (!facts.is_admin && facts.has_assigned && !facts.is_owner
	    && cg_rules_is_supervisor(db, p, rule, actor, actor_len, assigned, assigned_len, &facts.is_supervisor, err) != 0)
		return -1;
	cg_rules_check_status(rules, from, from_len, to, to_len, &facts, lang, out);
	return 0;
}

int cg_rules_check_stage_db(cg_db *db, const cg_crm_profile *p, const cg_rules *rules, int is_new,
                            const char *from, size_t from_len, const char *to, size_t to_len,
                            const char *reason, size_t reason_len, const char *actor, size_t actor_len,
                            cg_lang lang, cg_rule_result *out, cg_db_error *err)
{
	int admin = 0;

	cg_rules_check_stage(rules, is_new, from, from_len, to, to_len, reason, reason_len, 0, lang, out);
	/* Only the moves refused to a manager may be an admin's to make. */
	if (out->allowed || !actor || (out->code != CG_RULE_DEAL_CLOSED && out->code != CG_RULE_TRANSITION_NOT_ALLOWED))
		return 0;
	if (cg_rules_is_admin(db, p, actor, actor_len, &admin, err) != 0)
		return -1;
	if (admin)
		cg_rules_check_stage(rules, is_new, from, from_len, to, to_len, reason, reason_len, 1, lang, out);
	return 0;
}

/* ", 'value'", or ", NULL" for no value. */
static void then_value(cg_sqlbuf *b, MYSQL *mysql, const char *s, size_t n)
{
	cg_sqlbuf_appends(b, ", ");
	if (s)
		cg_sqlbuf_append_quoted(b, mysql, s, n);
	else
		cg_sqlbuf_appends(b, "NULL");
}

static int too_long(const char *what, size_t len, size_t max, cg_db_error *err)
{
	if (len <= max)
		return 0;
	cg_db_set_message(err, "crmguard_stage_log: %s is %zu bytes, at most %zu fit", what, len, max);
	return 1;
}

int cg_rules_log_stage_change(cg_db *db, const char *deal_id, size_t deal_len, const char *user_id,
                              size_t user_len, const char *from, size_t from_len, const char *to,
                              size_t to_len, const char *reason, size_t reason_len, cg_db_error *err)
{
	cg_sqlbuf sql;
	int rc;

	if (deal_len == 0) {
		cg_db_set_message(err, "crmguard_stage_log: the deal id is empty");
		return -2;
	}
	if (to_len == 0) {
		cg_db_set_message(err, "crmguard_stage_log: the new stage is empty");
		return -2;
	}
	if (too_long("the deal id", deal_len, CG_STAGE_LOG_ID_MAX, err)
	    || too_long("the user id", user_id ? user_len : 0, CG_STAGE_LOG_ID_MAX, err)
	    || too_long("the old stage", from ? from_len : 0, CG_RULE_KEY_MAX, err)
	    || too_long("the new stage", to_len, CG_RULE_KEY_MAX, err)
	    || too_long("the failure reason", reason ? reason_len : 0, CG_RULE_KEY_MAX, err))
		return -2;
	if (ensure_connected(db, err) != 0)
		return -1;
	/* An empty value is no value. */
	if (user_id && user_len == 0) user_id = NULL;
	if (from && from_len == 0) from = NULL;
	if (reason && reason_len == 0) reason = NULL;
	cg_sqlbuf_init(&sql);
	cg_sqlbuf_appends(&sql, "INSERT INTO crmguard_stage_log (deal_id, user_id, from_stage, to_stage, failure_reason, "
	                     "changed_at) VALUES (");
	cg_sqlbuf_append_quoted(&sql, db->mysql, deal_id, deal_len);
	then_value(&sql, db->mysql, user_id, user_len);
	then_value(&sql, db->mysql, from, from_len);
	then_value(&sql, db->mysql, to, to_len);
	then_value(&sql, db->mysql, reason, reason_len);
	cg_sqlbuf_appends(&sql, ", UTC_TIMESTAMP())");
	rc = sql.failed ? -1 : cg_db_query(db, sql.data, sql.len, NULL, 0, NULL, NULL, NULL, err);
	if (sql.failed)
		cg_db_set_message(err, "out of memory");
	cg_sqlbuf_free(&sql);
	return rc;
}
