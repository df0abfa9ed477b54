/*
 * The call card: who a phone number belongs to and what colour the card of
 * a call with it gets for the user placing or taking the call (design.md,
 * "Call card colour"; seeds/001: the Bitrix24 job this comes from).
 *
 * Gathered from the phone index (crmguard_phone) in two statements: every
 * live lead (not deleted, not converted), every live contact with all its
 * live companies (the link table and, in EspoCRM, contact.account_id), and
 * every live company holding the number.  A company's status is the
 * crmguard custom field; a missing row or value is 'waiting'.  Colour, in
 * priority order:
 *   red     a company in 'in_work' whose assigned user is someone other than
 *           the caller, holding the number itself or through a linked contact
 *           (a company without an assigned user is in nobody's work: not red)
 *   yellow  a contact holds the number
 *   blue    only leads hold it
 *   none    anything else: unknown, the caller's own company, a company not
 *           in work
 * The deciding record: the red company (one holding the number itself before
 * one reached through a contact), the contact, the lead, or for none the
 * company if there is one.  Ties go to the first by name, then id.
 */
#ifndef CRMGUARD_OWNERSHIP_H
#define CRMGUARD_OWNERSHIP_H

#include <stddef.h>

#include "crm.h"
#include "db.h"
#include "messages.h"
#include "phone.h"

typedef enum { CG_CARD_NONE, CG_CARD_BLUE, CG_CARD_YELLOW, CG_CARD_RED } cg_card_color;

const char *cg_card_color_name(cg_card_color color);

typedef struct {
	cg_entity_kind kind;
	char *id;
	char *name;            /* "" when the record has none */
	char *owner_id;        /* NULL: no assigned user */
	char *owner_name;      /* NULL: no assigned user (or not found) */
	char *company_status;  /* accounts only: the status, 'waiting' when missing */
	char *via_contact_id;  /* accounts reached through a contact: that contact */
} cg_card_match;

/* A contact-company link of the number's contacts (the company is a match). */
typedef struct {
	char *contact_id;
	size_t account;        /* index into matches */
} cg_card_link;

typedef struct {
	char e164[CG_E164_SIZE];
	cg_card_color color;
	long decider;          /* index into matches, -1: none */
	const char *company_status; /* of the deciding company or the contact's first company; NULL: none */
	char verdict[512];
	cg_card_match *matches;
	size_t count, cap;
	/*
	 * Every company of every contact, in the order found (by company name):
	 * also those listed once only (a company holding the number itself, or
	 * reached through another contact first), so a contact's first company
	 * is known whichever entry the company has in matches.
	 */
	cg_card_link *links;
	size_t link_count, link_cap;
} cg_card;

typedef enum { CG_CARD_DONE = 0, CG_CARD_DB_ERROR = -1, CG_CARD_INVALID_PHONE = -2 } cg_card_outcome;

/*
 * Looks the number up (any format; region: cg_region_find()'s index for
 * numbers without a country code).  CG_CARD_INVALID_PHONE: not a valid number
 * (parse error code in *phone_error); CG_CARD_DB_ERROR: *err filled.  The card
 * is to be released with cg_card_free() whatever the outcome.
 */
cg_card_outcome cg_card_lookup(cg_db *db, const cg_crm_profile *profile, const char *phone, size_t phone_len,
                               int region, const char *caller, size_t caller_len, cg_lang lang,
                               cg_card *card, cg_phone_error *phone_error, cg_db_error *err);

/* The colour of a card whose matches are filled (the rule itself; used by cg_card_lookup). */
void cg_card_decide(cg_card *card, const char *caller, size_t caller_len, cg_lang lang);

/*
 * Adds a match (strings copied; NULL stays NULL); -1 when out of memory.  A
 * company with via_contact_id is linked to that contact (cg_card_link_contact).
 */
int cg_card_add(cg_card *card, cg_entity_kind kind, const char *id, const char *name, const char *owner_id,
                const char *owner_name, const char *company_status, const char *via_contact_id);

/*
 * Records that contact_id is linked to the company account_id, a match
 * already added.  0; 1 when no such company is among the matches; -1 when out
 * of memory.
 */
int cg_card_link_contact(cg_card *card, const char *contact_id, const char *account_id);

void cg_card_init(cg_card *card);
void cg_card_free(cg_card *card);

#endif
