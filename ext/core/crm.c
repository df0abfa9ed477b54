#include "crm.h"

#include <string.h>

/* EspoCRM 9.x (tests/fixtures/espocrm/schema.sql, ../shared/reference/espocrm-notes.md). */
static const cg_crm_profile espocrm = {
	.crm = CG_CRM_ESPOCRM,
	.name = "espocrm",
	.entities = {
		[CG_ENTITY_ACCOUNT] = {
			.type_name = "Account", .table = "account", .owner_column = "assigned_user_id",
			.name_sql = "t.name", .live_sql = "t.deleted = 0",
		},
		[CG_ENTITY_CONTACT] = {
			.type_name = "Contact", .table = "contact", .owner_column = "assigned_user_id",
			.name_sql = "TRIM(CONCAT_WS(' ', t.first_name, t.middle_name, t.last_name))",
			.live_sql = "t.deleted = 0",
		},
		[CG_ENTITY_LEAD] = {
			.type_name = "Lead", .table = "lead", .owner_column = "assigned_user_id",
			.name_sql = "TRIM(CONCAT_WS(' ', t.first_name, t.middle_name, t.last_name))",
			.live_sql = "t.deleted = 0 AND COALESCE(t.status, '') <> 'Converted'",
		},
	},
	.phone_table = "phone_number",
	.phone_link_table = "entity_phone_number",
	.phone_link_entity_id = "entity_id",
	.phone_link_entity_type = "entity_type",
	.phone_link_phone_id = "phone_number_id",
	.phone_field_name = "phoneNumber",
	.account_contact_table = "account_contact",
	.account_contact_account_id = "account_id",
	.account_contact_contact_id = "contact_id",
	.contact_account_column = "account_id",
	.status_table = "account",
	.status_id_column = "id",
	.status_column = "c_crmguard_status",
	.user_table = "user",
	.user_name_sql = "TRIM(CONCAT_WS(' ', t.first_name, t.last_name))",
	.user_is_admin_sql = "(t.type IN ('admin', 'super-admin'))",
	.user_supervisor_column = NULL,
	.team_user_table = "team_user",
};

/* SuiteCRM 7.14 (../shared/reference/suitecrm-7.14.6-schema.sql). */
static const cg_crm_profile suitecrm = {
	.crm = CG_CRM_SUITECRM,
	.name = "suitecrm",
	.entities = {
		[CG_ENTITY_ACCOUNT] = {
			.type_name = "Accounts", .table = "accounts", .owner_column = "assigned_user_id",
			.name_sql = "t.name", .live_sql = "t.deleted = 0",
			.phone_columns = {"phone_office", "phone_alternate", "phone_fax"},
			.phone_column_count = 3,
		},
		[CG_ENTITY_CONTACT] = {
			.type_name = "Contacts", .table = "contacts", .owner_column = "assigned_user_id",
			.name_sql = "TRIM(CONCAT_WS(' ', t.first_name, t.last_name))",
			.live_sql = "t.deleted = 0",
			.phone_columns = {"phone_home", "phone_mobile", "phone_work", "phone_other", "phone_fax"},
			.phone_column_count = 5,
		},
		[CG_ENTITY_LEAD] = {
			.type_name = "Leads", .table = "leads", .owner_column = "assigned_user_id",
			.name_sql = "TRIM(CONCAT_WS(' ', t.first_name, t.last_name))",
			/* SuiteCRM's converter sets converted = 1 and status 'Converted'; either counts. */
			.live_sql = "t.deleted = 0 AND COALESCE(t.converted, 0) = 0 AND COALESCE(t.status, '') <> 'Converted'",
			.phone_columns = {"phone_home", "phone_mobile", "phone_work", "phone_other", "phone_fax"},
			.phone_column_count = 5,
		},
	},
	.phone_table = NULL,
	.account_contact_table = "accounts_contacts",
	.account_contact_account_id = "account_id",
	.account_contact_contact_id = "contact_id",
	.status_table = "accounts_cstm",
	.status_id_column = "id_c",
	.status_column = "crmguard_status_c",
	.user_table = "users",
	.user_name_sql = "TRIM(CONCAT_WS(' ', t.first_name, t.last_name))",
	.user_is_admin_sql = "(t.is_admin = 1)",
	.user_supervisor_column = "reports_to_id",
};

/* ASCII case-insensitive equality of name[0..len) and the lowercase word. */
static int same_word(const char *name, size_t len, const char *word)
{
	if (strlen(word) != len)
		return 0;
	for (size_t i = 0; i < len; i++) {
		char c = name[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != word[i])
			return 0;
	}
	return 1;
}

int cg_crm_from_name(const char *name, size_t len, cg_crm *out)
{
	if (same_word(name, len, "espocrm")) {
		*out = CG_CRM_ESPOCRM;
		return 0;
	}
	if (same_word(name, len, "suitecrm")) {
		*out = CG_CRM_SUITECRM;
		return 0;
	}
	return -1;
}

const cg_crm_profile *cg_crm_profile_of(cg_crm crm)
{
	return crm == CG_CRM_SUITECRM ? &suitecrm : &espocrm;
}

int cg_crm_entity_from_type(const cg_crm_profile *profile, const char *type, size_t len, cg_entity_kind *out)
{
	for (int k = 0; k < CG_ENTITY_COUNT; k++) {
		const char *name = profile->entities[k].type_name;
		if (strlen(name) == len && memcmp(name, type, len) == 0) {
			*out = (cg_entity_kind)k;
			return 0;
		}
	}
	return -1;
}
