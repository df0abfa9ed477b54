/*
 * An import's report as people read it while it runs: the progress line the
 * CLI prints (the glue only writes it out).
 */
#include <stdio.h>

#include "import.h"

size_t cg_import_progress_line(const cg_import_report *r, int final, int tty, char *out, size_t size)
{
	double rate = r->elapsed_s > 0 ? (double)r->rows_read / r->elapsed_s : 0;
	double share = r->bytes_total ? (double)r->bytes_read / (double)r->bytes_total : 0;
	double eta = share > 0.01 && share < 1 ? r->elapsed_s * (1 - share) / share : 0;
	int n;

	if ((!tty && !final) || size == 0)
		return 0;
	n = snprintf(out, size, "%simport: %llu rows, %llu created, %.0f rows/s, %3.0f%%, ETA %dm%02ds%s",
	             tty ? "\r" : "", (unsigned long long)r->rows_read, (unsigned long long)r->contacts_created, rate,
	             share * 100, (int)(eta / 60), (int)eta % 60, final || !tty ? "\n" : "  ");
	if (n < 0)
		return 0;
	return (size_t)n < size ? (size_t)n : size - 1;
}
