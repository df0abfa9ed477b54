#include "csv_cell.h"

/* = + - @ start a formula; a tab or CR first is skipped by some readers before
 * they look; the quote itself, so that the guard can be told from the text. */
static int guarded_first(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == CG_CSV_CELL_GUARD;
}

int cg_csv_cell_needs_guard(const char *s, size_t len)
{
	return len > 0 && guarded_first(s[0]);
}

size_t cg_csv_cell_unguarded(const char *s, size_t len)
{
	return len >= 2 && s[0] == CG_CSV_CELL_GUARD && guarded_first(s[1]) ? 1 : 0;
}
