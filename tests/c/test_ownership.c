/*
 * Unit tests of the call-card colour rule (ext/core/ownership.h,
 * cg_card_decide) on hand-made matches; the database side is tested by
 * tests/lookup_*.phpt against the real fixtures.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ownership.h"

#define A CG_ENTITY_ACCOUNT
#define C CG_ENTITY_CONTACT
#define L CG_ENTITY_LEAD

static const char *CALLER = "u-caller";

static void decide(cg_card *card, cg_lang lang)
{
	cg_card_decide(card, CALLER, strlen(CALLER), lang);
}

static void test_unknown(void **state)
{
	cg_card card;

	(void)state;
	cg_card_init(&card);
	decide(&card, CG_LANG_EN);
	assert_int_equal(card.color, CG_CARD_NONE);
	assert_int_equal(card.decider, -1);
	assert_string_equal(card.verdict, "Unknown number.");
	cg_card_free(&card);
}

static void test_company_in_work_with_another(void **state)
{
	cg_card card;

	(void)state;
	cg_card_init(&card);
	assert_int_equal(cg_card_add(&card, A, "a1", "Ромашка", "u-olga", "Ольга Петрова", "in_work", NULL), 0);
	assert_int_equal(cg_card_add(&card, L, "l1", "Лид", "u-caller", "Me", NULL, NULL), 0);
	decide(&card, CG_LANG_RU);
	assert_int_equal(card.color, CG_CARD_RED);
	assert_int_equal(card.decider, 0);
	assert_string_equal(card.company_status, "in_work");
	assert_string_equal(card.verdict, "Компания «Ромашка» в работе у менеджера Ольга Петрова: звонить нельзя.");
	cg_card_free(&card);
}

static void test_contact_of_company_in_work(void **state)
{
	cg_card card;

	(void)state;
	cg_card_init(&card);
	/* Direct companies come first: the caller's own, then one not in work, then the red one via the contact. */
	cg_card_add(&card, A, "a0", "Own", "u-caller", "Me", "in_work", NULL);
	cg_card_add(&card, C, "c1", "Иван Иванов", "u-caller", "Me", NULL, NULL);
	cg_card_add(&card, A, "a2", "Calm", "u-olga", "Olga", "waiting", "c1");
	cg_card_add(&card, A, "a3", "Busy", "u-olga", "Olga", "in_work", "c1");
	decide(&card, CG_LANG_EN);
	assert_int_equal(card.color, CG_CARD_RED);
	assert_int_equal(card.decider, 3);
	assert_string_equal(card.verdict, "Иван Иванов is a contact of company \"Busy\", which is in work with Olga: do not call.");
	cg_card_free(&card);
}

static void test_yellow_when_companies_are_not_red(void **state)
{
	cg_card card;

	(void)state;
	cg_card_init(&card);
	cg_card_add(&card, C, "c1", "Иван", "u-olga", NULL, NULL, NULL);
	cg_card_add(&card, A, "a2", "Calm", "u-olga", "Olga", "waiting", "c1");
	cg_card_add(&card, A, "a3", "Mine", "u-caller", "Me", "in_work", "c1");
	cg_card_add(&card, A, "a4", "Orphan", NULL, NULL, "in_work", "c1");
	cg_card_add(&card, L, "l1", "Лид", "u-olga", "Olga", NULL, NULL);
	decide(&card, CG_LANG_EN);
	assert_int_equal(card.color, CG_CARD_YELLOW);
	assert_int_equal(card.decider, 0);
	assert_string_equal(card.company_status, "waiting");
	/* No owner name: the id is shown. */
	assert_string_equal(card.verdict, "Known contact Иван (responsible: u-olga).");
	cg_card_free(&card);
}

/* Issue 13 (9c): the contact's company also holds the number itself, so it is listed once, direct. */
static void test_yellow_keeps_status_of_a_company_listed_directly(void **state)
{
	cg_card card;

	(void)state;
	cg_card_init(&card);
	cg_card_add(&card, A, "a1", "Mine", "u-caller", "Me", "in_work", NULL);
	cg_card_add(&card, C, "c1", "Иван", "u-olga", "Olga", NULL, NULL);
	assert_int_equal(cg_card_link_contact(&card, "c1", "a1"), 0);
	assert_int_equal(cg_card_link_contact(&card, "c1", "a-none"), 1);
	decide(&card, CG_LANG_EN);
	assert_int_equal(card.color, CG_CARD_YELLOW);
	assert_int_equal(card.decider, 1);
	assert_non_null(card.company_status);
	assert_string_equal(card.company_status, "in_work");
	cg_card_free(&card);
}

static void test_blue_only_leads(void **state)
{
	cg_card card;

	(void)state;
	cg_card_init(&card);
	cg_card_add(&card, L, "l1", "Пётр", NULL, NULL, NULL, NULL);
	cg_card_add(&card, L, "l2", "Павел", "u-olga", "Olga", NULL, NULL);
	decide(&card, CG_LANG_RU);
	assert_int_equal(card.color, CG_CARD_BLUE);
	assert_int_equal(card.decider, 0);
	assert_null(card.company_status);
	assert_string_equal(card.verdict, "Номер есть только среди лидов: Пётр (ответственный: не назначен).");
	cg_card_free(&card);
}

static void test_none_for_companies_without_contacts(void **state)
{
	cg_card card;

	(void)state;
	cg_card_init(&card);
	cg_card_add(&card, A, "a1", "Calm", "u-olga", "Olga", "waiting", NULL);
	cg_card_add(&card, L, "l1", "Лид", "u-olga", "Olga", NULL, NULL);
	decide(&card, CG_LANG_EN);
	assert_int_equal(card.color, CG_CARD_NONE);
	assert_int_equal(card.decider, 0);
	assert_string_equal(card.verdict, "Company \"Calm\" is not in work (Waiting).");
	cg_card_free(&card);

	cg_card_init(&card);
	cg_card_add(&card, A, "a1", "Mine", "u-caller", "Me", "in_work", NULL);
	decide(&card, CG_LANG_EN);
	assert_int_equal(card.color, CG_CARD_NONE);
	assert_string_equal(card.verdict, "Your own company \"Mine\".");
	cg_card_free(&card);

	cg_card_init(&card);
	cg_card_add(&card, A, "a1", "Orphan", NULL, NULL, "in_work", NULL);
	decide(&card, CG_LANG_EN);
	assert_int_equal(card.color, CG_CARD_NONE);
	assert_string_equal(card.verdict, "Company \"Orphan\" is in work but has no responsible manager.");
	cg_card_free(&card);
}

/* The caller's id must match exactly: a prefix or another case is someone else. */
static void test_caller_compared_exactly(void **state)
{
	cg_card card;

	(void)state;
	cg_card_init(&card);
	cg_card_add(&card, A, "a1", "Busy", "u-caller-2", "Other", "in_work", NULL);
	decide(&card, CG_LANG_EN);
	assert_int_equal(card.color, CG_CARD_RED);
	cg_card_free(&card);
	cg_card_init(&card);
	cg_card_add(&card, A, "a1", "Busy", "U-CALLER", "Other", "in_work", NULL);
	decide(&card, CG_LANG_EN);
	assert_int_equal(card.color, CG_CARD_RED);
	cg_card_free(&card);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_company_in_work_with_another),
		cmocka_unit_test(test_contact_of_company_in_work),
		cmocka_unit_test(test_yellow_when_companies_are_not_red),
		cmocka_unit_test(test_yellow_keeps_status_of_a_company_listed_directly),
		cmocka_unit_test(test_blue_only_leads),
		cmocka_unit_test(test_none_for_companies_without_contacts),
		cmocka_unit_test(test_caller_compared_exactly),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
