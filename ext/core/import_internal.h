/*
 * The importer's batch, shared by import.c (reading, checking, planning)
 * and the per-CRM writers (import_espocrm.c, import_suitecrm.c).
 */
#ifndef CRMGUARD_IMPORT_INTERNAL_H
#define CRMGUARD_IMPORT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "import.h"
#include "sql_insert.h"

#define CG_IMPORT_PHONES_MAX 8
#define CG_IMPORT_GROUPS_MAX 8
#define CG_ID_SIZE 40

/* A string inside the batch arena. */
typedef struct {
	size_t off, len;
} cg_span;

typedef enum { CG_NUM_MOBILE = 0, CG_NUM_WORK = 1 } cg_number_kind;

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
	uint8_t kinds[CG_IMPORT_PHONES_MAX];
	size_t n_phones;
	int user;              /* index into the importer's users, -1 until assigned */
	int company_ix;        /* index into the batch's companies, -1 none */
	cg_item_state state;
	cg_span reason;        /* why it is rejected or a duplicate, NUL-terminated */
	char contact_id[CG_ID_SIZE], deal_id[CG_ID_SIZE], task_id[CG_ID_SIZE];
} cg_import_item;

typedef struct {
	cg_span name;
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
	struct { const char *type, *table, *name_sql, *owner; } entities[3];
	const char *user_table;
	const char *user_name_column;
	/* users: SELECT id, user_name, display name, active (0/1) ... WHERE %s (a condition) */
	const char *users_sql;
	/* their groups: SELECT user_id, group_id ... WHERE user id IN (%s) */
	const char *groups_sql;
	const char *admin_sql;         /* one id: the default creator */
	const char *accounts_sql;      /* SELECT id, name ... WHERE name IN (%s) (live accounts, oldest first) */
	size_t name_max, account_name_max, deal_name_max, task_name_max, title_max, city_max, source_max;
	int utf8mb3;                   /* tables cannot hold 4-byte UTF-8 */
	void (*new_id)(cg_id_gen *g, char out[CG_ID_SIZE]);
	/* The field number k of a contact is stored in (crmguard_phone.source_field);
	 * NULL when the CRM has no place left for it (it is then not indexed either). */
	const char *(*phone_field)(const cg_import_item *it, size_t k);
	/* Writes the CG_ITEM_CREATE items of the batch (inside its transaction). */
	int (*write)(cg_importer *imp, cg_db_error *err);
} cg_import_crm;

extern const cg_import_crm cg_import_espocrm;
extern const cg_import_crm cg_import_suitecrm;

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
/* Deal and task names. */
void cg_import_deal_name(const cg_importer *imp, const cg_import_item *it, char *out, size_t size, size_t max_chars);
void cg_import_task_name(const cg_importer *imp, const cg_import_item *it, char *out, size_t size, size_t max_chars);
/* Runs the pause hook when this batch is the one to pause in. */
void cg_import_fault_pause(cg_importer *imp);
/* Appends the writes common to both CRMs: phone index and journal rows. */
int cg_import_write_index_and_journal(cg_importer *imp, cg_db_error *err);
/* The ids of the two CRMs' own generators (EspoCRM Util::generateId, SuiteCRM create_guid). */
void cg_import_espocrm_id(cg_id_gen *g, char out[CG_ID_SIZE]);
void cg_import_suitecrm_id(cg_id_gen *g, char out[CG_ID_SIZE]);
/* Fetches the rows of a SELECT into fn. */
typedef int (*cg_import_row_fn)(void *ctx, MYSQL_ROW row, unsigned long *lengths, unsigned fields);
int cg_import_select(cg_db *db, cg_sqlbuf *sql, const char *doing, cg_import_row_fn fn, void *ctx, cg_db_error *err);
/* "+79123456789"-style E.164 text of a key into out (CG_E164_SIZE). */
void cg_import_e164(uint64_t key, char *out, size_t size);

#endif
