/*
 * The bulk importer's writer for EspoCRM 9.x: the rows EspoCRM's ORM writes
 * when a contact, account, opportunity and task are saved, as its import does
 * in silent mode (no stream notes).  Checked against EspoCRM 9.2's entityDefs
 * and tests/fixtures/espocrm/sample.sql:
 *   - ids from Util::generateId(): uniqid() + 4 hex digits (import.c);
 *   - created_at = modified_at (UTC), created_by_id, modified_by_id NULL on create,
 *     assigned_user_id; version_number 1 where the entity has one;
 *   - teams: the assigned user's default team on every record (entity_team),
 *     as the edit form pre-fills it;
 *   - phones: one phone_number row per distinct string (name = E.164, numeric =
 *     its digits), shared, and entity_phone_number with `primary` on the first;
 *   - the contact's company: contact.account_id + account_contact (role = title);
 *   - the deal: opportunity (stage New, account_id, contact_id) + contact_opportunity;
 *   - the task: parent = the deal (Opportunity), account_id, contact_id;
 *   - e-mail: email_address (name, lower) shared, entity_email_address primary.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import_table.h"
#include "phone.h"

/* the columns' lengths in characters (VARCHAR(n)) */
enum { NAME_MAX = 100, ACCOUNT_NAME_MAX = 249, DEAL_NAME_MAX = 255, TASK_NAME_MAX = 255, TITLE_MAX = 100,
       CITY_MAX = 100, SOURCE_MAX = 255, EMAIL_MAX = 255 };

static const char *espo_phone_field(const cg_import_item *it, size_t k)
{
	(void)it;
	(void)k;
	return "phoneNumber";
}

static const cg_import_col team_cols[] = {
	CG_COL("entity_id", CG_V_RECORD_ID),
	CG_COL("team_id", CG_V_GROUP_ID),
	CG_COL("entity_type", CG_V_RECORD_TYPE),
	CG_LIT("deleted", "0"),
};
static const cg_import_table teams = {"entity_team", "adding the records to their teams", CG_ROWS_OWN,
                                      CG_COLS(team_cols), NULL, CG_V_LITERAL};

static const cg_import_col account_cols[] = {
	CG_COL("id", CG_V_COMPANY_ID),
	CG_CUT("name", CG_V_COMPANY_NAME, ACCOUNT_NAME_MAX),
	CG_LIT("deleted", "0"),
	CG_COL("created_at", CG_V_NOW),
	CG_COL("modified_at", CG_V_NOW),
	CG_COL("created_by_id", CG_V_CREATOR),
	CG_LIT("modified_by_id", "NULL"),
	CG_COL("assigned_user_id", CG_V_OWNER),
	CG_LIT("version_number", "1"),
	CG_LIT("c_crmguard_status", "'waiting'"),
};
static const cg_import_table accounts = {"account", "creating the companies", CG_ROWS_NEW_COMPANIES,
                                         CG_COLS(account_cols), "Account", CG_V_COMPANY_ID};

static const cg_import_col contact_cols[] = {
	CG_COL("id", CG_V_CONTACT_ID),
	CG_LIT("deleted", "0"),
	CG_TEXT("first_name", first, NAME_MAX),
	CG_TEXT("last_name", last, NAME_MAX),
	CG_TEXT("middle_name", middle, NAME_MAX),
	CG_TEXT("description", comment, 0),
	CG_LIT("do_not_call", "0"),
	CG_TEXT("address_city", city, CITY_MAX),
	CG_COL("created_at", CG_V_NOW),
	CG_COL("modified_at", CG_V_NOW),
	CG_COL("account_id", CG_V_COMPANY_ID),
	CG_COL("created_by_id", CG_V_CREATOR),
	CG_LIT("modified_by_id", "NULL"),
	CG_COL("assigned_user_id", CG_V_OWNER),
};
static const cg_import_table contacts = {"contact", "creating the contacts", CG_ROWS_ITEMS,
                                         CG_COLS(contact_cols), "Contact", CG_V_CONTACT_ID};

/* the contact's company, its title there as the role */
static const cg_import_col account_contact_cols[] = {
	CG_COL("account_id", CG_V_COMPANY_ID),
	CG_COL("contact_id", CG_V_CONTACT_ID),
	CG_TEXT("role", title, TITLE_MAX),
	CG_LIT("is_inactive", "0"),
	CG_LIT("deleted", "0"),
};
static const cg_import_table account_contacts = {"account_contact", "linking the contacts to their companies",
                                                 CG_ROWS_ITEMS_WITH_COMPANY, CG_COLS(account_contact_cols), NULL,
                                                 CG_V_LITERAL};

static const cg_import_col opportunity_cols[] = {
	CG_COL("id", CG_V_DEAL_ID),
	CG_CUT("name", CG_V_DEAL_NAME, DEAL_NAME_MAX),
	CG_LIT("deleted", "0"),
	CG_LIT("amount", "0"),
	CG_LIT("stage", "'New'"),
	CG_LIT("last_stage", "'New'"),
	CG_LIT("probability", "10"),
	CG_TEXT("lead_source", source, SOURCE_MAX),
	CG_COL("close_date", CG_V_CLOSE_DATE),
	CG_COL("created_at", CG_V_NOW),
	CG_COL("modified_at", CG_V_NOW),
	CG_COL("amount_currency", CG_V_CURRENCY),
	CG_COL("account_id", CG_V_COMPANY_ID),
	CG_COL("contact_id", CG_V_CONTACT_ID),
	CG_COL("created_by_id", CG_V_CREATOR),
	CG_LIT("modified_by_id", "NULL"),
	CG_COL("assigned_user_id", CG_V_OWNER),
	CG_LIT("version_number", "1"),
};
static const cg_import_table opportunities = {"opportunity", "creating the deals", CG_ROWS_ITEMS,
                                              CG_COLS(opportunity_cols), "Opportunity", CG_V_DEAL_ID};

static const cg_import_col contact_opportunity_cols[] = {
	CG_COL("contact_id", CG_V_CONTACT_ID),
	CG_COL("opportunity_id", CG_V_DEAL_ID),
	CG_LIT("role", "NULL"),
	CG_LIT("deleted", "0"),
};
static const cg_import_table contact_opportunities = {"contact_opportunity", "linking the deals to their contacts",
                                                      CG_ROWS_ITEMS, CG_COLS(contact_opportunity_cols), NULL,
                                                      CG_V_LITERAL};

/* the call task: its parent is the deal */
static const cg_import_col task_cols[] = {
	CG_COL("id", CG_V_TASK_ID),
	CG_CUT("name", CG_V_TASK_NAME, TASK_NAME_MAX),
	CG_LIT("deleted", "0"),
	CG_LIT("status", "'Not Started'"),
	CG_LIT("priority", "'Normal'"),
	CG_COL("date_end", CG_V_TASK_DUE),
	CG_COL("created_at", CG_V_NOW),
	CG_COL("modified_at", CG_V_NOW),
	CG_COL("parent_id", CG_V_DEAL_ID),
	CG_LIT("parent_type", "'Opportunity'"),
	CG_COL("account_id", CG_V_COMPANY_ID),
	CG_COL("contact_id", CG_V_CONTACT_ID),
	CG_COL("created_by_id", CG_V_CREATOR),
	CG_LIT("modified_by_id", "NULL"),
	CG_COL("assigned_user_id", CG_V_OWNER),
	CG_LIT("version_number", "1"),
};
static const cg_import_table tasks = {"task", "creating the call tasks", CG_ROWS_ITEMS, CG_COLS(task_cols), "Task",
                                      CG_V_TASK_ID};

static const cg_import_col email_address_cols[] = {
	CG_COL("id", CG_V_REF_ID),
	CG_TEXT("name", email, EMAIL_MAX),
	CG_LIT("deleted", "0"),
	CG_COL("lower", CG_V_REF_TEXT),
	CG_LIT("invalid", "0"),
	CG_LIT("opt_out", "0"),
};
static const cg_import_table email_addresses = {"email_address", "creating the e-mail addresses", CG_ROWS_OWN,
                                                CG_COLS(email_address_cols), NULL, CG_V_LITERAL};

static const cg_import_col entity_email_address_cols[] = {
	CG_COL("entity_id", CG_V_CONTACT_ID),
	CG_COL("email_address_id", CG_V_REF_ID),
	CG_LIT("entity_type", "'Contact'"),
	CG_LIT("primary", "1"),
	CG_LIT("deleted", "0"),
};
static const cg_import_table email_links = {"entity_email_address", "linking the e-mail addresses", CG_ROWS_OWN,
                                            CG_COLS(entity_email_address_cols), NULL, CG_V_LITERAL};

static const cg_import_emails emails = {
	"SELECT `id`, `lower` FROM `email_address` WHERE `deleted` = 0 AND `lower` IN (%s) ORDER BY `id`", 0,
	&email_addresses, &email_links};

/* ---- phones: one phone_number row per distinct E.164 string, shared ---------- */

enum { PHONE_E164, PHONE_DIGITS, PHONE_TYPE, PHONE_PRIMARY };

static void phone_value(cg_importer *imp, cg_insert *ins, const cg_import_row *row, int what)
{
	char e164[CG_E164_SIZE];

	(void)imp;
	cg_import_e164(row->item->phones[row->k], e164, sizeof e164);
	if (what == PHONE_E164 || what == PHONE_DIGITS)
		cg_insert_cstr(ins, what == PHONE_E164 ? e164 : e164 + 1);
	else if (what == PHONE_TYPE)
		cg_insert_cstr(ins, row->item->kinds[row->k] == CG_NUM_WORK ? "Office" : "Mobile");
	else
		cg_insert_literal(ins, row->k == 0 ? "1" : "0");
}

static const cg_import_col phone_number_cols[] = {
	CG_COL("id", CG_V_REF_ID),
	CG_FN("name", phone_value, PHONE_E164),
	CG_LIT("deleted", "0"),
	CG_FN("type", phone_value, PHONE_TYPE),
	CG_FN("numeric", phone_value, PHONE_DIGITS),
	CG_LIT("invalid", "0"),
	CG_LIT("opt_out", "0"),
};
static const cg_import_table phone_numbers = {"phone_number", "creating the phone numbers", CG_ROWS_OWN,
                                              CG_COLS(phone_number_cols), NULL, CG_V_LITERAL};

/* the contact's numbers, `primary` on the first */
static const cg_import_col entity_phone_number_cols[] = {
	CG_COL("entity_id", CG_V_CONTACT_ID),
	CG_COL("phone_number_id", CG_V_REF_ID),
	CG_LIT("entity_type", "'Contact'"),
	CG_FN("primary", phone_value, PHONE_PRIMARY),
	CG_LIT("deleted", "0"),
};
static const cg_import_table phone_links = {"entity_phone_number", "linking the phone numbers", CG_ROWS_OWN,
                                            CG_COLS(entity_phone_number_cols), NULL, CG_V_LITERAL};

static int phone_found(void *ctx, MYSQL_ROW row, unsigned long *len, unsigned fields)
{
	if (fields < 2 || !row[0] || !row[1] || len[1] < 2 || row[1][0] != '+')
		return 0;
	return cg_id_map_put(ctx, strtoull(row[1] + 1, NULL, 10), row[0], len[0]) < 0;
}

/* A row of t for every number of the batch's contacts; create: only for the numbers
 * not in ids yet, which get a new id there. */
static int phone_rows(cg_import_writer *w, const cg_import_table *t, cg_id_map *ids, int create)
{
	cg_importer *imp = w->imp;
	cg_import_out o;
	size_t i;

	cg_import_out_begin(w, &o, t);
	for (i = 0; i < imp->n_items; i++) {
		cg_import_row r = cg_import_item_row(imp, &imp->items[i]);
		char id[CG_ID_SIZE];
		if (r.item->state != CG_ITEM_CREATE)
			continue;
		for (r.k = 0; r.k < r.item->n_phones; r.k++) {
			r.ref_id = cg_id_map_get(ids, r.item->phones[r.k]);
			if (create && r.ref_id)
				continue;
			if (create) {
				imp->crm->new_id(&imp->ids, id);
				r.ref_id = id;
				if (cg_id_map_put(ids, r.item->phones[r.k], id, strlen(id)) < 0)
					goto fail;
			}
			if (cg_import_out_row(w, &o, &r) < 0)
				goto fail;
		}
	}
	if (cg_import_out_finish(w, &o) == 0)
		return 0;
fail:
	cg_import_out_discard(&o);
	return -1;
}

static int write_phones(cg_import_writer *w, cg_id_map *ids)
{
	cg_importer *imp = w->imp;
	cg_sqlbuf sql = {0};
	size_t i, k;
	int any = 0, rc;

	/* reuse the phone_number rows holding the same string */
	cg_sqlbuf_appends(&sql, "SELECT `id`, `name` FROM `phone_number` WHERE `deleted` = 0 AND `name` IN (");
	for (i = 0; i < imp->n_items; i++) {
		const cg_import_item *it = &imp->items[i];
		for (k = 0; it->state == CG_ITEM_CREATE && k < it->n_phones; k++) {
			char e164[CG_E164_SIZE];
			cg_import_e164(it->phones[k], e164, sizeof e164);
			cg_sqlbuf_printf(&sql, "%s'%s'", any++ ? "," : "", e164);
		}
	}
	cg_sqlbuf_appends(&sql, ") ORDER BY `id`");
	rc = any ? cg_import_select(imp->db, &sql, "looking for the phone numbers", phone_found, ids, w->err) : 0;
	cg_sqlbuf_free(&sql);
	if (rc != 0 || phone_rows(w, &phone_numbers, ids, 1) < 0 || phone_rows(w, &phone_links, ids, 0) < 0)
		return -1;
	return 0;
}

static int espo_write(cg_importer *imp, cg_db_error *err)
{
	cg_import_writer w;
	cg_id_map phones;
	int rc = -1;

	if (cg_id_map_init(&phones, imp->n_items * 2) < 0) {
		cg_id_map_free(&phones);
		snprintf(err->message, sizeof err->message, "out of memory");
		return -1;
	}
	cg_import_writer_begin(&w, imp, &teams, err);
	if (cg_import_write_table(&w, &accounts) < 0 || cg_import_write_table(&w, &contacts) < 0)
		goto out;
	cg_import_fault_pause(imp);
	if (write_phones(&w, &phones) == 0 && cg_import_write_table(&w, &account_contacts) == 0 &&
	    cg_import_write_table(&w, &opportunities) == 0 && cg_import_write_table(&w, &contact_opportunities) == 0 &&
	    cg_import_write_table(&w, &tasks) == 0 && cg_import_writer_finish_groups(&w) == 0 &&
	    cg_import_write_emails(&w, &emails) == 0)
		rc = 0;
out:
	cg_import_writer_end(&w);
	cg_id_map_free(&phones);
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
	.name_max = NAME_MAX,
	.account_name_max = ACCOUNT_NAME_MAX,
	.deal_name_max = DEAL_NAME_MAX,
	.task_name_max = TASK_NAME_MAX,
	.title_max = TITLE_MAX,
	.city_max = CITY_MAX,
	.source_max = SOURCE_MAX,
	.utf8mb3 = 0,
	.new_id = cg_import_espocrm_id,
	.phone_field = espo_phone_field,
	.write = espo_write,
};
