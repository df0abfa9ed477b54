/*
 * The phone-number metadata of every region libphonenumber knows, as tables.
 *
 * ext/core/phone_meta_data.c is generated from libphonenumber's own metadata by
 * tools/phonemeta/gen-phone-tables.php and committed; nothing of libphonenumber
 * is used at run time.  Every regular expression of the metadata is a pattern
 * over the digits 0-9, so the generator compiles each one into a deterministic
 * automaton; the parser walks them digit by digit.
 *
 * All automata share one state table.  State 0 is the dead state: it has no
 * flags and every digit leads back to it, so a walk may stop as soon as it
 * reaches it.
 */
#ifndef CRMGUARD_PHONE_META_H
#define CRMGUARD_PHONE_META_H

#include <stddef.h>
#include <stdint.h>

typedef uint16_t cg_dfa_state;

/* Flags of a state, meaningful at the end of a walk. */
enum {
	/* National-number automaton of a region (cg_region.national): */
	CG_F_GENERAL = 1, /* the number matches general_desc's pattern (no length test) */
	CG_F_VALID = 2,   /* IsValidNumberForRegion: general_desc and some number type,
	                     each with its own possible lengths */
	CG_F_LEADING = 4, /* some prefix of the number matches leading_digits */
	/* GetNumberType of a valid number: FIXED_LINE sets F_FIXED, MOBILE F_MOBILE,
	 * FIXED_LINE_OR_MOBILE both, any other type (toll free, VoIP ...) neither */
	CG_F_MOBILE = 8,
	CG_F_FIXED = 16,
	/* Segment automata of prefix patterns (cg_prefix_segment.dfa): */
	CG_F_MATCH = 1    /* the digits walked so far match the segment */
};

extern const cg_dfa_state cg_dfa_next[][10];
extern const uint8_t cg_dfa_flags[];
extern const size_t cg_dfa_state_count;

/*
 * A prefix pattern (international_prefix, national_prefix_for_parsing) is
 * matched at the start of a digit string the way libphonenumber's regex
 * Consume() does: alternatives of the top-level alternation in order, the
 * first that matches wins; within an alternative the segments follow one
 * another, each taking its longest match first and giving back digits when a
 * later segment fails (greedy backtracking).  Optional groups that contain a
 * capture are expanded by the generator into two alternatives, the one with
 * the group first.
 */
typedef struct {
	cg_dfa_state dfa; /* matched when the walk ends in a CG_F_MATCH state */
	uint8_t group;    /* capture group this segment fills (1, 2), 0 for none */
} cg_prefix_segment;

typedef struct {
	uint16_t first_segment; /* index into cg_prefix_segments */
	uint8_t segment_count;  /* 0: the alternative matches the empty string */
	uint8_t anchored_end;   /* a trailing '$': the match must take every digit */
} cg_prefix_alternative;

typedef struct {
	uint16_t first_alternative; /* index into cg_prefix_alternatives */
	uint8_t alternative_count;  /* 0: the region has no such pattern */
	uint8_t group_count;        /* capture groups in the pattern (0, 1, 2) */
} cg_prefix_pattern;

extern const cg_prefix_segment cg_prefix_segments[];
extern const cg_prefix_alternative cg_prefix_alternatives[];

typedef struct {
	char code[4];              /* ISO 3166 alpha-2, or "001" (non-geographic) */
	uint16_t country_code;
	uint8_t main_country_for_code;
	uint8_t has_leading_digits; /* CG_F_LEADING is meaningful */
	cg_dfa_state national;     /* national-number automaton, flags CG_F_* */
	uint32_t possible_lengths; /* general_desc: bit n set when length n is possible; 0 for none */
	uint32_t local_only_lengths;
	cg_prefix_pattern international_prefix;
	cg_prefix_pattern national_prefix_for_parsing;
	const char *national_prefix_transform_rule; /* e.g. "9$1"; NULL when none */
	const char *national_prefix;               /* "" when none */
} cg_region;

/*
 * Regions in libphonenumber's order for each country calling code: grouped by
 * country code ascending; within one code the main country first, then the
 * others in metadata order (the order GetRegionCodeForNumber tries them).
 */
extern const cg_region cg_regions[];
extern const size_t cg_region_count;

/* Where the tables come from, e.g. "libphonenumber 8.12.57". */
extern const char cg_phone_meta_source[];
#define CG_PHONE_META_SOURCE cg_phone_meta_source

#endif
