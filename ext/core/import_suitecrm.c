/*
 * The bulk importer's writer for SuiteCRM 7.14: the rows SugarBean::save()
 * writes for a contact, account, opportunity and task, checked against the
 * v7.14.6 source (include/utils.php create_guid, data/SugarBean.php,
 * modules/SecurityGroups/SecurityGroup.php inherit_assigned,
 * include/SugarEmailAddress) and tests/fixtures/suitecrm:
 *   - ids in create_guid()'s form, time-ordered (import_values.c); relation rows
 *     get their own;
 *   - date_entered = date_modified (UTC), created_by and modified_user_id =
 *     the creator, assigned_user_id;
 *   - custom fields: a <table>_cstm row for every new contact, account and deal
 *     where the table exists, as DynamicField::save() writes it for a new bean
 *     (modules/DynamicFields/DynamicField.php 435-507): the fields the bean has
 *     set, which on a new bean are those with a default (SugarBean.php 516 and
 *     544-600, populateDefaultValues), e.g. the installer's jjwg_maps_lng_c and
 *     jjwg_maps_lat_c 0.00000000 (install/suite_install/GoogleMaps.php); the
 *     column defaults are those defaults, so the row holds id_c and, on
 *     accounts, crmguard's status (rules.c's default) where the column exists;
 *   - text (names, descriptions, ...) raw, as SuiteCRM's own saves store it
 *     (DBManager decodes on write; a company name is also matched in its
 *     HTML-encoded form: html_text.c);
 *   - the import as SuiteCRM's Import wizard leaves it for "Undo Import": a
 *     users_last_import row per created contact, company, deal and task
 *     (modules/Import/Importer.php 571-574, sources/ImportDataSource.php
 *     184-203: assigned_user_id = the importing user, import_module
 *     'Contacts', bean_type the bean's class), after dropping that user's rows
 *     of an earlier import (views/view.confirm.php 101,
 *     UsersLastImport::mark_deleted_by_user_id);
 *   - security groups: the assigned user's inheritable groups
 *     (securitysuite_inherit_assigned, SuiteCRM's default), one row per
 *     record and group; SecurityGroup::inherit_assigned asks the server's
 *     UUID() for the id, a create_guid()-form id made here reads the same;
 *   - phones in the contact's columns, E.164: mobile numbers in phone_mobile,
 *     fixed-line numbers in phone_work (the phone metadata decides; the
 *     column's kind where it cannot), more in phone_other, phone_home;
 *   - accounts_contacts, accounts_opportunities, opportunities_contacts;
 *   - the task: parent_type Opportunities, parent_id the deal, contact_id;
 *   - e-mail: email_addresses (shared, email_address_caps) + email_addr_bean_rel.
 * The tables are utf8mb3: import.c has already replaced 4-byte characters.
 */
#include <stddef.h>
#include <string.h>

#include "import_table.h"
#include "phone.h"

/* what the writers may find missing: the custom-field tables (a SuiteCRM without custom
 * fields on a module has none), crmguard's field, the import table */
enum { PROBE_CONTACTS_CSTM = 1, PROBE_ACCOUNTS_CSTM, PROBE_STATUS, PROBE_OPPORTUNITIES_CSTM, PROBE_LAST_IMPORT };

enum { SLOT_MOBILE, SLOT_WORK, SLOT_OTHER, SLOT_HOME, SLOT_COUNT, SLOT_NONE = -1 };

static const char *const slot_columns[SLOT_COUNT] = {"phone_mobile", "phone_work", "phone_other", "phone_home"};

/* The column of each number: its kind's column, else other, home, then any free one. */
static void assign_slots(const cg_import_item *it, int slot[CG_IMPORT_PHONES_MAX])
{
	static const int order_mobile[] = {SLOT_MOBILE, SLOT_OTHER, SLOT_HOME, SLOT_WORK};
	static const int order_work[] = {SLOT_WORK, SLOT_OTHER, SLOT_HOME, SLOT_MOBILE};
	int used[SLOT_COUNT] = {0, 0, 0, 0};
	size_t k;

	for (k = 0; k < it->n_phones; k++) {
		const int *order = cg_import_is_mobile(it, k) ? order_mobile : order_work;
		int o;
		slot[k] = SLOT_NONE;
		for (o = 0; o < SLOT_COUNT && slot[k] == SLOT_NONE; o++) {
			if (!used[order[o]])
				slot[k] = order[o];
		}
		if (slot[k] != SLOT_NONE)
			used[slot[k]] = 1;
	}
}

static const char *suite_phone_field(const cg_import_item *it, size_t k)
{
	int slot[CG_IMPORT_PHONES_MAX];

	assign_slots(it, slot);
	return k < it->n_phones && slot[k] != SLOT_NONE ? slot_columns[slot[k]] : NULL;
}

/* The contact's phone column `want`: its number in E.164, NULL when none went there. */
static void phone_column(cg_importer *imp, cg_insert *ins, const cg_import_row *row, int want)
{
	int slot[CG_IMPORT_PHONES_MAX];
	char e164[CG_E164_SIZE];
	size_t k;

	(void)imp;
	assign_slots(row->item, slot);
	for (k = 0; k < row->item->n_phones && slot[k] != want; k++)
		;
	if (k < row->item->n_phones)
		cg_import_e164(row->item->phones[k], e164, sizeof e164);
	cg_insert_cstr(ins, k < row->item->n_phones ? e164 : NULL);
}

/* SecurityGroup::inherit_assigned: a row per record and group of its owner */
static const cg_import_col group_cols[] = {
	CG_COL("id", CG_V_NEW_ID), CG_COL("securitygroup_id", CG_V_GROUP_ID), CG_COL("record_id", CG_V_RECORD_ID),
	CG_COL("module", CG_V_RECORD_TYPE), CG_COL("date_modified", CG_V_NOW), CG_LIT("deleted", "0"),
};
static const cg_import_table groups = CG_TABLE("securitygroups_records", "adding the records to security groups",
                                               CG_ROWS_GROUPS, group_cols);

/* the columns SugarBean::save() fills on every new record, after id and name */
#define SAVED_BY_SUGARBEAN \
	CG_COL("date_entered", CG_V_NOW), CG_COL("date_modified", CG_V_NOW), CG_COL("modified_user_id", CG_V_CREATOR), \
	CG_COL("created_by", CG_V_CREATOR), CG_LIT("deleted", "0"), CG_COL("assigned_user_id", CG_V_OWNER)

static const cg_import_col account_cols[] = {
	CG_COL("id", CG_V_COMPANY_ID), CG_COL("name", CG_V_COMPANY_NAME), SAVED_BY_SUGARBEAN,
};
static const cg_import_table accounts = CG_RECORDS("accounts", "creating the companies", CG_ROWS_NEW_COMPANIES,
                                                   account_cols, "Accounts", CG_V_COMPANY_ID);

static const cg_import_col account_cstm_cols[] = {
	CG_COL("id_c", CG_V_COMPANY_ID),
	CG_COL_IF("crmguard_status_c", CG_V_DEFAULT_STATUS, PROBE_STATUS),
};
static const cg_import_table accounts_cstm = CG_TABLE_IF("accounts_cstm", "adding the companies' custom fields",
                                                         CG_ROWS_NEW_COMPANIES, account_cstm_cols, PROBE_ACCOUNTS_CSTM);

static const cg_import_col contact_cstm_cols[] = {CG_COL("id_c", CG_V_CONTACT_ID)};
static const cg_import_table contacts_cstm = CG_TABLE_IF("contacts_cstm", "adding the contacts' custom fields",
                                                         CG_ROWS_ITEMS, contact_cstm_cols, PROBE_CONTACTS_CSTM);

static const cg_import_col contact_cols[] = {
	CG_COL("id", CG_V_CONTACT_ID), CG_COL("date_entered", CG_V_NOW), CG_COL("date_modified", CG_V_NOW),
	CG_COL("modified_user_id", CG_V_CREATOR), CG_COL("created_by", CG_V_CREATOR),
	CG_TEXT("description", comment), CG_LIT("deleted", "0"), CG_COL("assigned_user_id", CG_V_OWNER),
	CG_TEXT("first_name", first), CG_TEXT("last_name", last), CG_TEXT("title", title), CG_LIT("do_not_call", "0"),
	CG_FN("phone_mobile", phone_column, SLOT_MOBILE), CG_FN("phone_work", phone_column, SLOT_WORK),
	CG_FN("phone_other", phone_column, SLOT_OTHER), CG_FN("phone_home", phone_column, SLOT_HOME),
	CG_TEXT("primary_address_city", city), CG_TEXT("lead_source", source),
};
static const cg_import_table contacts = CG_RECORDS("contacts", "creating the contacts", CG_ROWS_ITEMS, contact_cols,
                                                   "Contacts", CG_V_CONTACT_ID);

/* relation rows: their own id, the two records, date_modified, deleted */
#define RELATION(a, a_value, b, b_value) \
	{CG_COL("id", CG_V_NEW_ID), CG_COL(a, a_value), CG_COL(b, b_value), CG_COL("date_modified", CG_V_NOW), \
	 CG_LIT("deleted", "0")}

static const cg_import_col account_contact_cols[] = RELATION("contact_id", CG_V_CONTACT_ID, "account_id",
                                                             CG_V_COMPANY_ID);
static const cg_import_table accounts_contacts = CG_TABLE("accounts_contacts",
                                                          "linking the contacts to their companies",
                                                          CG_ROWS_ITEMS_WITH_COMPANY, account_contact_cols);

static const cg_import_col opportunity_cols[] = {
	CG_COL("id", CG_V_DEAL_ID), CG_COL("name", CG_V_DEAL_NAME), SAVED_BY_SUGARBEAN,
	CG_TEXT_MAX("lead_source", source, 50), CG_LIT("amount", "0"), CG_LIT("amount_usdollar", "0"),
	CG_LIT("currency_id", "'-99'"), CG_COL("date_closed", CG_V_CLOSE_DATE), CG_LIT("sales_stage", "'New'"),
	CG_LIT("probability", "10"),
};
static const cg_import_table opportunities = CG_RECORDS("opportunities", "creating the deals", CG_ROWS_ITEMS,
                                                        opportunity_cols, "Opportunities", CG_V_DEAL_ID);

static const cg_import_col opportunity_cstm_cols[] = {CG_COL("id_c", CG_V_DEAL_ID)};
static const cg_import_table opportunities_cstm = CG_TABLE_IF("opportunities_cstm", "adding the deals' custom fields",
                                                              CG_ROWS_ITEMS, opportunity_cstm_cols,
                                                              PROBE_OPPORTUNITIES_CSTM);

static const cg_import_col account_opportunity_cols[] = RELATION("opportunity_id", CG_V_DEAL_ID, "account_id",
                                                                 CG_V_COMPANY_ID);
static const cg_import_table accounts_opportunities = CG_TABLE("accounts_opportunities",
                                                               "linking the deals to their companies",
                                                               CG_ROWS_ITEMS_WITH_COMPANY, account_opportunity_cols);

static const cg_import_col opportunity_contact_cols[] = RELATION("contact_id", CG_V_CONTACT_ID, "opportunity_id",
                                                                 CG_V_DEAL_ID);
static const cg_import_table opportunities_contacts = CG_TABLE("opportunities_contacts",
                                                               "linking the deals to their contacts", CG_ROWS_ITEMS,
                                                               opportunity_contact_cols);

static const cg_import_col task_cols[] = {
	CG_COL("id", CG_V_TASK_ID), CG_COL("name", CG_V_TASK_NAME), SAVED_BY_SUGARBEAN, CG_LIT("status", "'Not Started'"),
	CG_LIT("date_due_flag", "0"), CG_COL("date_due", CG_V_TASK_DUE), CG_LIT("date_start_flag", "0"),
	CG_LIT("parent_type", "'Opportunities'"), CG_COL("parent_id", CG_V_DEAL_ID),
	CG_COL("contact_id", CG_V_CONTACT_ID), CG_LIT("priority", "'Medium'"),
};
static const cg_import_table tasks = CG_RECORDS("tasks", "creating the call tasks", CG_ROWS_ITEMS, task_cols, "Tasks",
                                                CG_V_TASK_ID);

static const cg_import_col email_address_cols[] = {
	CG_COL("id", CG_V_SHARED_ID), CG_TEXT_AS_IS("email_address", email, 255),
	CG_COL("email_address_caps", CG_V_SHARED_TEXT), CG_LIT("invalid_email", "0"), CG_LIT("opt_out", "0"),
	CG_LIT("confirm_opt_in", "'not-opt-in'"), CG_COL("date_created", CG_V_NOW), CG_COL("date_modified", CG_V_NOW),
	CG_LIT("deleted", "0"),
};
static const cg_import_table email_addresses = CG_TABLE("email_addresses", "creating the e-mail addresses",
                                                        CG_ROWS_SHARED, email_address_cols);

static const cg_import_col email_link_cols[] = {
	CG_COL("id", CG_V_NEW_ID), CG_COL("email_address_id", CG_V_SHARED_ID), CG_COL("bean_id", CG_V_CONTACT_ID),
	CG_LIT("bean_module", "'Contacts'"), CG_LIT("primary_address", "1"), CG_LIT("reply_to_address", "0"),
	CG_COL("date_created", CG_V_NOW), CG_COL("date_modified", CG_V_NOW), CG_LIT("deleted", "0"),
};
static const cg_import_table email_links = CG_TABLE("email_addr_bean_rel", "linking the e-mail addresses",
                                                    CG_ROWS_SHARED, email_link_cols);

static const cg_import_shared emails = {
	CG_SHARED_EMAIL_UPPER, "SELECT `id`, `email_address_caps` FROM `email_addresses` WHERE `deleted` = 0 AND "
	"`email_address_caps` IN (%s) ORDER BY `date_created`, `id`", &email_addresses, &email_links};

/* ImportDataSource::writeRowToLastImport: a row per new record; UsersLastImport::undo()
 * (modules/Import/UsersLastImport.php 150-226) deletes what they name */
#define LAST_IMPORT(id_value, bean_type) \
	{CG_COL("id", CG_V_NEW_ID), CG_COL("assigned_user_id", CG_V_CREATOR), CG_LIT("import_module", "'Contacts'"), \
	 CG_LIT("bean_type", bean_type), CG_COL("bean_id", id_value), CG_LIT("deleted", "0")}
static const cg_import_col last_import_contact_cols[] = LAST_IMPORT(CG_V_CONTACT_ID, "'Contact'");
static const cg_import_col last_import_account_cols[] = LAST_IMPORT(CG_V_COMPANY_ID, "'Account'");
static const cg_import_col last_import_deal_cols[] = LAST_IMPORT(CG_V_DEAL_ID, "'Opportunity'");
static const cg_import_col last_import_task_cols[] = LAST_IMPORT(CG_V_TASK_ID, "'Task'");
static const cg_import_table last_import_contacts = CG_TABLE_IF("users_last_import", "listing the contacts for Undo Import",
                                                                CG_ROWS_ITEMS, last_import_contact_cols, PROBE_LAST_IMPORT);
static const cg_import_table last_import_accounts = CG_TABLE_IF("users_last_import", "listing the companies for Undo Import",
                                                                CG_ROWS_NEW_COMPANIES, last_import_account_cols,
                                                                PROBE_LAST_IMPORT);
static const cg_import_table last_import_deals = CG_TABLE_IF("users_last_import", "listing the deals for Undo Import",
                                                             CG_ROWS_ITEMS, last_import_deal_cols, PROBE_LAST_IMPORT);
static const cg_import_table last_import_tasks = CG_TABLE_IF("users_last_import", "listing the tasks for Undo Import",
                                                             CG_ROWS_ITEMS, last_import_task_cols, PROBE_LAST_IMPORT);

static const cg_import_table *const up_to_contacts[] = {&accounts, &accounts_cstm, &contacts, &contacts_cstm, NULL};
static const cg_import_table *const then[] = {&accounts_contacts, &opportunities, &opportunities_cstm,
                                              &accounts_opportunities, &opportunities_contacts, &tasks,
                                              &last_import_contacts, &last_import_accounts, &last_import_deals,
                                              &last_import_tasks, NULL};
static const cg_import_writes writes = {&groups, up_to_contacts, NULL, then, &emails};

static int suite_write(cg_importer *imp, cg_db_error *err)
{
	return cg_import_write_batch(imp, &writes, err);
}

#define LAST_IMPORT_CHUNK 1000

/* A new import (not a re-run of the same file) replaces the importing user's last import, as
 * the wizard's confirm step does (views/view.confirm.php 101: mark_deleted_by_user_id). */
static int suite_import_record(cg_importer *imp, int start, int fresh, const char *state, cg_db_error *err)
{
	cg_sqlbuf sql = {0};
	const char *user = imp->users[imp->created_by].id;
	int rc;

	(void)state;
	if (!start || !fresh || !imp->present[PROBE_LAST_IMPORT])
		return 0;
	/* In chunks: the user's last import has a row per record it created, and one DELETE of them
	 * all would be one write set, which a Galera cluster refuses past wsrep_max_ws_rows. */
	cg_sqlbuf_appends(&sql, "DELETE FROM `users_last_import` WHERE `assigned_user_id` = ");
	cg_sqlbuf_append_quoted(&sql, imp->db->mysql, user, strlen(user));
	cg_sqlbuf_printf(&sql, " LIMIT %d", LAST_IMPORT_CHUNK);
	do
		rc = cg_sql_run(imp->db, &sql, "clearing the user's last import", err);
	while (rc == 0 && mysql_affected_rows(imp->db->mysql) == LAST_IMPORT_CHUNK);
	cg_sqlbuf_free(&sql);
	return rc;
}

const cg_import_crm cg_import_suitecrm = {
	.name = "suitecrm",
	.contact_type = "Contacts",
	.entities = {
		{"Leads", "leads", "TRIM(CONCAT_WS(' ', t.first_name, t.last_name))", "assigned_user_id"},
		{"Contacts", "contacts", "TRIM(CONCAT_WS(' ', t.first_name, t.last_name))", "assigned_user_id"},
		{"Accounts", "accounts", "t.name", "assigned_user_id"},
	},
	.user_table = "users",
	.user_name_column = "user_name",
	/* active: status Active, a person (not a group user), not portal-only */
	.users_sql = "SELECT t.id, t.user_name, TRIM(CONCAT_WS(' ', t.first_name, t.last_name)), "
	             "t.status = 'Active' AND COALESCE(t.is_group, 0) = 0 AND COALESCE(t.portal_only, 0) = 0 "
	             "FROM `users` t WHERE COALESCE(t.deleted, 0) = 0 AND (%s)",
	/* SecurityGroup::inherit_assigned: the user's groups, both sides inheritable */
	.groups_sql = "SELECT DISTINCT u.user_id, u.securitygroup_id FROM `securitygroups_users` u "
	              "JOIN `securitygroups` g ON g.id = u.securitygroup_id AND g.deleted = 0 "
	              "AND (g.noninheritable IS NULL OR g.noninheritable <> 1) "
	              "WHERE u.user_id IN (%s) AND u.deleted = 0 AND (u.noninheritable IS NULL OR u.noninheritable <> 1)",
	.admin_sql = "SELECT id FROM `users` WHERE COALESCE(deleted, 0) = 0 AND status = 'Active' AND is_admin = 1 "
	             "ORDER BY id = '1' DESC, date_entered, id LIMIT 1",
	.accounts_sql = "SELECT id, name FROM `accounts` WHERE deleted = 0 AND name IN (%s) ORDER BY date_entered, id",
	.name_max = 100,
	.account_name_max = 150,
	.deal_name_max = 50,
	.task_name_max = 50,
	.title_max = 100,
	.city_max = 100,
	.source_max = 255,
	.utf8mb3 = 1,
	.names_maybe_encoded = 1,
	.newlines_lf = 1,
	.currency_default = "-99", /* SuiteCRM's own currency: the deals' currency_id is '-99' */
	.probes = {{"contacts_cstm", NULL}, {"accounts_cstm", NULL}, {"accounts_cstm", "crmguard_status_c"},
	           {"opportunities_cstm", NULL}, {"users_last_import", NULL}},
	.import_record = suite_import_record,
	.new_id = cg_import_suitecrm_id,
	.phone_field = suite_phone_field,
	.write = suite_write,
};
