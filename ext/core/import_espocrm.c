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

#include "import_internal.h"
#include "phone.h"
#include "phone_set.h"

static const char *espo_phone_field(const cg_import_item *it, size_t k)
{
	(void)it;
	(void)k;
	return "phoneNumber";
}

/* ids of records found by a lookup, keyed by a 64-bit key */
typedef struct {
	cg_phone_set keys;           /* key -> index into ids */
	char (*ids)[CG_ID_SIZE];
	size_t n, cap;
} id_map;

static int id_map_init(id_map *m, size_t expected)
{
	memset(m, 0, sizeof *m);
	m->cap = expected ? expected : 1;
	m->ids = calloc(m->cap, sizeof *m->ids);
	return m->ids && cg_phone_set_init(&m->keys, expected) == 0 ? 0 : -1;
}

static void id_map_free(id_map *m)
{
	cg_phone_set_free(&m->keys);
	free(m->ids);
}

/* Adds key -> id unless known; returns the index, -1 out of memory. */
static long id_map_put(id_map *m, uint64_t key, const char *id, size_t len, int *added)
{
	uint64_t ix;

	*added = 0;
	if (cg_phone_set_find(&m->keys, key, &ix))
		return (long)ix;
	if (m->n == m->cap) {
		size_t cap = m->cap * 2;
		char (*g)[CG_ID_SIZE] = realloc(m->ids, cap * sizeof *g);
		if (!g)
			return -1;
		m->ids = g;
		m->cap = cap;
	}
	snprintf(m->ids[m->n], CG_ID_SIZE, "%.*s", (int)len, id);
	if (cg_phone_set_add(&m->keys, key, m->n, NULL) < 0)
		return -1;
	*added = 1;
	return (long)m->n++;
}

static const char *id_map_get(const id_map *m, uint64_t key)
{
	uint64_t ix;
	return cg_phone_set_find(&m->keys, key, &ix) ? m->ids[ix] : NULL;
}

static uint64_t text_key(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		h ^= c;
		h *= 0x100000001b3ULL;
	}
	return h ? h : 1;
}

static int phone_row(void *ctx, MYSQL_ROW row, unsigned long *len, unsigned fields)
{
	id_map *m = ctx;
	int added;

	if (fields < 2 || !row[0] || !row[1] || len[1] < 2 || row[1][0] != '+')
		return 0;
	return id_map_put(m, strtoull(row[1] + 1, NULL, 10), row[0], len[0], &added) < 0;
}

static int email_row(void *ctx, MYSQL_ROW row, unsigned long *len, unsigned fields)
{
	id_map *m = ctx;
	int added;

	if (fields < 2 || !row[0] || !row[1])
		return 0;
	return id_map_put(m, text_key(row[1], len[1]), row[0], len[0], &added) < 0;
}

static void lower_ascii(char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		if (s[i] >= 'A' && s[i] <= 'Z')
			s[i] = (char)(s[i] + 32);
	}
}

static int add_team_rows(cg_importer *imp, cg_insert *ins, const char *entity_id, const char *type,
                         int user, cg_db_error *err)
{
	size_t g;

	if (user < 0)
		return 0;
	for (g = 0; g < imp->users[user].n_groups; g++) {
		cg_insert_row(ins);
		cg_insert_cstr(ins, entity_id);
		cg_insert_cstr(ins, imp->users[user].groups[g]);
		cg_insert_cstr(ins, type);
		cg_insert_literal(ins, "0");
		if (cg_insert_end_row(ins, err) < 0)
			return -1;
	}
	return 0;
}

static int espo_write(cg_importer *imp, cg_db_error *err)
{
	cg_db *db = imp->db;
	const char *by = imp->users[imp->created_by].id;
	cg_insert ins, teams;
	id_map phones, emails;
	cg_sqlbuf sql = {0};
	size_t i, k, n_phones = 0, n_emails = 0;
	int rc = -1, any;
	char name[1024];

	if (id_map_init(&phones, imp->n_items * 2) < 0 || id_map_init(&emails, 64) < 0) {
		snprintf(err->message, sizeof err->message, "out of memory");
		return -1;
	}
	cg_insert_begin(&teams, db, "INSERT INTO `entity_team` (`entity_id`, `team_id`, `entity_type`, `deleted`) "
	                "VALUES ", "adding the records to their teams", 0);

	/* companies */
	cg_insert_begin(&ins, db, "INSERT INTO `account` (`id`, `name`, `deleted`, `created_at`, `modified_at`, "
	                "`created_by_id`, `modified_by_id`, `assigned_user_id`, `version_number`, `c_crmguard_status`) "
	                "VALUES ", "creating the companies", 0);
	for (i = 0; i < imp->n_companies; i++) {
		cg_import_company *c = &imp->companies[i];
		if (!c->is_new)
			continue;
		cg_insert_row(&ins);
		cg_insert_cstr(&ins, c->id);
		cg_import_value(imp, &ins, c->name, imp->crm->account_name_max);
		cg_insert_literal(&ins, "0");
		cg_insert_cstr(&ins, imp->now);
		cg_insert_cstr(&ins, imp->now);
		cg_insert_cstr(&ins, by);
		cg_insert_literal(&ins, "NULL");
		cg_insert_cstr(&ins, c->user >= 0 ? imp->users[c->user].id : NULL);
		cg_insert_literal(&ins, "1");
		cg_insert_literal(&ins, "'waiting'");
		if (cg_insert_end_row(&ins, err) < 0 || add_team_rows(imp, &teams, c->id, "Account", c->user, err) < 0)
			goto out;
	}
	if (cg_insert_finish(&ins, err) < 0)
		goto out;

	/* contacts */
	cg_insert_begin(&ins, db, "INSERT INTO `contact` (`id`, `deleted`, `first_name`, `last_name`, `middle_name`, "
	                "`description`, `do_not_call`, `address_city`, `created_at`, `modified_at`, `account_id`, "
	                "`created_by_id`, `modified_by_id`, `assigned_user_id`) VALUES ", "creating the contacts", 0);
	for (i = 0; i < imp->n_items; i++) {
		cg_import_item *it = &imp->items[i];
		if (it->state != CG_ITEM_CREATE)
			continue;
		cg_insert_row(&ins);
		cg_insert_cstr(&ins, it->contact_id);
		cg_insert_literal(&ins, "0");
		cg_import_value(imp, &ins, it->first, imp->crm->name_max);
		cg_import_value(imp, &ins, it->last, imp->crm->name_max);
		cg_import_value(imp, &ins, it->middle, imp->crm->name_max);
		cg_import_value(imp, &ins, it->comment, 0);
		cg_insert_literal(&ins, "0");
		cg_import_value(imp, &ins, it->city, imp->crm->city_max);
		cg_insert_cstr(&ins, imp->now);
		cg_insert_cstr(&ins, imp->now);
		cg_insert_cstr(&ins, it->company_ix >= 0 ? imp->companies[it->company_ix].id : NULL);
		cg_insert_cstr(&ins, by);
		cg_insert_literal(&ins, "NULL");
		cg_insert_cstr(&ins, imp->users[it->user].id);
		if (cg_insert_end_row(&ins, err) < 0 ||
		    add_team_rows(imp, &teams, it->contact_id, "Contact", it->user, err) < 0)
			goto out;
		n_phones += it->n_phones;
		n_emails += it->email.len > 0;
	}
	if (cg_insert_finish(&ins, err) < 0)
		goto out;
	cg_import_fault_pause(imp);

	/* phone_number rows: reuse the ones holding the same string */
	cg_sqlbuf_appends(&sql, "SELECT `id`, `name` FROM `phone_number` WHERE `deleted` = 0 AND `name` IN (");
	any = 0;
	for (i = 0; i < imp->n_items; i++) {
		cg_import_item *it = &imp->items[i];
		if (it->state != CG_ITEM_CREATE)
			continue;
		for (k = 0; k < it->n_phones; k++) {
			char e164[CG_E164_SIZE];
			cg_import_e164(it->phones[k], e164, sizeof e164);
			if (any++)
				cg_sqlbuf_appends(&sql, ",");
			cg_sqlbuf_printf(&sql, "'%s'", e164);
		}
	}
	cg_sqlbuf_appends(&sql, ") ORDER BY `id`");
	if (any && cg_import_select(db, &sql, "looking for the phone numbers", phone_row, &phones, err) != 0)
		goto out;
	cg_sqlbuf_free(&sql);

	cg_insert_begin(&ins, db, "INSERT INTO `phone_number` (`id`, `name`, `deleted`, `type`, `numeric`, `invalid`, "
	                "`opt_out`) VALUES ", "creating the phone numbers", 0);
	for (i = 0; i < imp->n_items; i++) {
		cg_import_item *it = &imp->items[i];
		if (it->state != CG_ITEM_CREATE)
			continue;
		for (k = 0; k < it->n_phones; k++) {
			char id[CG_ID_SIZE], e164[CG_E164_SIZE];
			int added;
			if (id_map_get(&phones, it->phones[k]))
				continue;
			imp->crm->new_id(&imp->ids, id);
			if (id_map_put(&phones, it->phones[k], id, strlen(id), &added) < 0)
				goto out;
			cg_import_e164(it->phones[k], e164, sizeof e164);
			cg_insert_row(&ins);
			cg_insert_cstr(&ins, id);
			cg_insert_cstr(&ins, e164);
			cg_insert_literal(&ins, "0");
			cg_insert_cstr(&ins, it->kinds[k] == CG_NUM_WORK ? "Office" : "Mobile");
			cg_insert_cstr(&ins, e164 + 1);
			cg_insert_literal(&ins, "0");
			cg_insert_literal(&ins, "0");
			if (cg_insert_end_row(&ins, err) < 0)
				goto out;
		}
	}
	if (cg_insert_finish(&ins, err) < 0)
		goto out;

	cg_insert_begin(&ins, db, "INSERT INTO `entity_phone_number` (`entity_id`, `phone_number_id`, `entity_type`, "
	                "`primary`, `deleted`) VALUES ", "linking the phone numbers", 0);
	for (i = 0; i < imp->n_items; i++) {
		cg_import_item *it = &imp->items[i];
		if (it->state != CG_ITEM_CREATE)
			continue;
		for (k = 0; k < it->n_phones; k++) {
			cg_insert_row(&ins);
			cg_insert_cstr(&ins, it->contact_id);
			cg_insert_cstr(&ins, id_map_get(&phones, it->phones[k]));
			cg_insert_literal(&ins, "'Contact'");
			cg_insert_literal(&ins, k == 0 ? "1" : "0");
			cg_insert_literal(&ins, "0");
			if (cg_insert_end_row(&ins, err) < 0)
				goto out;
		}
	}
	if (cg_insert_finish(&ins, err) < 0)
		goto out;

	/* contact <-> company */
	cg_insert_begin(&ins, db, "INSERT INTO `account_contact` (`account_id`, `contact_id`, `role`, `is_inactive`, "
	                "`deleted`) VALUES ", "linking the contacts to their companies", 0);
	for (i = 0; i < imp->n_items; i++) {
		cg_import_item *it = &imp->items[i];
		if (it->state != CG_ITEM_CREATE || it->company_ix < 0)
			continue;
		cg_insert_row(&ins);
		cg_insert_cstr(&ins, imp->companies[it->company_ix].id);
		cg_insert_cstr(&ins, it->contact_id);
		cg_import_value(imp, &ins, it->title, imp->crm->title_max);
		cg_insert_literal(&ins, "0");
		cg_insert_literal(&ins, "0");
		if (cg_insert_end_row(&ins, err) < 0)
			goto out;
	}
	if (cg_insert_finish(&ins, err) < 0)
		goto out;

	/* deals */
	cg_insert_begin(&ins, db, "INSERT INTO `opportunity` (`id`, `name`, `deleted`, `amount`, `stage`, `last_stage`, "
	                "`probability`, `lead_source`, `close_date`, `created_at`, `modified_at`, `amount_currency`, "
	                "`account_id`, `contact_id`, `created_by_id`, `modified_by_id`, `assigned_user_id`, "
	                "`version_number`) VALUES ", "creating the deals", 0);
	for (i = 0; i < imp->n_items; i++) {
		cg_import_item *it = &imp->items[i];
		if (it->state != CG_ITEM_CREATE)
			continue;
		cg_import_deal_name(imp, it, name, sizeof name, imp->crm->deal_name_max);
		cg_insert_row(&ins);
		cg_insert_cstr(&ins, it->deal_id);
		cg_insert_cstr(&ins, name);
		cg_insert_literal(&ins, "0");
		cg_insert_literal(&ins, "0");
		cg_insert_literal(&ins, "'New'");
		cg_insert_literal(&ins, "'New'");
		cg_insert_literal(&ins, "10");
		cg_import_value(imp, &ins, it->source, imp->crm->source_max);
		cg_insert_cstr(&ins, imp->close_date);
		cg_insert_cstr(&ins, imp->now);
		cg_insert_cstr(&ins, imp->now);
		cg_insert_cstr(&ins, imp->currency);
		cg_insert_cstr(&ins, it->company_ix >= 0 ? imp->companies[it->company_ix].id : NULL);
		cg_insert_cstr(&ins, it->contact_id);
		cg_insert_cstr(&ins, by);
		cg_insert_literal(&ins, "NULL");
		cg_insert_cstr(&ins, imp->users[it->user].id);
		cg_insert_literal(&ins, "1");
		if (cg_insert_end_row(&ins, err) < 0 ||
		    add_team_rows(imp, &teams, it->deal_id, "Opportunity", it->user, err) < 0)
			goto out;
	}
	if (cg_insert_finish(&ins, err) < 0)
		goto out;

	cg_insert_begin(&ins, db, "INSERT INTO `contact_opportunity` (`contact_id`, `opportunity_id`, `role`, `deleted`) "
	                "VALUES ", "linking the deals to their contacts", 0);
	for (i = 0; i < imp->n_items; i++) {
		cg_import_item *it = &imp->items[i];
		if (it->state != CG_ITEM_CREATE)
			continue;
		cg_insert_row(&ins);
		cg_insert_cstr(&ins, it->contact_id);
		cg_insert_cstr(&ins, it->deal_id);
		cg_insert_literal(&ins, "NULL");
		cg_insert_literal(&ins, "0");
		if (cg_insert_end_row(&ins, err) < 0)
			goto out;
	}
	if (cg_insert_finish(&ins, err) < 0)
		goto out;

	/* call tasks */
	cg_insert_begin(&ins, db, "INSERT INTO `task` (`id`, `name`, `deleted`, `status`, `priority`, `date_end`, "
	                "`created_at`, `modified_at`, `parent_id`, `parent_type`, `account_id`, `contact_id`, "
	                "`created_by_id`, `modified_by_id`, `assigned_user_id`, `version_number`) VALUES ",
	                "creating the call tasks", 0);
	for (i = 0; i < imp->n_items; i++) {
		cg_import_item *it = &imp->items[i];
		if (it->state != CG_ITEM_CREATE)
			continue;
		cg_import_task_name(imp, it, name, sizeof name, imp->crm->task_name_max);
		cg_insert_row(&ins);
		cg_insert_cstr(&ins, it->task_id);
		cg_insert_cstr(&ins, name);
		cg_insert_literal(&ins, "0");
		cg_insert_literal(&ins, "'Not Started'");
		cg_insert_literal(&ins, "'Normal'");
		cg_insert_cstr(&ins, imp->task_due);
		cg_insert_cstr(&ins, imp->now);
		cg_insert_cstr(&ins, imp->now);
		cg_insert_cstr(&ins, it->deal_id);
		cg_insert_literal(&ins, "'Opportunity'");
		cg_insert_cstr(&ins, it->company_ix >= 0 ? imp->companies[it->company_ix].id : NULL);
		cg_insert_cstr(&ins, it->contact_id);
		cg_insert_cstr(&ins, by);
		cg_insert_literal(&ins, "NULL");
		cg_insert_cstr(&ins, imp->users[it->user].id);
		cg_insert_literal(&ins, "1");
		if (cg_insert_end_row(&ins, err) < 0 ||
		    add_team_rows(imp, &teams, it->task_id, "Task", it->user, err) < 0)
			goto out;
	}
	if (cg_insert_finish(&ins, err) < 0 || cg_insert_finish(&teams, err) < 0)
		goto out;

	/* e-mail addresses */
	if (n_emails > 0) {
		cg_sqlbuf_appends(&sql, "SELECT `id`, `lower` FROM `email_address` WHERE `deleted` = 0 AND `lower` IN (");
		any = 0;
		for (i = 0; i < imp->n_items; i++) {
			cg_import_item *it = &imp->items[i];
			char low[256];
			if (it->state != CG_ITEM_CREATE || !it->email.len)
				continue;
			snprintf(low, sizeof low, "%.*s", (int)it->email.len, cg_span_ptr(imp, it->email));
			lower_ascii(low, strlen(low));
			if (any++)
				cg_sqlbuf_appends(&sql, ",");
			cg_sqlbuf_append_quoted(&sql, db->mysql, low, strlen(low));
		}
		cg_sqlbuf_appends(&sql, ") ORDER BY `id`");
		if (cg_import_select(db, &sql, "looking for the e-mail addresses", email_row, &emails, err) != 0)
			goto out;
		cg_sqlbuf_free(&sql);
		cg_insert_begin(&ins, db, "INSERT INTO `email_address` (`id`, `name`, `deleted`, `lower`, `invalid`, "
		                "`opt_out`) VALUES ", "creating the e-mail addresses", 0);
		for (i = 0; i < imp->n_items; i++) {
			cg_import_item *it = &imp->items[i];
			char low[256], id[CG_ID_SIZE];
			int added;
			if (it->state != CG_ITEM_CREATE || !it->email.len)
				continue;
			snprintf(low, sizeof low, "%.*s", (int)it->email.len, cg_span_ptr(imp, it->email));
			lower_ascii(low, strlen(low));
			if (id_map_get(&emails, text_key(low, strlen(low))))
				continue;
			imp->crm->new_id(&imp->ids, id);
			if (id_map_put(&emails, text_key(low, strlen(low)), id, strlen(id), &added) < 0)
				goto out;
			cg_insert_row(&ins);
			cg_insert_cstr(&ins, id);
			cg_import_value(imp, &ins, it->email, 255);
			cg_insert_literal(&ins, "0");
			cg_insert_cstr(&ins, low);
			cg_insert_literal(&ins, "0");
			cg_insert_literal(&ins, "0");
			if (cg_insert_end_row(&ins, err) < 0)
				goto out;
		}
		if (cg_insert_finish(&ins, err) < 0)
			goto out;
		cg_insert_begin(&ins, db, "INSERT INTO `entity_email_address` (`entity_id`, `email_address_id`, "
		                "`entity_type`, `primary`, `deleted`) VALUES ", "linking the e-mail addresses", 0);
		for (i = 0; i < imp->n_items; i++) {
			cg_import_item *it = &imp->items[i];
			char low[256];
			if (it->state != CG_ITEM_CREATE || !it->email.len)
				continue;
			snprintf(low, sizeof low, "%.*s", (int)it->email.len, cg_span_ptr(imp, it->email));
			lower_ascii(low, strlen(low));
			cg_insert_row(&ins);
			cg_insert_cstr(&ins, it->contact_id);
			cg_insert_cstr(&ins, id_map_get(&emails, text_key(low, strlen(low))));
			cg_insert_literal(&ins, "'Contact'");
			cg_insert_literal(&ins, "1");
			cg_insert_literal(&ins, "0");
			if (cg_insert_end_row(&ins, err) < 0)
				goto out;
		}
		if (cg_insert_finish(&ins, err) < 0)
			goto out;
	}
	rc = 0;
out:
	cg_insert_discard(&ins);
	cg_insert_discard(&teams);
	cg_sqlbuf_free(&sql);
	id_map_free(&phones);
	id_map_free(&emails);
	(void)n_phones;
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
	.new_id = cg_import_espocrm_id,
	.phone_field = espo_phone_field,
	.write = espo_write,
};
