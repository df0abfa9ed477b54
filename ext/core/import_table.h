/*
 * The importer's batch writes, table-driven: each CRM writer (import_espocrm.c,
 * import_suitecrm.c) describes its tables as column lists (a name and where
 * the value comes from) and cg_import_write_batch() writes the rows of every
 * table for the batch, as multi-row INSERTs or LOAD DATA (sql_insert.h).
 * What both CRMs do the same way is done here once: the owner's team /
 * security-group rows beside each record, and shared records (e-mail
 * addresses, EspoCRM's phone numbers) looked up, created once, then linked.
 */
#ifndef CRMGUARD_IMPORT_TABLE_H
#define CRMGUARD_IMPORT_TABLE_H

#include <stddef.h>

#include "import_types.h"

/* Where a column's value comes from. */
typedef enum {
	CG_V_LITERAL,       /* an SQL literal: 'New', 0, NULL */
	CG_V_NOW,           /* the batch's: time, task due time, deals' close date, currency */
	CG_V_TASK_DUE,
	CG_V_CLOSE_DATE,
	CG_V_CURRENCY,
	CG_V_CREATOR,       /* the id of the user the import runs as */
	CG_V_NEW_ID,        /* a fresh id from the CRM's generator */
	CG_V_CONTACT_ID,    /* the item's records */
	CG_V_DEAL_ID,
	CG_V_TASK_ID,
	CG_V_COMPANY_ID,    /* the row's company (the new one, or the item's): NULL without */
	CG_V_OWNER,         /* the id of the record's assigned user: NULL without */
	CG_V_TEXT,          /* an item's field (a span), cut to max characters, NULL when empty */
	CG_V_TEXT_AS_IS,    /* the same, never HTML-encoded (an e-mail address: not text SuiteCRM cleans) */
	CG_V_COMPANY_NAME,  /* cut to the CRM's account_name_max characters */
	CG_V_DEAL_NAME,     /* "Company: First Last", cut to its deal_name_max */
	CG_V_TASK_NAME,     /* task prefix + "First Last", cut to its task_name_max */
	CG_V_SHARED_ID,     /* the shared record a row creates or links to */
	CG_V_SHARED_TEXT,   /* its lookup text: "+79123456789", the lower- or upper-cased e-mail address */
	CG_V_RECORD_ID,     /* in a group row: the record, its entity type / module, the group */
	CG_V_RECORD_TYPE,
	CG_V_GROUP_ID,
	CG_V_IMPORT_ID,     /* the CRM's own record of the import (cg_importer.crm_import_id) */
	CG_V_DEFAULT_STATUS, /* crmguard's status of a new company (rules.c) */
	CG_V_FN             /* the column's own function, for a CRM's odd column */
} cg_import_value_kind;

/* What one row is about; what does not apply is NULL. */
typedef struct {
	const cg_import_item *item;        /* NULL on a company's row */
	const cg_import_company *company;
	int user;                          /* the record's assigned user, -1 none */
	size_t k;                          /* shared phone rows: the item's number k */
	const char *shared_id, *shared_text;
	const char *record_id, *record_type, *group_id;
} cg_import_row;

typedef void (*cg_import_value_fn)(cg_importer *imp, cg_insert *ins, const cg_import_row *row, int arg);

typedef struct {
	const char *name;
	cg_import_value_kind kind;
	const char *literal;   /* CG_V_LITERAL */
	size_t span;           /* CG_V_TEXT: offsetof(cg_import_item, <span>) */
	size_t max;            /* CG_V_TEXT: characters at most, 0 no limit, or CG_CRM_MAX */
	cg_import_value_fn fn; /* CG_V_FN, called with arg */
	int arg;
	unsigned probe;        /* 0, or the cg_import_crm probe whose absence leaves the column out */
} cg_import_col;

/* max: the CRM profile's limit for the field (cg_import_crm: name_max for the
 * names, title_max, city_max, source_max; none for the others) */
#define CG_CRM_MAX ((size_t)-1)

#define CG_COL(name, kind) {name, kind, NULL, 0, 0, NULL, 0, 0}
#define CG_LIT(name, sql) {name, CG_V_LITERAL, sql, 0, 0, NULL, 0, 0}
#define CG_TEXT(name, field) {name, CG_V_TEXT, NULL, offsetof(cg_import_item, field), CG_CRM_MAX, NULL, 0, 0}
#define CG_TEXT_MAX(name, field, max) {name, CG_V_TEXT, NULL, offsetof(cg_import_item, field), max, NULL, 0, 0}
#define CG_TEXT_AS_IS(name, field, max) {name, CG_V_TEXT_AS_IS, NULL, offsetof(cg_import_item, field), max, NULL, 0, 0}
#define CG_FN(name, fn, arg) {name, CG_V_FN, NULL, 0, 0, fn, arg, 0}
/* a column written only where the CRM has it (probe k of its cg_import_crm) */
#define CG_COL_IF(name, kind, k) {name, kind, NULL, 0, 0, NULL, 0, k}

/* Which records of the batch a table has a row for. */
typedef enum {
	CG_ROWS_NEW_COMPANIES,       /* each company the batch creates */
	CG_ROWS_ITEMS,               /* each item to create */
	CG_ROWS_ITEMS_WITH_COMPANY,  /* each item to create that has a company */
	CG_ROWS_SHARED,              /* rows of cg_import_shared: new shared records, links */
	CG_ROWS_GROUPS               /* the group table: rows beside each record */
} cg_import_rows;

typedef struct {
	const char *table;
	const char *doing;           /* for errors: "creating the contacts" */
	cg_import_rows rows;
	const cg_import_col *cols;
	size_t n_cols;
	/* records that join their owner's groups: their entity type / module, their id */
	const char *group_type;
	cg_import_value_kind record;
	unsigned probe;              /* 0, or the cg_import_crm probe whose absence leaves the table out */
} cg_import_table;

#define CG_TABLE(table, doing, rows, cols) {table, doing, rows, cols, sizeof cols / sizeof cols[0], NULL, CG_V_LITERAL, 0}
/* a table written only where the CRM has it (probe k of its cg_import_crm) */
#define CG_TABLE_IF(table, doing, rows, cols, k) \
	{table, doing, rows, cols, sizeof cols / sizeof cols[0], NULL, CG_V_LITERAL, k}
#define CG_RECORDS(table, doing, rows, cols, group_type, record) \
	{table, doing, rows, cols, sizeof cols / sizeof cols[0], group_type, record, 0}

/*
 * Records several contacts share: each distinct value of the batch is looked
 * up (the oldest record holding it wins), a record is created for each one
 * not found, then every contact gets its link row.
 */
typedef enum { CG_SHARED_PHONES, CG_SHARED_EMAIL_LOWER, CG_SHARED_EMAIL_UPPER } cg_import_shared_kind;

typedef struct {
	cg_import_shared_kind of;
	const char *select;          /* SELECT id, lookup text ... IN (%s) ORDER BY ...: the oldest first */
	const cg_import_table *records, *links;
} cg_import_shared;

/* A CRM's writes for a batch, in this order. */
typedef struct {
	const cg_import_table *groups;           /* a row per record and group of its owner */
	const cg_import_table *const *contacts;  /* up to the contacts table (NULL-terminated) */
	const cg_import_shared *phones;          /* NULL: the numbers are columns of the contact */
	const cg_import_table *const *rest;      /* relations, deals, tasks (NULL-terminated) */
	const cg_import_shared *emails;
} cg_import_writes;

/* Writes the batch's CG_ITEM_CREATE items and new companies (inside its transaction). */
int cg_import_write_batch(cg_importer *imp, const cg_import_writes *writes, cg_db_error *err);

/* The key under which two e-mail addresses are the same one (ASCII letters folded),
 * as the writers match them against the CRM's shared address rows. */
uint64_t cg_import_email_key(const char *text, size_t len);

#endif
