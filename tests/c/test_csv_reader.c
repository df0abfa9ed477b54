/*
 * Unit tests of the CSV reader (ext/core/csv_reader.h) and its encoding
 * helpers (ext/core/csv_encoding.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <iconv.h>

#include <cmocka.h>

#include "csv_reader.h"

/* ---- helpers ------------------------------------------------------------ */

typedef struct {
	cg_csv_reader *r;
	cg_csv_row row;
	cg_csv_error err;
} reading;

static void open_text(reading *t, const char *text, size_t len, const cg_csv_options *opt)
{
	memset(t, 0, sizeof *t);
	t->r = cg_csv_open_memory(text, len, "t.csv", opt, &t->err);
	assert_non_null(t->r);
}

static void open_str(reading *t, const char *text)
{
	open_text(t, text, strlen(text), NULL);
}

static void next_row(reading *t)
{
	int rc = cg_csv_next(t->r, &t->row, &t->err);
	if (rc != 1)
		fail_msg("expected a row, got %d (%s)", rc, t->err.message);
}

static void no_more(reading *t)
{
	assert_int_equal(cg_csv_next(t->r, &t->row, &t->err), 0);
}

static void field_is(reading *t, size_t i, const char *expected)
{
	assert_true(i < t->row.count);
	if (t->row.fields[i].len != strlen(expected) ||
	    memcmp(t->row.fields[i].data, expected, strlen(expected)) != 0)
		fail_msg("field %zu: expected \"%s\", got \"%.*s\"", i, expected,
		         (int)t->row.fields[i].len, t->row.fields[i].data);
}

static void done(reading *t)
{
	cg_csv_close(t->r);
}

/* ---- plain reading ---------------------------------------------------------- */

static void test_comma_quotes_and_spaces(void **state)
{
	reading t;
	(void)state;

	open_str(&t, "Name,Phone,Comment\n"
	             "  Иван Петров , 8 912 345-67-89,\"He said \"\"hi\"\", then left\"\n");
	assert_int_equal(cg_csv_delimiter(t.r), ',');
	next_row(&t);
	assert_int_equal(t.row.count, 3);
	assert_int_equal(t.row.line, 1);
	field_is(&t, 0, "Name");
	next_row(&t);
	assert_int_equal(t.row.line, 2);
	/* libcsv would trim these spaces; the reader keeps fields as written */
	field_is(&t, 0, "  Иван Петров ");
	field_is(&t, 1, " 8 912 345-67-89");
	field_is(&t, 2, "He said \"hi\", then left");
	assert_int_equal(t.row.problem, CG_CSV_ROW_OK);
	no_more(&t);
	assert_int_equal(cg_csv_encoding(t.r), CG_ENC_UTF8);
	done(&t);
}

static void test_delimiter_detection(void **state)
{
	reading t;
	(void)state;

	open_str(&t, "ФИО;Телефон;Компания, филиал\nА;1;Б, В\n");
	assert_int_equal(cg_csv_delimiter(t.r), ';');
	next_row(&t);
	assert_int_equal(t.row.count, 3);
	next_row(&t);
	field_is(&t, 2, "Б, В");
	done(&t);

	open_str(&t, "Name\tPhone\tNote\nA\t1\tx, y; z\n");
	assert_int_equal(cg_csv_delimiter(t.r), '\t');
	next_row(&t);
	next_row(&t);
	field_is(&t, 2, "x, y; z");
	done(&t);

	/* delimiters inside quotes in the header do not count */
	open_str(&t, "\"a;b;c\",d,e\n");
	assert_int_equal(cg_csv_delimiter(t.r), ',');
	done(&t);

	/* one column */
	open_str(&t, "Phone\n89123456789\n");
	assert_int_equal(cg_csv_delimiter(t.r), ',');
	done(&t);

	/* explicit */
	{
		cg_csv_options o = {CG_ENC_AUTO, '|', 0};
		open_text(&t, "a|b;c\n", 6, &o);
		next_row(&t);
		assert_int_equal(t.row.count, 2);
		field_is(&t, 1, "b;c");
		done(&t);
	}
}

static void test_multiline_and_line_numbers(void **state)
{
	reading t;
	(void)state;

	open_str(&t, "a,b\r\n"
	             "1,\"line one\r\nline two\nline three\"\r\n"
	             "\r\n"
	             "2,x\r\n"
	             "3,y\r"
	             "4,z");
	next_row(&t);
	assert_int_equal(t.row.line, 1);
	next_row(&t);
	assert_int_equal(t.row.line, 2);
	assert_int_equal(t.row.end_line, 4);
	field_is(&t, 1, "line one\r\nline two\nline three");
	next_row(&t); /* the empty line 5 is skipped */
	assert_int_equal(t.row.line, 6);
	field_is(&t, 0, "2");
	field_is(&t, 1, "x");
	next_row(&t); /* a lone CR ends a line too */
	assert_int_equal(t.row.line, 7);
	field_is(&t, 1, "y");
	next_row(&t); /* no newline at the end */
	assert_int_equal(t.row.line, 8);
	field_is(&t, 1, "z");
	no_more(&t);
	done(&t);
}

static void test_empty_fields_and_empty_input(void **state)
{
	reading t;
	(void)state;

	open_str(&t, "a,,\"\",d\n");
	next_row(&t);
	assert_int_equal(t.row.count, 4);
	field_is(&t, 1, "");
	field_is(&t, 2, "");
	field_is(&t, 3, "d");
	no_more(&t);
	done(&t);

	open_text(&t, "", 0, NULL);
	no_more(&t);
	done(&t);

	open_str(&t, "\n\n\r\n");
	no_more(&t);
	done(&t);
}

/* ---- encodings ----------------------------------------------------------------- */

static void test_bom(void **state)
{
	reading t;
	(void)state;

	open_str(&t, "\xEF\xBB\xBFИмя;Телефон\nЁжик;+7 912 345 67 89\n");
	assert_true(cg_csv_had_bom(t.r));
	assert_int_equal(cg_csv_delimiter(t.r), ';');
	next_row(&t);
	field_is(&t, 0, "Имя"); /* no BOM glued to the first header */
	next_row(&t);
	field_is(&t, 0, "Ёжик");
	assert_int_equal(cg_csv_encoding(t.r), CG_ENC_UTF8);
	done(&t);
}

static void test_cp1251_detected(void **state)
{
	reading t;
	/* "ФИО;Телефон\nИван Петров;89123456789\n" in Windows-1251 */
	static const char text[] = "\xD4\xC8\xCE;\xD2\xE5\xEB\xE5\xF4\xEE\xED\n"
	                           "\xC8\xE2\xE0\xED \xCF\xE5\xF2\xF0\xEE\xE2;89123456789\n"
	                           "\xB8\xEB\xEA\xE0 \xB9 5\n";
	(void)state;

	open_text(&t, text, sizeof text - 1, NULL);
	next_row(&t);
	assert_int_equal(cg_csv_encoding(t.r), CG_ENC_CP1251);
	field_is(&t, 0, "ФИО");
	field_is(&t, 1, "Телефон");
	next_row(&t);
	field_is(&t, 0, "Иван Петров");
	next_row(&t);
	field_is(&t, 0, "ёлка № 5");
	done(&t);
}

static void test_encoding_override(void **state)
{
	reading t;
	cg_csv_options o = {CG_ENC_CP1251, 0, 0};
	(void)state;

	/* "Ёж" in CP1251 is two letters; as explicit cp1251, UTF-8 bytes are read as CP1251 */
	open_text(&t, "\xD0\x81\n", 3, &o);
	next_row(&t);
	field_is(&t, 0, "Р\xD0\x83"); /* 0xD0 -> Р, 0x81 -> Ѓ (U+0403) */
	done(&t);
}

static void test_bad_utf8_row_then_go_on(void **state)
{
	reading t;
	(void)state;

	/* UTF-8 decided on line 1; line 3 has a stray Windows-1251 byte */
	open_str(&t, "Имя,Тел\nА,1\nБ\xC8x,2\nВ,3\n");
	next_row(&t);
	next_row(&t);
	assert_int_equal(t.row.problem, CG_CSV_ROW_OK);
	next_row(&t);
	assert_int_equal(t.row.problem, CG_CSV_ROW_BAD_UTF8);
	assert_int_equal(t.row.problem_line, 3);
	assert_int_equal(t.row.problem_column, 2);
	assert_int_equal(t.row.problem_byte, 0xC8);
	{
		char why[256];
		cg_csv_describe_problem(&t.row, 0, why, sizeof why);
		assert_non_null(strstr(why, "line 3, column 2"));
	}
	next_row(&t);
	assert_int_equal(t.row.problem, CG_CSV_ROW_OK);
	field_is(&t, 0, "В");
	done(&t);
}

static void test_unknown_encoding_is_an_error(void **state)
{
	reading t;
	/* "Иван Петров;89123456789" in KOI8-R: capitals where CP1251 has small letters */
	static const char koi8[] = "name;phone\n\xE9\xD7\xC1\xCE \xF0\xC5\xD4\xD2\xCF\xD7;89123456789\n";
	(void)state;

	open_text(&t, koi8, sizeof koi8 - 1, NULL);
	next_row(&t);
	assert_int_equal(cg_csv_next(t.r, &t.row, &t.err), -1);
	assert_int_equal(t.err.line, 2);
	assert_int_equal(t.err.column, 1);
	assert_non_null(strstr(t.err.message, "--encoding"));
	done(&t);

	/* UTF-16 with its BOM: refused at open */
	memset(&t, 0, sizeof t);
	assert_null(cg_csv_open_memory("\xFF\xFEN\0a\0", 6, "u16.csv", NULL, &t.err));
	assert_non_null(strstr(t.err.message, "UTF-16"));
}

static void test_nul_byte(void **state)
{
	reading t;
	(void)state;

	open_text(&t, "a,b\nx\0y,1\n", 10, NULL);
	next_row(&t);
	next_row(&t);
	assert_int_equal(t.row.problem, CG_CSV_ROW_NUL_BYTE);
	assert_int_equal(t.row.problem_line, 2);
	assert_int_equal(t.row.problem_column, 2);
	done(&t);
}

static void test_cp1251_table_matches_iconv(void **state)
{
	iconv_t cd = iconv_open("UTF-8", "CP1251");
	int c;
	(void)state;

	assert_true(cd != (iconv_t)-1);
	for (c = 0x80; c <= 0xFF; c++) {
		unsigned char in = (unsigned char)c, mine[4], theirs[8];
		char *ip = (char *)&in, *op = (char *)theirs;
		size_t il = 1, ol = sizeof theirs, n = cg_cp1251_to_utf8(&in, 1, mine);
		if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
			assert_int_equal(c, 0x98); /* the one unassigned byte */
			iconv(cd, NULL, NULL, NULL, NULL);
			continue;
		}
		assert_int_equal(n, sizeof theirs - ol);
		assert_memory_equal(mine, theirs, n);
	}
	iconv_close(cd);
}

static void test_sniff_and_names(void **state)
{
	cg_encoding e;
	(void)state;

	assert_int_equal(cg_encoding_sniff((const unsigned char *)"Иван", 8, 1), CG_ENC_UTF8);
	/* a UTF-8 sequence cut by the window is not held against it */
	assert_int_equal(cg_encoding_sniff((const unsigned char *)"Ив\xD0", 5, 0), CG_ENC_UTF8);
	assert_int_equal(cg_encoding_sniff((const unsigned char *)"\xC8\xE2\xE0\xED", 4, 1), CG_ENC_CP1251);
	assert_int_equal(cg_encoding_sniff((const unsigned char *)"\x98\xE2", 2, 1), CG_ENC_UNKNOWN);
	assert_int_equal(cg_utf8_sequence((const unsigned char *)"\xC0\x80", 2), 0);      /* overlong */
	assert_int_equal(cg_utf8_sequence((const unsigned char *)"\xED\xA0\x80", 3), 0);  /* surrogate */
	assert_int_equal(cg_utf8_sequence((const unsigned char *)"\xF4\x90\x80\x80", 4), 0);
	assert_int_equal(cg_utf8_sequence((const unsigned char *)"\xF0\x9F\x98\x80", 4), 4);
	assert_int_equal(cg_encoding_from_name("Windows-1251", 12, &e), 0);
	assert_int_equal(e, CG_ENC_CP1251);
	assert_int_equal(cg_encoding_from_name("UTF8", 4, &e), 0);
	assert_int_equal(e, CG_ENC_UTF8);
	assert_int_equal(cg_encoding_from_name("koi8-r", 6, &e), -1);
}

/* ---- limits ----------------------------------------------------------------------- */

static void test_huge_field_rejected_and_reading_goes_on(void **state)
{
	size_t big = 5u << 20, len, i;
	char *text = malloc(big + 100), *p = text;
	reading t;
	cg_csv_options o = {CG_ENC_AUTO, 0, 1u << 20};
	(void)state;

	assert_non_null(text);
	p += sprintf(p, "a,b\n1,\"");
	for (i = 0; i < big; i++)
		*p++ = (i % 1000 == 999) ? '\n' : 'x';
	p += sprintf(p, "\"\n2,ok\n");
	len = (size_t)(p - text);

	open_text(&t, text, len, &o);
	next_row(&t);
	next_row(&t);
	assert_int_equal(t.row.problem, CG_CSV_ROW_FIELD_TOO_LONG);
	assert_int_equal(t.row.problem_field, 2);
	assert_int_equal(t.row.problem_size, big);
	assert_int_equal(t.row.line, 2);
	field_is(&t, 0, "1");
	field_is(&t, 1, "");
	next_row(&t);
	assert_int_equal(t.row.problem, CG_CSV_ROW_OK);
	assert_int_equal(t.row.line, 2 + big / 1000 + 1);
	field_is(&t, 1, "ok");
	no_more(&t);
	done(&t);

	/* unquoted, on one line */
	p = text;
	p += sprintf(p, "a,b\n");
	memset(p, 'y', big);
	p += big;
	p += sprintf(p, ",1\n3,ok\n");
	open_text(&t, text, (size_t)(p - text), &o);
	next_row(&t);
	next_row(&t);
	assert_int_equal(t.row.problem, CG_CSV_ROW_FIELD_TOO_LONG);
	assert_int_equal(t.row.problem_field, 1);
	assert_int_equal(t.row.problem_size, big);
	field_is(&t, 1, "1");
	next_row(&t);
	field_is(&t, 1, "ok");
	done(&t);
	free(text);
}

static void test_unclosed_quote(void **state)
{
	reading t;
	(void)state;

	/* nothing after it reads as a row of the header's shape: one field to the end */
	open_str(&t, "a,b,c\n1,\"open\nno delimiter\n");
	next_row(&t);
	next_row(&t);
	assert_int_equal(t.row.problem, CG_CSV_ROW_UNCLOSED_QUOTE);
	assert_int_equal(t.row.line, 2);
	assert_int_equal(t.row.problem_line, 4);
	no_more(&t);
	done(&t);

	/* a row of the header's shape after it: the quote's line stands alone,
	 * the quote a character (as LibreOffice reads it) */
	open_str(&t, "a,b\n1,\"open\n2,x\n");
	next_row(&t);
	next_row(&t);
	assert_int_equal(t.row.problem, CG_CSV_ROW_OK);
	assert_int_equal(t.row.line, 2);
	field_is(&t, 1, "\"open");
	next_row(&t);
	assert_int_equal(t.row.problem, CG_CSV_ROW_OK);
	assert_int_equal(t.row.line, 3);
	field_is(&t, 1, "x");
	no_more(&t);
	done(&t);

	/* a closed quote at the very end is fine */
	open_str(&t, "a,\"b\"");
	next_row(&t);
	assert_int_equal(t.row.problem, CG_CSV_ROW_OK);
	field_is(&t, 1, "b");
	done(&t);
}

/* ---- a stray quote is judged against the file's shape (issue 19) ------------ */

/* The list: a quote at the start of line 3 closes after the surname
 * and a second one opens in the company; read as one quoted field it would
 * swallow every line after it. */
static void test_stray_quote_rows_keep_their_own_verdicts(void **state)
{
	reading t;
	(void)state;

	open_str(&t, "ФИО;Телефон;Компания\n"
	             "Иванов Иван;8 912 111 22 33;ООО Лютик\n"
	             "\"Петров\" Пётр;8 912 111 22 36;ООО \"Ромашка\n"
	             "Сидоров Олег;8 912 111 22 37;ИП Сидоров\n"
	             "Козлова Анна;8 912 111 22 38;\n"
	             "Орлов Павел;8 912 111 22 39;АО Орёл\n");
	next_row(&t);
	next_row(&t);
	assert_int_equal(t.row.line, 2);
	next_row(&t);
	assert_int_equal(t.row.problem, CG_CSV_ROW_OK);
	assert_int_equal(t.row.line, 3);
	assert_int_equal(t.row.end_line, 3);
	assert_int_equal(t.row.count, 3);
	/* as LibreOffice reads it: the quote does not close the field, so it is a character */
	field_is(&t, 0, "\"Петров\" Пётр");
	field_is(&t, 1, "8 912 111 22 36");
	field_is(&t, 2, "ООО \"Ромашка");
	next_row(&t);
	assert_int_equal(t.row.problem, CG_CSV_ROW_OK);
	assert_int_equal(t.row.line, 4);
	field_is(&t, 0, "Сидоров Олег");
	next_row(&t);
	assert_int_equal(t.row.line, 5);
	field_is(&t, 0, "Козлова Анна");
	next_row(&t);
	assert_int_equal(t.row.line, 6);
	assert_int_equal(t.row.end_line, 6);
	field_is(&t, 2, "АО Орёл");
	no_more(&t);
	done(&t);
}

/* A quote that opens a field and never closes on its line: that line is read
 * alone, as LibreOffice reads it (the quote a character), and the lines after it
 * are rows.  Alone it is short a field, which a short row may be (the importer
 * reads the missing cells as empty). */
static void test_unclosed_quote_on_its_line_read_alone(void **state)
{
	reading t;
	(void)state;

	open_str(&t, "name;phone;company\r\n"
	             "Петров;\"8 912 111 22 36 ООО Ромашка\r\n"
	             "Сидоров;8 912 111 22 37;ИП\r\n"
	             "Орлов;8 912 111 22 39;АО\r\n");
	next_row(&t);
	next_row(&t);
	assert_int_equal(t.row.problem, CG_CSV_ROW_OK);
	assert_int_equal(t.row.line, 2);
	assert_int_equal(t.row.end_line, 2);
	assert_int_equal(t.row.count, 2);
	field_is(&t, 0, "Петров");
	field_is(&t, 1, "\"8 912 111 22 36 ООО Ромашка");
	next_row(&t);
	assert_int_equal(t.row.problem, CG_CSV_ROW_OK);
	assert_int_equal(t.row.line, 3);
	field_is(&t, 0, "Сидоров");
	next_row(&t);
	assert_int_equal(t.row.line, 4);
	field_is(&t, 2, "АО");
	no_more(&t);
	assert_int_equal(cg_csv_bytes_read(t.r), strlen("name;phone;company\r\n"
	             "Петров;\"8 912 111 22 36 ООО Ромашка\r\n"
	             "Сидоров;8 912 111 22 37;ИП\r\n"
	             "Орлов;8 912 111 22 39;АО\r\n"));
	done(&t);
}

/* ... but a line that, read alone, has more fields than the header, with text
 * in them, is rejected alone, with where its quote opened. */
static void test_unclosed_quote_on_its_line_rejected_alone(void **state)
{
	reading t;
	(void)state;

	open_str(&t, "name;phone;company\r\n"
	             "Петров;\"8 912 111 22 36;ООО Ромашка;Москва;ещё\r\n"
	             "Сидоров;8 912 111 22 37;ИП\r\n"
	             "Орлов;8 912 111 22 39;АО\r\n");
	next_row(&t);
	next_row(&t);
	assert_int_equal(t.row.problem, CG_CSV_ROW_QUOTE_NOT_CLOSED);
	assert_int_equal(t.row.line, 2);
	assert_int_equal(t.row.end_line, 2);
	assert_int_equal(t.row.problem_line, 2);
	assert_int_equal(t.row.problem_column, 8);
	{
		char why[256];
		cg_csv_describe_problem(&t.row, 0, why, sizeof why);
		assert_non_null(strstr(why, "line 2, column 8"));
	}
	next_row(&t);
	assert_int_equal(t.row.problem, CG_CSV_ROW_OK);
	assert_int_equal(t.row.line, 3);
	field_is(&t, 0, "Сидоров");
	next_row(&t);
	assert_int_equal(t.row.line, 4);
	field_is(&t, 2, "АО");
	no_more(&t);
	done(&t);
}

/* Real fields over several lines stay one row, also next to a stray quote,
 * and in Windows-1251. */
static void test_multiline_fields_survive_the_judgement(void **state)
{
	reading t;
	cg_csv_options o = {CG_ENC_AUTO, 0, 0};
	static const char cp[] = "name;address;phone\n"
	                         "\xC0\xED\xED\xE0;\"\xF3\xEB. 1\n\xEA\xE2. 5\";89121112233\n"
	                         "\"\xCF\xE5\xF2\xF0\xEE\xE2\" \xCF;x;89121112236\n"
	                         "B;\"two\nlines; with a delimiter\";89121112237\n"
	                         "C;y;89121112238\n";
	(void)state;

	open_str(&t, "name;address;phone\n"
	             "Анна;\"ул. Ленина 1\nкв. 5\";89121112233\n"
	             "Пётр;\"ул. Мира 2;\nкорп. 3;\nкв. 7\";89121112234\n"
	             "C;z;89121112235\n");
	next_row(&t);
	next_row(&t);
	assert_int_equal(t.row.problem, CG_CSV_ROW_OK);
	assert_int_equal(t.row.line, 2);
	assert_int_equal(t.row.end_line, 3);
	field_is(&t, 1, "ул. Ленина 1\nкв. 5");
	next_row(&t);
	/* every line of it has 2 fields where the header has 3: one row */
	assert_int_equal(t.row.problem, CG_CSV_ROW_OK);
	assert_int_equal(t.row.line, 4);
	assert_int_equal(t.row.end_line, 6);
	field_is(&t, 1, "ул. Мира 2;\nкорп. 3;\nкв. 7");
	next_row(&t);
	assert_int_equal(t.row.line, 7);
	no_more(&t);
	done(&t);

	o.encoding = CG_ENC_CP1251;
	open_text(&t, cp, sizeof cp - 1, &o);
	next_row(&t);
	next_row(&t);
	assert_int_equal(t.row.end_line, 3);
	field_is(&t, 0, "Анна");
	field_is(&t, 1, "ул. 1\nкв. 5");
	next_row(&t);
	assert_int_equal(t.row.problem, CG_CSV_ROW_OK);
	assert_int_equal(t.row.line, 4);
	assert_int_equal(t.row.end_line, 4);
	field_is(&t, 0, "\"Петров\" П");
	next_row(&t);
	assert_int_equal(t.row.line, 5);
	assert_int_equal(t.row.end_line, 6);
	field_is(&t, 1, "two\nlines; with a delimiter");
	next_row(&t);
	assert_int_equal(t.row.line, 7);
	field_is(&t, 0, "C");
	no_more(&t);
	done(&t);
}

/* A stray quote in a long file: the judgement looks at a bounded window, so
 * memory stays flat, and every row after it is read as written. */
static void test_stray_quote_in_a_long_file(void **state)
{
	size_t n = 100000, i;
	char *text = malloc(n * 40 + 100), *p = text;
	reading t;
	unsigned long rows = 0;
	(void)state;

	assert_non_null(text);
	p += sprintf(p, "name,phone\n\"Stray\" quote,1\n");
	for (i = 0; i < n; i++)
		p += sprintf(p, "Name %zu,%zu\n", i, i);
	open_text(&t, text, (size_t)(p - text), NULL);
	next_row(&t);
	next_row(&t);
	assert_int_equal(t.row.problem, CG_CSV_ROW_OK);
	field_is(&t, 0, "\"Stray\" quote");
	while (cg_csv_next(t.r, &t.row, &t.err) == 1) {
		char want[32];
		assert_int_equal(t.row.problem, CG_CSV_ROW_OK);
		assert_int_equal(t.row.line, rows + 3);
		snprintf(want, sizeof want, "Name %lu", rows);
		field_is(&t, 0, want);
		rows++;
	}
	assert_int_equal(rows, n);
	done(&t);
	free(text);
}

/* Excel's "sep=;" first line names the delimiter and is no row. */
static void test_excel_sep_line(void **state)
{
	reading t;
	cg_csv_options o = {CG_ENC_AUTO, '\t', 0};
	(void)state;

	open_str(&t, "sep=;\r\nname,x;phone\r\nA,b;1\r\n");
	assert_int_equal(cg_csv_delimiter(t.r), ';');
	next_row(&t);
	assert_int_equal(t.row.line, 2);
	assert_int_equal(t.row.count, 2);
	field_is(&t, 0, "name,x");
	next_row(&t);
	assert_int_equal(t.row.line, 3);
	field_is(&t, 1, "1");
	no_more(&t);
	done(&t);

	/* with a BOM before it; a delimiter given by the caller wins */
	open_text(&t, "\xEF\xBB\xBFsep=,\nname\tphone\n", 21, &o);
	assert_int_equal(cg_csv_delimiter(t.r), '\t');
	next_row(&t);
	assert_int_equal(t.row.line, 2);
	field_is(&t, 1, "phone");
	done(&t);

	/* "sep=" as a header cell is no sep line */
	open_str(&t, "sep=;x\n1;2\n");
	next_row(&t);
	field_is(&t, 0, "sep=");
	done(&t);
}

/* Two exports pasted together: the second one's BOM and header. */
static void test_bom_and_header_again_mid_file(void **state)
{
	reading t;
	char why[256];
	(void)state;

	open_str(&t, "\xEF\xBB\xBFname;phone\r\nА;1\r\n\xEF\xBB\xBFname;phone\r\nБ;2\r\n");
	next_row(&t);
	next_row(&t);
	field_is(&t, 0, "А");
	next_row(&t);
	assert_int_equal(t.row.line, 3);
	assert_int_equal(t.row.problem, CG_CSV_ROW_HEADER_REPEATED);
	assert_int_equal(t.row.problem_line, 1);
	field_is(&t, 0, "name");
	cg_csv_describe_problem(&t.row, 0, why, sizeof why);
	assert_string_equal(why, "a repeat of the header row (line 1): lists pasted together?");
	next_row(&t);
	assert_int_equal(t.row.problem, CG_CSV_ROW_OK);
	field_is(&t, 0, "Б");
	no_more(&t);
	done(&t);
}

/* A UTF-8 line in a Windows-1251 file is read as UTF-8 (unless the encoding
 * was given). */
static void test_utf8_line_in_cp1251_file(void **state)
{
	static const char text[] = "\xC8\xEC\xFF;phone\n"                 /* Имя */
	                           "\xCF\xE5\xF2\xF0\xEE\xE2;1\n"         /* Петров */
	                           "Сидоров;2\n"                           /* UTF-8 */
	                           "\xCE\xF0\xEB\xEE\xE2;3\n";            /* Орлов */
	cg_csv_options o = {CG_ENC_CP1251, 0, 0};
	reading t;
	(void)state;

	open_text(&t, text, sizeof text - 1, NULL);
	next_row(&t);
	field_is(&t, 0, "Имя");
	assert_int_equal(cg_csv_encoding(t.r), CG_ENC_CP1251);
	next_row(&t);
	field_is(&t, 0, "Петров");
	next_row(&t);
	assert_int_equal(t.row.problem, CG_CSV_ROW_OK);
	field_is(&t, 0, "Сидоров");
	next_row(&t);
	field_is(&t, 0, "Орлов");
	no_more(&t);
	done(&t);

	open_text(&t, text, sizeof text - 1, &o);
	next_row(&t);
	next_row(&t);
	next_row(&t);
	field_is(&t, 0, "РЎРёРґРѕСЂРѕРІ");
	done(&t);

	/* the UTF-8 line first: the Windows-1251 text after it still decides */
	open_str(&t, "name;phone\n"
	             "Сидоров;2\n"
	             "\xCF\xE5\xF2\xF0\xEE\xE2;1\n"
	             "\xCE\xF0\xEB\xEE\xE2;3\n");
	next_row(&t);
	next_row(&t);
	field_is(&t, 0, "Сидоров");
	next_row(&t);
	field_is(&t, 0, "Петров");
	next_row(&t);
	field_is(&t, 0, "Орлов");
	assert_int_equal(cg_csv_encoding(t.r), CG_ENC_CP1251);
	done(&t);
}

/* A header written with trailing delimiters: rows without them are not ragged. */
static void test_unnamed_trailing_columns(void **state)
{
	reading t;
	(void)state;

	open_str(&t, "name;phone;;\n"
	             "A;1;;\n"
	             "B;2\n"
	             "C\n");
	next_row(&t);
	assert_int_equal(t.row.count, 4);
	next_row(&t);
	assert_int_equal(t.row.count, 4);
	next_row(&t);
	assert_int_equal(t.row.count, 4);
	assert_int_equal(t.row.count_read, 4);
	field_is(&t, 1, "2");
	field_is(&t, 3, "");
	next_row(&t);
	/* a named column is missing: ragged, as written */
	assert_int_equal(t.row.count, 1);
	no_more(&t);
	done(&t);
}

/* A stray quote on every line: each line is judged on a few lines after it,
 * not on a megabyte of them, so reading stays linear. */
static void test_stray_quote_on_every_line(void **state)
{
	size_t n = 20000, i;
	char *text = malloc(n * 48 + 100), *p = text;
	reading t;
	unsigned long rows = 0;
	(void)state;

	assert_non_null(text);
	p += sprintf(p, "name;phone;company\n");
	for (i = 0; i < n; i++)
		p += sprintf(p, "\"Name\" %zu;%zu;ООО \"Ромашка\n", i, i);
	open_text(&t, text, (size_t)(p - text), NULL);
	next_row(&t);
	while (cg_csv_next(t.r, &t.row, &t.err) == 1) {
		char want[32];
		assert_int_equal(t.row.problem, CG_CSV_ROW_OK);
		assert_int_equal(t.row.line, rows + 2);
		assert_int_equal(t.row.end_line, rows + 2);
		snprintf(want, sizeof want, "\"Name\" %lu", rows);
		field_is(&t, 0, want);
		field_is(&t, 2, "ООО \"Ромашка");
		rows++;
	}
	assert_int_equal(rows, n);
	done(&t);
	free(text);
}

/* Found by fuzz_csv (tests/fuzz/corpus/csv-regress-empty-header-null-arena):
 * a header of empty fields holds no text at all, and comparing rows with it
 * must not touch the text it does not have (UBSan: offset on a null pointer). */
static void test_empty_header_compared(void **state)
{
	reading t;
	(void)state;

	open_str(&t, ",,\r\r,,\r\xff,x\r");
	next_row(&t);
	assert_int_equal(t.row.count, 3);
	next_row(&t);
	assert_int_equal(t.row.problem, CG_CSV_ROW_HEADER_REPEATED);
	next_row(&t);
	assert_int_equal(t.row.problem, CG_CSV_ROW_OK);
	field_is(&t, 0, "я"); /* 0xFF alone reads as Windows-1251 */
	no_more(&t);
	done(&t);
}

static void test_too_many_fields(void **state)
{
	size_t n = CG_CSV_ROW_MAX_FIELDS + 5, i;
	char *text = malloc(n * 2 + 10);
	reading t;
	(void)state;

	for (i = 0; i < n; i++) {
		text[2 * i] = 'x';
		text[2 * i + 1] = ',';
	}
	text[2 * n - 1] = '\n';
	memcpy(text + 2 * n, "a,b\n", 4);
	open_text(&t, text, 2 * n + 4, NULL);
	next_row(&t);
	assert_int_equal(t.row.problem, CG_CSV_ROW_TOO_MANY_FIELDS);
	assert_int_equal(t.row.count, CG_CSV_ROW_MAX_FIELDS);
	assert_int_equal(t.row.count_read, n);
	next_row(&t);
	assert_int_equal(t.row.problem, CG_CSV_ROW_OK);
	done(&t);
	free(text);
}

/* Lines, UTF-8 sequences and CRLF pairs that straddle the reader's 64 KiB
 * blocks, read from a real file. */
static void test_block_boundaries_from_file(void **state)
{
	FILE *fp = tmpfile();
	cg_csv_reader *r;
	cg_csv_row row;
	cg_csv_error err;
	unsigned long rows = 0, expect_line = 1;
	int i;
	(void)state;

	assert_non_null(fp);
	fputs("\xEF\xBB\xBFname;phone\r\n", fp);
	for (i = 0; i < 30000; i++)
		fprintf(fp, "Ёлкин %d;+7912%07d\r\n", i, i);
	rewind(fp);
	r = cg_csv_open(fp, "big.csv", NULL, &err);
	assert_non_null(r);
	while (cg_csv_next(r, &row, &err) == 1) {
		char want[64];
		assert_int_equal(row.problem, CG_CSV_ROW_OK);
		assert_int_equal(row.line, expect_line);
		assert_int_equal(row.count, 2);
		if (rows > 0) {
			snprintf(want, sizeof want, "Ёлкин %lu", rows - 1);
			assert_int_equal(row.fields[0].len, strlen(want));
			assert_memory_equal(row.fields[0].data, want, strlen(want));
		}
		rows++;
		expect_line++;
	}
	assert_int_equal(rows, 30001);
	assert_int_equal(cg_csv_bytes_read(r), (uint64_t)ftell(fp));
	cg_csv_close(r);
	fclose(fp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_comma_quotes_and_spaces),
		cmocka_unit_test(test_delimiter_detection),
		cmocka_unit_test(test_multiline_and_line_numbers),
		cmocka_unit_test(test_empty_fields_and_empty_input),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_cp1251_detected),
		cmocka_unit_test(test_encoding_override),
		cmocka_unit_test(test_bad_utf8_row_then_go_on),
		cmocka_unit_test(test_unknown_encoding_is_an_error),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_cp1251_table_matches_iconv),
		cmocka_unit_test(test_sniff_and_names),
		cmocka_unit_test(test_huge_field_rejected_and_reading_goes_on),
		cmocka_unit_test(test_unclosed_quote),
		cmocka_unit_test(test_stray_quote_rows_keep_their_own_verdicts),
		cmocka_unit_test(test_unclosed_quote_on_its_line_read_alone),
		cmocka_unit_test(test_unclosed_quote_on_its_line_rejected_alone),
		cmocka_unit_test(test_multiline_fields_survive_the_judgement),
		cmocka_unit_test(test_stray_quote_in_a_long_file),
		cmocka_unit_test(test_excel_sep_line),
		cmocka_unit_test(test_bom_and_header_again_mid_file),
		cmocka_unit_test(test_utf8_line_in_cp1251_file),
		cmocka_unit_test(test_unnamed_trailing_columns),
		cmocka_unit_test(test_stray_quote_on_every_line),
		cmocka_unit_test(test_empty_header_compared),
		cmocka_unit_test(test_too_many_fields),
		cmocka_unit_test(test_block_boundaries_from_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
