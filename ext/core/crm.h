/*
 * CRM profiles: where EspoCRM 9.x and SuiteCRM 7.14 keep what crmguard reads
 * and writes (phones, owners, deletion flags, lead conversion, account-contact
 * links, the company status crmguard adds).  Every CRM-specific table or
 * column name lives here; code elsewhere reads the profile and never asks
 * which CRM it is.
 *
 * SQL fragments are written over the alias `t` for the entity's table.
 */
#ifndef CRMGUARD_CRM_H
#define CRMGUARD_CRM_H

#include <stddef.h>

typedef enum { CG_CRM_ESPOCRM, CG_CRM_SUITECRM } cg_crm;

/* The record kinds that carry phones, in the order of their type names. */
typedef enum { CG_ENTITY_ACCOUNT, CG_ENTITY_CONTACT, CG_ENTITY_LEAD, CG_ENTITY_COUNT } cg_entity_kind;

#define CG_CRM_PHONE_COLUMNS_MAX 5

typedef struct {
	const char *type_name;     /* the CRM's entity type: "Contact" / "Contacts" */
	const char *table;         /* "contact" / "contacts" */
	const char *owner_column;  /* the assigned (responsible) user's id */
	const char *name_sql;      /* display name, over t */
	/* Condition (over t) of a record that counts: not deleted and, for leads,
	 * not converted. */
	const char *live_sql;
	/* Phones as columns of the table (SuiteCRM); count 0: in the phone tables. */
	const char *phone_columns[CG_CRM_PHONE_COLUMNS_MAX];
	size_t phone_column_count;
} cg_crm_entity;

typedef struct {
	cg_crm crm;
	const char *name;          /* "espocrm" / "suitecrm" */
	cg_crm_entity entities[CG_ENTITY_COUNT];

	/* Phones in tables of their own (EspoCRM); NULL when they are columns. */
	const char *phone_table;            /* phone_number: id, name (as stored), deleted */
	const char *phone_link_table;       /* entity_phone_number */
	const char *phone_link_entity_id;   /* entity_id */
	const char *phone_link_entity_type; /* entity_type */
	const char *phone_link_phone_id;    /* phone_number_id */
	const char *phone_field_name;       /* the field reported as source: "phoneNumber" */

	/* Accounts and contacts: every link (a contact may work for several). */
	const char *account_contact_table;
	const char *account_contact_account_id;
	const char *account_contact_contact_id;
	/* The contact's own (primary) account column, besides the link table;
	 * NULL when the CRM has none (SuiteCRM keeps only accounts_contacts). */
	const char *contact_account_column;

	/* crmguard's company status, a custom field of the account. */
	const char *status_table;        /* account / accounts_cstm */
	const char *status_id_column;    /* id / id_c: the account's id */
	const char *status_column;       /* c_crmguard_status / crmguard_status_c */

	/* Users. */
	const char *user_table;
	const char *user_name_sql;       /* over t */
	const char *user_is_admin_sql;   /* over t */
	const char *user_supervisor_column; /* NULL: the CRM has none (EspoCRM) */
	/* Team membership with a role per member (EspoCRM team_user: team_id,
	 * user_id, role, deleted); NULL when the CRM has none. */
	const char *team_user_table;
} cg_crm_profile;

/* 0 and *out for "espocrm" / "suitecrm" (any case); -1 otherwise. */
int cg_crm_from_name(const char *name, size_t len, cg_crm *out);

const cg_crm_profile *cg_crm_profile_of(cg_crm crm);

/* The entity kind of one of the profile's type names (exact, as the CRM
 * writes it); -1 when the type is none of lead, contact, account. */
int cg_crm_entity_from_type(const cg_crm_profile *profile, const char *type, size_t len, cg_entity_kind *out);

#endif
