/*
 * Cells a spreadsheet would run.  Excel and LibreOffice Calc take a CSV cell
 * that starts with = + - @ (and, after a tab or a carriage return, the same)
 * as a formula (OWASP, "CSV Injection"): a hostile list's =HYPERLINK(...) in
 * a rejects file would run when the admin opens it.  Every CSV crmguard
 * writes puts a single quote before such a cell, so that it is shown as text.
 *
 * A cell that already starts with a quote gets one more, so that the rule
 * can be undone exactly: cg_csv_cell_unguarded() drops a leading quote only
 * when the next character is one this rule would have guarded.  Only files
 * crmguard wrote are read back so (the importer knows a rejects file by its
 * crmguard_line and crmguard_reason columns): in anyone else's file a
 * leading quote is the user's text.
 * Plain C, no allocation.
 */
#ifndef CRMGUARD_CSV_CELL_H
#define CRMGUARD_CSV_CELL_H

#include <stddef.h>

/* The quote written before a guarded cell. */
#define CG_CSV_CELL_GUARD '\''

/* 1 when the cell s[0..len) must be written with CG_CSV_CELL_GUARD before it. */
int cg_csv_cell_needs_guard(const char *s, size_t len);

/*
 * A cell of a file crmguard wrote, as it was before the guard: 1 (skip the
 * guard) when s starts with CG_CSV_CELL_GUARD followed by a character that
 * cg_csv_cell_needs_guard() guards, else 0.
 */
size_t cg_csv_cell_unguarded(const char *s, size_t len);

#endif
