/*
 * The importer's shared types (a batch: its items, companies, users, spans
 * of text) and the value helpers every step uses (import_values.c).
 */
#ifndef CRMGUARD_IMPORT_TYPES_H
#define CRMGUARD_IMPORT_TYPES_H

#include <stddef.h>
#include <stdint.h>

#include "import.h"
#include "import_stmt.h"
#include "sql_insert.h"

#define CG_IMPORT_PHONES_MAX 8
#define CG_IMPORT_GROUPS_MAX 8
#define CG_ID_SIZE 40
#define CG_IMPORT_EXT_MAX 20    /* longest extension kept (CG_PHONE_EXT_MAX) */
#define CG_IMPORT_PROBES_MAX 8

/* A string inside the batch arena. */
typedef struct {
	size_t off, len;
} cg_span;

typedef enum { CG_NUM_MOBILE = 0, CG_NUM_WORK = 1 } cg_number_kind;

/* The profile's entities[] in this order: lead, contact, company. */
enum { CG_IMPORT_LEAD_ENTITY = 0, CG_IMPORT_CONTACT_ENTITY = 1, CG_IMPORT_COMPANY_ENTITY = 2 };

typedef enum {
	CG_ITEM_PENDING = 0,
	CG_ITEM_REJECTED,      /* no valid number, malformed, unknown manager: reason says */
	CG_ITEM_DUP_FILE,      /* an earlier line of the file has one of its numbers */
	CG_ITEM_DONE_BEFORE,   /* journalled by an earlier run */
	CG_ITEM_DUP_CRM,
	CG_ITEM_CREATE
} cg_item_state;

typedef struct {
	unsigned long line;
	cg_span raw;           /* the original fields, CSV-encoded, for the rejects file */
	cg_span first, middle, last, company, email, comment, source, title, city;
	uint64_t phones[CG_IMPORT_PHONES_MAX];
	uint8_t kinds[CG_IMPORT_PHONES_MAX];   /* the column's kind: CG_NUM_MOBILE (Телефон, Моб.) or CG_NUM_WORK */
	uint8_t types[CG_IMPORT_PHONES_MAX];   /* what the number is: cg_phone_type (phone.h) */
	char exts[CG_IMPORT_PHONES_MAX][CG_IMPORT_EXT_MAX + 1]; /* its extension: digits, "" none */
	size_t n_phones;
	int user;              /* index into the importer's users, -1 until assigned */
	int company_ix;        /* index into the batch's companies, -1 none */
	cg_item_state state;
	int journal_stale;     /* journalled by an earlier run whose contact the CRM has since removed */
	cg_span reason;        /* why it is rejected or a duplicate, NUL-terminated */
	char contact_id[CG_ID_SIZE], deal_id[CG_ID_SIZE], task_id[CG_ID_SIZE];
} cg_import_item;

typedef struct {
	cg_span name;          /* as the CRM has it when it exists (decoded), else as the file spells it */
	uint64_t key;          /* hash of the folded name */
	char id[CG_ID_SIZE];
	int is_new;            /* created by this batch */
	int user;              /* its manager when new */
} cg_import_company;

typedef struct {
	char id[CG_ID_SIZE];
	char user_name[64];
	char display[128];
	char groups[CG_IMPORT_GROUPS_MAX][CG_ID_SIZE]; /* EspoCRM default team / SuiteCRM security groups */
	size_t n_groups;
	long weight, current;  /* smooth weighted round robin */
	int active;
} cg_import_user;

typedef struct {
	uint64_t state;        /* xorshift64* */
	uint64_t last_us;      /* the id clock, microseconds: never goes back, one tick per id */
	unsigned lane, lanes;  /* generators of one import take microseconds = lane (mod lanes) */
} cg_id_gen;

struct cg_import_crm;

typedef struct {
	const struct cg_import_crm *crm;
	cg_db *db;
	const cg_import_options *opt;
	cg_import_report *rep;
	char import_id[65];
	char now[20];          /* "YYYY-MM-DD HH:MM:SS", UTC, this batch */
	char today[11];
	char task_due[20];
	char close_date[11];
	const char *currency;
	const char *task_prefix;
	int phone_extensions;  /* EspoCRM phoneNumberExtensions: "+74951234567 ext. 2" */
	/* cg_import_crm.probes: 1 when the table (and column) exists in this CRM; [0] is always 1 */
	unsigned char present[CG_IMPORT_PROBES_MAX + 1];
	char crm_import_id[CG_ID_SIZE]; /* the CRM's own record of this import (EspoCRM import.id), "" none */
	cg_import_user *users;
	size_t n_users;
	int created_by;        /* index into users */
	cg_id_gen ids;
	long batch_no;

	/* the batch */
	char *arena;
	size_t arena_len, arena_cap;
	cg_import_item *items;
	size_t n_items, cap_items;
	cg_import_company *companies;
	size_t n_companies;
} cg_importer;

/* What each CRM's writer provides; everything else is shared. */
typedef struct cg_import_crm {
	const char *name;
	const char *contact_type;      /* crmguard_phone.entity_type of a contact */
	/* display name and owner of the records crmguard_phone points to:
	 * entity type, table, name over t, owner column */
	struct { const char *type, *table, *name_sql, *owner; } entities[3]; /* lead, contact, company */
	const char *user_table;
	const char *user_name_column;
	/* users: SELECT id, user_name, display name, active (0/1) ... WHERE %s (a condition) */
	const char *users_sql;
	/* their groups: SELECT user_id, group_id ... WHERE user id IN (%s) */
	const char *groups_sql;
	const char *admin_sql;         /* one id: the default creator */
	const char *accounts_sql;      /* SELECT id, name ... WHERE name IN (%s) (live accounts, oldest first) */
	/* the default currency of deals: SELECT the 3-letter code(s) of the CRM's default currency;
	 * one row is the answer, none or more give currency_default (options.currency overrides) */
	const char *currency_sql;
	const char *currency_default;
	size_t name_max, account_name_max, deal_name_max, task_name_max, title_max, city_max, source_max;
	int utf8mb3;                   /* tables cannot hold 4-byte UTF-8 */
	int names_maybe_encoded;       /* a stored name may hold HTML entities (SuiteCRM: html_text.c) */
	int newlines_lf;               /* text stored with LF line ends only (SuiteCRM's save) */
	/* What a CRM may or may not have (custom fields, its import tables): probe k (1-based) is
	 * table[.column]; a table or column of the writers that names probe k is written only
	 * when it exists (imp->present[k]). */
	struct { const char *table, *column; } probes[CG_IMPORT_PROBES_MAX];
	/* The CRM's own record of the import, so that its UI lists and undoes it: called when the
	 * run starts (fresh: not a re-run of the same file) and ends (state "done"/"failed");
	 * NULL: none. */
	int (*import_record)(cg_importer *imp, int start, int fresh, const char *state, cg_db_error *err);
	void (*new_id)(cg_id_gen *g, char out[CG_ID_SIZE]);
	/* The field number k of a contact is stored in (crmguard_phone.source_field);
	 * NULL when the CRM has no place left for it (it is then not indexed either). */
	const char *(*phone_field)(const cg_import_item *it, size_t k);
	/* Writes the CG_ITEM_CREATE items of the batch (inside its transaction). */
	int (*write)(cg_importer *imp, cg_db_error *err);
} cg_import_crm;

extern const cg_import_crm cg_import_espocrm;
extern const cg_import_crm cg_import_suitecrm;

/* Copies s into the batch arena (an empty span when len is 0 or memory runs out). */
cg_span cg_import_arena_add(cg_importer *imp, const char *s, size_t len);
/* The arena text of a span. */
static inline const char *cg_span_ptr(const cg_importer *imp, cg_span s)
{
	return imp->arena + s.off;
}

/* Shared by the writers: a span as an escaped value, cut to max characters
 * (0: no limit), NULL when empty. */
void cg_import_value(cg_importer *imp, cg_insert *ins, cg_span s, size_t max_chars);
/* The contact's display name ("Имя Фамилия"), cut to max characters, into out. */
size_t cg_import_contact_name(const cg_importer *imp, const cg_import_item *it, char *out, size_t size);
/* n bytes of text as the CRM stores it (SuiteCRM: HTML-encoded), cut to max characters
 * (0: no limit) without splitting an entity, NULL when empty. */
void cg_import_put_text(cg_importer *imp, cg_insert *ins, const char *p, size_t n, size_t max_chars);
/* Deal ("Company: First Last", the company as the CRM has it) and task names, as typed:
 * cg_import_put_text() encodes and cuts them. */
void cg_import_deal_name(const cg_importer *imp, const cg_import_item *it, char *out, size_t size);
void cg_import_task_name(const cg_importer *imp, const cg_import_item *it, char *out, size_t size);
/* Runs the pause hook when this batch is the one to pause in. */
void cg_import_fault_pause(cg_importer *imp);
/* Appends the writes common to both CRMs: phone index and journal rows. */
int cg_import_write_index_and_journal(cg_importer *imp, cg_db_error *err);
/* Seeds g; lanes > 1: its ids take the microseconds = lane (mod lanes), so
 * the generators of one import's threads never make the same id. */
void cg_import_seed_ids(cg_id_gen *g, unsigned lane, unsigned lanes);
/* The ids of the two CRMs' own generators (EspoCRM Util::generateId, SuiteCRM create_guid). */
void cg_import_espocrm_id(cg_id_gen *g, char out[CG_ID_SIZE]);
void cg_import_suitecrm_id(cg_id_gen *g, char out[CG_ID_SIZE]);
/* "+79123456789"-style E.164 text of a key into out (CG_E164_SIZE). */
void cg_import_e164(uint64_t key, char *out, size_t size);
/* Whether the item's number k goes where the CRM keeps mobile numbers: what the number is
 * (mobile or fixed line, from the phone metadata), else the column's kind. */
int cg_import_is_mobile(const cg_import_item *it, size_t k);
/* The company name of the item's deal: the company's (as the CRM has it), else none. */
cg_span cg_import_company_name(const cg_importer *imp, const cg_import_item *it);

#endif
