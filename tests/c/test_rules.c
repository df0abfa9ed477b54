/*
 * Unit tests of the sales-process rules (ext/core/rules.h): the whole
 * stage-transition table for a manager and for an admin, the failure-reason
 * rule, the company-status permission matrix and the messages.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "rules.h"

#define OK   CG_RULE_OK
#define TNA  CG_RULE_TRANSITION_NOT_ALLOWED
#define DC   CG_RULE_DEAL_CLOSED
#define UNK  CG_RULE_UNKNOWN_STAGE

/* A deployment with one extra open stage; 'Prospecting' stands for the CRM's own stages. */
static cg_rules *deployment(void)
{
	cg_rules *r = cg_rules_new();

	assert_non_null(r);
	assert_int_equal(cg_rules_add_stage(r, "Meeting", 7), 0);
	return r;
}

static cg_rule_code stage(const cg_rules *r, const char *from, const char *to, const char *reason,
                          int admin, cg_rule_result *res)
{
	/* Exact-length heap copies: valgrind sees any read past a value. */
	size_t fl = from ? strlen(from) : 0, tl = strlen(to), rl = reason ? strlen(reason) : 0;
	char *f = from ? malloc(fl + 1) : NULL, *t = malloc(tl + 1), *re = reason ? malloc(rl + 1) : NULL;

	if (f) memcpy(f, from, fl);
	memcpy(t, to, tl);
	if (re) memcpy(re, reason, rl);
	cg_rules_check_stage(r, f == NULL, f, fl, t, tl, re, rl, admin, CG_LANG_EN, res);
	free(f);
	free(t);
	free(re);
	assert_int_equal(res->allowed, res->code == CG_RULE_OK);
	assert_true(strlen(res->message) > 0);
	return res->code;
}

static const char *const FROM[] = { NULL, "New", "Calling", "Meeting", "Closed Won", "Closed Lost", "Prospecting" };
static const char *const TO[] = { "New", "Calling", "Meeting", "Closed Won", "Closed Lost", "Prospecting" };

/* Rows: FROM (NULL = a new deal); columns: TO.  'Closed Lost' is given the reason no_interest. */
static const cg_rule_code manager_table[7][6] = {
	/*               New  Calling Meeting Won  Lost Prospecting */
	/* (new)    */ { OK,  OK,     OK,     TNA, TNA, UNK },
	/* New      */ { OK,  OK,     OK,     OK,  OK,  UNK },
	/* Calling  */ { TNA, OK,     OK,     OK,  OK,  UNK },
	/* Meeting  */ { TNA, OK,     OK,     OK,  OK,  UNK },
	/* Won      */ { DC,  DC,     DC,     OK,  DC,  UNK },
	/* Lost     */ { DC,  DC,     DC,     DC,  OK,  UNK },
	/* Prosp.   */ { OK,  OK,     OK,     OK,  OK,  OK  },
};

static const cg_rule_code admin_table[7][6] = {
	/*               New  Calling Meeting Won  Lost Prospecting */
	/* (new)    */ { OK,  OK,     OK,     OK,  OK,  UNK },
	/* New      */ { OK,  OK,     OK,     OK,  OK,  UNK },
	/* Calling  */ { OK,  OK,     OK,     OK,  OK,  UNK },
	/* Meeting  */ { OK,  OK,     OK,     OK,  OK,  UNK },
	/* Won      */ { OK,  OK,     OK,     OK,  OK,  UNK },
	/* Lost     */ { OK,  OK,     OK,     OK,  OK,  UNK },
	/* Prosp.   */ { OK,  OK,     OK,     OK,  OK,  OK  },
};

static void check_table(const cg_rule_code table[7][6], int admin)
{
	cg_rules *r = deployment();
	cg_rule_result res;
	size_t i, j;
	int wrong = 0;

	for (i = 0; i < 7; i++) {
		for (j = 0; j < 6; j++) {
			const char *reason = strcmp(TO[j], "Closed Lost") == 0 ? "no_interest" : NULL;
			cg_rule_code got = stage(r, FROM[i], TO[j], reason, admin, &res);

			if (got != table[i][j]) {
				print_error("%s %s -> %s: expected %s, got %s (%s)\n", admin ? "admin" : "manager",
				            FROM[i] ? FROM[i] : "(new)", TO[j], cg_rule_code_name(table[i][j]),
				            cg_rule_code_name(got), res.message);
				wrong++;
			}
		}
	}
	cg_rules_free(r);
	assert_int_equal(wrong, 0);
}

static void test_manager_transitions(void **state) { (void)state; check_table(manager_table, 0); }
static void test_admin_transitions(void **state) { (void)state; check_table(admin_table, 1); }

/* The empty string is a new deal, like NULL. */
/* The stage a hook is told to save: the rule's value, checked on every path. */
static cg_rule_code stage_is(const cg_rules *r, int is_new, const char *from, const char *to, int admin,
                             cg_rule_result *res)
{
	cg_rules_check_stage(r, is_new, from, from ? strlen(from) : 0, to, to ? strlen(to) : 0, NULL, 0, admin,
	                     CG_LANG_EN, res);
	assert_int_equal(res->allowed, res->code == CG_RULE_OK);
	return res->code;
}

/* Issue 13 (9a): "new" is the caller's flag; an empty stage neither makes a deal new nor empties it. */
static void test_empty_stage(void **state)
{
	cg_rules *r = deployment();
	cg_rule_result res;

	(void)state;
	/* A new deal without a stage starts in New; a new deal ignores any from. */
	assert_int_equal(stage_is(r, 1, NULL, "", 0, &res), OK);
	assert_string_equal(res.value, "New");
	assert_int_equal(stage_is(r, 1, NULL, NULL, 0, &res), OK);
	assert_string_equal(res.value, "New");
	assert_int_equal(stage_is(r, 1, "Closed Won", "Calling", 0, &res), OK);
	assert_string_equal(res.value, "Calling");
	assert_int_equal(stage_is(r, 1, NULL, "Closed Won", 0, &res), TNA);
	assert_string_equal(res.value, "New");
	/* An existing deal cannot be emptied: refused, the stored stage stays. */
	assert_int_equal(stage_is(r, 0, "Closed Won", "", 0, &res), CG_RULE_STAGE_REQUIRED);
	assert_string_equal(res.value, "Closed Won");
	assert_string_equal(res.message, "A deal's stage cannot be emptied: it stays \"Success\".");
	assert_int_equal(stage_is(r, 0, "Calling", NULL, 1, &res), CG_RULE_STAGE_REQUIRED);
	assert_string_equal(res.value, "Calling");
	/* An existing deal stored without a stage is an old deal, not a new one. */
	assert_int_equal(stage_is(r, 0, "", "", 0, &res), OK);
	assert_string_equal(res.value, "");
	assert_int_equal(stage_is(r, 0, "", "Calling", 0, &res), OK);
	assert_string_equal(res.value, "Calling");
	assert_int_equal(stage_is(r, 0, NULL, "Prospecting", 0, &res), UNK);
	assert_string_equal(res.value, "");
	/* Refused moves answer the stored stage; allowed ones the target. */
	assert_int_equal(stage_is(r, 0, "Closed Lost", "Calling", 0, &res), DC);
	assert_string_equal(res.value, "Closed Lost");
	assert_int_equal(stage_is(r, 0, "Closed Lost", "Calling", 1, &res), OK);
	assert_string_equal(res.value, "Calling");
	cg_rules_free(r);
}

static void test_failure_reason(void **state)
{
	cg_rules *r = deployment();
	cg_rule_result res;
	const char *ok[] = { "no_interest", "poor_quality_contact", "no_decision_maker", "competitor", "other" };
	size_t i;

	(void)state;
	for (i = 0; i < 5; i++)
		assert_int_equal(stage(r, "Calling", "Closed Lost", ok[i], 0, &res), OK);
	assert_int_equal(stage(r, "Calling", "Closed Lost", NULL, 0, &res), CG_RULE_FAILURE_REASON_REQUIRED);
	assert_int_equal(stage(r, "Calling", "Closed Lost", "", 0, &res), CG_RULE_FAILURE_REASON_REQUIRED);
	/* Admins too: the analytics count failures by reason. */
	assert_int_equal(stage(r, "Calling", "Closed Lost", NULL, 1, &res), CG_RULE_FAILURE_REASON_REQUIRED);
	assert_int_equal(stage(r, "Calling", "Closed Lost", "No_Interest", 0, &res), CG_RULE_UNKNOWN_FAILURE_REASON);
	assert_int_equal(stage(r, "Calling", "Closed Lost", "too_expensive", 0, &res), CG_RULE_UNKNOWN_FAILURE_REASON);
	/* Saved again in Closed Lost: the reason may not be cleared. */
	assert_int_equal(stage(r, "Closed Lost", "Closed Lost", NULL, 0, &res), CG_RULE_FAILURE_REASON_REQUIRED);
	/* A reason is not needed elsewhere. */
	assert_int_equal(stage(r, "Calling", "Closed Won", NULL, 0, &res), OK);
	/* Extendable. */
	assert_int_equal(cg_rules_add_failure_reason(r, "too_expensive", 13), 0);
	assert_int_equal(stage(r, "Calling", "Closed Lost", "too_expensive", 0, &res), OK);
	/* The transition is judged first: a closed deal stays closed whatever the reason. */
	assert_int_equal(stage(r, "Closed Won", "Closed Lost", NULL, 0, &res), DC);
	cg_rules_free(r);
}

static void test_extra_keys_validated(void **state)
{
	cg_rules *r = cg_rules_new();
	char big[CG_RULE_KEY_MAX + 1];

	(void)state;
	memset(big, 'a', sizeof big);
	assert_int_equal(cg_rules_add_stage(r, "", 0), -1);
	assert_int_equal(cg_rules_add_stage(r, big, sizeof big), -1);
	assert_int_equal(cg_rules_add_stage(r, big, sizeof big - 1), 0);
	assert_int_equal(cg_rules_add_stage(r, "a\nb", 3), -1);
	assert_int_equal(cg_rules_add_stage(r, "\xC3\x28", 2), -1);
	assert_int_equal(cg_rules_add_status(r, "на паузе", strlen("на паузе")), 0);
	/* Already known: accepted, not duplicated. */
	assert_int_equal(cg_rules_add_stage(r, "Calling", 7), 0);
	assert_int_equal(cg_rules_add_status(r, "in_work", 7), 0);
	assert_int_equal(cg_rules_stage_count(r), 5);
	assert_int_equal(cg_rules_status_count(r), 3);
	assert_string_equal(cg_rules_status(r, 2), "на паузе");
	assert_int_equal(cg_rules_failure_reason_count(r), 5);
	/* A closed stage added as "extra" stays closed. */
	assert_int_equal(cg_rules_add_stage(r, "Closed Won", 10), 0);
	assert_int_equal(cg_rules_stage_class(r, "Closed Won", 10), CG_STAGE_CLOSED_WON);
	assert_int_equal(cg_rules_stage_class(r, "Calling", 7), CG_STAGE_OPEN);
	assert_int_equal(cg_rules_stage_class(r, "calling", 7), CG_STAGE_FOREIGN);
	cg_rules_free(r);
}

/* ---- company status ------------------------------------------------------ */

typedef enum { OWNER, SUPERVISOR, OTHER_MANAGER, ADMIN, ADMIN_OWNER } role;

static cg_status_actor actor(role who, int create)
{
	cg_status_actor a = { create, 0, 1, 0, 0 };

	switch (who) {
	case OWNER: a.is_owner = 1; break;
	case SUPERVISOR: a.is_supervisor = 1; break;
	case OTHER_MANAGER: break;
	case ADMIN: a.is_admin = 1; break;
	case ADMIN_OWNER: a.is_admin = 1; a.is_owner = 1; break;
	}
	return a;
}

static cg_rule_code status(const cg_rules *r, const char *from, const char *to, cg_status_actor a,
                           cg_lang lang, cg_rule_result *res)
{
	cg_rules_check_status(r, from, from ? strlen(from) : 0, to, strlen(to), &a, lang, res);
	assert_int_equal(res->allowed, res->code == CG_RULE_OK);
	return res->code;
}

static void test_status_permission_matrix(void **state)
{
	static const struct {
		role who;
		cg_rule_code change;    /* waiting -> in_work on an existing company */
		cg_rule_code create;    /* a new company created as in_work */
	} matrix[] = {
		{ OWNER,         CG_RULE_OWNER_MAY_NOT_CHANGE, CG_RULE_OWNER_MAY_NOT_CHANGE },
		{ SUPERVISOR,    OK,                           OK },
		{ OTHER_MANAGER, CG_RULE_NOT_SUPERVISOR,       CG_RULE_NEW_COMPANY_STATUS },
		{ ADMIN,         OK,                           OK },
		{ ADMIN_OWNER,   OK,                           OK },
	};
	cg_rules *r = cg_rules_new();
	cg_rule_result res;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof matrix / sizeof matrix[0]; i++) {
		assert_int_equal(status(r, "waiting", "in_work", actor(matrix[i].who, 0), CG_LANG_EN, &res), matrix[i].change);
		assert_int_equal(status(r, "in_work", "waiting", actor(matrix[i].who, 0), CG_LANG_EN, &res), matrix[i].change);
		assert_int_equal(status(r, NULL, "in_work", actor(matrix[i].who, 1), CG_LANG_EN, &res), matrix[i].create);
		/* Everybody: a new company as waiting, a save without a change, a missing value read as waiting. */
		assert_int_equal(status(r, NULL, "waiting", actor(matrix[i].who, 1), CG_LANG_EN, &res), OK);
		assert_int_equal(status(r, "in_work", "in_work", actor(matrix[i].who, 0), CG_LANG_EN, &res), OK);
		assert_int_equal(status(r, "", "waiting", actor(matrix[i].who, 0), CG_LANG_EN, &res), OK);
		assert_int_equal(status(r, "in_work", "hot", actor(matrix[i].who, 0), CG_LANG_EN, &res), CG_RULE_UNKNOWN_STATUS);
	}
	cg_rules_free(r);
}

/* Issue 13 (9b): "new" is the caller's flag; no status given keeps what the company has. */
static void test_status_is_new_and_blank(void **state)
{
	cg_rules *r = cg_rules_new();
	cg_rule_result res;
	role who;

	(void)state;
	for (who = OWNER; who <= ADMIN_OWNER; who++) {
		/* No status given: new -> waiting; existing -> kept; existing without a value -> waiting. */
		assert_int_equal(status(r, NULL, "", actor(who, 1), CG_LANG_EN, &res), OK);
		assert_string_equal(res.value, "waiting");
		assert_int_equal(status(r, "in_work", "", actor(who, 0), CG_LANG_EN, &res), OK);
		assert_string_equal(res.value, "in_work");
		cg_rules_check_status(r, "in_work", 7, NULL, 0, &(cg_status_actor){ 0, 0, 1, 0, 0 }, CG_LANG_EN, &res);
		assert_true(res.allowed);
		assert_string_equal(res.value, "in_work");
		assert_int_equal(status(r, NULL, "", actor(who, 0), CG_LANG_EN, &res), OK);
		assert_string_equal(res.value, "waiting");
	}
	/* A company stored without a status is an existing one in waiting, not a new one. */
	assert_int_equal(status(r, NULL, "in_work", actor(OTHER_MANAGER, 0), CG_LANG_EN, &res), CG_RULE_NOT_SUPERVISOR);
	assert_string_equal(res.value, "waiting");
	assert_int_equal(status(r, NULL, "in_work", actor(OTHER_MANAGER, 1), CG_LANG_EN, &res), CG_RULE_NEW_COMPANY_STATUS);
	assert_string_equal(res.value, "waiting");
	/* A new company ignores any from. */
	assert_int_equal(status(r, "in_work", "waiting", actor(OTHER_MANAGER, 1), CG_LANG_EN, &res), OK);
	/* Refused: the stored value; allowed: the target. */
	assert_int_equal(status(r, "in_work", "waiting", actor(OWNER, 0), CG_LANG_EN, &res), CG_RULE_OWNER_MAY_NOT_CHANGE);
	assert_string_equal(res.value, "in_work");
	assert_int_equal(status(r, "in_work", "waiting", actor(SUPERVISOR, 0), CG_LANG_EN, &res), OK);
	assert_string_equal(res.value, "waiting");
	assert_int_equal(status(r, "in_work", "hot", actor(ADMIN, 0), CG_LANG_EN, &res), CG_RULE_UNKNOWN_STATUS);
	assert_string_equal(res.value, "in_work");
	cg_rules_free(r);
}

static void test_status_without_assigned_user(void **state)
{
	cg_rules *r = cg_rules_new();
	cg_rule_result res;
	cg_status_actor nobody = { 0, 0, 0, 0, 0 }, admin = { 0, 1, 0, 0, 0 };

	(void)state;
	assert_int_equal(status(r, "waiting", "in_work", nobody, CG_LANG_EN, &res), CG_RULE_NO_ASSIGNED_USER);
	assert_int_equal(status(r, "waiting", "in_work", admin, CG_LANG_EN, &res), OK);
	assert_int_equal(cg_rules_add_status(r, "paused", 6), 0);
	assert_int_equal(status(r, "in_work", "paused", actor(SUPERVISOR, 0), CG_LANG_EN, &res), OK);
	cg_rules_free(r);
}

/* ---- messages ------------------------------------------------------------ */

static void test_messages(void **state)
{
	cg_rules *r = deployment();
	cg_rule_result res;

	(void)state;
	cg_rules_check_stage(r, 0, "Calling", 7, "New", 3, NULL, 0, 0, CG_LANG_EN, &res);
	assert_string_equal(res.message, "A deal cannot move from \"Calling\" back to \"New\": it has already been called.");
	cg_rules_check_stage(r, 0, "Calling", 7, "New", 3, NULL, 0, 0, CG_LANG_RU, &res);
	assert_string_equal(res.message, "Сделку нельзя вернуть из этапа «Обзвон» в этап «Новая»: по ней уже звонили.");
	cg_rules_check_stage(r, 0, "Closed Won", 10, "Calling", 7, NULL, 0, 0, CG_LANG_RU, &res);
	assert_string_equal(res.message, "Сделка закрыта («Успех»): вернуть её в работу или изменить итог может только администратор.");
	cg_rules_check_stage(r, 0, "New", 3, "Closed Lost", 11, NULL, 0, 0, CG_LANG_EN, &res);
	assert_string_equal(res.message, "A deal closed as \"Failure\" needs a failure reason: No interest, Poor-quality contact, "
	                    "No decision maker reached, Works with a competitor, Other.");
	assert_string_equal(cg_rule_code_name(res.code), "failure_reason_required");
	cg_rules_check_stage(r, 0, "New", 3, "Closed Lost", 11, "cheap", 5, 0, CG_LANG_RU, &res);
	assert_string_equal(res.message, "«cheap» — не причина неуспеха; выберите одну из: Нет интереса, Некачественный контакт, "
	                    "Нет выхода на ЛПР, Работает с конкурентом, Другое.");
	cg_rules_check_stage(r, 0, "New", 3, "Prospecting", 11, NULL, 0, 0, CG_LANG_EN, &res);
	assert_string_equal(res.message, "\"Prospecting\" is not a stage of the sales process.");
	cg_rules_check_stage(r, 1, NULL, 0, "Closed Won", 10, NULL, 0, 0, CG_LANG_EN, &res);
	assert_string_equal(res.message, "A new deal starts in \"New\" or \"Calling\", not in \"Success\".");
	cg_rules_check_stage(r, 0, "New", 3, "Calling", 7, NULL, 0, 0, CG_LANG_RU, &res);
	assert_string_equal(res.message, "Разрешено.");
	assert_string_equal(cg_rule_code_name(res.code), "ok");
	cg_rules_free(r);
}

static void test_status_messages(void **state)
{
	cg_rules *r = cg_rules_new();
	cg_rule_result res;

	(void)state;
	status(r, "waiting", "in_work", actor(OTHER_MANAGER, 0), CG_LANG_RU, &res);
	assert_string_equal(res.message, "Изменить статус компании могут только руководитель ответственного менеджера и администратор.");
	assert_string_equal(cg_rule_code_name(res.code), "not_supervisor");
	status(r, "waiting", "in_work", actor(OWNER, 0), CG_LANG_EN, &res);
	assert_string_equal(res.message, "You are responsible for this company: its status may be changed only by your supervisor or an administrator.");
	status(r, NULL, "in_work", actor(OTHER_MANAGER, 1), CG_LANG_EN, &res);
	assert_string_equal(res.message, "A new company starts as \"Waiting\": only the responsible manager's supervisor or an administrator may create it as \"In work\".");
	status(r, "waiting", "hot", actor(ADMIN, 0), CG_LANG_RU, &res);
	assert_string_equal(res.message, "«hot» — не статус компании; выберите один из: В ожидании, В работе.");
	cg_rules_free(r);
}

/* Hostile values in messages: cut to a key's length, bytes that are no text shown as '?'. */
static void test_message_hostile_values(void **state)
{
	cg_rules *r = cg_rules_new();
	cg_rule_result res;
	char big[5000];
	size_t i;

	(void)state;
	memset(big, 'x', sizeof big);
	cg_rules_check_stage(r, 0, "New", 3, big, sizeof big, NULL, 0, 0, CG_LANG_EN, &res);
	assert_int_equal(res.code, UNK);
	assert_int_equal(strlen(res.message), strlen("\"\" is not a stage of the sales process.") + CG_RULE_KEY_MAX);
	cg_rules_check_stage(r, 0, "New", 3, "a\xFF\x00\nb", 5, NULL, 0, 0, CG_LANG_EN, &res);
	assert_string_equal(res.message, "\"a???b\" is not a stage of the sales process.");
	/* Many long extra reasons: the list is cut at a character boundary with an ellipsis. */
	for (i = 0; i < 40; i++) {
		char key[CG_RULE_KEY_MAX];
		int n = snprintf(key, sizeof key, "причина-%02zu-ееееееееееееееееееееееееееееее", i);
		assert_int_equal(cg_rules_add_failure_reason(r, key, (size_t)n), 0);
	}
	cg_rules_check_stage(r, 0, "New", 3, "Closed Lost", 11, NULL, 0, 0, CG_LANG_RU, &res);
	assert_true(strlen(res.message) < CG_RULE_MESSAGE_SIZE);
	assert_string_equal(res.message + strlen(res.message) - 3, "\xE2\x80\xA6");
	cg_rules_free(r);
}

static void test_lang_tags(void **state)
{
	(void)state;
	assert_int_equal(cg_lang_from_tag("ru", 2), CG_LANG_RU);
	assert_int_equal(cg_lang_from_tag("ru_RU", 5), CG_LANG_RU);
	assert_int_equal(cg_lang_from_tag("RU-ru", 5), CG_LANG_RU);
	assert_int_equal(cg_lang_from_tag("en_US", 5), CG_LANG_EN);
	assert_int_equal(cg_lang_from_tag("rus", 3), CG_LANG_EN);
	assert_int_equal(cg_lang_from_tag("", 0), CG_LANG_EN);
	assert_string_equal(cg_label("Closed Lost", 11, CG_LANG_RU), "Неудача");
	assert_null(cg_label("Meeting", 7, CG_LANG_RU));
	assert_string_equal(cg_rules_default_status(), "waiting");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_manager_transitions),
		cmocka_unit_test(test_admin_transitions),
		cmocka_unit_test(test_empty_stage),
		cmocka_unit_test(test_failure_reason),
		cmocka_unit_test(test_extra_keys_validated),
		cmocka_unit_test(test_status_permission_matrix),
		cmocka_unit_test(test_status_is_new_and_blank),
		cmocka_unit_test(test_status_without_assigned_user),
		cmocka_unit_test(test_messages),
		cmocka_unit_test(test_status_messages),
		cmocka_unit_test(test_message_hostile_values),
		cmocka_unit_test(test_lang_tags),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
