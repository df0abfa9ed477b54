/*
 * CrmGuard\PhoneIndex — Zend glue over ext/core/phone_index.c.  Other glue
 * (the rules branch's lookup()) reads the object through this header.
 */
#ifndef CRMGUARD_PHONE_INDEX_GLUE_H
#define CRMGUARD_PHONE_INDEX_GLUE_H

#include "php.h"
#include "core/crm.h"

extern zend_class_entry *crmguard_ce_phone_index;

typedef struct {
	zval connection;                 /* the CrmGuard\Connection it was made with */
	const cg_crm_profile *profile;   /* the CRM's profile */
	int region;                      /* default region of numbers (cg_region_find) */
	zend_object std;
} crmguard_phone_index;

static inline crmguard_phone_index *crmguard_phone_index_from(zend_object *obj)
{
	return (crmguard_phone_index *) ((char *) obj - XtOffsetOf(crmguard_phone_index, std));
}

#endif
