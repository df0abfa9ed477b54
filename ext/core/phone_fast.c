/*
 * The fast path of cg_phone_normalize().  Most numbers in a CRM are written
 * one of a few ways: "8 (912) 345-67-89", "+7 912 345-67-89", "89123456789",
 * "9123456789", sometimes with "доб. 12".  For those the general machinery of
 * phone.c (UTF-8 tokens, prefix patterns with backtracking, copies of digit
 * buffers, the rules of read_with_rules) does work whose outcome is known in
 * advance.  This file reads such a number in one pass over its bytes and then
 * takes the steps of read_digits() that can matter for it, over the same
 * automata and length rules.  Whenever the input or the reading leaves that
 * narrow road (another character, an international prefix, '+8', a region
 * whose prefixes are not plain digit strings, an invalid number that one of
 * the rules might still read), it answers -1 and phone.c reads the input in
 * full.  tests/c/test_phone_fast.c holds both readers against each other.
 */
#include "phone_fast.h"

#include <stdatomic.h>
#include <string.h>

#include "phone.h"
#include "phone_meta.h"
#include "phone_read.h"
#include "phone_text.h"

#define NSN_MIN 2
#define FAST_DIGITS_MAX 20   /* more digits: the full reader */
#define FAST_TEXT_MAX 64     /* longer text: the full reader */
#define FAST_REGIONS_MAX 512
#define LITERAL_MAX 3

/*
 * What the fast path needs of a region, when its patterns allow it at all.
 * Prefixes of at most 3 digits are kept as the little-endian word of their
 * ASCII bytes and a mask, compared with the first three digits at once.
 */
typedef struct {
	uint8_t usable;
	uint8_t cc_len;
	uint8_t np_len;  /* national_prefix_for_parsing when a plain digit string ("8"); 0: none */
	uint8_t trunk_8; /* the national prefix is "8": "+8 ..." may mean it (read_plus_trunk_prefix) */
	char cc[4];      /* calling code, digits */
	uint32_t cc_word, cc_mask, np_word, np_mask, ip_word, ip_mask; /* ip: the international prefix ("810") */
	uint32_t strip_lengths; /* bit n: after the trunk prefix n digits pass read_digits' length test */
	uint16_t first, count;  /* regions sharing the calling code */
} fast_region;

/* Bytes of the simple shapes; digits count 1 and punctuation 0, so the scan adds the kind. */
enum { B_PUNCT = 0, B_DIGIT = 1, B_PLUS, B_WORD, B_OTHER };

static fast_region fast_regions[FAST_REGIONS_MAX];
static uint8_t byte_kind[256];
static atomic_int fast_ready;

/*
 * The digit string a prefix pattern matches when it matches exactly one
 * (one alternative, one segment, no group, an automaton that is a chain):
 * then libphonenumber's Consume() is "starts with".  *len 0: no pattern.
 */
static int literal_of(const cg_prefix_pattern *p, char *out, uint8_t *len)
{
	const cg_prefix_alternative *alt;
	const cg_prefix_segment *seg;
	cg_dfa_state s;
	uint8_t n = 0;

	*len = 0;
	if (p->alternative_count == 0)
		return 1;
	if (p->alternative_count != 1 || p->group_count != 0)
		return 0;
	alt = &cg_prefix_alternatives[p->first_alternative];
	if (alt->segment_count != 1 || alt->anchored_end)
		return 0;
	seg = &cg_prefix_segments[alt->first_segment];
	if (seg->group)
		return 0;
	for (s = seg->dfa;;) {
		int live = -1, live_count = 0;

		for (int d = 0; d < 10; d++) {
			if (cg_dfa_next[s][d]) {
				live = d;
				live_count++;
			}
		}
		if (cg_dfa_flags[s] & CG_F_MATCH) {
			if (live_count != 0 || n == 0)
				return 0;
			*len = n;
			return 1;
		}
		if (live_count != 1 || n == LITERAL_MAX)
			return 0;
		out[n++] = (char)('0' + live);
		s = cg_dfa_next[s][live];
	}
}

/* A prefix of at most 3 digits as a word and mask (see fast_region). */
static void prefix_word(const char *digits, size_t len, uint32_t *word, uint32_t *mask)
{
	*word = *mask = 0;
	for (size_t i = 0; i < len; i++) {
		*word |= (uint32_t)(unsigned char)digits[i] << (8 * i);
		*mask |= (uint32_t)0xFF << (8 * i);
	}
}

static void describe_region(size_t i, fast_region *f)
{
	const cg_region *r = &cg_regions[i];
	size_t first, count = cg_regions_for_code(r->country_code, &first);
	char cc[4], np[4], ip[4];
	uint8_t ip_len;
	size_t k = 0;
	unsigned c = r->country_code;

	memset(f, 0, sizeof *f);
	if (first != i || count == 0 || r->national_prefix_transform_rule != NULL || r->possible_lengths == 0
	    || c == 0 || c > 999)
		return;
	do {
		cc[k++] = (char)('0' + c % 10);
		c /= 10;
	} while (c);
	for (size_t j = 0; j < k; j++)
		f->cc[j] = cc[k - 1 - j];
	f->cc_len = (uint8_t)k;
	/* ExtractCountryCode takes the shortest known code: no shorter prefix of ours may be one. */
	for (size_t j = 1; j < k; j++) {
		unsigned prefix = 0;
		size_t ignored;
		for (size_t m = 0; m < j; m++)
			prefix = prefix * 10 + (unsigned)(f->cc[m] - '0');
		if (cg_regions_for_code(prefix, &ignored) > 0)
			return;
	}
	if (!literal_of(&r->national_prefix_for_parsing, np, &f->np_len)
	    || !literal_of(&r->international_prefix, ip, &ip_len))
		return;
	prefix_word(f->cc, f->cc_len, &f->cc_word, &f->cc_mask);
	prefix_word(np, f->np_len, &f->np_word, &f->np_mask);
	prefix_word(ip, ip_len, &f->ip_word, &f->ip_mask);
	for (size_t n = 0; n < 32; n++) {
		cg_length_check l = cg_test_length(r, n);
		if (l != CG_LEN_TOO_SHORT && l != CG_LEN_LOCAL_ONLY && l != CG_LEN_INVALID)
			f->strip_lengths |= (uint32_t)1 << n;
	}
	f->trunk_8 = strcmp(r->national_prefix, "8") == 0;
	f->first = (uint16_t)first;
	f->count = (uint16_t)count;
	f->usable = 1;
}

/* Builds into locals, then copies: threads racing here store the same values. */
static void build(void)
{
	static const char punct[] = " -.()";
	uint8_t kinds[256];
	fast_region regions[FAST_REGIONS_MAX];
	size_t n = cg_region_count < FAST_REGIONS_MAX ? cg_region_count : 0;

	memset(kinds, B_OTHER, sizeof kinds);
	for (int c = '0'; c <= '9'; c++)
		kinds[c] = B_DIGIT;
	for (const char *p = punct; *p; p++)
		kinds[(unsigned char)*p] = B_PUNCT;
	kinds['+'] = B_PLUS;
	/* Letters end the number's digits; they may start an extension. */
	for (int c = 'a'; c <= 'z'; c++)
		kinds[c] = kinds[c - 32] = B_WORD;
	kinds[0xD0] = kinds[0xD1] = B_WORD; /* U+0400-U+047F */
	memset(regions, 0, sizeof regions);
	for (size_t i = 0; i < n; i++)
		describe_region(i, &regions[i]);
	memcpy(byte_kind, kinds, sizeof kinds);
	memcpy(fast_regions, regions, sizeof regions);
	atomic_store_explicit(&fast_ready, 1, memory_order_release);
}

/* ---- the text --------------------------------------------------------- */

typedef struct {
	char d[FAST_TEXT_MAX + 8]; /* room for write_e164's fixed-size copy */
	size_t n;             /* at least 3 */
	uint32_t lead;        /* d[0..2] as a word, to compare with prefixes */
	int plus;
} simple_number;

/* Three bytes as a little-endian word (see fast_region). */
static inline uint32_t lead3(const char *d)
{
	return (uint32_t)(unsigned char)d[0] | (uint32_t)(unsigned char)d[1] << 8 | (uint32_t)(unsigned char)d[2] << 16;
}

/*
 * An extension at text[i..len): a word the tokenizer reads as an extension
 * marker ("доб", "ext", "x", ...), spaces or dots, its digits, nothing else.
 * Only ASCII and basic Cyrillic letters; anything else goes to the full reader.
 * Returns 1 when the tail is such an extension, as strip_extension() would cut it.
 */
static int is_extension_tail(const unsigned char *s, size_t len, size_t i, size_t main_digits)
{
	char word[CG_TEXT_WORD_BUF];
	size_t word_len = 0, digits = 0, limit;
	cg_word_kind kind;

	while (i < len && byte_kind[s[i]] == B_WORD) {
		if (word_len + 3 > sizeof word)
			return 0; /* a label, as cg_token_next reads an overlong word */
		if (s[i] < 0x80) {
			word[word_len++] = (char)(s[i] | 0x20);
			i++;
		} else {
			uint32_t cp; /* U+0400-U+047F, lower case as cg_token_next makes it */
			if (i + 1 >= len || (s[i + 1] & 0xC0) != 0x80)
				return 0;
			cp = (uint32_t)(s[i] & 0x1F) << 6 | (s[i + 1] & 0x3F);
			if (cp >= 0x410 && cp <= 0x42F)
				cp += 0x20;
			else if (cp < 0x410)
				cp += 0x50;
			word[word_len++] = (char)(0xC0 | (cp >> 6));
			word[word_len++] = (char)(0x80 | (cp & 0x3F));
			i += 2;
		}
	}
	if (word_len == 0)
		return 0;
	kind = cg_word_kind_of(word, word_len);
	if (kind == CG_WORD_EXTENSION)
		limit = CG_PHONE_EXT_MAX;
	else if (kind == CG_WORD_EXTENSION_SHORT)
		limit = 9;
	else
		return 0;
	while (i < len && byte_kind[s[i]] == B_PUNCT)
		i++;
	while (i < len && byte_kind[s[i]] == B_DIGIT) {
		digits++;
		i++;
	}
	while (i < len && byte_kind[s[i]] == B_PUNCT)
		i++;
	return i == len && digits > 0 && digits <= limit && main_digits >= 3;
}

/* Whether the 8 bytes at s are all ASCII digits (0x30-0x39). */
static inline int all_digits(const unsigned char *s)
{
	uint64_t x;

	memcpy(&x, s, 8);
	/* High nibbles all 3, and adding 6 to each byte takes none of them past 0x3F. */
	return (x & UINT64_C(0xF0F0F0F0F0F0F0F0)) == UINT64_C(0x3030303030303030)
	       && ((x + UINT64_C(0x0606060606060606)) & UINT64_C(0xF0F0F0F0F0F0F0F0)) == UINT64_C(0x3030303030303030);
}

/*
 * The digits of a number written the simple way; 0 for any other text.
 * Spaces, dashes, dots and brackets anywhere, one '+' before the digits
 * ("+7 912", "(+7) 912"), an extension at the end.  The loop branches only
 * to stop: every byte is stored and only digits advance n.
 */
static int read_simple(const char *text, size_t len, simple_number *out)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, n = 0;
	int plus;

	if (len > FAST_TEXT_MAX)
		return 0;
	while (i < len && byte_kind[s[i]] == B_PUNCT)
		i++;
	plus = i < len && s[i] == '+';
	i += (size_t)plus;
	/* Only digits ("89123456789", "+79123456789"): checked and copied 8 bytes at a time. */
	if (len - i >= 8 && len - i <= 16 && all_digits(s + i) && all_digits(s + len - 8)) {
		memcpy(out->d, s + i, 8);
		memcpy(out->d + len - i - 8, s + len - 8, 8);
		n = len - i;
		i = len;
	}
	/* Two bytes a step; every byte is stored and only digits advance n. */
	for (; i + 1 < len; i += 2) {
		unsigned k0 = byte_kind[s[i]], k1 = byte_kind[s[i + 1]];

		if ((k0 | k1) > B_DIGIT)
			break;
		out->d[n] = (char)s[i];
		n += k0;
		out->d[n] = (char)s[i + 1];
		n += k1;
	}
	for (; i < len; i++) {
		unsigned k = byte_kind[s[i]];

		if (k > B_DIGIT)
			break;
		out->d[n] = (char)s[i];
		n += k;
	}
	if (n < 3 || n > FAST_DIGITS_MAX || (i < len && !is_extension_tail(s, len, i, n)))
		return 0;
	out->n = n;
	out->plus = plus;
	out->lead = lead3(out->d);
	return 1;
}

/* ---- the reading ------------------------------------------------------- */

/* Whether three digits (as a word) start with a prefix; an empty prefix never matches. */
static inline int starts_with(uint32_t lead, uint32_t word, uint32_t mask)
{
	return mask != 0 && (lead & mask) == word;
}

/* "+", the calling code, the NSN (at most CG_PHONE_NSN_MAX digits, inside num->d). */
static int write_e164(const fast_region *f, const char *nsn, size_t n, char *out)
{
	char *p = out + 1 + f->cc_len;

	out[0] = '+';
	memcpy(out + 1, f->cc, 3); /* fixed sizes: no call */
	memcpy(p, nsn, CG_PHONE_NSN_MAX);
	p[n] = '\0';
	return (int)(1 + f->cc_len + n);
}

/*
 * read_digits() from the national number on, for a number with the region's
 * own calling code, whose national number starts at num->d[from]: the trunk
 * prefix, GetRegionCodeForNumber, IsValidNumber.  Returns 1 when valid;
 * *nsn then is where the national significant number starts.
 *
 * The trunk prefix is stripped when the rest still fits the region's general
 * pattern, or the whole number does not.  One walk decides the common cases:
 * over the rest when the prefix is there ("8 912 ..."), over the whole number
 * otherwise; the offset is chosen without a branch, since numbers with and
 * without a trunk prefix come in no predictable order.
 */
static int read_national(const fast_region *f, const simple_number *num, size_t from, size_t *nsn)
{
	const cg_region *meta = &cg_regions[f->first];
	const char *d = num->d + from;
	size_t len = num->n - from, rest_len = len - f->np_len;
	size_t skip;
	uint8_t flags;
	int candidate;

	/* MaybeStripNationalPrefixAndCarrierCode, with the length test read_digits applies. */
	candidate = (len >= f->np_len) & starts_with(lead3(d), f->np_word, f->np_mask)
	          & (rest_len < 32) & (int)(f->strip_lengths >> (rest_len & 31) & 1);
	skip = candidate ? f->np_len : 0;
	flags = cg_dfa_walk(meta->national, d + skip, len - skip);
	if (candidate && !(flags & CG_F_GENERAL)) {
		/* The rest does not fit: stripped only when the whole number does not fit either. */
		uint8_t all = cg_dfa_walk(meta->national, d, len);
		if (all & CG_F_GENERAL) {
			skip = 0;
			flags = all;
		}
	}
	from += skip;
	len -= skip;
	*nsn = from;
	if (len < NSN_MIN || len > CG_PHONE_NSN_MAX)
		return 0;
	/* GetRegionCodeForNumber: leading digits first, then validity. */
	for (size_t i = f->first; i < (size_t)f->first + f->count; i++) {
		const cg_region *r = &cg_regions[i];
		uint8_t here = i == f->first ? flags : cg_dfa_walk(r->national, num->d + from, len);
		if (f->count == 1 || (r->has_leading_digits ? (here & CG_F_LEADING) : (here & CG_F_VALID)))
			return (here & CG_F_VALID) != 0;
	}
	return 0;
}

/* cg_phone_normalize_fast(), inlined into cg_phone_normalize(). */
static inline int normalize_fast(const char *text, size_t len, int region, char *out)
{
	const fast_region *f;
	const cg_region *r;
	simple_number num;
	size_t nsn;
	int cc, plus_ok, plain_ok;

	if (!atomic_load_explicit(&fast_ready, memory_order_acquire))
		build();
	if (region < 0 || (size_t)region >= cg_region_count || region >= FAST_REGIONS_MAX)
		return -1;
	f = &fast_regions[region];
	if (!f->usable || !read_simple(text, len, &num))
		return -1;
	/*
	 * With '+' ("+7 912 ..."): the region's own calling code, but not "+8 ..."
	 * where 8 is the trunk prefix (read_plus_trunk_prefix).  Without: not
	 * "00 ...", the international prefix or the calling code.  Anything else
	 * goes to the full reader.  Both tests without a branch on which applies.
	 */
	cc = starts_with(num.lead, f->cc_word, f->cc_mask);
	plus_ok = cc & !(num.d[0] == '8' && f->trunk_8) & (num.n >= (size_t)f->cc_len + NSN_MIN);
	plain_ok = !cc & ((num.lead & 0xFFFF) != ('0' | '0' << 8)) & !starts_with(num.lead, f->ip_word, f->ip_mask);
	if (!(num.plus ? plus_ok : plain_ok))
		return -1;
	if (read_national(f, &num, num.plus ? f->cc_len : 0, &nsn))
		return write_e164(f, num.d + nsn, num.n - nsn, out);
	/* With a '+', an invalid number stays invalid: no rule reads it again. */
	if (num.plus)
		return 0;
	/*
	 * Invalid as a national number.  read_with_rules may still read it as an
	 * international number written without '+' unless it starts with 0 or
	 * the trunk prefix, or has a possible national length.
	 */
	r = &cg_regions[region];
	if (num.d[0] != '0' && !(r->national_prefix[0] && num.d[0] == r->national_prefix[0])
	    && cg_test_length(r, num.n - nsn) != CG_LEN_POSSIBLE)
		return -1;
	return 0;
}

int cg_phone_normalize_fast(const char *text, size_t len, int region, char *out)
{
	return normalize_fast(text, len, region, out);
}

size_t cg_phone_normalize(const char *text, size_t len, int region, char *out)
{
	int n = normalize_fast(text, len, region, out);

	if (n < 0)
		return cg_phone_normalize_full(text, len, region, out);
	if (n == 0)
		out[0] = '\0';
	return (size_t)n;
}
