/*
 * Unit tests of SuiteCRM's stored text (ext/core/html_text.h).  The expected
 * strings are what SuiteCRM 7.14.6's own securexss() + purify_html() (its
 * cleanBean() on save) returned for the same input, run on this machine
 * against a real SuiteCRM 7.14.6 install (docs/import.md, "What is written").
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "html_text.h"

static void assert_suite(const char *typed, const char *stored)
{
	char out[CG_HTML_SUITE_MAX(256)], back[256];
	size_t n = cg_html_suite_encode(typed, strlen(typed), out);

	assert_int_equal(n, strlen(stored));
	assert_string_equal(out, stored);
	/* and decoded (company names are matched that way) it is the text as typed */
	cg_html_decode_all(out, n, back);
	if (!strchr(typed, '\r') && !strstr(typed, "&amp;") && !strstr(typed, "&laquo;"))
		assert_string_equal(back, typed);
}

static void test_suite_encoding(void **state)
{
	(void)state;
	assert_suite("ООО \"Ромашка\"", "ООО &quot;Ромашка&quot;");
	assert_suite("ООО «Ромашка»", "ООО &laquo;Ромашка&raquo;");
	assert_suite("O'Brien & Co", "O&#039;Brien &amp;amp; Co");
	assert_suite("AT&T", "AT&amp;amp;T");
	assert_suite("5>3", "5&amp;gt;3");
	assert_suite("a < b", "a &amp;lt; b");
	assert_suite("nbsp:\xC2\xA0|", "nbsp:&nbsp;|");
	assert_suite("dash — № © ё", "dash &mdash; № &copy; ё");
	assert_suite("€ ™ … “q”", "&euro; &trade; &hellip; &ldquo;q&rdquo;");
	assert_suite("O’Neil", "O&rsquo;Neil");
	assert_suite("tab\tx", "tab\tx");
	assert_suite("`back`", "`back`");
	assert_suite("  many   spaces  ", "  many   spaces  ");
	assert_suite("Иванов", "Иванов");
	/* entities typed in the text are read first, as SuiteCRM's html_entity_decode() does */
	assert_suite("&amp; lit", "&amp;amp; lit");
	assert_suite("&laquo;lit", "&laquo;lit");
	/* HTMLPurifier normalises new lines */
	assert_suite("line1\r\nline2\nline3", "line1\nline2\nline3");
}

static void test_decode(void **state)
{
	char out[64];
	(void)state;
	assert_int_equal(cg_html_decode_all("ООО &quot;Ромашка&quot;", strlen("ООО &quot;Ромашка&quot;"), out),
	                 strlen("ООО \"Ромашка\""));
	assert_string_equal(out, "ООО \"Ромашка\"");
	cg_html_decode_all("O&#039;Brien &amp;amp; Co", 25, out);
	assert_string_equal(out, "O'Brien & Co");
	cg_html_decode("&#x41;&#66;&bogus;&#0;&", 23, out);
	assert_string_equal(out, "AB&bogus;&#0;&");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_suite_encoding),
		cmocka_unit_test(test_decode),
	};

	return cmocka_run_group_tests_name("html_text", tests, NULL, NULL);
}
