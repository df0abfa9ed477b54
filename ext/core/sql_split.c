#include "sql_split.h"

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static unsigned count_lines(const char *s, size_t from, size_t to)
{
	unsigned n = 0;

	for (size_t i = from; i < to; i++)
		n += s[i] == '\n';
	return n;
}

/* Position after the comment starting at i, or i when none starts there. */
static size_t skip_comment(const char *s, size_t len, size_t i)
{
	if (s[i] == '#' || (s[i] == '-' && i + 1 < len && s[i + 1] == '-'
	                    && (i + 2 == len || is_space(s[i + 2])))) {
		while (i < len && s[i] != '\n')
			i++;
		return i;
	}
	if (s[i] == '/' && i + 1 < len && s[i + 1] == '*') {
		i += 2;
		while (i + 1 < len && !(s[i] == '*' && s[i + 1] == '/'))
			i++;
		return i + 1 < len ? i + 2 : len;
	}
	return i;
}

int cg_sql_next_statement(const char *sql, size_t len, size_t *pos, size_t *start, size_t *end, unsigned *line)
{
	size_t i = *pos;
	unsigned base = 1 + count_lines(sql, 0, i);

	for (;;) {
		size_t first = (size_t)-1, last = 0;

		/* Leading spaces and comments belong to no statement. */
		while (i < len) {
			size_t j;
			if (is_space(sql[i]) || sql[i] == ';') {
				i++;
				continue;
			}
			j = skip_comment(sql, len, i);
			if (j == i || (sql[i] == '/' && i + 2 < len && sql[i + 2] == '!'))
				break; /* a statement, or a MariaDB executable comment that is one */
			i = j;
		}
		if (i >= len) {
			*pos = len;
			return 0;
		}
		first = i;
		while (i < len && sql[i] != ';') {
			char c = sql[i];
			if (c == '\'' || c == '"' || c == '`') {
				i++;
				while (i < len && sql[i] != c) {
					if (sql[i] == '\\' && c != '`' && i + 1 < len)
						i++;
					i++;
				}
				i = i < len ? i + 1 : len;
				last = i;
				continue;
			}
			{
				size_t j = skip_comment(sql, len, i);
				if (j != i) {
					/* executable comments are part of the statement */
					if (sql[i] == '/' && i + 2 < len && sql[i + 2] == '!')
						last = j;
					i = j;
					continue;
				}
			}
			if (!is_space(c))
				last = i + 1;
			i++;
		}
		*start = first;
		*end = last > first ? last : first;
		*line = base + count_lines(sql, *pos, first);
		*pos = i < len ? i + 1 : len;
		if (*end > *start)
			return 1;
		base = 1 + count_lines(sql, 0, *pos);
	}
}
