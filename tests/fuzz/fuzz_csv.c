/*
 * libFuzzer target for the CSV reader (ext/core/csv_reader.c, csv_encoding.c,
 * csv_map.c, csv_cell.c): any bytes, read to the end with a small field limit
 * so that the over-long-field path is reached, every row mapped as a header
 * would be, a rejects file's cells unguarded as the importer does.
 *
 *   tests/fuzz/run 60 csv        (builds it with clang, seeds tests/fuzz/corpus/csv)
 */
#include <stddef.h>
#include <stdint.h>

#include "csv_map.h"
#include "csv_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cg_csv_options opt = {CG_ENC_AUTO, 0, 64};
	cg_csv_error err;
	cg_csv_row row;
	cg_csv_reader *r;
	char why[512];

	if (size > 0 && data[0] == 'E') /* vary the options by the first byte */
		opt.encoding = CG_ENC_CP1251;
	static cg_csv_field unguarded[CG_CSV_ROW_MAX_FIELDS];
	int first = 1, unguard = 0;

	r = cg_csv_open_memory(data, size, "fuzz.csv", &opt, &err);
	if (!r)
		return 0;
	while (cg_csv_next(r, &row, &err) == 1) {
		cg_csv_map map;
		size_t i;
		if (first) /* a rejects file crmguard wrote: its cells lose their guard, as the importer does */
			unguard = cg_csv_map_is_rejects_header(&row);
		first = 0;
		if (unguard)
			cg_csv_map_unguard_row(&row, unguarded, &row);
		if (row.problem != CG_CSV_ROW_OK)
			cg_csv_describe_problem(&row, opt.max_field, why, sizeof why);
		cg_csv_map_build(&map, &row, NULL, 0, why, sizeof why);
		for (i = 0; i < row.count; i++) {
			cg_name_parts parts;
			cg_split_name(row.fields[i].data, row.fields[i].len, &parts);
		}
	}
	cg_csv_close(r);
	return 0;
}
