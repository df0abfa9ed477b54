/*
 * Every number in a free-text cell: "8-912-345-67-89, 8 (495) 123-45-67 доб. 2",
 * "тел. 8(912)000-00-07 (моб.)", "... или ...".  The text is cut into
 * candidates at separators and at words that cannot be part of a number;
 * each candidate is parsed alone, so two numbers are never glued into one.
 * Streams over the text once, so a cell of any size is fine.
 */
#include "phone.h"

#include <string.h>

#include "phone_text.h"

#define SPLIT_POINTS_MAX 32

typedef struct {
	const char *text;
	int region;
	cg_phone_sink sink;
	void *ctx;
	size_t reported;
	int stopped;
} extraction;

static int breaks_number(const cg_token *tok)
{
	switch (tok->kind) {
	case CG_TOK_SEPARATOR:
	case CG_TOK_OTHER:
	case CG_TOK_INVALID:
		return 1;
	case CG_TOK_WORD:
		return tok->word == CG_WORD_LABEL || tok->word == CG_WORD_OR;
	default:
		return 0;
	}
}

static void report(extraction *x, const cg_phone *p, size_t start, size_t end)
{
	if (x->stopped)
		return;
	x->reported++;
	if (x->sink(p, start, end, x->ctx) != 0)
		x->stopped = 1;
}

static void parse_range(extraction *x, size_t start, size_t end, cg_phone *p)
{
	cg_phone_parse(x->text + start, end - start, x->region, p);
}

/*
 * A candidate that is no valid number may be two written with only spaces
 * between them: take the longest valid run of digit groups from the left,
 * then go on with the rest.
 */
static void split_and_report(extraction *x, const size_t *group_end, const size_t *group_start,
                             size_t groups, size_t end)
{
	size_t from = 0;
	cg_phone p;

	while (from < groups && !x->stopped) {
		size_t to;
		for (to = groups; to > from; to--) {
			parse_range(x, group_start[from], group_end[to - 1], &p);
			if (p.error == CG_PHONE_OK)
				break;
		}
		if (to == from) {
			parse_range(x, group_start[from], end, &p);
			report(x, &p, group_start[from], end);
			return;
		}
		report(x, &p, group_start[from], group_end[to - 1]);
		from = to;
	}
}

typedef struct {
	int open;
	size_t start, end;   /* bytes: first token, end of the last token that counts */
	size_t group_start[SPLIT_POINTS_MAX];
	size_t group_end[SPLIT_POINTS_MAX];
	size_t groups;       /* digit groups seen; may exceed SPLIT_POINTS_MAX */
	int has_digits;
} candidate;

static void flush(extraction *x, candidate *c)
{
	cg_phone p;

	if (c->open && c->has_digits && !x->stopped) {
		if (c->end - c->start > CG_PHONE_INPUT_MAX) {
			memset(&p, 0, sizeof p);
			p.error = CG_PHONE_TOO_LONG;
			report(x, &p, c->start, c->end);
		} else {
			parse_range(x, c->start, c->end, &p);
			if (p.error != CG_PHONE_OK && c->groups > 1 && c->groups <= SPLIT_POINTS_MAX)
				split_and_report(x, c->group_end, c->group_start, c->groups, c->end);
			else
				report(x, &p, c->start, c->end);
		}
	}
	c->open = 0;
	c->has_digits = 0;
	c->groups = 0;
}

size_t cg_phone_extract(const char *text, size_t len, int region, cg_phone_sink sink, void *ctx)
{
	extraction x = {text, region, sink, ctx, 0, 0};
	candidate c;
	size_t pos = 0;
	char scratch[1];
	size_t scratch_count = 0;

	memset(&c, 0, sizeof c);
	while (pos < len && !x.stopped) {
		cg_token tok;

		pos = cg_token_next(text, len, pos, &tok, scratch, 0, &scratch_count);
		if (breaks_number(&tok)) {
			flush(&x, &c);
			continue;
		}
		if (!c.open) {
			if (tok.kind != CG_TOK_DIGITS && tok.kind != CG_TOK_PLUS)
				continue;
			c.open = 1;
			c.start = tok.start;
		}
		if (tok.kind == CG_TOK_DIGITS) {
			/* Digits right after digits (no space) continue the same group. */
			if (c.groups > 0 && c.groups <= SPLIT_POINTS_MAX && c.group_end[c.groups - 1] == tok.start)
				c.group_end[c.groups - 1] = tok.end;
			else {
				if (c.groups < SPLIT_POINTS_MAX) {
					c.group_start[c.groups] = tok.start;
					c.group_end[c.groups] = tok.end;
				}
				c.groups++;
			}
			c.has_digits = 1;
		}
		if (tok.kind != CG_TOK_PUNCT && tok.kind != CG_TOK_PLUS)
			c.end = tok.end;
	}
	flush(&x, &c);
	return x.reported;
}
