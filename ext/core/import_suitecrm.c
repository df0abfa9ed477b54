/*
 * The bulk importer's writer for SuiteCRM 7.14: the rows SugarBean::save()
 * writes for a contact, account, opportunity and task, checked against the
 * v7.14.6 source (include/utils.php create_guid, data/SugarBean.php,
 * modules/SecurityGroups/SecurityGroup.php inherit_assigned,
 * include/SugarEmailAddress) and tests/fixtures/suitecrm:
 *   - ids from create_guid() (import.c); relation rows get their own;
 *   - date_entered = date_modified (UTC), created_by and modified_user_id =
 *     the creator, assigned_user_id;
 *   - custom fields: an accounts_cstm row (crmguard_status_c 'waiting') and an
 *     opportunities_cstm row for every new account and deal, as DynamicField
 *     saves them (the other custom columns keep their defaults);
 *   - security groups: the assigned user's inheritable groups
 *     (securitysuite_inherit_assigned, SuiteCRM's default), one row per
 *     record and group; SecurityGroup::inherit_assigned asks the server's
 *     UUID() for the id, a create_guid()-form id made here reads the same;
 *   - phones in the contact's columns, E.164: mobile numbers in phone_mobile,
 *     work numbers in phone_work, more in phone_other, phone_home;
 *   - accounts_contacts, accounts_opportunities, opportunities_contacts;
 *   - the task: parent_type Opportunities, parent_id the deal, contact_id;
 *   - e-mail: email_addresses (shared, email_address_caps) + email_addr_bean_rel.
 * The tables are utf8mb3: import.c has already replaced 4-byte characters.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import_internal.h"
#include "phone.h"
#include "phone_set.h"

enum { SLOT_MOBILE, SLOT_WORK, SLOT_OTHER, SLOT_HOME, SLOT_COUNT, SLOT_NONE = -1 };

static const char *const slot_columns[SLOT_COUNT] = {"phone_mobile", "phone_work", "phone_other", "phone_home"};

/* The column of number k: its kind's column, else other, home, then any free one. */
static int slot_of(const cg_import_item *it, size_t k)
{
	int used[SLOT_COUNT] = {0, 0, 0, 0};
	size_t j;
	int slot = SLOT_NONE;

	for (j = 0; j <= k && j < it->n_phones; j++) {
		static const int order_mobile[] = {SLOT_MOBILE, SLOT_OTHER, SLOT_HOME, SLOT_WORK};
		static const int order_work[] = {SLOT_WORK, SLOT_OTHER, SLOT_HOME, SLOT_MOBILE};
		const int *order = it->kinds[j] == CG_NUM_WORK ? order_work : order_mobile;
		int o;
		slot = SLOT_NONE;
		for (o = 0; o < SLOT_COUNT; o++) {
			if (!used[order[o]]) {
				slot = order[o];
				used[slot] = 1;
				break;
			}
		}
	}
	return slot;
}

static const char *suite_phone_field(const cg_import_item *it, size_t k)
{
	int slot = slot_of(it, k);
	return slot == SLOT_NONE ? NULL : slot_columns[slot];
}

static int add_group_rows(cg_importer *imp, cg_insert *ins, const char *record_id, const char *module,
                          int user, cg_db_error *err)
{
	size_t g;

	if (user < 0)
		return 0;
	for (g = 0; g < imp->users[user].n_groups; g++) {
		char id[CG_ID_SIZE];
		imp->crm->new_id(&imp->ids, id);
		cg_insert_row(ins);
		cg_insert_cstr(ins, id);
		cg_insert_cstr(ins, imp->users[user].groups[g]);
		cg_insert_cstr(ins, record_id);
		cg_insert_cstr(ins, module);
		cg_insert_cstr(ins, imp->now);
		cg_insert_literal(ins, "0");
		if (cg_insert_end_row(ins, err) < 0)
			return -1;
	}
	return 0;
}

/* A relation row: id, two ids, date_modified, deleted. */
static int relation_row(cg_importer *imp, cg_insert *ins, const char *a, const char *b, cg_db_error *err)
{
	char id[CG_ID_SIZE];

	imp->crm->new_id(&imp->ids, id);
	cg_insert_row(ins);
	cg_insert_cstr(ins, id);
	cg_insert_cstr(ins, a);
	cg_insert_cstr(ins, b);
	cg_insert_cstr(ins, imp->now);
	cg_insert_literal(ins, "0");
	return cg_insert_end_row(ins, err);
}

typedef struct {
	char caps[256];
	char id[CG_ID_SIZE];
} email_entry;

typedef struct {
	email_entry *e;
	size_t n;
} email_list;

static void upper_ascii(char *s)
{
	for (; *s; s++) {
		if (*s >= 'a' && *s <= 'z')
			*s = (char)(*s - 32);
	}
}

static int email_row(void *ctx, MYSQL_ROW row, unsigned long *len, unsigned fields)
{
	email_list *l = ctx;
	size_t i;

	if (fields < 2 || !row[0] || !row[1])
		return 0;
	for (i = 0; i < l->n; i++) {
		if (!l->e[i].id[0] && strlen(l->e[i].caps) == len[1] && memcmp(l->e[i].caps, row[1], len[1]) == 0)
			snprintf(l->e[i].id, CG_ID_SIZE, "%.*s", (int)len[0], row[0]);
	}
	return 0;
}

static int write_emails(cg_importer *imp, cg_db_error *err)
{
	cg_db *db = imp->db;
	email_list l = {NULL, 0};
	cg_sqlbuf sql = {0};
	cg_insert ins;
	size_t i, j;
	int rc = -1;

	l.e = calloc(imp->n_items ? imp->n_items : 1, sizeof *l.e);
	if (!l.e) {
		snprintf(err->message, sizeof err->message, "out of memory");
		return -1;
	}
	for (i = 0; i < imp->n_items; i++) {
		cg_import_item *it = &imp->items[i];
		if (it->state != CG_ITEM_CREATE || !it->email.len)
			continue;
		snprintf(l.e[l.n].caps, sizeof l.e[l.n].caps, "%.*s", (int)it->email.len, cg_span_ptr(imp, it->email));
		upper_ascii(l.e[l.n].caps);
		l.n++;
	}
	if (l.n == 0) {
		free(l.e);
		return 0;
	}
	cg_sqlbuf_appends(&sql, "SELECT `id`, `email_address_caps` FROM `email_addresses` WHERE `deleted` = 0 AND "
	           "`email_address_caps` IN (");
	for (i = 0; i < l.n; i++) {
		if (i)
			cg_sqlbuf_appends(&sql, ",");
		cg_sqlbuf_append_quoted(&sql, db->mysql, l.e[i].caps, strlen(l.e[i].caps));
	}
	cg_sqlbuf_appends(&sql, ") ORDER BY `date_created`, `id`");
	if (cg_import_select(db, &sql, "looking for the e-mail addresses", email_row, &l, err) != 0)
		goto out;

	cg_insert_begin(&ins, db, "INSERT INTO `email_addresses` (`id`, `email_address`, `email_address_caps`, "
	                "`invalid_email`, `opt_out`, `confirm_opt_in`, `date_created`, `date_modified`, `deleted`) "
	                "VALUES ", "creating the e-mail addresses", 0);
	for (i = 0, j = 0; i < imp->n_items; i++) {
		cg_import_item *it = &imp->items[i];
		size_t d;
		if (it->state != CG_ITEM_CREATE || !it->email.len)
			continue;
		for (d = 0; d < j && strcmp(l.e[d].caps, l.e[j].caps) != 0; d++)
			;
		if (d < j)
			memcpy(l.e[j].id, l.e[d].id, CG_ID_SIZE); /* the same address twice in the batch */
		if (!l.e[j].id[0]) {
			imp->crm->new_id(&imp->ids, l.e[j].id);
			cg_insert_row(&ins);
			cg_insert_cstr(&ins, l.e[j].id);
			cg_import_value(imp, &ins, it->email, 255);
			cg_insert_cstr(&ins, l.e[j].caps);
			cg_insert_literal(&ins, "0");
			cg_insert_literal(&ins, "0");
			cg_insert_literal(&ins, "'not-opt-in'");
			cg_insert_cstr(&ins, imp->now);
			cg_insert_cstr(&ins, imp->now);
			cg_insert_literal(&ins, "0");
			if (cg_insert_end_row(&ins, err) < 0)
				goto out_ins;
		}
		j++;
	}
	if (cg_insert_finish(&ins, err) < 0)
		goto out_ins;

	cg_insert_begin(&ins, db, "INSERT INTO `email_addr_bean_rel` (`id`, `email_address_id`, `bean_id`, "
	                "`bean_module`, `primary_address`, `reply_to_address`, `date_created`, `date_modified`, "
	                "`deleted`) VALUES ", "linking the e-mail addresses", 0);
	for (i = 0, j = 0; i < imp->n_items; i++) {
		cg_import_item *it = &imp->items[i];
		char id[CG_ID_SIZE];
		if (it->state != CG_ITEM_CREATE || !it->email.len)
			continue;
		imp->crm->new_id(&imp->ids, id);
		cg_insert_row(&ins);
		cg_insert_cstr(&ins, id);
		cg_insert_cstr(&ins, l.e[j++].id);
		cg_insert_cstr(&ins, it->contact_id);
		cg_insert_literal(&ins, "'Contacts'");
		cg_insert_literal(&ins, "1");
		cg_insert_literal(&ins, "0");
		cg_insert_cstr(&ins, imp->now);
		cg_insert_cstr(&ins, imp->now);
		cg_insert_literal(&ins, "0");
		if (cg_insert_end_row(&ins, err) < 0)
			goto out_ins;
	}
	if (cg_insert_finish(&ins, err) < 0)
		goto out_ins;
	rc = 0;
out_ins:
	cg_insert_discard(&ins);
out:
	cg_sqlbuf_free(&sql);
	free(l.e);
	return rc;
}

static int suite_write(cg_importer *imp, cg_db_error *err)
{
	cg_db *db = imp->db;
	const char *by = imp->users[imp->created_by].id;
	cg_insert ins, groups;
	size_t i, k;
	int rc = -1;
	char name[1024];

	cg_insert_begin(&groups, db, "INSERT INTO `securitygroups_records` (`id`, `securitygroup_id`, `record_id`, "
	                "`module`, `date_modified`, `deleted`) VALUES ", "adding the records to security groups", 0);

	/* companies and their custom fields */
	cg_insert_begin(&ins, db, "INSERT INTO `accounts` (`id`, `name`, `date_entered`, `date_modified`, "
	                "`modified_user_id`, `created_by`, `deleted`, `assigned_user_id`) VALUES ",
	                "creating the companies", 0);
	for (i = 0; i < imp->n_companies; i++) {
		cg_import_company *c = &imp->companies[i];
		if (!c->is_new)
			continue;
		cg_insert_row(&ins);
		cg_insert_cstr(&ins, c->id);
		cg_import_value(imp, &ins, c->name, imp->crm->account_name_max);
		cg_insert_cstr(&ins, imp->now);
		cg_insert_cstr(&ins, imp->now);
		cg_insert_cstr(&ins, by);
		cg_insert_cstr(&ins, by);
		cg_insert_literal(&ins, "0");
		cg_insert_cstr(&ins, c->user >= 0 ? imp->users[c->user].id : NULL);
		if (cg_insert_end_row(&ins, err) < 0 || add_group_rows(imp, &groups, c->id, "Accounts", c->user, err) < 0)
			goto out;
	}
	if (cg_insert_finish(&ins, err) < 0)
		goto out;
	cg_insert_begin(&ins, db, "INSERT INTO `accounts_cstm` (`id_c`, `crmguard_status_c`) VALUES ",
	                "setting the companies' status", 0);
	for (i = 0; i < imp->n_companies; i++) {
		if (!imp->companies[i].is_new)
			continue;
		cg_insert_row(&ins);
		cg_insert_cstr(&ins, imp->companies[i].id);
		cg_insert_literal(&ins, "'waiting'");
		if (cg_insert_end_row(&ins, err) < 0)
			goto out;
	}
	if (cg_insert_finish(&ins, err) < 0)
		goto out;

	/* contacts */
	cg_insert_begin(&ins, db, "INSERT INTO `contacts` (`id`, `date_entered`, `date_modified`, `modified_user_id`, "
	                "`created_by`, `description`, `deleted`, `assigned_user_id`, `first_name`, `last_name`, `title`, "
	                "`do_not_call`, `phone_mobile`, `phone_work`, `phone_other`, `phone_home`, "
	                "`primary_address_city`, `lead_source`) VALUES ", "creating the contacts", 0);
	for (i = 0; i < imp->n_items; i++) {
		cg_import_item *it = &imp->items[i];
		char e164[SLOT_COUNT][CG_E164_SIZE];
		int s;
		if (it->state != CG_ITEM_CREATE)
			continue;
		for (s = 0; s < SLOT_COUNT; s++)
			e164[s][0] = '\0';
		for (k = 0; k < it->n_phones; k++) {
			s = slot_of(it, k);
			if (s != SLOT_NONE)
				cg_import_e164(it->phones[k], e164[s], CG_E164_SIZE);
		}
		cg_insert_row(&ins);
		cg_insert_cstr(&ins, it->contact_id);
		cg_insert_cstr(&ins, imp->now);
		cg_insert_cstr(&ins, imp->now);
		cg_insert_cstr(&ins, by);
		cg_insert_cstr(&ins, by);
		cg_import_value(imp, &ins, it->comment, 0);
		cg_insert_literal(&ins, "0");
		cg_insert_cstr(&ins, imp->users[it->user].id);
		cg_import_value(imp, &ins, it->first, imp->crm->name_max);
		cg_import_value(imp, &ins, it->last, imp->crm->name_max);
		cg_import_value(imp, &ins, it->title, imp->crm->title_max);
		cg_insert_literal(&ins, "0");
		for (s = 0; s < SLOT_COUNT; s++)
			cg_insert_cstr(&ins, e164[s][0] ? e164[s] : NULL);
		cg_import_value(imp, &ins, it->city, imp->crm->city_max);
		cg_import_value(imp, &ins, it->source, imp->crm->source_max);
		if (cg_insert_end_row(&ins, err) < 0 ||
		    add_group_rows(imp, &groups, it->contact_id, "Contacts", it->user, err) < 0)
			goto out;
	}
	if (cg_insert_finish(&ins, err) < 0)
		goto out;
	cg_import_fault_pause(imp);

	cg_insert_begin(&ins, db, "INSERT INTO `accounts_contacts` (`id`, `contact_id`, `account_id`, `date_modified`, "
	                "`deleted`) VALUES ", "linking the contacts to their companies", 0);
	for (i = 0; i < imp->n_items; i++) {
		cg_import_item *it = &imp->items[i];
		if (it->state == CG_ITEM_CREATE && it->company_ix >= 0 &&
		    relation_row(imp, &ins, it->contact_id, imp->companies[it->company_ix].id, err) < 0)
			goto out;
	}
	if (cg_insert_finish(&ins, err) < 0)
		goto out;

	/* deals */
	cg_insert_begin(&ins, db, "INSERT INTO `opportunities` (`id`, `name`, `date_entered`, `date_modified`, "
	                "`modified_user_id`, `created_by`, `deleted`, `assigned_user_id`, `lead_source`, `amount`, "
	                "`amount_usdollar`, `currency_id`, `date_closed`, `sales_stage`, `probability`) VALUES ",
	                "creating the deals", 0);
	for (i = 0; i < imp->n_items; i++) {
		cg_import_item *it = &imp->items[i];
		if (it->state != CG_ITEM_CREATE)
			continue;
		cg_import_deal_name(imp, it, name, sizeof name, imp->crm->deal_name_max);
		cg_insert_row(&ins);
		cg_insert_cstr(&ins, it->deal_id);
		cg_insert_cstr(&ins, name);
		cg_insert_cstr(&ins, imp->now);
		cg_insert_cstr(&ins, imp->now);
		cg_insert_cstr(&ins, by);
		cg_insert_cstr(&ins, by);
		cg_insert_literal(&ins, "0");
		cg_insert_cstr(&ins, imp->users[it->user].id);
		cg_import_value(imp, &ins, it->source, 50);
		cg_insert_literal(&ins, "0");
		cg_insert_literal(&ins, "0");
		cg_insert_literal(&ins, "'-99'");
		cg_insert_cstr(&ins, imp->close_date);
		cg_insert_literal(&ins, "'New'");
		cg_insert_literal(&ins, "10");
		if (cg_insert_end_row(&ins, err) < 0 ||
		    add_group_rows(imp, &groups, it->deal_id, "Opportunities", it->user, err) < 0)
			goto out;
	}
	if (cg_insert_finish(&ins, err) < 0)
		goto out;
	cg_insert_begin(&ins, db, "INSERT INTO `opportunities_cstm` (`id_c`) VALUES ", "adding the deals' custom fields", 0);
	for (i = 0; i < imp->n_items; i++) {
		cg_import_item *it = &imp->items[i];
		if (it->state != CG_ITEM_CREATE)
			continue;
		cg_insert_row(&ins);
		cg_insert_cstr(&ins, it->deal_id);
		if (cg_insert_end_row(&ins, err) < 0)
			goto out;
	}
	if (cg_insert_finish(&ins, err) < 0)
		goto out;

	cg_insert_begin(&ins, db, "INSERT INTO `accounts_opportunities` (`id`, `opportunity_id`, `account_id`, "
	                "`date_modified`, `deleted`) VALUES ", "linking the deals to their companies", 0);
	for (i = 0; i < imp->n_items; i++) {
		cg_import_item *it = &imp->items[i];
		if (it->state == CG_ITEM_CREATE && it->company_ix >= 0 &&
		    relation_row(imp, &ins, it->deal_id, imp->companies[it->company_ix].id, err) < 0)
			goto out;
	}
	if (cg_insert_finish(&ins, err) < 0)
		goto out;

	cg_insert_begin(&ins, db, "INSERT INTO `opportunities_contacts` (`id`, `contact_id`, `opportunity_id`, "
	                "`date_modified`, `deleted`) VALUES ", "linking the deals to their contacts", 0);
	for (i = 0; i < imp->n_items; i++) {
		cg_import_item *it = &imp->items[i];
		if (it->state == CG_ITEM_CREATE && relation_row(imp, &ins, it->contact_id, it->deal_id, err) < 0)
			goto out;
	}
	if (cg_insert_finish(&ins, err) < 0)
		goto out;

	/* call tasks */
	cg_insert_begin(&ins, db, "INSERT INTO `tasks` (`id`, `name`, `date_entered`, `date_modified`, "
	                "`modified_user_id`, `created_by`, `deleted`, `assigned_user_id`, `status`, `date_due_flag`, "
	                "`date_due`, `date_start_flag`, `parent_type`, `parent_id`, `contact_id`, `priority`) VALUES ",
	                "creating the call tasks", 0);
	for (i = 0; i < imp->n_items; i++) {
		cg_import_item *it = &imp->items[i];
		if (it->state != CG_ITEM_CREATE)
			continue;
		cg_import_task_name(imp, it, name, sizeof name, imp->crm->task_name_max);
		cg_insert_row(&ins);
		cg_insert_cstr(&ins, it->task_id);
		cg_insert_cstr(&ins, name);
		cg_insert_cstr(&ins, imp->now);
		cg_insert_cstr(&ins, imp->now);
		cg_insert_cstr(&ins, by);
		cg_insert_cstr(&ins, by);
		cg_insert_literal(&ins, "0");
		cg_insert_cstr(&ins, imp->users[it->user].id);
		cg_insert_literal(&ins, "'Not Started'");
		cg_insert_literal(&ins, "0");
		cg_insert_cstr(&ins, imp->task_due);
		cg_insert_literal(&ins, "0");
		cg_insert_literal(&ins, "'Opportunities'");
		cg_insert_cstr(&ins, it->deal_id);
		cg_insert_cstr(&ins, it->contact_id);
		cg_insert_literal(&ins, "'Medium'");
		if (cg_insert_end_row(&ins, err) < 0 ||
		    add_group_rows(imp, &groups, it->task_id, "Tasks", it->user, err) < 0)
			goto out;
	}
	if (cg_insert_finish(&ins, err) < 0 || cg_insert_finish(&groups, err) < 0)
		goto out;
	if (write_emails(imp, err) < 0)
		goto out;
	rc = 0;
out:
	cg_insert_discard(&ins);
	cg_insert_discard(&groups);
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
	.new_id = cg_import_suitecrm_id,
	.phone_field = suite_phone_field,
	.write = suite_write,
};
