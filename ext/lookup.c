/*
 * PhoneIndex::lookup()'s conversion of the core's call card into a PHP array.
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "php.h"
#include "zend_exceptions.h"

#include "php_crmguard.h"
#include "connection.h"
#include "lookup.h"
#include "core/messages.h"
#include "core/ownership.h"
#include "core/phone.h"

static void crmguard_add_str_or_null(zval *arr, const char *key, const char *value)
{
	if (value)
		add_assoc_string(arr, key, value);
	else
		add_assoc_null(arr, key);
}

void crmguard_lookup(cg_db *db, const cg_crm_profile *profile, int region, zend_string *phone,
                     zend_string *caller, zend_string *lang, uint32_t arg_num, zval *return_value)
{
	cg_card card;
	cg_phone_error perr = CG_PHONE_OK;
	cg_db_error err;
	cg_card_outcome outcome;
	const cg_card_match *d;
	zval matches, m;
	size_t i;

	outcome = cg_card_lookup(db, profile, ZSTR_VAL(phone), ZSTR_LEN(phone), region,
	                         ZSTR_VAL(caller), ZSTR_LEN(caller),
	                         lang ? cg_lang_from_tag(ZSTR_VAL(lang), ZSTR_LEN(lang)) : CG_LANG_EN,
	                         &card, &perr, &err);
	if (outcome == CG_CARD_INVALID_PHONE) {
		/* The value as typed (cut short, bytes that are no text as '?'): Russian stays readable. */
		char shown[96];
		cg_text t;
		const char *code = cg_phone_error_code(perr);

		cg_text_init(&t, shown, sizeof shown);
		cg_text_put(&t, ZSTR_VAL(phone), ZSTR_LEN(phone) > 200 ? 200 : ZSTR_LEN(phone));
		zend_argument_value_error(arg_num, "must be a valid phone number, \"%s\" is not (%s)",
			shown, code ? code : "invalid");
		cg_card_free(&card);
		return;
	}
	if (outcome != CG_CARD_DONE) {
		crmguard_throw_db_error(&err);
		cg_card_free(&card);
		return;
	}

	d = card.decider >= 0 ? &card.matches[card.decider] : NULL;
	array_init_size(return_value, 9);
	add_assoc_string(return_value, "phone", card.e164);
	add_assoc_string(return_value, "color", cg_card_color_name(card.color));
	add_assoc_string(return_value, "verdict", card.verdict);
	crmguard_add_str_or_null(return_value, "owner_id", d ? d->owner_id : NULL);
	crmguard_add_str_or_null(return_value, "owner_name", d ? d->owner_name : NULL);
	crmguard_add_str_or_null(return_value, "entity_type", d ? profile->entities[d->kind].type_name : NULL);
	crmguard_add_str_or_null(return_value, "entity_id", d ? d->id : NULL);
	crmguard_add_str_or_null(return_value, "company_status", card.company_status);

	array_init_size(&matches, (uint32_t) card.count);
	for (i = 0; i < card.count; i++) {
		const cg_card_match *x = &card.matches[i];

		array_init(&m);
		add_assoc_string(&m, "entity_type", profile->entities[x->kind].type_name);
		add_assoc_string(&m, "entity_id", x->id);
		add_assoc_string(&m, "name", x->name);
		crmguard_add_str_or_null(&m, "owner_id", x->owner_id);
		crmguard_add_str_or_null(&m, "owner_name", x->owner_name);
		if (x->kind == CG_ENTITY_ACCOUNT) {
			add_assoc_string(&m, "company_status", x->company_status ? x->company_status : "waiting");
			if (x->via_contact_id)
				add_assoc_string(&m, "via_contact_id", x->via_contact_id);
		}
		add_next_index_zval(&matches, &m);
	}
	add_assoc_zval(return_value, "matches", &matches);
	cg_card_free(&card);
}
