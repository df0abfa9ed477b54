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
 * ASCII bytes and a mask, compared with the first three digits at once; a
 * missing prefix is a word no three digits make (NEVER).
 */
typedef struct {
	uint8_t usable;
	uint8_t cc_len;
	uint8_t np_len;  /* national_prefix_for_parsing when a plain digit string ("8"); 0: none */
	uint8_t trunk_8; /* the national prefix is "8": "+8 ..." may mean it (read_plus_trunk_prefix) */
	char cc[4];      /* calling code, digits */
	uint32_t cc_word, cc_mask, np_word, np_mask, ip_word, ip_mask; /* ip: the international prefix ("810") */
	uint32_t plus_cc_word;  /* cc_word, or NEVER when "+8 ..." may be the trunk prefix (read_plus_trunk_prefix) */
	uint32_t strip_by_len;  /* bit n: n digits start with room for the trunk prefix, and the rest
	                           passes read_digits' length test */
	char plus_cc[4];        /* "+7", "+375": the start of the E.164 */
	cg_dfa_state national;  /* the national-number automaton of the first region */
	uint8_t first_test;     /* flags that settle GetRegionCodeForNumber on the first region */
	uint16_t first, count;  /* regions sharing the calling code */
} fast_region;

/*
 * Bytes of the simple shapes; digits count 1 and punctuation 0, so the scan
 * adds the kind.  The other kinds are large: a step of eight bytes that met
 * one counts more than eight, so it needs no test of its own per byte.
 */
enum { B_PUNCT = 0, B_DIGIT = 1, B_PLUS = 64, B_WORD, B_OTHER };
#define SCAN_BUF (FAST_TEXT_MAX + 8 * B_OTHER + 8) /* where such a step may store */

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

#define NEVER UINT32_C(0xFFFFFFFF) /* as word and mask: above any three bytes */

/* A prefix of at most 3 digits as a word and mask (see fast_region). */
static void prefix_word(const char *digits, size_t len, uint32_t *word, uint32_t *mask)
{
	*word = *mask = len == 0 ? NEVER : 0;
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
	for (size_t n = f->np_len; n < 32; n++) {
		cg_length_check l = cg_test_length(r, n - f->np_len);
		if (l != CG_LEN_TOO_SHORT && l != CG_LEN_LOCAL_ONLY && l != CG_LEN_INVALID)
			f->strip_by_len |= (uint32_t)1 << n;
	}
	f->plus_cc[0] = '+';
	memcpy(f->plus_cc + 1, f->cc, 3);
	f->trunk_8 = strcmp(r->national_prefix, "8") == 0;
	f->plus_cc_word = f->trunk_8 && f->cc[0] == '8' ? NEVER : f->cc_word;
	f->first = (uint16_t)first;
	f->count = (uint16_t)count;
	f->national = r->national;
	/* One region: its flags decide at once (read_national's loop ends there). */
	f->first_test = count == 1 ? 0xFF : r->has_leading_digits ? CG_F_LEADING : CG_F_VALID;
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

#if defined(__GNUC__)
#define FAST_INLINE static inline __attribute__((always_inline))
#define UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define FAST_INLINE static inline
#define UNLIKELY(x) (x)
#endif

/*
 * Three bytes as a little-endian word (see fast_region): one load of four,
 * the fourth masked off (it may be past the digits, never past the buffer).
 */
static inline uint32_t lead3(const char *d)
{
	uint32_t w;

	memcpy(&w, d, 4);
	return w & UINT32_C(0xFFFFFF);
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
 * The digits of a number written the simple way, from s[i] on (past the
 * leading punctuation and '+'), into d (SCAN_BUF bytes); their count,
 * or 0 for any other text.  Spaces, dashes, dots and brackets anywhere, an
 * extension at the end.  Every byte is stored and only digits advance the
 * count, so the loops branch only to stop.
 */
#define STEP(j) \
	do { \
		unsigned char c_ = s[j]; \
		d[m] = (char)c_; \
		m += byte_kind[c_]; \
	} while (0)

FAST_INLINE size_t read_simple(const unsigned char *s, size_t len, size_t i, char *d)
{
	size_t n = 0, m;

	/* Only digits ("89123456789", "+79123456789"): checked and copied 8 bytes at a time. */
	if (len - i >= 8 && len - i <= 16 && all_digits(s + i) && all_digits(s + len - 8)) {
		memcpy(d, s + i, 8);
		memcpy(d + len - i - 8, s + len - 8, 8);
		return len - i;
	}
	/*
	 * Eight bytes a step, every one stored and its kind added to the count.
	 * A step that met another byte (it counted more than eight) is read
	 * again one byte at a time.
	 */
	for (; len - i >= 8; i += 8) {
		m = n;
		STEP(i);
		STEP(i + 1);
		STEP(i + 2);
		STEP(i + 3);
		STEP(i + 4);
		STEP(i + 5);
		STEP(i + 6);
		STEP(i + 7);
		if (m - n > 8)
			goto bytewise;
		n = m;
	}
	/* The last 0-7 bytes in one go the same way. */
	m = n;
	switch (len - i) {
	case 7: STEP(len - 7); /* fall through */
	case 6: STEP(len - 6); /* fall through */
	case 5: STEP(len - 5); /* fall through */
	case 4: STEP(len - 4); /* fall through */
	case 3: STEP(len - 3); /* fall through */
	case 2: STEP(len - 2); /* fall through */
	case 1: STEP(len - 1); /* fall through */
	default: break;
	}
	if (m - n <= 8) {
		n = m;
		i = len;
	}
bytewise:
	for (; i < len; i++) {
		unsigned c = s[i], k = byte_kind[c];

		if (k > B_DIGIT)
			break;
		d[n] = (char)c;
		n += k;
	}
	if (n < 3 || n > FAST_DIGITS_MAX || (i < len && !is_extension_tail(s, len, i, n)))
		return 0;
	return n;
}

/* ---- the reading ------------------------------------------------------- */

/* Whether three digits (as a word) start with a prefix; NEVER never matches. */
static inline int starts_with(uint32_t lead, uint32_t word, uint32_t mask)
{
	return (lead & mask) == word;
}

#define WALK(k) s = next[s * 10 + (size_t)p[k] - '0']

/* cg_dfa_walk() for at most FAST_DIGITS_MAX digits, unrolled: no loop counter. */
FAST_INLINE uint8_t walk(cg_dfa_state start, const char *d, size_t n)
{
	const cg_dfa_state *next = cg_dfa_next[0];
	const unsigned char *p = (const unsigned char *)d + n;
	size_t s = start;

	/* Unsigned arithmetic throughout: the '0' folds into the address. */
	if (n == 10) /* most national numbers: a compare instead of the switch's table */
		goto ten;
	switch (n) {
	case 20: WALK(-20); /* fall through */
	case 19: WALK(-19); /* fall through */
	case 18: WALK(-18); /* fall through */
	case 17: WALK(-17); /* fall through */
	case 16: WALK(-16); /* fall through */
	case 15: WALK(-15); /* fall through */
	case 14: WALK(-14); /* fall through */
	case 13: WALK(-13); /* fall through */
	case 12: WALK(-12); /* fall through */
	case 11: WALK(-11); /* fall through */
	case 10:
	ten:
		WALK(-10); /* fall through */
	case 9: WALK(-9); /* fall through */
	case 8: WALK(-8); /* fall through */
	case 7: WALK(-7); /* fall through */
	case 6: WALK(-6); /* fall through */
	case 5: WALK(-5); /* fall through */
	case 4: WALK(-4); /* fall through */
	case 3: WALK(-3); /* fall through */
	case 2: WALK(-2); /* fall through */
	case 1: WALK(-1); /* fall through */
	default: break;
	}
	return cg_dfa_flags[s];
}

/* GetRegionCodeForNumber past the first region of the calling code (Kazakhstan after Russia). */
static int valid_in_other_regions(const fast_region *f, const char *nsn, size_t len)
{
	for (size_t i = (size_t)f->first + 1; i < (size_t)f->first + f->count; i++) {
		const cg_region *r = &cg_regions[i];
		uint8_t here = cg_dfa_walk(r->national, nsn, len);
		if (r->has_leading_digits ? (here & CG_F_LEADING) : (here & CG_F_VALID))
			return (here & CG_F_VALID) != 0;
	}
	return 0;
}

/*
 * read_digits() from the national number on, for a number with the region's
 * own calling code, whose national number starts at d[from]: the trunk
 * prefix, GetRegionCodeForNumber, IsValidNumber.  Returns 1 when valid;
 * *nsn then is where the national significant number starts.
 *
 * The trunk prefix is stripped when the rest still fits the region's general
 * pattern, or the whole number does not.  One walk decides the common cases:
 * over the rest when the prefix is there ("8 912 ..."), over the whole number
 * otherwise; the offset is chosen without a branch, since numbers with and
 * without a trunk prefix come in no predictable order.
 */
FAST_INLINE int read_national(const fast_region *f, const char *digits, size_t n, size_t from, size_t *nsn)
{
	const char *d = digits + from;
	size_t len = n - from; /* at most FAST_DIGITS_MAX < 32 */
	size_t skip;
	uint8_t flags;
	int candidate;

	/* MaybeStripNationalPrefixAndCarrierCode, with the length test read_digits applies. */
	candidate = starts_with(lead3(d), f->np_word, f->np_mask) & (int)(f->strip_by_len >> len & 1);
	skip = f->np_len & (size_t)-candidate; /* no branch: "8 912" and "912" come mixed */
	flags = walk(f->national, d + skip, len - skip);
	if (UNLIKELY(candidate && !(flags & CG_F_GENERAL))) {
		/* The rest does not fit: stripped only when the whole number does not fit either. */
		uint8_t all = walk(f->national, d, len);
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
	if (flags & f->first_test)
		return (flags & CG_F_VALID) != 0;
	return valid_in_other_regions(f, digits + from, len);
}

/* cg_phone_normalize_fast(), inlined into cg_phone_normalize(). */
FAST_INLINE int normalize_fast(const char *text, size_t len, int region, char *out)
{
	const fast_region *f;
	const cg_region *r;
	const unsigned char *s = (const unsigned char *)text;
	char d[SCAN_BUF]; /* room for read_simple's steps and the fixed-size copy into out */
	size_t i = 0, n, nsn;
	uint32_t lead;
	int plus;

	if (!atomic_load_explicit(&fast_ready, memory_order_acquire))
		build();
	/* Regions past the table, and negative ones, are never usable. */
	if ((unsigned)region >= FAST_REGIONS_MAX)
		return -1;
	f = &fast_regions[region];
	if (!f->usable || len - 3 > FAST_TEXT_MAX - 3) /* fewer than 3 digits is never a number here */
		return -1;
	if (UNLIKELY(byte_kind[s[0]] == B_PUNCT)) { /* "(+7) 912", " 8 912" */
		while (i < len && byte_kind[s[i]] == B_PUNCT)
			i++;
		if (i == len)
			return -1;
	}
	plus = s[i] == '+';
	n = read_simple(s, len, i + (size_t)plus, d);
	if (n == 0)
		return -1;
	lead = lead3(d);
	/*
	 * With '+' ("+7 912 ..."): the region's own calling code, but not "+8 ..."
	 * where 8 is the trunk prefix (read_plus_trunk_prefix).  Without: not
	 * "00 ...", the international prefix or the calling code.  Anything else
	 * goes to the full reader.
	 */
	if (plus) {
		if (!starts_with(lead, f->plus_cc_word, f->cc_mask) || n < (size_t)f->cc_len + NSN_MIN)
			return -1;
	} else if (starts_with(lead, f->cc_word, f->cc_mask) || (lead & 0xFFFF) == ('0' | '0' << 8)
	           || starts_with(lead, f->ip_word, f->ip_mask)) {
		return -1;
	}
	if (read_national(f, d, n, plus ? f->cc_len : 0, &nsn)) {
		/* "+", the calling code, the NSN (at most CG_PHONE_NSN_MAX digits): fixed-size copies. */
		char *p = out + 1 + f->cc_len;
		memcpy(out, f->plus_cc, 4);
		memcpy(p, d + nsn, CG_PHONE_NSN_MAX);
		p[n - nsn] = '\0';
		return (int)(1 + f->cc_len + n - nsn);
	}
	/* With a '+', an invalid number stays invalid: no rule reads it again. */
	if (plus)
		return 0;
	/*
	 * Invalid as a national number.  read_with_rules may still read it as an
	 * international number written without '+' unless it starts with 0 or
	 * the trunk prefix, or has a possible national length.
	 */
	r = &cg_regions[region];
	if (d[0] != '0' && !(r->national_prefix[0] && d[0] == r->national_prefix[0])
	    && cg_test_length(r, n - nsn) != CG_LEN_POSSIBLE)
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
