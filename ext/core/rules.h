/*
 * The sales-process rules: which deal-stage moves are allowed, when a failure
 * reason is needed, and who may change a company's status.  One
 * implementation for both CRMs (design.md, principle 1); plain C, no
 * database: the facts about people (is the actor an admin, the assigned
 * user's supervisor) are found by rules_db.c and passed in.
 *
 * Deal stages fall in four classes:
 *   NEW      'New'
 *   OPEN     'Calling' and the deployment's extra stages (cg_rules_add_stage)
 *   CLOSED   'Closed Won' (Success) and 'Closed Lost' (Failure)
 *   FOREIGN  any other value: the CRM's own stages (Prospecting, ...) that
 *            deals created before crmguard may still be in
 *
 * Whether the deal is new is the caller's explicit flag (the CRM's own: a
 * record not yet stored), never guessed from an empty stored stage.  An
 * existing deal whose stored stage is empty is FOREIGN (an old deal).
 *
 * Moves for everybody (from -> to; "=" is the same stage again):
 *   (new deal)  -> (empty)                   allowed: the deal starts in 'New'
 *   (existing)  -> (empty)                   stage_required: the stored stage
 *                                            stays (empty -> empty: unchanged)
 *   (new deal)  -> NEW, OPEN                 allowed
 *   (new deal)  -> CLOSED                    transition_not_allowed (a deal starts open)
 *   NEW         -> OPEN, CLOSED              allowed (one call may settle it)
 *   OPEN        -> OPEN, CLOSED              allowed
 *   OPEN        -> NEW                       transition_not_allowed (a call was made)
 *   CLOSED      -> anything else             deal_closed (final; only an admin reopens)
 *   FOREIGN     -> NEW, OPEN, CLOSED         allowed (an old deal joins the process)
 *   any         -> FOREIGN                   unknown_stage
 *   X           -> X (=)                     allowed
 * An administrator may make every move between known stages (reopen, go back
 * to New, create a closed deal); nobody may enter a FOREIGN stage.
 * Whoever makes it, a move to (or save in) 'Closed Lost' needs a failure
 * reason from the list (failure_reason_required / unknown_failure_reason).
 *
 * Company status (a stored null or '' means "waiting": a missing value is
 * waiting).  A status given as null or '' is no status given: a new company
 * gets 'waiting', an existing one keeps what it has (no permission needed).
 * Whether the company is new is the caller's explicit flag (a company stored
 * without any status value, e.g. a SuiteCRM account without an accounts_cstm
 * row, is an existing company in 'waiting', not a new one).
 *   no status given                                allowed (value as above)
 *   unchanged (also: a new company in 'waiting')   allowed
 *   unknown target status                          unknown_status
 *   otherwise: admin                                allowed
 *              no assigned user                     no_assigned_user
 *              the assigned user himself            owner_may_not_change
 *              the assigned user's supervisor       allowed
 *              anyone else                          not_supervisor
 *                                                   (new_company_status on create)
 */
#ifndef CRMGUARD_RULES_H
#define CRMGUARD_RULES_H

#include <stddef.h>

#include "messages.h"

/* Longest stage, status or reason key (the CRMs' enum columns are varchar(100)). */
#define CG_RULE_KEY_MAX 100
#define CG_RULE_MESSAGE_SIZE 1024

typedef enum {
	CG_RULE_OK = 0,
	CG_RULE_UNKNOWN_STAGE,
	CG_RULE_TRANSITION_NOT_ALLOWED,
	CG_RULE_DEAL_CLOSED,
	CG_RULE_FAILURE_REASON_REQUIRED,
	CG_RULE_UNKNOWN_FAILURE_REASON,
	CG_RULE_UNKNOWN_STATUS,
	CG_RULE_NOT_SUPERVISOR,
	CG_RULE_OWNER_MAY_NOT_CHANGE,
	CG_RULE_NO_ASSIGNED_USER,
	CG_RULE_NEW_COMPANY_STATUS,
	CG_RULE_STAGE_REQUIRED
} cg_rule_code;

/* The stable code string of the PHP API ("ok", "transition_not_allowed", ...). */
const char *cg_rule_code_name(cg_rule_code code);

typedef struct {
	int allowed;
	cg_rule_code code;
	char message[CG_RULE_MESSAGE_SIZE]; /* UTF-8, in the requested language */
	/*
	 * The value the record is to be saved with: when allowed, the target (or
	 * the start value for an empty one on a new record); when refused, the
	 * stored value (a new record: the start value, 'New' or 'waiting').
	 */
	char value[CG_RULE_KEY_MAX + 1];
} cg_rule_result;

typedef enum {
	CG_STAGE_NEW,
	CG_STAGE_OPEN,
	CG_STAGE_CLOSED_WON,
	CG_STAGE_CLOSED_LOST,
	CG_STAGE_FOREIGN
} cg_stage_class;

/* A deployment's configuration: the built-in keys plus its extras. */
typedef struct cg_rules cg_rules;

cg_rules *cg_rules_new(void);
void cg_rules_free(cg_rules *rules);

/*
 * Extras.  0 when added (or already known), -1 when the key is empty, longer
 * than CG_RULE_KEY_MAX bytes, not UTF-8 or holds control characters.
 * A stage added here is an OPEN stage.
 */
int cg_rules_add_stage(cg_rules *rules, const char *key, size_t len);
int cg_rules_add_status(cg_rules *rules, const char *key, size_t len);
int cg_rules_add_failure_reason(cg_rules *rules, const char *key, size_t len);

cg_stage_class cg_rules_stage_class(const cg_rules *rules, const char *stage, size_t len);

/* The lists, built-ins first (for messages, dropdowns and tests). */
size_t cg_rules_stage_count(const cg_rules *rules);
const char *cg_rules_stage(const cg_rules *rules, size_t i);
size_t cg_rules_status_count(const cg_rules *rules);
const char *cg_rules_status(const cg_rules *rules, size_t i);
size_t cg_rules_failure_reason_count(const cg_rules *rules);
const char *cg_rules_failure_reason(const cg_rules *rules, size_t i);

/* 'waiting'. */
const char *cg_rules_default_status(void);

/*
 * A deal's stage change.  is_new: the deal is being created (from is then
 * ignored); to NULL or "" is no stage given; reason NULL or "" is none.
 * actor_is_admin: the user making the change is an administrator.
 */
void cg_rules_check_stage(const cg_rules *rules, int is_new, const char *from, size_t from_len,
                          const char *to, size_t to_len, const char *reason, size_t reason_len,
                          int actor_is_admin, cg_lang lang, cg_rule_result *out);

/* What the caller found out about the user making a status change. */
typedef struct {
	int is_create;       /* the company is being created (the caller's flag) */
	int is_admin;        /* the actor is an administrator */
	int has_assigned;    /* the company has an assigned (responsible) user */
	int is_owner;        /* the actor is that assigned user */
	int is_supervisor;   /* the actor is the assigned user's supervisor */
} cg_status_actor;

/* to NULL or "": no status given; from is ignored when actor->is_create. */
void cg_rules_check_status(const cg_rules *rules, const char *from, size_t from_len,
                           const char *to, size_t to_len, const cg_status_actor *actor,
                           cg_lang lang, cg_rule_result *out);

#endif
