/*
 * The call-card lookup as PHP sees it (PhoneIndex::lookup()); the rule is in
 * ext/core/ownership.c.
 */
#ifndef CRMGUARD_LOOKUP_H
#define CRMGUARD_LOOKUP_H

#include "php.h"
#include "core/crm.h"
#include "core/db.h"

/*
 * Fills return_value with the card for phone and caller (region:
 * cg_region_find() of numbers written without a country code;
 * php-stubs/phone_index.php lists the keys), or throws: ValueError for a
 * number that is not valid (arg_num names the argument), DbException.
 */
void crmguard_lookup(cg_db *db, const cg_crm_profile *profile, int region, zend_string *phone,
                     zend_string *caller, zend_string *lang, uint32_t arg_num, zval *return_value);

#endif
