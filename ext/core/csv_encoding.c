#include "csv_encoding.h"

#include <string.h>

/* Windows-1251 0x80..0xFF as Unicode code points (0x98 is unassigned: U+FFFD). */
static const uint16_t cp1251_high[128] = {
	0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021,
	0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,
	0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0xFFFD, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,
	0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7,
	0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,
	0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7,
	0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,
	/* 0xC0..0xFF: А..я in order */
	0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417,
	0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E, 0x041F,
	0x0420, 0x0421, 0x0422, 0x0423, 0x0424, 0x0425, 0x0426, 0x0427,
	0x0428, 0x0429, 0x042A, 0x042B, 0x042C, 0x042D, 0x042E, 0x042F,
	0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437,
	0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F,
	0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447,
	0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D, 0x044E, 0x044F,
};

static int ascii_ieq(const char *a, size_t alen, const char *b)
{
	size_t i;

	if (alen != strlen(b))
		return 0;
	for (i = 0; i < alen; i++) {
		char c = a[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != b[i])
			return 0;
	}
	return 1;
}

int cg_encoding_from_name(const char *name, size_t len, cg_encoding *out)
{
	static const struct { const char *name; cg_encoding enc; } names[] = {
		{"auto", CG_ENC_AUTO}, {"utf-8", CG_ENC_UTF8}, {"utf8", CG_ENC_UTF8},
		{"cp1251", CG_ENC_CP1251}, {"windows-1251", CG_ENC_CP1251},
		{"win1251", CG_ENC_CP1251}, {"win-1251", CG_ENC_CP1251}, {"cp-1251", CG_ENC_CP1251},
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (ascii_ieq(name, len, names[i].name)) {
			*out = names[i].enc;
			return 0;
		}
	}
	return -1;
}

size_t cg_bom_length(const unsigned char *s, size_t len, int *utf16)
{
	*utf16 = 0;
	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		return 3;
	if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF)))
		*utf16 = 1;
	return 0;
}

int cg_utf8_sequence(const unsigned char *s, size_t len)
{
	unsigned char c = s[0];
	int need, i;
	unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the second byte */

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		need = 2;
	else if (c >= 0xE0 && c <= 0xEF) {
		need = 3;
		if (c == 0xE0)
			lo = 0xA0;      /* no overlong forms */
		else if (c == 0xED)
			hi = 0x9F;      /* no surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 4;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;      /* nothing above U+10FFFF */
	} else
		return 0;

	for (i = 1; i < need; i++) {
		if ((size_t)i >= len)
			return -1;
		if (i == 1 ? (s[1] < lo || s[1] > hi) : (s[i] < 0x80 || s[i] > 0xBF))
			return 0;
	}
	return need;
}

cg_encoding cg_encoding_sniff(const unsigned char *s, size_t len, int at_end)
{
	size_t i = 0, high = 0, lower = 0, upper = 0, multibyte = 0, malformed = 0;

	while (i < len) {
		int n = cg_utf8_sequence(s + i, len - i);
		if (n == -1 && !at_end)
			break;          /* cut by the window, not by the file */
		if (n <= 0) {
			malformed++;
			i++;
			continue;
		}
		if (n > 1)
			multibyte++;
		i += (size_t)n;
	}
	/* Windows-1251 text almost never forms UTF-8 sequences, so a window that
	 * is mostly well-formed UTF-8 is UTF-8 with a few bad bytes (the reader
	 * rejects their rows). */
	if (multibyte > 0 && malformed * 4 <= multibyte)
		return CG_ENC_UTF8;

	for (i = 0; i < len; i++) {
		unsigned char c = s[i];
		int n;
		if (c < 0x80)
			continue;
		/* a line pasted in UTF-8 (the reader reads such lines as UTF-8): not counted */
		n = cg_utf8_sequence(s + i, len - i);
		if (n > 1) {
			i += (size_t)n - 1;
			continue;
		}
		if (c == 0x98)
			return CG_ENC_UNKNOWN; /* unassigned in Windows-1251 */
		high++;
		if (c >= 0xE0 || c == 0xB8)
			lower++;
		else if (c >= 0xC0 || c == 0xA8)
			upper++;
	}
	/* Russian text: letters dominate the high bytes, and lowercase ones
	 * outnumber capitals (in KOI8-R the two ranges are swapped). */
	if (high > 0 && (lower + upper) * 10 >= high * 6 && lower >= upper)
		return CG_ENC_CP1251;
	return CG_ENC_UNKNOWN;
}

size_t cg_cp1251_to_utf8(const unsigned char *s, size_t len, unsigned char *out)
{
	size_t i, o = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = s[i];
		uint16_t cp;
		if (c < 0x80) {
			out[o++] = c;
			continue;
		}
		cp = cp1251_high[c - 0x80];
		if (cp < 0x800) {
			out[o++] = (unsigned char)(0xC0 | (cp >> 6));
			out[o++] = (unsigned char)(0x80 | (cp & 0x3F));
		} else {
			out[o++] = (unsigned char)(0xE0 | (cp >> 12));
			out[o++] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
			out[o++] = (unsigned char)(0x80 | (cp & 0x3F));
		}
	}
	return o;
}
