/*
 * HTML entities in SuiteCRM text.  A save through SuiteCRM 7.14.6's UI runs
 * the request through securexss() and the bean through cleanBean():
 * purify_html() on each char/varchar/text/enum field (include/utils.php
 * 2622-2651 and 2672-2690, data/SugarBean.php 2509-2535).  For plain text
 * that comes to: entities decoded, HTMLPurifier's escaping of & < >, then
 * htmlentities() (ENT_QUOTES | ENT_HTML401): & becomes "&amp;amp;", < "&amp;lt;",
 * " "&quot;", ' "&#039;", « "&laquo;", CR LF becomes LF (cg_html_suite_encode;
 * checked against SuiteCRM's own functions).  The database does not keep that
 * form: DBManager::insertParams() / updateParams() pass every value through
 * from_html() (include/database/DBManager.php 548 and 2076), which is
 * html_entity_decode() plus the &quot; &#039; &lt; &gt; map
 * (include/utils/db_utils.php 116-142), so SuiteCRM stores the text as typed,
 * and the importer writes it raw too.  Seen in a real 7.14.6: a UI save, a
 * v4_1 set_entry and a bean save of `ООО "Ромашка" & O'Brien «x»` each store
 * exactly that.  The encoded form is what a bean read shows (fetchByAssoc
 * encodes) and what a row written around DBManager may hold, so company
 * matching looks for it as well (import_companies.c), and decodes what it
 * reads (cg_html_decode_all).
 */
#include "html_text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	uint32_t cp;
	const char *name;
} html_entity;

/* tools/gen-html-entities */
static const html_entity entities[] = {
	{0x00A0, "nbsp"}, {0x00A1, "iexcl"}, {0x00A2, "cent"}, {0x00A3, "pound"}, {0x00A4, "curren"},
	{0x00A5, "yen"}, {0x00A6, "brvbar"}, {0x00A7, "sect"}, {0x00A8, "uml"}, {0x00A9, "copy"},
	{0x00AA, "ordf"}, {0x00AB, "laquo"}, {0x00AC, "not"}, {0x00AD, "shy"}, {0x00AE, "reg"},
	{0x00AF, "macr"}, {0x00B0, "deg"}, {0x00B1, "plusmn"}, {0x00B2, "sup2"}, {0x00B3, "sup3"},
	{0x00B4, "acute"}, {0x00B5, "micro"}, {0x00B6, "para"}, {0x00B7, "middot"}, {0x00B8, "cedil"},
	{0x00B9, "sup1"}, {0x00BA, "ordm"}, {0x00BB, "raquo"}, {0x00BC, "frac14"}, {0x00BD, "frac12"},
	{0x00BE, "frac34"}, {0x00BF, "iquest"}, {0x00C0, "Agrave"}, {0x00C1, "Aacute"}, {0x00C2, "Acirc"},
	{0x00C3, "Atilde"}, {0x00C4, "Auml"}, {0x00C5, "Aring"}, {0x00C6, "AElig"}, {0x00C7, "Ccedil"},
	{0x00C8, "Egrave"}, {0x00C9, "Eacute"}, {0x00CA, "Ecirc"}, {0x00CB, "Euml"}, {0x00CC, "Igrave"},
	{0x00CD, "Iacute"}, {0x00CE, "Icirc"}, {0x00CF, "Iuml"}, {0x00D0, "ETH"}, {0x00D1, "Ntilde"},
	{0x00D2, "Ograve"}, {0x00D3, "Oacute"}, {0x00D4, "Ocirc"}, {0x00D5, "Otilde"}, {0x00D6, "Ouml"},
	{0x00D7, "times"}, {0x00D8, "Oslash"}, {0x00D9, "Ugrave"}, {0x00DA, "Uacute"}, {0x00DB, "Ucirc"},
	{0x00DC, "Uuml"}, {0x00DD, "Yacute"}, {0x00DE, "THORN"}, {0x00DF, "szlig"}, {0x00E0, "agrave"},
	{0x00E1, "aacute"}, {0x00E2, "acirc"}, {0x00E3, "atilde"}, {0x00E4, "auml"}, {0x00E5, "aring"},
	{0x00E6, "aelig"}, {0x00E7, "ccedil"}, {0x00E8, "egrave"}, {0x00E9, "eacute"}, {0x00EA, "ecirc"},
	{0x00EB, "euml"}, {0x00EC, "igrave"}, {0x00ED, "iacute"}, {0x00EE, "icirc"}, {0x00EF, "iuml"},
	{0x00F0, "eth"}, {0x00F1, "ntilde"}, {0x00F2, "ograve"}, {0x00F3, "oacute"}, {0x00F4, "ocirc"},
	{0x00F5, "otilde"}, {0x00F6, "ouml"}, {0x00F7, "divide"}, {0x00F8, "oslash"}, {0x00F9, "ugrave"},
	{0x00FA, "uacute"}, {0x00FB, "ucirc"}, {0x00FC, "uuml"}, {0x00FD, "yacute"}, {0x00FE, "thorn"},
	{0x00FF, "yuml"}, {0x0152, "OElig"}, {0x0153, "oelig"}, {0x0160, "Scaron"}, {0x0161, "scaron"},
	{0x0178, "Yuml"}, {0x0192, "fnof"}, {0x02C6, "circ"}, {0x02DC, "tilde"}, {0x0391, "Alpha"},
	{0x0392, "Beta"}, {0x0393, "Gamma"}, {0x0394, "Delta"}, {0x0395, "Epsilon"}, {0x0396, "Zeta"},
	{0x0397, "Eta"}, {0x0398, "Theta"}, {0x0399, "Iota"}, {0x039A, "Kappa"}, {0x039B, "Lambda"},
	{0x039C, "Mu"}, {0x039D, "Nu"}, {0x039E, "Xi"}, {0x039F, "Omicron"}, {0x03A0, "Pi"},
	{0x03A1, "Rho"}, {0x03A3, "Sigma"}, {0x03A4, "Tau"}, {0x03A5, "Upsilon"}, {0x03A6, "Phi"},
	{0x03A7, "Chi"}, {0x03A8, "Psi"}, {0x03A9, "Omega"}, {0x03B1, "alpha"}, {0x03B2, "beta"},
	{0x03B3, "gamma"}, {0x03B4, "delta"}, {0x03B5, "epsilon"}, {0x03B6, "zeta"}, {0x03B7, "eta"},
	{0x03B8, "theta"}, {0x03B9, "iota"}, {0x03BA, "kappa"}, {0x03BB, "lambda"}, {0x03BC, "mu"},
	{0x03BD, "nu"}, {0x03BE, "xi"}, {0x03BF, "omicron"}, {0x03C0, "pi"}, {0x03C1, "rho"},
	{0x03C2, "sigmaf"}, {0x03C3, "sigma"}, {0x03C4, "tau"}, {0x03C5, "upsilon"}, {0x03C6, "phi"},
	{0x03C7, "chi"}, {0x03C8, "psi"}, {0x03C9, "omega"}, {0x03D1, "thetasym"}, {0x03D2, "upsih"},
	{0x03D6, "piv"}, {0x2002, "ensp"}, {0x2003, "emsp"}, {0x2009, "thinsp"}, {0x200C, "zwnj"},
	{0x200D, "zwj"}, {0x200E, "lrm"}, {0x200F, "rlm"}, {0x2013, "ndash"}, {0x2014, "mdash"},
	{0x2018, "lsquo"}, {0x2019, "rsquo"}, {0x201A, "sbquo"}, {0x201C, "ldquo"}, {0x201D, "rdquo"},
	{0x201E, "bdquo"}, {0x2020, "dagger"}, {0x2021, "Dagger"}, {0x2022, "bull"}, {0x2026, "hellip"},
	{0x2030, "permil"}, {0x2032, "prime"}, {0x2033, "Prime"}, {0x2039, "lsaquo"}, {0x203A, "rsaquo"},
	{0x203E, "oline"}, {0x2044, "frasl"}, {0x20AC, "euro"}, {0x2111, "image"}, {0x2118, "weierp"},
	{0x211C, "real"}, {0x2122, "trade"}, {0x2135, "alefsym"}, {0x2190, "larr"}, {0x2191, "uarr"},
	{0x2192, "rarr"}, {0x2193, "darr"}, {0x2194, "harr"}, {0x21B5, "crarr"}, {0x21D0, "lArr"},
	{0x21D1, "uArr"}, {0x21D2, "rArr"}, {0x21D3, "dArr"}, {0x21D4, "hArr"}, {0x2200, "forall"},
	{0x2202, "part"}, {0x2203, "exist"}, {0x2205, "empty"}, {0x2207, "nabla"}, {0x2208, "isin"},
	{0x2209, "notin"}, {0x220B, "ni"}, {0x220F, "prod"}, {0x2211, "sum"}, {0x2212, "minus"},
	{0x2217, "lowast"}, {0x221A, "radic"}, {0x221D, "prop"}, {0x221E, "infin"}, {0x2220, "ang"},
	{0x2227, "and"}, {0x2228, "or"}, {0x2229, "cap"}, {0x222A, "cup"}, {0x222B, "int"},
	{0x2234, "there4"}, {0x223C, "sim"}, {0x2245, "cong"}, {0x2248, "asymp"}, {0x2260, "ne"},
	{0x2261, "equiv"}, {0x2264, "le"}, {0x2265, "ge"}, {0x2282, "sub"}, {0x2283, "sup"},
	{0x2284, "nsub"}, {0x2286, "sube"}, {0x2287, "supe"}, {0x2295, "oplus"}, {0x2297, "otimes"},
	{0x22A5, "perp"}, {0x22C5, "sdot"}, {0x2308, "lceil"}, {0x2309, "rceil"}, {0x230A, "lfloor"},
	{0x230B, "rfloor"}, {0x2329, "lang"}, {0x232A, "rang"}, {0x25CA, "loz"}, {0x2660, "spades"},
	{0x2663, "clubs"}, {0x2665, "hearts"}, {0x2666, "diams"},
};

#define N_ENTITIES (sizeof entities / sizeof entities[0])

static const char *entity_of(uint32_t cp)
{
	size_t lo = 0, hi = N_ENTITIES;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (entities[mid].cp == cp)
			return entities[mid].name;
		if (entities[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The code point of the UTF-8 sequence at s (n bytes left) and its length; 0 bytes when invalid. */
static uint32_t utf8_next(const unsigned char *s, size_t n, size_t *len)
{
	if (s[0] < 0x80) {
		*len = 1;
		return s[0];
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF && n >= 2) {
		*len = 2;
		return (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
	}
	if (s[0] >= 0xE0 && s[0] <= 0xEF && n >= 3) {
		*len = 3;
		return (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
	}
	*len = s[0] >= 0xF0 && n >= 4 ? 4 : 1;
	return 0xFFFFFFFFu;
}

static size_t utf8_put(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* The character of the entity "&...;" at s (n bytes left): its code point and length, 0 none. */
static size_t entity_at(const char *s, size_t n, uint32_t *cp)
{
	size_t i, end;

	for (end = 1; end < n && end < 12 && s[end] != ';'; end++)
		;
	if (end >= n || s[end] != ';' || end < 3)
		return 0;
	if (s[1] == '#') {
		int hex = s[2] == 'x' || s[2] == 'X';
		uint32_t v = 0;
		size_t start = hex ? 3 : 2;
		if (start >= end)
			return 0;
		for (i = start; i < end; i++) {
			char c = s[i];
			int d = c >= '0' && c <= '9' ? c - '0' : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
			        : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
			if (d < 0 || v > 0x10FFFF)
				return 0;
			v = v * (hex ? 16u : 10u) + (uint32_t)d;
		}
		if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
			return 0;
		*cp = v;
		return end + 1;
	}
	{
		static const struct { const char *name; uint32_t cp; } basic[] = {
			{"amp", '&'}, {"quot", '"'}, {"lt", '<'}, {"gt", '>'},
		};
		size_t len = end - 1;
		for (i = 0; i < sizeof basic / sizeof basic[0]; i++) {
			if (strlen(basic[i].name) == len && memcmp(basic[i].name, s + 1, len) == 0) {
				*cp = basic[i].cp;
				return end + 1;
			}
		}
		for (i = 0; i < N_ENTITIES; i++) {
			if (strlen(entities[i].name) == len && memcmp(entities[i].name, s + 1, len) == 0) {
				*cp = entities[i].cp;
				return end + 1;
			}
		}
	}
	return 0;
}

size_t cg_html_decode(const char *s, size_t n, char *out)
{
	size_t i = 0, o = 0;

	while (i < n) {
		uint32_t cp;
		size_t len = s[i] == '&' ? entity_at(s + i, n - i, &cp) : 0;
		if (len) {
			o += utf8_put(cp, out + o);
			i += len;
		} else {
			out[o++] = s[i++];
		}
	}
	out[o] = '\0';
	return o;
}

size_t cg_html_decode_all(const char *s, size_t n, char *out)
{
	size_t len = cg_html_decode(s, n, out);

	/* stored text may have been encoded more than once: decode until nothing changes */
	for (int pass = 0; pass < 3 && memchr(out, '&', len); pass++) {
		size_t before = len;
		char *copy = malloc(len + 1);
		if (!copy)
			break;
		memcpy(copy, out, len);
		len = cg_html_decode(copy, before, out);
		free(copy);
		if (len == before)
			break;
	}
	return len;
}

size_t cg_html_suite_encode(const char *s, size_t n, char *out)
{
	char *plain = malloc(n + 1);
	size_t i = 0, o = 0, len;

	if (!plain)
		return (size_t)-1;
	len = cg_html_decode_all(s, n, plain);
	while (i < len) {
		const unsigned char *p = (const unsigned char *)plain + i;
		size_t step;
		uint32_t cp = utf8_next(p, len - i, &step);
		const char *name;
		switch (cp) {
		case '&': memcpy(out + o, "&amp;amp;", 9); o += 9; break;
		case '<': memcpy(out + o, "&amp;lt;", 8); o += 8; break;
		case '>': memcpy(out + o, "&amp;gt;", 8); o += 8; break;
		case '"': memcpy(out + o, "&quot;", 6); o += 6; break;
		case '\'': memcpy(out + o, "&#039;", 6); o += 6; break;
		case '\r':
			/* HTMLPurifier's Core.NormalizeNewlines: CR LF and CR become LF */
			if (i + 1 < len && plain[i + 1] == '\n')
				break;
			out[o++] = '\n';
			break;
		default:
			if (cp >= 0xA0 && (name = entity_of(cp)) != NULL) {
				o += (size_t)sprintf(out + o, "&%s;", name);
			} else {
				memcpy(out + o, p, step);
				o += step;
			}
		}
		i += step;
	}
	out[o] = '\0';
	free(plain);
	return o;
}
