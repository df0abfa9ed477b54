/*
 * The rules of rules.h with the facts they need from the CRM's database:
 * who is an administrator, who supervises whom, and the stage log.
 *
 * Administrators: the CRM's own flag (SuiteCRM users.is_admin; EspoCRM
 * user.type admin or super-admin) on a user that is not deleted.
 *
 * Supervisor rules (the `supervisor` option):
 *   field:<column>    the user table's <column> holds the user's supervisor
 *                     id (SuiteCRM's default: field:reports_to_id; EspoCRM: a
 *                     custom link, e.g. field:c_supervisor_id).  The chain is
 *                     followed upwards, so the supervisor's own supervisor
 *                     (the head of sales) counts too (at most 16 levels,
 *                     cycles stop it).
 *   team_role:<role>  a member of one of the assigned user's teams whose
 *                     role in that team is <role> (EspoCRM team_user.role;
 *                     EspoCRM's default: team_role:Supervisor).
 *   none              nobody: only administrators change statuses.
 * The assigned user never counts as his own supervisor.
 */
#ifndef CRMGUARD_RULES_DB_H
#define CRMGUARD_RULES_DB_H

#include <stddef.h>

#include "crm.h"
#include "db.h"
#include "rules.h"

typedef enum { CG_SUPERVISOR_FIELD, CG_SUPERVISOR_TEAM_ROLE, CG_SUPERVISOR_NONE } cg_supervisor_kind;

typedef struct {
	cg_supervisor_kind kind;
	char arg[CG_RULE_KEY_MAX + 1];   /* the column or the role */
} cg_supervisor_rule;

/*
 * Reads a supervisor rule; spec NULL or "" is the CRM's default.  -1 with a
 * reason in why (English) when the spec is malformed or the CRM has no such
 * thing (team roles in SuiteCRM).
 */
int cg_supervisor_rule_parse(const cg_crm_profile *profile, const char *spec, size_t len,
                             cg_supervisor_rule *out, char *why, size_t why_size);

/* *yes: user_id is a live administrator.  0, or -1 with *err. */
int cg_rules_is_admin(cg_db *db, const cg_crm_profile *profile, const char *user_id, size_t len, int *yes,
                      cg_db_error *err);

/* *yes: actor supervises assigned under rule.  0, or -1 with *err. */
int cg_rules_is_supervisor(cg_db *db, const cg_crm_profile *profile, const cg_supervisor_rule *rule,
                           const char *actor, size_t actor_len, const char *assigned, size_t assigned_len,
                           int *yes, cg_db_error *err);

/* cg_rules_check_status() with the actor's facts read from the database
 * (only when the answer depends on them).  is_new: the company is being
 * created.  actor NULL: the CRM itself (its system user: workflows, jobs),
 * not a person, allowed as an administrator is; "" is nobody.  assigned NULL
 * or "": none. */
int cg_rules_check_status_db(cg_db *db, const cg_crm_profile *profile, const cg_rules *rules,
                             const cg_supervisor_rule *rule, int is_new, const char *from, size_t from_len,
                             const char *to, size_t to_len, const char *actor, size_t actor_len,
                             const char *assigned, size_t assigned_len, cg_lang lang,
                             cg_rule_result *out, cg_db_error *err);

/* cg_rules_check_stage() with actor NULL (not an admin) or a user id. */
int cg_rules_check_stage_db(cg_db *db, const cg_crm_profile *profile, const cg_rules *rules, int is_new,
                            const char *from, size_t from_len, const char *to, size_t to_len,
                            const char *reason, size_t reason_len, const char *actor, size_t actor_len,
                            cg_lang lang, cg_rule_result *out, cg_db_error *err);

/* The longest ids and stage values crmguard_stage_log takes. */
#define CG_STAGE_LOG_ID_MAX 36

/*
 * Appends a row to crmguard_stage_log (changed_at: the server's UTC time, as
 * both CRMs store times).  Values too long for the table are refused with
 * -2 and a message in *err naming the value; database errors give -1.
 */
int cg_rules_log_stage_change(cg_db *db, const char *deal_id, size_t deal_len, const char *user_id,
                              size_t user_len, const char *from, size_t from_len, const char *to,
                              size_t to_len, const char *reason, size_t reason_len, cg_db_error *err);

#endif
