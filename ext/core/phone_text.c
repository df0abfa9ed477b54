/*
 * Reading the characters of a phone number.  People type numbers with any
 * spaces, dashes and brackets Unicode has, digits of other scripts, labels
 * ("тел.", "(моб.)") and extensions ("доб. 123"); this file turns that into
 * tokens and one number's digits.  The country logic is in phone.c.
 */
#include "phone_text.h"

#include <string.h>

size_t cg_utf8_next(const unsigned char *s, size_t len, uint32_t *cp)
{
	unsigned char c = s[0];
	size_t need;
	uint32_t v, min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		need = 1; v = c & 0x1F; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2; v = c & 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3; v = c & 0x07; min = 0x10000;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	if (len <= need) {
		*cp = 0xFFFD;
		return 1;
	}
	for (size_t i = 1; i <= need; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = v;
	return need + 1;
}

/* Code points of the zero digit of the decimal scripts people paste from. */
static const uint32_t zero_digits[] = {
	0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6,
	0x0C66, 0x0CE6, 0x0D66, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x17E0, 0x1810,
	0xFF10, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6
};

static int digit_value(uint32_t cp)
{
	if (cp >= '0' && cp <= '9')
		return (int)(cp - '0');
	if (cp < zero_digits[0])
		return -1; /* the rest of ASCII and Latin: no digits (the usual case) */
	for (size_t i = 0; i < sizeof zero_digits / sizeof zero_digits[0]; i++)
		if (cp >= zero_digits[i] && cp <= zero_digits[i] + 9)
			return (int)(cp - zero_digits[i]);
	return -1;
}

static int is_letter(uint32_t cp)
{
	if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
		return 1;
	if (cp >= 0xC0 && cp <= 0x24F)
		return cp != 0xD7 && cp != 0xF7;
	return (cp >= 0x370 && cp <= 0x3FF) || (cp >= 0x400 && cp <= 0x52F)
	    || cp == 0xFF58 || cp == 0xFF38; /* fullwidth x, an extension marker */
}

static uint32_t to_lower(uint32_t cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + 32;
	if (cp >= 0x410 && cp <= 0x42F)
		return cp + 0x20;
	if (cp >= 0x400 && cp <= 0x40F)
		return cp + 0x50;
	if (cp == 0xFF58 || cp == 0xFF38)
		return 'x';
	return cp;
}

static int is_space_or_dash(uint32_t cp)
{
	return cp == 0xA0 || cp == 0xAD || (cp >= 0x2000 && cp <= 0x2015)
	    || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F
	    || cp == 0x2060 || cp == 0x2212 || cp == 0x3000 || cp == 0x30FC
	    || cp == 0xFEFF || cp == 0xFF0D || cp == 0xFF08 || cp == 0xFF09
	    || cp == 0xFF0E || cp == 0xFF3B || cp == 0xFF3D || cp == 0xFF1A
	    || cp == 0x2116 || cp == 0xB7 || cp == 0xAB || cp == 0xBB;
}

static cg_token_kind classify(uint32_t cp, int *digit)
{
	*digit = digit_value(cp);
	if (*digit >= 0)
		return CG_TOK_DIGITS;
	if (cp < 0x80) {
		switch (cp) {
		case '+':
			return CG_TOK_PLUS;
		case '#': case '~':
			return CG_TOK_MARK;
		case ',': case ';': case '/': case '|': case '\\': case '\n': case '\r':
			return CG_TOK_SEPARATOR;
		case '\t':
			return CG_TOK_PUNCT;
		default:
			break;
		}
		if (cp < 0x20 || cp == 0x7F)
			return CG_TOK_INVALID;
		return is_letter(cp) ? CG_TOK_WORD : CG_TOK_PUNCT;
	}
	if (cp == 0xFF0B)
		return CG_TOK_PLUS;
	if (cp == 0xFF03 || cp == 0xFF5E || cp == 0x223C || cp == 0x2053)
		return CG_TOK_MARK;
	if (cp == 0xFF0C || cp == 0xFF1B || cp == 0xFF0F || cp == 0x3001 || cp == 0x2028)
		return CG_TOK_SEPARATOR;
	if (cp == 0xFFFD || (cp >= 0x80 && cp < 0xA0))
		return CG_TOK_INVALID;
	if (is_letter(cp))
		return CG_TOK_WORD;
	if (is_space_or_dash(cp))
		return CG_TOK_PUNCT;
	return CG_TOK_OTHER;
}

typedef struct {
	const char *text; /* lower case UTF-8 */
	size_t len;       /* strlen(text), so that most words are told apart by length alone */
	cg_word_kind kind;
} known_word;

#define KNOWN(text, kind) {text, sizeof text - 1, kind}

static const known_word known_words[] = {
	KNOWN("ext", CG_WORD_EXTENSION),
	KNOWN("extn", CG_WORD_EXTENSION),
	KNOWN("extension", CG_WORD_EXTENSION),
	KNOWN("anexo", CG_WORD_EXTENSION),
	KNOWN("\xd0\xb4\xd0\xbe\xd0\xb1", CG_WORD_EXTENSION),                     /* доб */
	KNOWN("\xd0\xb4\xd0\xbe\xd0\xbf", CG_WORD_EXTENSION),                     /* доп */
	KNOWN("\xd0\xb4\xd0\xbe\xd0\xb1\xd0\xb0\xd0\xb2\xd0\xbe\xd1\x87\xd0\xbd"
	 "\xd1\x8b\xd0\xb9", CG_WORD_EXTENSION),                             /* добавочный */
	KNOWN("\xd0\xb2\xd0\xbd", CG_WORD_EXTENSION),                             /* вн */
	KNOWN("\xd0\xb2\xd0\xbd\xd1\x83\xd1\x82\xd1\x80", CG_WORD_EXTENSION),     /* внутр */
	KNOWN("x", CG_WORD_EXTENSION_SHORT),
	KNOWN("int", CG_WORD_EXTENSION_SHORT),
	KNOWN("o", CG_WORD_LETTER_O),
	KNOWN("\xd0\xbe", CG_WORD_LETTER_O),                                      /* о */
	KNOWN("or", CG_WORD_OR),
	KNOWN("\xd0\xb8\xd0\xbb\xd0\xb8", CG_WORD_OR),                            /* или */
	KNOWN("\xd0\xbb\xd0\xb8\xd0\xb1\xd0\xbe", CG_WORD_OR),                    /* либо */
};

cg_word_kind cg_word_kind_of(const char *w, size_t n)
{
	for (size_t i = 0; i < sizeof known_words / sizeof known_words[0]; i++)
		if (known_words[i].len == n && memcmp(known_words[i].text, w, n) == 0)
			return known_words[i].kind;
	return CG_WORD_LABEL;
}

static size_t put_utf8(char *buf, uint32_t cp)
{
	if (cp < 0x80) {
		buf[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		buf[0] = (char)(0xC0 | (cp >> 6));
		buf[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	buf[0] = (char)(0xE0 | (cp >> 12));
	buf[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
	buf[2] = (char)(0x80 | (cp & 0x3F));
	return 3;
}

/* Runs of these kinds form one token; the others are one character each. */
static int merges(cg_token_kind kind)
{
	return kind == CG_TOK_DIGITS || kind == CG_TOK_PLUS || kind == CG_TOK_WORD
	    || kind == CG_TOK_PUNCT || kind == CG_TOK_OTHER || kind == CG_TOK_INVALID;
}

static size_t decode(const unsigned char *s, size_t len, size_t pos, uint32_t *cp)
{
	if (s[pos] < 0x80) {
		*cp = s[pos];
		return 1;
	}
	return cg_utf8_next(s + pos, len - pos, cp);
}

size_t cg_token_next(const char *text, size_t len, size_t pos, cg_token *tok,
                     char *digits, size_t cap, size_t *count)
{
	const unsigned char *s = (const unsigned char *)text;
	char word[CG_TEXT_WORD_BUF];
	size_t word_len = 0;
	int word_overflow = 0;
	uint32_t cp;
	int digit;
	size_t n = decode(s, len, pos, &cp);
	cg_token_kind kind = classify(cp, &digit);

	tok->kind = (uint8_t)kind;
	tok->word = (uint8_t)(kind == CG_TOK_MARK && (cp == '#' || cp == 0xFF03));
	tok->start = pos;
	tok->digit_start = (uint16_t)*count;
	tok->digit_len = 0;
	tok->truncated = 0;

	for (;;) {
		if (kind == CG_TOK_DIGITS) {
			if (*count < cap) {
				digits[(*count)++] = (char)('0' + digit);
				tok->digit_len++;
			} else {
				tok->truncated = 1;
			}
		} else if (kind == CG_TOK_WORD) {
			if (word_len + 3 <= CG_TEXT_WORD_BUF)
				word_len += put_utf8(word + word_len, to_lower(cp));
			else
				word_overflow = 1;
		}
		pos += n;
		if (pos >= len || !merges(kind))
			break;
		n = decode(s, len, pos, &cp);
		if (classify(cp, &digit) != kind)
			break;
	}
	tok->end = pos;
	if (kind == CG_TOK_WORD)
		tok->word = (uint8_t)(word_overflow ? CG_WORD_LABEL : cg_word_kind_of(word, word_len));
	return pos;
}

void cg_tokenize(const char *text, size_t len, cg_tokens *out)
{
	size_t pos = 0;

	out->count = 0;
	out->digit_count = 0;
	out->overflow = 0;
	while (pos < len) {
		cg_token *tok;

		if (out->count == CG_TEXT_TOKENS_MAX) {
			out->overflow = 1;
			return;
		}
		tok = &out->tok[out->count++];
		pos = cg_token_next(text, len, pos, tok, out->digits, CG_TEXT_DIGITS_MAX, &out->digit_count);
		if (tok->truncated) {
			out->overflow = 1;
			return;
		}
	}
}

static size_t digits_in(const cg_tokens *t, size_t from, size_t to)
{
	size_t n = 0;

	for (size_t i = from; i < to; i++)
		if (t->tok[i].kind == CG_TOK_DIGITS)
			n += t->tok[i].digit_len;
	return n;
}

/* libphonenumber keeps at the end of a number only digits, letters and '#'. */
static size_t trim_trailing(const cg_tokens *t, size_t from, size_t to)
{
	while (to > from) {
		const cg_token *last = &t->tok[to - 1];
		if (last->kind == CG_TOK_DIGITS || last->kind == CG_TOK_WORD
		    || (last->kind == CG_TOK_MARK && last->word))
			break;
		to--;
	}
	return to;
}

/*
 * Finds an extension at the end of tokens [from, to): a marker ("доб.",
 * "ext", "x", '#', '~') then up to 20 digits, or "- 123#".  Returns where the
 * main number ends (to when there is no extension) and copies the digits.
 */
static size_t strip_extension(const cg_tokens *t, size_t from, size_t to, char *ext)
{
	size_t j = to, k, marker_at;
	size_t limit;
	int hash_end = 0;
	const cg_token *digits;

	ext[0] = '\0';
	if (j > from && t->tok[j - 1].kind == CG_TOK_MARK && t->tok[j - 1].word) {
		j--;
		hash_end = 1;
	}
	if (j == from || t->tok[j - 1].kind != CG_TOK_DIGITS)
		return to;
	digits = &t->tok[j - 1];
	k = j - 1;
	while (k > from && t->tok[k - 1].kind == CG_TOK_PUNCT)
		k--;
	if (k > from && t->tok[k - 1].kind == CG_TOK_WORD
	    && (t->tok[k - 1].word == CG_WORD_EXTENSION || t->tok[k - 1].word == CG_WORD_EXTENSION_SHORT)) {
		marker_at = k - 1;
		limit = t->tok[k - 1].word == CG_WORD_EXTENSION ? CG_PHONE_EXT_MAX : 9;
	} else if (k > from && t->tok[k - 1].kind == CG_TOK_MARK) {
		marker_at = k - 1;
		limit = 9;
	} else if (hash_end && k < j - 1) {
		marker_at = k;
		limit = 6;
	} else {
		return to;
	}
	if (digits->digit_len > limit || digits_in(t, from, marker_at) < 3)
		return to;
	memcpy(ext, t->digits + digits->digit_start, digits->digit_len);
	ext[digits->digit_len] = '\0';
	return marker_at;
}

/* A lone O typed for a zero touches a digit with no space between. */
static int is_letter_o_among_digits(const cg_tokens *t, size_t i, size_t from, size_t to)
{
	const cg_token *o = &t->tok[i];

	if (o->kind != CG_TOK_WORD || o->word != CG_WORD_LETTER_O)
		return 0;
	if (i > from && t->tok[i - 1].kind == CG_TOK_DIGITS && t->tok[i - 1].end == o->start)
		return 1;
	return i + 1 < to && t->tok[i + 1].kind == CG_TOK_DIGITS && t->tok[i + 1].start == o->end
	    && i > from && digits_in(t, from, i) > 0;
}

static int only_punctuation(const cg_tokens *t, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (t->tok[i].kind != CG_TOK_PUNCT && t->tok[i].kind != CG_TOK_SEPARATOR)
			return 0;
	return 1;
}

void cg_read_number(const cg_tokens *t, size_t from, size_t to, cg_number_text *out)
{
	size_t i, end;
	int o_overflow = 0;

	memset(out, 0, sizeof *out);
	out->error = CG_PHONE_OK;
	for (i = from; i < to; i++) {
		if (t->tok[i].kind == CG_TOK_INVALID) {
			out->error = CG_PHONE_NOT_A_NUMBER;
			return;
		}
	}
	end = strip_extension(t, from, trim_trailing(t, from, to), out->extension);

	for (i = from; i < end; i++)
		if (t->tok[i].kind == CG_TOK_DIGITS || t->tok[i].kind == CG_TOK_PLUS)
			break;
	if (i == end) {
		out->error = only_punctuation(t, from, to) ? CG_PHONE_EMPTY : CG_PHONE_NOT_A_NUMBER;
		return;
	}
	out->has_plus = t->tok[i].kind == CG_TOK_PLUS;
	for (; i < end; i++) {
		const cg_token *tok = &t->tok[i];
		if (tok->kind == CG_TOK_DIGITS) {
			if (out->digit_count == 0)
				out->first_group = tok->digit_len;
			memcpy(out->digits + out->digit_count, t->digits + tok->digit_start, tok->digit_len);
			out->digit_count += tok->digit_len;
			if (out->digit_count_o + tok->digit_len <= CG_TEXT_DIGITS_MAX) {
				memcpy(out->digits_o + out->digit_count_o, t->digits + tok->digit_start, tok->digit_len);
				out->digit_count_o += tok->digit_len;
			} else {
				o_overflow = 1;
			}
		} else if (is_letter_o_among_digits(t, i, from, end) && out->digit_count_o < CG_TEXT_DIGITS_MAX) {
			out->digits_o[out->digit_count_o++] = '0';
			out->has_letter_o = 1;
		}
	}
	/*
	 * Digits and letters O together longer than the buffer: far too long for
	 * a number, so the reading with O as zeros is not tried at all.
	 */
	if (o_overflow)
		out->has_letter_o = 0;
	out->digits[out->digit_count] = '\0';
	out->digits_o[out->digit_count_o] = '\0';
	if (out->digit_count == 0)
		out->error = CG_PHONE_NOT_A_NUMBER;
}
