#include "csv_map.h"

#include <stdio.h>
#include <string.h>

#include "csv_cell.h"

static const char *const field_names[CG_FIELD_COUNT] = {
	"ignore", "name", "first_name", "last_name", "middle_name", "phone", "mobile", "work_phone",
	"company", "email", "comment", "source", "title", "city", "manager",
};

/* Header spellings, as cg_fold() leaves them: lowercase, ё -> е, every run of
 * other characters one space. */
static const struct { const char *header; cg_field field; } headers[] = {
	{"фио", CG_FIELD_NAME}, {"ф и о", CG_FIELD_NAME}, {"name", CG_FIELD_NAME},
	{"full name", CG_FIELD_NAME}, {"fullname", CG_FIELD_NAME}, {"contact", CG_FIELD_NAME},
	{"contact name", CG_FIELD_NAME}, {"контакт", CG_FIELD_NAME}, {"контактное лицо", CG_FIELD_NAME},
	{"имя фамилия", CG_FIELD_NAME}, {"фамилия имя", CG_FIELD_NAME},
	{"фамилия имя отчество", CG_FIELD_NAME}, {"клиент", CG_FIELD_NAME},
	{"имя", CG_FIELD_FIRST_NAME}, {"first name", CG_FIELD_FIRST_NAME},
	{"firstname", CG_FIELD_FIRST_NAME}, {"given name", CG_FIELD_FIRST_NAME},
	{"фамилия", CG_FIELD_LAST_NAME}, {"last name", CG_FIELD_LAST_NAME},
	{"lastname", CG_FIELD_LAST_NAME}, {"surname", CG_FIELD_LAST_NAME},
	{"отчество", CG_FIELD_MIDDLE_NAME}, {"middle name", CG_FIELD_MIDDLE_NAME},
	{"телефон", CG_FIELD_PHONE}, {"тел", CG_FIELD_PHONE}, {"телефоны", CG_FIELD_PHONE},
	{"phone", CG_FIELD_PHONE}, {"phones", CG_FIELD_PHONE}, {"phone number", CG_FIELD_PHONE},
	{"номер", CG_FIELD_PHONE}, {"номер телефона", CG_FIELD_PHONE}, {"tel", CG_FIELD_PHONE},
	{"telephone", CG_FIELD_PHONE}, {"контактный телефон", CG_FIELD_PHONE},
	{"mobile", CG_FIELD_MOBILE}, {"mobile phone", CG_FIELD_MOBILE}, {"cell", CG_FIELD_MOBILE},
	{"моб", CG_FIELD_MOBILE}, {"мобильный", CG_FIELD_MOBILE}, {"мобильный телефон", CG_FIELD_MOBILE},
	{"сотовый", CG_FIELD_MOBILE}, {"моб тел", CG_FIELD_MOBILE},
	{"рабочий телефон", CG_FIELD_WORK_PHONE}, {"раб тел", CG_FIELD_WORK_PHONE},
	{"work phone", CG_FIELD_WORK_PHONE}, {"office phone", CG_FIELD_WORK_PHONE},
	{"компания", CG_FIELD_COMPANY}, {"company", CG_FIELD_COMPANY}, {"организация", CG_FIELD_COMPANY},
	{"organization", CG_FIELD_COMPANY}, {"organisation", CG_FIELD_COMPANY},
	{"account", CG_FIELD_COMPANY}, {"account name", CG_FIELD_COMPANY}, {"фирма", CG_FIELD_COMPANY},
	{"company name", CG_FIELD_COMPANY}, {"название компании", CG_FIELD_COMPANY},
	{"email", CG_FIELD_EMAIL}, {"e mail", CG_FIELD_EMAIL}, {"почта", CG_FIELD_EMAIL},
	{"эл почта", CG_FIELD_EMAIL}, {"электронная почта", CG_FIELD_EMAIL}, {"mail", CG_FIELD_EMAIL},
	{"email address", CG_FIELD_EMAIL}, {"e mail address", CG_FIELD_EMAIL},
	{"комментарий", CG_FIELD_COMMENT}, {"комментарии", CG_FIELD_COMMENT},
	{"comment", CG_FIELD_COMMENT}, {"comments", CG_FIELD_COMMENT}, {"примечание", CG_FIELD_COMMENT},
	{"описание", CG_FIELD_COMMENT}, {"description", CG_FIELD_COMMENT}, {"note", CG_FIELD_COMMENT},
	{"notes", CG_FIELD_COMMENT},
	{"источник", CG_FIELD_SOURCE}, {"source", CG_FIELD_SOURCE}, {"lead source", CG_FIELD_SOURCE},
	{"источник лида", CG_FIELD_SOURCE},
	{"должность", CG_FIELD_TITLE}, {"title", CG_FIELD_TITLE}, {"position", CG_FIELD_TITLE},
	{"job title", CG_FIELD_TITLE},
	{"город", CG_FIELD_CITY}, {"city", CG_FIELD_CITY},
	{"менеджер", CG_FIELD_MANAGER}, {"ответственный", CG_FIELD_MANAGER},
	{"manager", CG_FIELD_MANAGER}, {"assigned user", CG_FIELD_MANAGER},
	{"responsible", CG_FIELD_MANAGER},
};

int cg_field_from_name(const char *name, size_t len, cg_field *out)
{
	int i;

	for (i = 0; i < CG_FIELD_COUNT; i++) {
		if (strlen(field_names[i]) == len && memcmp(field_names[i], name, len) == 0) {
			*out = (cg_field)i;
			return 0;
		}
	}
	if (len == 4 && memcmp(name, "skip", 4) == 0) {
		*out = CG_FIELD_NONE;
		return 0;
	}
	return -1;
}

/*
 * Folds a header for comparison into out (NUL-terminated): ASCII and
 * Cyrillic letters lowercased, ё read as е, digits kept, every run of
 * anything else one space, no space at either end.
 */
static size_t fold(const char *s, size_t len, char *out, size_t cap)
{
	size_t i = 0, o = 0;
	int space = 0;

	while (i < len && o + 3 < cap) {
		unsigned char c = (unsigned char)s[i];
		unsigned char c2 = i + 1 < len ? (unsigned char)s[i + 1] : 0;
		char add[2];
		size_t n = 0;

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			add[n++] = (char)c;
			i++;
		} else if (c >= 'A' && c <= 'Z') {
			add[n++] = (char)(c - 'A' + 'a');
			i++;
		} else if (c == 0xD0 && c2 >= 0x90 && c2 <= 0x9F) {       /* А..П -> а..п */
			add[n++] = (char)0xD0;
			add[n++] = (char)(c2 + 0x20);
			i += 2;
		} else if (c == 0xD0 && c2 >= 0xA0 && c2 <= 0xAF) {       /* Р..Я -> р..я */
			add[n++] = (char)0xD1;
			add[n++] = (char)(c2 - 0x20);
			i += 2;
		} else if ((c == 0xD0 && c2 == 0x81) || (c == 0xD1 && c2 == 0x91)) { /* Ё ё -> е */
			add[n++] = (char)0xD0;
			add[n++] = (char)0xB5;
			i += 2;
		} else if ((c == 0xD0 && c2 >= 0xB0 && c2 <= 0xBF) || (c == 0xD1 && c2 >= 0x80 && c2 <= 0x8F)) {
			add[n++] = (char)c;
			add[n++] = (char)c2;
			i += 2;
		} else {
			/* anything else separates words; skip a whole UTF-8 sequence */
			i++;
			while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
				i++;
			space = o > 0;
			continue;
		}
		if (space) {
			out[o++] = ' ';
			space = 0;
		}
		memcpy(out + o, add, n);
		o += n;
	}
	out[o] = '\0';
	return o;
}

cg_field cg_field_for_header(const char *header, size_t len)
{
	char folded[256];
	size_t i;

	fold(header, len, folded, sizeof folded);
	for (i = 0; i < sizeof headers / sizeof headers[0]; i++) {
		if (strcmp(folded, headers[i].header) == 0)
			return headers[i].field;
	}
	return CG_FIELD_NONE;
}

static int is_phone_field(cg_field f)
{
	return f == CG_FIELD_PHONE || f == CG_FIELD_MOBILE || f == CG_FIELD_WORK_PHONE;
}

void cg_csv_map_index(cg_csv_map *map)
{
	size_t c;
	int f;

	for (f = 0; f < CG_FIELD_COUNT; f++)
		map->first[f] = -1;
	map->has_phone = 0;
	for (c = 0; c < map->columns; c++) {
		cg_field fld = map->column_field[c];
		if (fld == CG_FIELD_NONE)
			continue;
		if (map->first[fld] < 0)
			map->first[fld] = (int)c;
		if (is_phone_field(fld))
			map->has_phone = 1;
	}
}

static int field_is(const cg_csv_field *f, const char *name)
{
	size_t len = f->len;
	const char *s = cg_trim(f->data, &len);
	return len == strlen(name) && memcmp(s, name, len) == 0;
}

int cg_csv_map_is_rejects_header(const cg_csv_row *header)
{
	int line = 0, reason = 0;
	size_t i;

	for (i = 0; i < header->count; i++) {
		line |= field_is(&header->fields[i], "crmguard_line");
		reason |= field_is(&header->fields[i], "crmguard_reason");
	}
	return line && reason;
}

void cg_csv_map_unguard_row(const cg_csv_row *row, cg_csv_field *buf, cg_csv_row *out)
{
	size_t i;

	*out = *row;
	for (i = 0; i < row->count && i < CG_CSV_ROW_MAX_FIELDS; i++) {
		size_t skip = cg_csv_cell_unguarded(row->fields[i].data, row->fields[i].len);
		buf[i].data = row->fields[i].data + skip;
		buf[i].len = row->fields[i].len - skip;
	}
	out->count = i;
	out->fields = buf;
}

int cg_csv_map_build(cg_csv_map *map, const cg_csv_row *header,
                     const char *const *overrides, size_t n_overrides,
                     char *why, size_t why_size)
{
	size_t c, k;

	memset(map, 0, sizeof *map);
	map->columns = header->count < CG_MAP_MAX_COLUMNS ? header->count : CG_MAP_MAX_COLUMNS;
	for (c = 0; c < map->columns; c++) {
		cg_field f = cg_field_for_header(header->fields[c].data, header->fields[c].len);
		size_t d;
		/* a second column of a one-value field is left alone (phones may repeat) */
		for (d = 0; d < c && f != CG_FIELD_NONE && !is_phone_field(f); d++) {
			if (map->column_field[d] == f)
				f = CG_FIELD_NONE;
		}
		map->column_field[c] = f;
	}

	for (k = 0; k < n_overrides; k++) {
		const char *item = overrides[k], *eq = strrchr(item, '=');
		cg_field f;
		size_t col = 0, i;
		int found = 0;

		if (!eq || eq == item) {
			snprintf(why, why_size, "--map \"%s\": expected COLUMN=FIELD", item);
			return -1;
		}
		if (cg_field_from_name(eq + 1, strlen(eq + 1), &f) < 0) {
			snprintf(why, why_size, "--map \"%s\": unknown field \"%s\" (fields: name, first_name, "
			         "last_name, middle_name, phone, mobile, work_phone, company, email, comment, "
			         "source, title, city, manager, ignore)", item, eq + 1);
			return -1;
		}
		for (i = 0; item + i < eq && item[i] >= '0' && item[i] <= '9'; i++)
			col = col * 10 + (size_t)(item[i] - '0');
		if (item + i == eq && i > 0 && i < 6) {
			found = col >= 1 && col <= map->columns;
			col--;
		} else {
			char want[256], have[256];
			fold(item, (size_t)(eq - item), want, sizeof want);
			for (col = 0; col < map->columns; col++) {
				fold(header->fields[col].data, header->fields[col].len, have, sizeof have);
				if (strcmp(want, have) == 0) {
					found = 1;
					break;
				}
			}
		}
		if (!found) {
			snprintf(why, why_size, "--map \"%s\": the header has no column \"%.*s\"", item,
			         (int)(eq - item), item);
			return -1;
		}
		/* the override takes the field away from any column that had it */
		if (f != CG_FIELD_NONE && !is_phone_field(f)) {
			for (i = 0; i < map->columns; i++) {
				if (map->column_field[i] == f)
					map->column_field[i] = CG_FIELD_NONE;
			}
		}
		map->column_field[col] = f;
	}

	cg_csv_map_index(map);
	if (!map->has_phone) {
		snprintf(why, why_size, "the header names no phone column (Телефон, Phone, Mobile, Моб. ...); "
		         "name one with --map COLUMN=phone");
		return -1;
	}
	return 0;
}

/* ---- names ----------------------------------------------------------------- */

static int is_space_at(const char *s, size_t len, size_t i, size_t *width)
{
	unsigned char c = (unsigned char)s[i];

	*width = 1;
	if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f')
		return 1;
	if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0) { /* NBSP */
		*width = 2;
		return 1;
	}
	return 0;
}

const char *cg_trim(const char *s, size_t *len)
{
	size_t n = *len, w;

	while (n > 0 && is_space_at(s, n, 0, &w)) {
		s += w;
		n -= w;
	}
	while (n > 0) {
		if (is_space_at(s, n, n - 1, &w)) {
			n--;
		} else if (n >= 2 && (unsigned char)s[n - 2] == 0xC2 && (unsigned char)s[n - 1] == 0xA0) {
			n -= 2;
		} else {
			break;
		}
	}
	*len = n;
	return s;
}

static int ends_with(const char *w, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);
	return len > n && memcmp(w + len - n, suffix, n) == 0;
}

static int looks_like_surname(const char *w, size_t len)
{
	static const char *const endings[] = {
		"ов", "ев", "ёв", "ин", "ын", "ова", "ева", "ёва", "ина", "ына", "ский", "ская", "цкий",
		"цкая", "ской", "ко", "ук", "юк", "их", "ых",
	};
	size_t i;

	for (i = 0; i < sizeof endings / sizeof endings[0]; i++) {
		if (ends_with(w, len, endings[i]))
			return 1;
	}
	return 0;
}

void cg_split_name(const char *name, size_t len, cg_name_parts *out)
{
	const char *word[3] = {NULL, NULL, NULL};
	size_t wlen[3] = {0, 0, 0}, words = 0, i = 0, w, last_end = 0;

	memset(out, 0, sizeof *out);
	name = cg_trim(name, &len);
	while (i < len) {
		size_t start;
		while (i < len && is_space_at(name, len, i, &w))
			i += w;
		if (i >= len)
			break;
		start = i;
		while (i < len && !is_space_at(name, len, i, &w))
			i++;
		if (words < 3) {
			word[words] = name + start;
			wlen[words] = i - start;
		}
		last_end = i;
		words++;
	}
	if (words == 0)
		return;
	if (words > 1 && wlen[0] > 1 && word[0][wlen[0] - 1] == ',') {
		/* "Фамилия, Имя Отчество" / "Smith, John": the comma says which word is the last name */
		out->last = word[0];
		out->last_len = wlen[0] - 1;
		out->first = word[1];
		out->first_len = wlen[1];
		if (words > 2) {
			out->middle = word[2];
			out->middle_len = last_end - (size_t)(word[2] - name);
		}
		return;
	}
	if (words == 1) {
		out->last = word[0];
		out->last_len = wlen[0];
	} else if (words == 2) {
		int swap = looks_like_surname(word[0], wlen[0]) && !looks_like_surname(word[1], wlen[1]);
		out->first = word[swap ? 1 : 0];
		out->first_len = wlen[swap ? 1 : 0];
		out->last = word[swap ? 0 : 1];
		out->last_len = wlen[swap ? 0 : 1];
	} else if (words == 3) {
		out->last = word[0];
		out->last_len = wlen[0];
		out->first = word[1];
		out->first_len = wlen[1];
		out->middle = word[2];
		out->middle_len = wlen[2];
	} else {
		out->first = word[0];
		out->first_len = wlen[0];
		out->last = word[1];
		out->last_len = last_end - (size_t)(word[1] - name);
	}
}
