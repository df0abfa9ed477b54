/*
 * One implementation of "write the rows of one table for the batch", shared
 * by the importer's CRM writers (import_espocrm.c, import_suitecrm.c): each
 * CRM describes its tables as column lists (name + where the value comes
 * from) and this file builds the multi-row INSERT (or LOAD DATA, sql_insert.h)
 * from them.  A table whose records belong to teams / security groups adds
 * the owner's group rows beside each record, in the CRM's own group table.
 */
#ifndef CRMGUARD_IMPORT_TABLE_H
#define CRMGUARD_IMPORT_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "import_internal.h"
#include "phone_set.h"

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
	CG_V_COMPANY_NAME,  /* the company's name, cut to max characters */
	CG_V_DEAL_NAME,     /* "Company: First Last", cut to max characters */
	CG_V_TASK_NAME,     /* task prefix + "First Last", cut to max characters */
	CG_V_REF_ID,        /* the shared record a row makes or links to (phone number, e-mail address) */
	CG_V_REF_TEXT,      /* the e-mail address as the CRM keeps it for lookups (lower / upper case) */
	CG_V_RECORD_ID,     /* in a group row: the record, its entity type / module, the group */
	CG_V_RECORD_TYPE,
	CG_V_GROUP_ID,
	CG_V_FN             /* the column's own function (a CRM's odd column) */
} cg_import_value_kind;

/* What one row is about; the fields that do not apply are NULL / 0. */
typedef struct {
	const cg_import_item *item;        /* NULL on a company's row */
	const cg_import_company *company;
	int user;                          /* the record's assigned user, -1 none */
	size_t k;                          /* the item's phone number k (phone rows) */
	const char *ref_id, *ref_text;
	const char *record_id, *record_type, *group_id;
} cg_import_row;

/* The row of item it: its company, its owner. */
cg_import_row cg_import_item_row(const cg_importer *imp, const cg_import_item *it);

typedef void (*cg_import_value_fn)(cg_importer *imp, cg_insert *ins, const cg_import_row *row, int arg);

typedef struct {
	const char *name;
	cg_import_value_kind kind;
	const char *literal;   /* CG_V_LITERAL */
	size_t span;           /* CG_V_TEXT: offsetof(cg_import_item, <span>) */
	size_t max;            /* texts and names: characters at most, 0 no limit */
	cg_import_value_fn fn; /* CG_V_FN, called with arg */
	int arg;
} cg_import_col;

#define CG_COL(name, kind) {name, kind, NULL, 0, 0, NULL, 0}
#define CG_LIT(name, sql) {name, CG_V_LITERAL, sql, 0, 0, NULL, 0}
#define CG_TEXT(name, field, max) {name, CG_V_TEXT, NULL, offsetof(cg_import_item, field), max, NULL, 0}
#define CG_CUT(name, kind, max) {name, kind, NULL, 0, max, NULL, 0}
#define CG_FN(name, fn, arg) {name, CG_V_FN, NULL, 0, 0, fn, arg}
#define CG_COLS(cols) cols, sizeof cols / sizeof cols[0]

/* Which records of the batch a table has a row for. */
typedef enum {
	CG_ROWS_NEW_COMPANIES,       /* each company the batch creates */
	CG_ROWS_ITEMS,               /* each item to create */
	CG_ROWS_ITEMS_WITH_COMPANY,  /* each item to create that has a company */
	CG_ROWS_OWN                  /* the caller's own loop (cg_import_out_row) */
} cg_import_rows;

typedef struct {
	const char *table;
	const char *doing;                 /* for errors: "creating the contacts" */
	cg_import_rows rows;
	const cg_import_col *cols;
	size_t n_cols;
	/* records that join their owner's groups: entity type / module, and its id column kind */
	const char *group_type;
	cg_import_value_kind record;
} cg_import_table;

/* A batch's writes through table descriptions; err is where failures go. */
typedef struct {
	cg_importer *imp;
	cg_db_error *err;
	const cg_import_table *group_table; /* one row per record and group of its owner */
	cg_insert groups;
	cg_sqlbuf group_head;
} cg_import_writer;

/* The rows of one table being written. */
typedef struct {
	const cg_import_table *t;
	cg_insert ins;
	cg_sqlbuf head;
} cg_import_out;

void cg_import_writer_begin(cg_import_writer *w, cg_importer *imp, const cg_import_table *group_table,
                            cg_db_error *err);
/* Sends the group rows still held. */
int cg_import_writer_finish_groups(cg_import_writer *w);
/* Frees what is left (after an error too). */
void cg_import_writer_end(cg_import_writer *w);

/* Writes the table's rows for the batch (t->rows says which); 0, or -1 with the error. */
int cg_import_write_table(cg_import_writer *w, const cg_import_table *t);
/* The same row by row, for a CRM's own loops (CG_ROWS_OWN). */
void cg_import_out_begin(cg_import_writer *w, cg_import_out *o, const cg_import_table *t);
int cg_import_out_row(cg_import_writer *w, cg_import_out *o, const cg_import_row *row);
int cg_import_out_finish(cg_import_writer *w, cg_import_out *o);
void cg_import_out_discard(cg_import_out *o);

/*
 * E-mail addresses are shared records in both CRMs: an address already in
 * the CRM (its lower- or upper-cased form matches) is linked, a new one is
 * created once per batch, then each contact gets its link row.
 */
typedef struct {
	const char *select;      /* SELECT id, the folded address ... IN (%s) ORDER BY ...: the oldest first */
	int upper;               /* the CRM looks addresses up upper-cased (else lower-cased) */
	const cg_import_table *addresses, *links;
} cg_import_emails;

int cg_import_write_emails(cg_import_writer *w, const cg_import_emails *e);

/* Ids of shared records by a 64-bit key (a phone number, a folded text). */
typedef struct {
	cg_phone_set keys;           /* key -> index into ids */
	char (*ids)[CG_ID_SIZE];
	size_t n, cap;
} cg_id_map;

int cg_id_map_init(cg_id_map *m, size_t expected);
void cg_id_map_free(cg_id_map *m);
/* Adds key -> id unless the key is known (the first id stays); -1 out of memory. */
int cg_id_map_put(cg_id_map *m, uint64_t key, const char *id, size_t len);
const char *cg_id_map_get(const cg_id_map *m, uint64_t key);

#endif
