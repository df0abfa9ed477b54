/*
 * Phone numbers to E.164.  The reading follows libphonenumber's
 * PhoneNumberUtil::Parse and IsValidNumber step by step (international
 * prefix, country code, national prefix, possible lengths, the region of the
 * number), over the tables of phone_meta.h instead of regular expressions.
 * Where that reading finds no valid number, the rules people apply are tried
 * (read_with_rules below); each is documented in docs/development.md.
 */
#include "phone.h"

#include <stdatomic.h>
#include <string.h>

#include "phone_meta.h"
#include "phone_read.h"
#include "phone_text.h"

#define NSN_MIN 2
#define COUNTRY_CODE_MAX_DIGITS 3

/* A digit string being read; room for a transform rule's insertion. */
typedef struct {
	char d[CG_TEXT_DIGITS_MAX + 16];
	size_t n;
} digit_buf;

/* ---- regions --------------------------------------------------------- */

/*
 * Two indexes built once from cg_regions: two letters to a region, and a
 * calling code to its regions (consulted several times per number, so a
 * table rather than a search).
 */
#define COUNTRY_CODE_LIMIT 1000
static int16_t region_by_letters[26 * 26];
static uint16_t code_first[COUNTRY_CODE_LIMIT];
static uint8_t code_count[COUNTRY_CODE_LIMIT];
static atomic_int region_index_ready;

/* Builds into locals, then copies: threads racing here store the same values. */
static void build_region_index(void)
{
	int16_t letters[26 * 26];
	uint16_t first[COUNTRY_CODE_LIMIT];
	uint8_t count[COUNTRY_CODE_LIMIT] = {0};

	for (size_t i = 0; i < 26 * 26; i++)
		letters[i] = -1;
	for (size_t i = 0; i < cg_region_count; i++) {
		const char *c = cg_regions[i].code;
		unsigned code = cg_regions[i].country_code;

		if (c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z' && c[2] == '\0')
			letters[(c[0] - 'A') * 26 + (c[1] - 'A')] = (int16_t)i;
		if (code < COUNTRY_CODE_LIMIT && count[code]++ == 0)
			first[code] = (uint16_t)i;
	}
	for (size_t code = 0; code < COUNTRY_CODE_LIMIT; code++)
		if (count[code] == 0)
			first[code] = (uint16_t)cg_region_count;
	memcpy(region_by_letters, letters, sizeof letters);
	memcpy(code_first, first, sizeof first);
	memcpy(code_count, count, sizeof count);
	atomic_store_explicit(&region_index_ready, 1, memory_order_release);
}

static void need_region_index(void)
{
	if (!atomic_load_explicit(&region_index_ready, memory_order_acquire))
		build_region_index();
}

size_t cg_regions_for_code(unsigned code, size_t *first)
{
	need_region_index();
	if (code >= COUNTRY_CODE_LIMIT) {
		*first = cg_region_count;
		return 0;
	}
	*first = code_first[code];
	return code_count[code];
}

int cg_region_find(const char *code, size_t len)
{
	int a, b;

	if (len != 2)
		return -1;
	a = code[0] & ~0x20;
	b = code[1] & ~0x20;
	if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z')
		return -1;
	need_region_index();
	return region_by_letters[(a - 'A') * 26 + (b - 'A')];
}

/* ---- prefix patterns --------------------------------------------------- */

typedef struct {
	size_t length;      /* digits the whole match takes */
	size_t start[3];    /* capture groups 1 and 2 */
	size_t len[3];
} prefix_match;

static int match_segments(const cg_prefix_alternative *alt, size_t seg,
                          const char *d, size_t n, size_t pos, prefix_match *m)
{
	const cg_prefix_segment *segment;
	size_t ends[CG_TEXT_DIGITS_MAX + 17];
	size_t count = 0;
	cg_dfa_state s;

	if (seg == alt->segment_count) {
		if (alt->anchored_end && pos != n)
			return 0;
		m->length = pos;
		return 1;
	}
	segment = &cg_prefix_segments[alt->first_segment + seg];
	s = segment->dfa;
	if (cg_dfa_flags[s] & CG_F_MATCH)
		ends[count++] = pos;
	for (size_t i = pos; i < n && s; i++) {
		s = cg_dfa_next[s][d[i] - '0'];
		if (cg_dfa_flags[s] & CG_F_MATCH)
			ends[count++] = i + 1;
	}
	/* Greedy: the longest match first, giving digits back on failure. */
	while (count > 0) {
		size_t end = ends[--count];
		if (segment->group) {
			m->start[segment->group] = pos;
			m->len[segment->group] = end - pos;
		}
		if (match_segments(alt, seg + 1, d, n, end, m))
			return 1;
	}
	if (segment->group)
		m->len[segment->group] = 0;
	return 0;
}

static int match_prefix(const cg_prefix_pattern *p, const char *d, size_t n, prefix_match *m)
{
	for (size_t a = 0; a < p->alternative_count; a++) {
		memset(m, 0, sizeof *m);
		if (match_segments(&cg_prefix_alternatives[p->first_alternative + a], 0, d, n, 0, m))
			return 1;
	}
	return 0;
}

/* ---- lengths ------------------------------------------------------------ */

cg_length_check cg_test_length(const cg_region *r, size_t n)
{
	uint32_t lengths = r->possible_lengths;
	unsigned min, max;

	if (lengths == 0)
		return CG_LEN_INVALID;
	if (n < 32 && (r->local_only_lengths >> n & 1))
		return CG_LEN_LOCAL_ONLY;
	min = (unsigned)__builtin_ctz(lengths);
	max = 31u - (unsigned)__builtin_clz(lengths);
	if (n == min)
		return CG_LEN_POSSIBLE;
	if (n < min)
		return CG_LEN_TOO_SHORT;
	if (n > max)
		return CG_LEN_TOO_LONG;
	return (lengths >> n & 1) ? CG_LEN_POSSIBLE : CG_LEN_INVALID;
}

/* ---- the reading, as libphonenumber does it ---------------------------- */

/* MaybeStripNationalPrefixAndCarrierCode: trunk prefix, carrier code, transform rule. */
static int strip_national_prefix(const cg_region *r, digit_buf *num)
{
	const cg_prefix_pattern *p = &r->national_prefix_for_parsing;
	const char *rule = r->national_prefix_transform_rule;
	prefix_match m;
	digit_buf out;
	size_t captured = p->group_count;

	if (num->n == 0 || p->alternative_count == 0 || !match_prefix(p, num->d, num->n, &m))
		return 0;
	out.n = 0;
	if (rule && captured > 0 && m.len[captured] > 0) {
		for (const char *c = rule; *c; c++) {
			if (c[0] == '$' && (c[1] == '1' || c[1] == '2')) {
				int g = *++c - '0';
				memcpy(out.d + out.n, num->d + m.start[g], m.len[g]);
				out.n += m.len[g];
			} else if (out.n < sizeof out.d - CG_TEXT_DIGITS_MAX) {
				out.d[out.n++] = *c;
			}
		}
	}
	memcpy(out.d + out.n, num->d + m.length, num->n - m.length);
	out.n += num->n - m.length;
	if (out.n > CG_TEXT_DIGITS_MAX)
		return 0;
	/* A number that fitted the region's pattern must still fit after stripping. */
	if (!(cg_dfa_walk(r->national, out.d, out.n) & CG_F_GENERAL)
	    && (cg_dfa_walk(r->national, num->d, num->n) & CG_F_GENERAL))
		return 0;
	*num = out;
	return 1;
}

/* ExtractCountryCode: the first 1-3 digits that are a known calling code. */
static unsigned take_country_code(digit_buf *num)
{
	unsigned code = 0;
	size_t first;

	if (num->n == 0 || num->d[0] == '0')
		return 0;
	for (size_t i = 0; i < COUNTRY_CODE_MAX_DIGITS && i < num->n; i++) {
		code = code * 10 + (unsigned)(num->d[i] - '0');
		if (cg_regions_for_code(code, &first) > 0) {
			memmove(num->d, num->d + i + 1, num->n - i - 1);
			num->n -= i + 1;
			return code;
		}
	}
	return 0;
}

/* The region's international (IDD) prefix, unless a 0 follows it. */
static int strip_international_prefix(const cg_region *r, digit_buf *num)
{
	prefix_match m;

	if (!r || !match_prefix(&r->international_prefix, num->d, num->n, &m))
		return 0;
	if (m.length < num->n && num->d[m.length] == '0')
		return 0;
	memmove(num->d, num->d + m.length, num->n - m.length);
	num->n -= m.length;
	return 1;
}

/* MaybeExtractCountryCode.  *code is 0 when the number has none. */
static cg_phone_error extract_country_code(const cg_region *r, int has_plus, digit_buf *num, unsigned *code)
{
	*code = 0;
	if (has_plus || strip_international_prefix(r, num)) {
		if (num->n <= NSN_MIN)
			return CG_PHONE_TOO_SHORT;
		*code = take_country_code(num);
		return *code ? CG_PHONE_OK : CG_PHONE_INVALID_COUNTRY_CODE;
	}
	if (r) {
		char cc[8];
		size_t ccn = 0;
		unsigned c = r->country_code;
		digit_buf rest;

		do {
			memmove(cc + 1, cc, ccn++);
			cc[0] = (char)('0' + c % 10);
			c /= 10;
		} while (c);
		if (num->n >= ccn && memcmp(num->d, cc, ccn) == 0) {
			memcpy(rest.d, num->d + ccn, num->n - ccn);
			rest.n = num->n - ccn;
			strip_national_prefix(r, &rest);
			if ((!(cg_dfa_walk(r->national, num->d, num->n) & CG_F_GENERAL)
			     && (cg_dfa_walk(r->national, rest.d, rest.n) & CG_F_GENERAL))
			    || cg_test_length(r, num->n) == CG_LEN_TOO_LONG) {
				*num = rest;
				*code = r->country_code;
			}
		}
	}
	return CG_PHONE_OK;
}

typedef struct {
	cg_phone_error error;
	unsigned country_code;
	int region;             /* of the number; -1 unknown */
	digit_buf nsn;
} reading;

/* GetRegionCodeForNumber: leading digits first, then the number's validity. */
static int region_of_number(unsigned code, const digit_buf *nsn)
{
	size_t first, count = cg_regions_for_code(code, &first);

	if (count == 1)
		return (int)first;
	for (size_t i = first; i < first + count; i++) {
		uint8_t flags = cg_dfa_walk(cg_regions[i].national, nsn->d, nsn->n);
		if (cg_regions[i].has_leading_digits ? (flags & CG_F_LEADING) : (flags & CG_F_VALID))
			return (int)i;
	}
	return -1;
}

static cg_phone_error invalid_reason(const cg_region *r, size_t n)
{
	switch (cg_test_length(r, n)) {
	case CG_LEN_TOO_SHORT:
		return CG_PHONE_TOO_SHORT;
	case CG_LEN_TOO_LONG:
		return CG_PHONE_TOO_LONG;
	default:
		return CG_PHONE_INVALID_FOR_REGION;
	}
}

/* Parse + IsValidNumber of libphonenumber on the digits of one number. */
static void read_digits(const char *digits, size_t n, int has_plus, int region, reading *out)
{
	const cg_region *meta = region >= 0 ? &cg_regions[region] : NULL;
	digit_buf num, stripped;
	unsigned code;
	size_t first;
	cg_phone_error e;

	out->country_code = 0;
	out->region = -1;
	out->nsn.n = 0;
	memcpy(num.d, digits, n);
	num.n = n;
	e = extract_country_code(meta, has_plus, &num, &code);
	if (e == CG_PHONE_INVALID_COUNTRY_CODE && has_plus) {
		/* A '+' before no known code: libphonenumber drops it and reads again. */
		memcpy(num.d, digits, n);
		num.n = n;
		extract_country_code(meta, 0, &num, &code);
		e = code ? CG_PHONE_OK : CG_PHONE_INVALID_COUNTRY_CODE;
	}
	if (e == CG_PHONE_OK && code == 0 && !meta)
		e = CG_PHONE_INVALID_COUNTRY_CODE;
	if (e != CG_PHONE_OK) {
		out->error = e;
		return;
	}
	if (code == 0)
		code = meta->country_code;
	else if (cg_regions_for_code(code, &first) && (!meta || (size_t)region != first))
		meta = &cg_regions[first];
	out->country_code = code;
	if (num.n < NSN_MIN) {
		out->error = CG_PHONE_TOO_SHORT;
		return;
	}
	stripped = num;
	if (strip_national_prefix(meta, &stripped)) {
		cg_length_check l = cg_test_length(meta, stripped.n);
		if (l != CG_LEN_TOO_SHORT && l != CG_LEN_LOCAL_ONLY && l != CG_LEN_INVALID)
			num = stripped;
	}
	out->nsn = num;
	if (num.n < NSN_MIN) {
		out->error = CG_PHONE_TOO_SHORT;
		return;
	}
	if (num.n > CG_PHONE_NSN_MAX) {
		out->error = CG_PHONE_TOO_LONG;
		return;
	}
	out->region = region_of_number(code, &num);
	if (out->region >= 0 && (cg_dfa_walk(cg_regions[out->region].national, num.d, num.n) & CG_F_VALID)) {
		out->error = CG_PHONE_OK;
		return;
	}
	out->error = invalid_reason(out->region >= 0 ? &cg_regions[out->region] : meta, num.n);
}

/* ---- where people read better than libphonenumber ---------------------- */

static int national_prefix_is(int region, const char *prefix)
{
	return region >= 0 && strcmp(cg_regions[region].national_prefix, prefix) == 0;
}

static int starts_with_prefix(const cg_prefix_pattern *p, const char *d, size_t n)
{
	prefix_match m;

	return match_prefix(p, d, n, &m);
}

/*
 * The rules tried when libphonenumber's reading finds no valid number:
 * '00' as an international prefix where the region's own does not match
 * ("00 49 ...", "007 912 ..." from Russia); a full international number
 * written without '+' that cannot be a national number: it has no trunk
 * prefix, no international prefix, and not a possible national length.
 */
static int read_with_rules(const char *d, size_t n, int region, const reading *plain, reading *out)
{
	const cg_region *r = region >= 0 ? &cg_regions[region] : NULL;
	cg_phone_error plain_error = plain->error;
	size_t plain_length = plain->nsn.n;

	if (!r)
		return 0;
	if (n > 2 && d[0] == '0' && d[1] == '0' && d[2] != '0'
	    && !starts_with_prefix(&r->international_prefix, d, n)) {
		read_digits(d + 2, n - 2, 1, region, out);
		if (out->error == CG_PHONE_OK)
			return 1;
	}
	if ((plain_error == CG_PHONE_TOO_LONG || plain_error == CG_PHONE_INVALID_FOR_REGION
	     || plain_error == CG_PHONE_TOO_SHORT)
	    && d[0] != '0' && !(r->national_prefix[0] && d[0] == r->national_prefix[0])
	    && !starts_with_prefix(&r->international_prefix, d, n)
	    && cg_test_length(r, plain_length) != CG_LEN_POSSIBLE) {
		read_digits(d, n, 1, region, out);
		if (out->error == CG_PHONE_OK)
			return 1;
	}
	return 0;
}

/*
 * "+8 (495) 123-45-67", "+89123456789": the trunk prefix 8 typed with a plus.
 * Taken when the national reading uses the 8 as that prefix and is valid, and
 * either the 8 stands alone (a person reads it so even where +84... is a
 * valid foreign number) or the international reading is not valid.
 */
static int read_plus_trunk_prefix(const char *d, size_t n, const cg_number_text *t, int region,
                                  const reading *plain, reading *out)
{
	if (!t->has_plus || d[0] != '8' || !national_prefix_is(region, "8"))
		return 0;
	if (plain->error == CG_PHONE_OK && t->first_group != 1)
		return 0;
	read_digits(d, n, 0, region, out);
	return out->error == CG_PHONE_OK && out->nsn.n + 1 == n;
}

/* The best reading of one digit string: 1 when it is valid. */
static int read_best(const char *d, size_t n, const cg_number_text *t, int region, reading *out)
{
	reading plain, other;

	read_digits(d, n, t->has_plus, region, &plain);
	if (read_plus_trunk_prefix(d, n, t, region, &plain, &other)
	    || (plain.error != CG_PHONE_OK && !t->has_plus && read_with_rules(d, n, region, &plain, &other))) {
		*out = other;
		return 1;
	}
	*out = plain;
	return plain.error == CG_PHONE_OK;
}

/* ---- public API ----------------------------------------------------------- */

static void fill(cg_phone *out, const reading *r)
{
	char *p = out->e164;

	out->error = r->error;
	out->country_code = (uint16_t)r->country_code;
	if (r->region >= 0)
		memcpy(out->region, cg_regions[r->region].code, sizeof out->region);
	else
		out->region[0] = '\0';
	if (r->nsn.n <= CG_PHONE_NSN_MAX) {
		memcpy(out->national, r->nsn.d, r->nsn.n);
		out->national[r->nsn.n] = '\0';
	}
	out->e164[0] = '\0';
	if (r->error != CG_PHONE_OK)
		return;
	{
		/* GetNumberType, as far as mobile and fixed line go (compile-tables.php, F_MOBILE / F_FIXED) */
		uint8_t f = r->region < 0 ? 0 : cg_dfa_walk(cg_regions[r->region].national, r->nsn.d, r->nsn.n) & (CG_F_MOBILE | CG_F_FIXED);
		out->type = f == (CG_F_MOBILE | CG_F_FIXED) ? CG_PHONE_FIXED_LINE_OR_MOBILE
		          : f == CG_F_MOBILE ? CG_PHONE_MOBILE : f == CG_F_FIXED ? CG_PHONE_FIXED_LINE : CG_PHONE_OTHER_TYPE;
	}
	*p++ = '+';
	{
		char cc[8];
		size_t k = 0;
		unsigned c = r->country_code;
		do {
			cc[k++] = (char)('0' + c % 10);
			c /= 10;
		} while (c);
		while (k)
			*p++ = cc[--k];
	}
	memcpy(p, r->nsn.d, r->nsn.n);
	p[r->nsn.n] = '\0';
}

cg_phone_error cg_phone_parse(const char *text, size_t len, int region, cg_phone *out)
{
	cg_tokens tokens;
	cg_number_text t;
	reading plain, better;

	memset(out, 0, sizeof *out);
	if (region >= (int)cg_region_count)
		region = -1;
	if (len > CG_PHONE_INPUT_MAX) {
		out->error = CG_PHONE_TOO_LONG;
		return out->error;
	}
	cg_tokenize(text, len, &tokens);
	if (tokens.overflow) {
		out->error = tokens.digit_count >= CG_TEXT_DIGITS_MAX ? CG_PHONE_TOO_LONG : CG_PHONE_NOT_A_NUMBER;
		return out->error;
	}
	cg_read_number(&tokens, 0, tokens.count, &t);
	if (t.error != CG_PHONE_OK) {
		out->error = t.error;
		return out->error;
	}
	memcpy(out->extension, t.extension, sizeof out->extension);
	if (t.digit_count < NSN_MIN && !t.has_letter_o) {
		out->error = CG_PHONE_TOO_SHORT;
		return out->error;
	}

	/* A letter O is read as a zero only when the number is not valid without it. */
	if (!read_best(t.digits, t.digit_count, &t, region, &plain) && t.has_letter_o
	    && read_best(t.digits_o, t.digit_count_o, &t, region, &better))
		plain = better;
	fill(out, &plain);
	return out->error;
}

size_t cg_phone_normalize_full(const char *text, size_t len, int region, char *out)
{
	cg_phone p;
	size_t n;

	if (cg_phone_parse(text, len, region, &p) != CG_PHONE_OK) {
		out[0] = '\0';
		return 0;
	}
	n = strlen(p.e164);
	memcpy(out, p.e164, n + 1);
	return n;
}

uint64_t cg_phone_key(const cg_phone *phone)
{
	uint64_t key = 0;

	if (phone->error != CG_PHONE_OK || phone->e164[0] != '+')
		return 0;
	for (const char *c = phone->e164 + 1; *c; c++)
		key = key * 10 + (uint64_t)(*c - '0');
	return key;
}

const char *cg_phone_error_code(cg_phone_error error)
{
	switch (error) {
	case CG_PHONE_OK:
		return NULL;
	case CG_PHONE_EMPTY:
		return "empty";
	case CG_PHONE_NOT_A_NUMBER:
		return "not_a_number";
	case CG_PHONE_INVALID_COUNTRY_CODE:
		return "invalid_country_code";
	case CG_PHONE_TOO_SHORT:
		return "too_short";
	case CG_PHONE_TOO_LONG:
		return "too_long";
	case CG_PHONE_INVALID_FOR_REGION:
		return "invalid_for_region";
	}
	return "not_a_number";
}
