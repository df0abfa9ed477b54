/*
 * Unit tests of the audit's running counts (ext/core/audit_tally.h): kinds,
 * managers and distinct records counted from findings that stream by, with
 * many more findings than labels so that the sets grow past their first size.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "audit_tally.h"

static cg_audit_finding finding(const char *type, const char *id, const char *user, const char *field,
	const char *problem)
{
	cg_audit_finding f;

	memset(&f, 0, sizeof f);
	f.entity_type = type;
	f.entity_id = id;
	f.user_id = user;
	f.field = field;
	f.source_field = field;
	f.problem = problem;
	return f;
}

static size_t count_of(const cg_audit_counts *c, const char *label)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->label[i], label) == 0)
			return c->count[i];
	return 0;
}

static void test_counts(void **state)
{
	cg_audit_tally t;
	cg_audit_finding f;

	(void) state;
	assert_int_equal(cg_audit_tally_init(&t), 0);
	f = finding("Contact", "c1", "u1", "phone", "not_canonical");
	assert_int_equal(cg_audit_tally_add(&t, &f), 0);
	f = finding("Contact", "c1", "u1", "last_name", "lowercase");
	assert_int_equal(cg_audit_tally_add(&t, &f), 0);
	f = finding("Contact", "c2", NULL, "phone", "not_canonical");
	assert_int_equal(cg_audit_tally_add(&t, &f), 0);
	/* The same id in another entity type is another record. */
	f = finding("Lead", "c1", "u2", "phone", "not_canonical");
	assert_int_equal(cg_audit_tally_add(&t, &f), 0);

	assert_int_equal(t.problems, 4);
	assert_int_equal(cg_audit_tally_records(&t), 3);
	assert_int_equal(t.kinds.n, 3);
	assert_int_equal(count_of(&t.kinds, "Contact\tphone\tnot_canonical"), 2);
	assert_int_equal(count_of(&t.kinds, "Contact\tlast_name\tlowercase"), 1);
	assert_int_equal(count_of(&t.kinds, "Lead\tphone\tnot_canonical"), 1);
	assert_int_equal(t.users.n, 3);
	assert_int_equal(count_of(&t.users, "u1"), 2);
	assert_int_equal(count_of(&t.users, ""), 1);     /* a record of nobody */
	assert_int_equal(count_of(&t.users, "u2"), 1);
	cg_audit_tally_free(&t);
}

/* Parts are told apart: ("ab", "c") is not ("a", "bc"). */
static void test_parts_kept_apart(void **state)
{
	cg_audit_tally t;
	cg_audit_finding f;

	(void) state;
	assert_int_equal(cg_audit_tally_init(&t), 0);
	f = finding("Contactx", "1", "u", "phone", "missing");
	assert_int_equal(cg_audit_tally_add(&t, &f), 0);
	f = finding("Contact", "x1", "u", "phone", "missing");
	assert_int_equal(cg_audit_tally_add(&t, &f), 0);
	assert_int_equal(cg_audit_tally_records(&t), 2);
	cg_audit_tally_free(&t);
}

/* 200 000 findings over 50 000 records and 3 000 managers: the sets grow, the counts hold. */
static void test_many(void **state)
{
	cg_audit_tally t;
	char id[32], user[32];

	(void) state;
	assert_int_equal(cg_audit_tally_init(&t), 0);
	for (int i = 0; i < 200000; i++) {
		snprintf(id, sizeof id, "rec-%d", i % 50000);
		snprintf(user, sizeof user, "user-%d", i % 3000);
		cg_audit_finding f = finding(i % 2 ? "Contact" : "Lead", id, user, "phone", "invalid_phone");
		assert_int_equal(cg_audit_tally_add(&t, &f), 0);
	}
	assert_int_equal(t.problems, 200000);
	/* i and i + 50000 have the same parity: rec-k always comes with the same type */
	assert_int_equal(cg_audit_tally_records(&t), 50000);
	assert_int_equal(t.users.n, 3000);
	assert_int_equal(count_of(&t.users, "user-7"), 200000 / 3000 + (7 < 200000 % 3000));
	assert_int_equal(t.kinds.n, 2);
	assert_int_equal(count_of(&t.kinds, "Lead\tphone\tinvalid_phone"), 100000);
	cg_audit_tally_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_parts_kept_apart),
		cmocka_unit_test(test_many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
