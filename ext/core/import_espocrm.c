/*
 * The bulk importer's writer for EspoCRM 9.x: the rows EspoCRM's ORM writes
 * when a contact, account, opportunity and task are saved, as its import does
 * in silent mode (no stream notes).  Checked against EspoCRM 9.2's entityDefs
 * and tests/fixtures/espocrm/sample.sql:
 *   - ids from Util::generateId(): uniqid() + 4 hex digits (import_values.c);
 *   - created_at = modified_at (UTC), created_by_id, modified_by_id NULL on create,
 *     assigned_user_id; version_number 1 where the entity has one;
 *   - teams: the assigned user's default team on every record (entity_team),
 *     as the edit form pre-fills it;
 *   - phones: one phone_number row per distinct string (name = E.164, with
 *     " ext. N" when the CRM keeps extensions, numeric = its digits, type Mobile
 *     or Office as the number is), shared, and entity_phone_number with
 *     `primary` on the first;
 *   - the contact's company: contact.account_id + account_contact (role = title);
 *   - the deal: opportunity (stage New, account_id, contact_id) + contact_opportunity;
 *   - the task: parent = the deal (Opportunity), account_id, contact_id;
 *   - e-mail: email_address (name, lower) shared, entity_email_address primary;
 *   - the import as EspoCRM's own import leaves it (Tools/Import/Import.php
 *     240-290 and 350-372): an `import` row (entity type Contact, status,
 *     created by) and an `import_entity` row (is_imported) per created contact,
 *     company, deal and task, which Import -> Revert reads
 *     (Tools/Import/Service.php revert(), 205-295).
 */
#include <stddef.h>

#include <stdio.h>
#include <string.h>

#include "import_table.h"

static const char *espo_phone_field(const cg_import_item *it, size_t k)
{
	(void)it;
	(void)k;
	return "phoneNumber";
}

enum { PHONE_DIGITS, PHONE_TYPE, PHONE_PRIMARY };

static void phone_value(cg_importer *imp, cg_insert *ins, const cg_import_row *row, int what)
{
	(void)imp;
	if (what == PHONE_DIGITS) {
		/* Repositories/PhoneNumber.php beforeSave (263-277): numeric = the name's digits */
		char digits[256];
		size_t n = 0;
		for (const char *p = row->shared_text; *p && n + 1 < sizeof digits; p++) {
			if (*p >= '0' && *p <= '9')
				digits[n++] = *p;
		}
		digits[n] = '\0';
		cg_insert_cstr(ins, digits);
	} else if (what == PHONE_TYPE) {
		cg_insert_cstr(ins, cg_import_is_mobile(row->item, row->k) ? "Mobile" : "Office");
	} else {
		cg_insert_literal(ins, row->k == 0 ? "1" : "0");
	}
}

/* what the writers may find missing: crmguard's custom field (before its package is
 * installed) and EspoCRM's import tables */
enum { PROBE_STATUS = 1, PROBE_IMPORT, PROBE_IMPORT_ENTITY };

static const cg_import_col team_cols[] = {
	CG_COL("entity_id", CG_V_RECORD_ID), CG_COL("team_id", CG_V_GROUP_ID),
	CG_COL("entity_type", CG_V_RECORD_TYPE), CG_LIT("deleted", "0"),
};
static const cg_import_table teams = CG_TABLE("entity_team", "adding the records to their teams", CG_ROWS_GROUPS,
                                              team_cols);

static const cg_import_col account_cols[] = {
	CG_COL("id", CG_V_COMPANY_ID), CG_COL("name", CG_V_COMPANY_NAME), CG_LIT("deleted", "0"),
	CG_COL("created_at", CG_V_NOW), CG_COL("modified_at", CG_V_NOW),
	CG_COL("created_by_id", CG_V_CREATOR), CG_LIT("modified_by_id", "NULL"), CG_COL("assigned_user_id", CG_V_OWNER),
	CG_LIT("version_number", "1"),
	CG_COL_IF("c_crmguard_status", CG_V_DEFAULT_STATUS, PROBE_STATUS),
};
static const cg_import_table accounts = CG_RECORDS("account", "creating the companies", CG_ROWS_NEW_COMPANIES,
                                                   account_cols, "Account", CG_V_COMPANY_ID);

static const cg_import_col contact_cols[] = {
	CG_COL("id", CG_V_CONTACT_ID), CG_LIT("deleted", "0"),
	CG_TEXT("first_name", first), CG_TEXT("last_name", last), CG_TEXT("middle_name", middle),
	CG_TEXT("description", comment), CG_LIT("do_not_call", "0"), CG_TEXT("address_city", city),
	CG_COL("created_at", CG_V_NOW), CG_COL("modified_at", CG_V_NOW), CG_COL("account_id", CG_V_COMPANY_ID),
	CG_COL("created_by_id", CG_V_CREATOR), CG_LIT("modified_by_id", "NULL"), CG_COL("assigned_user_id", CG_V_OWNER),
};
static const cg_import_table contacts = CG_RECORDS("contact", "creating the contacts", CG_ROWS_ITEMS, contact_cols,
                                                   "Contact", CG_V_CONTACT_ID);

static const cg_import_col phone_number_cols[] = {
	CG_COL("id", CG_V_SHARED_ID), CG_COL("name", CG_V_SHARED_TEXT), CG_LIT("deleted", "0"),
	CG_FN("type", phone_value, PHONE_TYPE), CG_FN("numeric", phone_value, PHONE_DIGITS),
	CG_LIT("invalid", "0"), CG_LIT("opt_out", "0"),
};
static const cg_import_table phone_numbers = CG_TABLE("phone_number", "creating the phone numbers", CG_ROWS_SHARED,
                                                      phone_number_cols);

static const cg_import_col entity_phone_number_cols[] = {
	CG_COL("entity_id", CG_V_CONTACT_ID), CG_COL("phone_number_id", CG_V_SHARED_ID),
	CG_LIT("entity_type", "'Contact'"), CG_FN("primary", phone_value, PHONE_PRIMARY), CG_LIT("deleted", "0"),
};
static const cg_import_table phone_links = CG_TABLE("entity_phone_number", "linking the phone numbers",
                                                    CG_ROWS_SHARED, entity_phone_number_cols);

static const cg_import_shared phones = {
	CG_SHARED_PHONES, "SELECT `id`, `name` FROM `phone_number` WHERE `deleted` = 0 AND `name` IN (%s) ORDER BY `id`",
	&phone_numbers, &phone_links};

static const cg_import_col account_contact_cols[] = {
	CG_COL("account_id", CG_V_COMPANY_ID), CG_COL("contact_id", CG_V_CONTACT_ID),
	CG_TEXT("role", title), CG_LIT("is_inactive", "0"), CG_LIT("deleted", "0"),
};
static const cg_import_table account_contacts = CG_TABLE("account_contact", "linking the contacts to their companies",
                                                         CG_ROWS_ITEMS_WITH_COMPANY, account_contact_cols);

static const cg_import_col opportunity_cols[] = {
	CG_COL("id", CG_V_DEAL_ID), CG_COL("name", CG_V_DEAL_NAME), CG_LIT("deleted", "0"),
	CG_LIT("amount", "0"), CG_LIT("stage", "'New'"), CG_LIT("last_stage", "'New'"), CG_LIT("probability", "10"),
	CG_TEXT("lead_source", source), CG_COL("close_date", CG_V_CLOSE_DATE),
	CG_COL("created_at", CG_V_NOW), CG_COL("modified_at", CG_V_NOW), CG_COL("amount_currency", CG_V_CURRENCY),
	CG_COL("account_id", CG_V_COMPANY_ID), CG_COL("contact_id", CG_V_CONTACT_ID),
	CG_COL("created_by_id", CG_V_CREATOR), CG_LIT("modified_by_id", "NULL"), CG_COL("assigned_user_id", CG_V_OWNER),
	CG_LIT("version_number", "1"),
};
static const cg_import_table opportunities = CG_RECORDS("opportunity", "creating the deals", CG_ROWS_ITEMS,
                                                        opportunity_cols, "Opportunity", CG_V_DEAL_ID);

static const cg_import_col contact_opportunity_cols[] = {
	CG_COL("contact_id", CG_V_CONTACT_ID), CG_COL("opportunity_id", CG_V_DEAL_ID),
	CG_LIT("role", "NULL"), CG_LIT("deleted", "0"),
};
static const cg_import_table contact_opportunities = CG_TABLE("contact_opportunity",
                                                              "linking the deals to their contacts", CG_ROWS_ITEMS,
                                                              contact_opportunity_cols);

static const cg_import_col task_cols[] = {
	CG_COL("id", CG_V_TASK_ID), CG_COL("name", CG_V_TASK_NAME), CG_LIT("deleted", "0"),
	CG_LIT("status", "'Not Started'"), CG_LIT("priority", "'Normal'"), CG_COL("date_end", CG_V_TASK_DUE),
	CG_COL("created_at", CG_V_NOW), CG_COL("modified_at", CG_V_NOW),
	CG_COL("parent_id", CG_V_DEAL_ID), CG_LIT("parent_type", "'Opportunity'"),
	CG_COL("account_id", CG_V_COMPANY_ID), CG_COL("contact_id", CG_V_CONTACT_ID),
	CG_COL("created_by_id", CG_V_CREATOR), CG_LIT("modified_by_id", "NULL"), CG_COL("assigned_user_id", CG_V_OWNER),
	CG_LIT("version_number", "1"),
};
static const cg_import_table tasks = CG_RECORDS("task", "creating the call tasks", CG_ROWS_ITEMS, task_cols, "Task",
                                                CG_V_TASK_ID);

static const cg_import_col email_address_cols[] = {
	CG_COL("id", CG_V_SHARED_ID), CG_TEXT_AS_IS("name", email, 255), CG_LIT("deleted", "0"),
	CG_COL("lower", CG_V_SHARED_TEXT), CG_LIT("invalid", "0"), CG_LIT("opt_out", "0"),
};
static const cg_import_table email_addresses = CG_TABLE("email_address", "creating the e-mail addresses",
                                                        CG_ROWS_SHARED, email_address_cols);

static const cg_import_col entity_email_address_cols[] = {
	CG_COL("entity_id", CG_V_CONTACT_ID), CG_COL("email_address_id", CG_V_SHARED_ID),
	CG_LIT("entity_type", "'Contact'"), CG_LIT("primary", "1"), CG_LIT("deleted", "0"),
};
static const cg_import_table email_links = CG_TABLE("entity_email_address", "linking the e-mail addresses",
                                                    CG_ROWS_SHARED, entity_email_address_cols);

static const cg_import_shared emails = {
	CG_SHARED_EMAIL_LOWER, "SELECT `id`, `lower` FROM `email_address` WHERE `deleted` = 0 AND `lower` IN (%s) "
	"ORDER BY `id`", &email_addresses, &email_links};

/* Tools/Import/Import.php 364-371: a row per imported record; EspoCRM's import counts those of
 * the import's entity type (Repositories/Import.php countResultRecords) and Revert removes
 * every one, of whatever type */
#define IMPORT_ENTITY(id_value, type) \
	{CG_LIT("deleted", "0"), CG_LIT("is_imported", "1"), CG_LIT("is_updated", "0"), CG_LIT("is_duplicate", "0"), \
	 CG_COL("entity_id", id_value), CG_LIT("entity_type", type), CG_COL("import_id", CG_V_IMPORT_ID)}
static const cg_import_col imported_contact_cols[] = IMPORT_ENTITY(CG_V_CONTACT_ID, "'Contact'");
static const cg_import_col imported_account_cols[] = IMPORT_ENTITY(CG_V_COMPANY_ID, "'Account'");
static const cg_import_col imported_deal_cols[] = IMPORT_ENTITY(CG_V_DEAL_ID, "'Opportunity'");
static const cg_import_col imported_task_cols[] = IMPORT_ENTITY(CG_V_TASK_ID, "'Task'");
static const cg_import_table imported_contacts = CG_TABLE_IF("import_entity", "listing the contacts in the import",
                                                             CG_ROWS_ITEMS, imported_contact_cols, PROBE_IMPORT_ENTITY);
static const cg_import_table imported_accounts = CG_TABLE_IF("import_entity", "listing the companies in the import",
                                                             CG_ROWS_NEW_COMPANIES, imported_account_cols,
                                                             PROBE_IMPORT_ENTITY);
static const cg_import_table imported_deals = CG_TABLE_IF("import_entity", "listing the deals in the import",
                                                          CG_ROWS_ITEMS, imported_deal_cols, PROBE_IMPORT_ENTITY);
static const cg_import_table imported_tasks = CG_TABLE_IF("import_entity", "listing the tasks in the import",
                                                          CG_ROWS_ITEMS, imported_task_cols, PROBE_IMPORT_ENTITY);

static const cg_import_table *const up_to_contacts[] = {&accounts, &contacts, NULL};
static const cg_import_table *const after_phones[] = {&account_contacts, &opportunities, &contact_opportunities,
                                                      &tasks, &imported_contacts, &imported_accounts,
                                                      &imported_deals, &imported_tasks, NULL};
static const cg_import_writes writes = {&teams, up_to_contacts, &phones, after_phones, &emails};

static int espo_write(cg_importer *imp, cg_db_error *err)
{
	return cg_import_write_batch(imp, &writes, err);
}

/*
 * The import's `import` row, as Tools/Import/Import.php run() keeps it (240-290: entityType,
 * status In Process, params, attributeList, createdBy; 335: lastIndex; Complete or Failed at
 * the end).  Its id is the first 17 hex digits of the file's SHA-256 (an id of
 * Util::generateId()'s form), so a re-run of the same file continues the same import.
 */
static int espo_import_record(cg_importer *imp, int start, int fresh, const char *state, cg_db_error *err)
{
	cg_sqlbuf sql = {0};
	int rc;

	(void)fresh;
	if (!imp->present[PROBE_IMPORT] || !imp->present[PROBE_IMPORT_ENTITY])
		return 0;
	snprintf(imp->crm_import_id, sizeof imp->crm_import_id, "%.17s", imp->import_id);
	if (start) {
		cg_sqlbuf_appends(&sql, "INSERT INTO `import` (`id`, `deleted`, `entity_type`, `status`, `last_index`, "
		                  "`params`, `attribute_list`, `created_at`, `file_id`, `created_by_id`) VALUES (");
		cg_sqlbuf_append_quoted(&sql, imp->db->mysql, imp->crm_import_id, strlen(imp->crm_import_id));
		cg_sqlbuf_appends(&sql, ", 0, 'Contact', 'In Process', 0, '{\"action\":\"create\",\"headerRow\":true,"
		                  "\"silentMode\":true,\"idleMode\":false,\"manualMode\":false,"
		                  "\"skipDuplicateChecking\":false,\"startFromLastIndex\":false,\"defaultValues\":{}}', "
		                  "'[\"firstName\",\"lastName\",\"middleName\",\"phoneNumber\",\"accountName\","
		                  "\"emailAddress\",\"description\",\"title\",\"addressCity\"]', UTC_TIMESTAMP(), NULL, ");
		cg_sqlbuf_append_quoted(&sql, imp->db->mysql, imp->users[imp->created_by].id,
		                        strlen(imp->users[imp->created_by].id));
		cg_sqlbuf_appends(&sql, ") ON DUPLICATE KEY UPDATE `status` = 'In Process', `deleted` = 0");
	} else {
		cg_sqlbuf_printf(&sql, "UPDATE `import` SET `status` = '%s', `last_index` = %llu WHERE `id` = ",
		                 strcmp(state, "done") == 0 ? "Complete" : "Failed", (unsigned long long)imp->rep->rows_read);
		cg_sqlbuf_append_quoted(&sql, imp->db->mysql, imp->crm_import_id, strlen(imp->crm_import_id));
	}
	rc = cg_sql_run(imp->db, &sql, start ? "listing the import in EspoCRM" : "closing the import in EspoCRM", err);
	cg_sqlbuf_free(&sql);
	return rc;
}

const cg_import_crm cg_import_espocrm = {
	.name = "espocrm",
	.contact_type = "Contact",
	.entities = {
		{"Lead", "lead", "TRIM(CONCAT_WS(' ', t.first_name, t.last_name))", "assigned_user_id"},
		{"Contact", "contact", "TRIM(CONCAT_WS(' ', t.first_name, t.last_name))", "assigned_user_id"},
		{"Account", "account", "t.name", "assigned_user_id"},
	},
	.user_table = "user",
	.user_name_column = "user_name",
	/* active: is_active and a user who can own records (not portal, api or system) */
	.users_sql = "SELECT t.id, t.user_name, TRIM(CONCAT_WS(' ', t.first_name, t.last_name)), "
	             "t.is_active = 1 AND t.type IN ('regular', 'admin') FROM `user` t "
	             "WHERE t.deleted = 0 AND (%s)",
	.groups_sql = "SELECT u.id, tm.id FROM `user` u JOIN `team` tm ON tm.id = u.default_team_id AND tm.deleted = 0 "
	              "WHERE u.id IN (%s)",
	.admin_sql = "SELECT id FROM `user` WHERE deleted = 0 AND is_active = 1 AND type = 'admin' "
	             "ORDER BY created_at, id LIMIT 1",
	.accounts_sql = "SELECT id, name FROM `account` WHERE deleted = 0 AND name IN (%s) ORDER BY created_at, id",
	.name_max = 100,
	.account_name_max = 249,
	.deal_name_max = 255,
	.task_name_max = 255,
	.title_max = 100,
	.city_max = 100,
	.source_max = 255,
	.utf8mb3 = 0,
	.names_maybe_encoded = 0,
	.newlines_lf = 0,
	/* Core/Utils/Currency/DatabasePopulator.php 47-62: defaultCurrency's rate is 1.00; other
	 * currencies are relative to it.  EspoCRM's own default: defaults/config.php 66, USD. */
	.currency_sql = "SELECT `id` FROM `currency` WHERE `rate` = 1",
	.currency_default = "USD",
	.probes = {{"account", "c_crmguard_status"}, {"import", NULL}, {"import_entity", NULL}},
	.import_record = espo_import_record,
	.new_id = cg_import_espocrm_id,
	.phone_field = espo_phone_field,
	.write = espo_write,
};
