/*
 * Which CSV column holds what: header names in Russian and English
 * (ФИО / Имя / Фамилия / Name, Телефон / Phone / Mobile / Моб., Компания /
 * Company / Организация, Email / Почта, Комментарий / Comment, Источник /
 * Source, ...) mapped to the importer's fields, with overrides such as
 * "Контакт=name" or "3=phone".  Also splits a full name into its parts.
 * Plain C, no allocation.
 */
#ifndef CRMGUARD_CSV_MAP_H
#define CRMGUARD_CSV_MAP_H

#include <stddef.h>

#include "csv_reader.h"

typedef enum {
	CG_FIELD_NONE = 0,   /* column not imported */
	CG_FIELD_NAME,       /* full name: "Иванов Иван Иванович", "Ivan Petrov" */
	CG_FIELD_FIRST_NAME,
	CG_FIELD_LAST_NAME,
	CG_FIELD_MIDDLE_NAME,
	CG_FIELD_PHONE,      /* numbers, typed Mobile (the CRMs' default for a contact) */
	CG_FIELD_MOBILE,     /* numbers, Mobile */
	CG_FIELD_WORK_PHONE, /* numbers, Office / phone_work */
	CG_FIELD_COMPANY,
	CG_FIELD_EMAIL,
	CG_FIELD_COMMENT,
	CG_FIELD_SOURCE,
	CG_FIELD_TITLE,
	CG_FIELD_CITY,
	CG_FIELD_MANAGER,    /* the responsible manager (user name or id), for assign_column */
	CG_FIELD_COUNT
} cg_field;

#define CG_MAP_MAX_COLUMNS CG_CSV_ROW_MAX_FIELDS

typedef struct {
	cg_field column_field[CG_MAP_MAX_COLUMNS];
	size_t columns;            /* fields in the header row */
	int first[CG_FIELD_COUNT]; /* first column of each field, -1 when absent */
	int has_phone;             /* any phone column */
} cg_csv_map;

/* Field by its name ("name", "first_name", ..., "ignore" for NONE); -1 when unknown. */
int cg_field_from_name(const char *name, size_t len, cg_field *out);

/* The field a header names (after folding case, ё and punctuation), or CG_FIELD_NONE. */
cg_field cg_field_for_header(const char *header, size_t len);

/*
 * Builds the map from the header row.  overrides: "column=field" items, where
 * column is a header (compared as cg_field_for_header compares) or a 1-based
 * column number.  Returns 0, or -1 with why (an unknown field or column, a
 * file without any phone column).
 */
int cg_csv_map_build(cg_csv_map *map, const cg_csv_row *header,
                     const char *const *overrides, size_t n_overrides,
                     char *why, size_t why_size);

/*
 * Whether the header is that of a rejects file crmguard wrote (it has the
 * columns crmguard_line and crmguard_reason): such a file's cells carry the
 * spreadsheet guard of csv_cell.h, which cg_csv_map_unguard_row() takes off.
 */
int cg_csv_map_is_rejects_header(const cg_csv_row *header);

/*
 * row as it was before crmguard guarded its cells (csv_cell.h): out shares
 * row's text, its fields are buf (CG_CSV_ROW_MAX_FIELDS of them).
 */
void cg_csv_map_unguard_row(const cg_csv_row *row, cg_csv_field *buf, cg_csv_row *out);

/* Recomputes first[] and has_phone after column_field[] changed. */
void cg_csv_map_index(cg_csv_map *map);

typedef struct {
	const char *first; size_t first_len;
	const char *middle; size_t middle_len;
	const char *last; size_t last_len;
} cg_name_parts;

/*
 * Splits a full name, trimmed: three words are "Фамилия Имя Отчество";
 * two words are "Имя Фамилия" unless the first looks like a Russian surname
 * (-ов, -ева, -ский, ...) and the second does not; one word is a last name;
 * more than three: the first word is the first name, the rest the last name.
 * A first word ending in a comma is the last name ("Иванов, Пётр Сергеевич").
 */
void cg_split_name(const char *name, size_t len, cg_name_parts *out);

/* Trims ASCII and UTF-8 NBSP white space around s[0..*len): returns the new start. */
const char *cg_trim(const char *s, size_t *len);

#endif
