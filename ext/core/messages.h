/*
 * Every text crmguard shows a manager — rule refusals and call-card verdicts —
 * in one table, English and Russian (messages.c), and the labels of the
 * built-in stage, status and failure-reason keys.
 */
#ifndef CRMGUARD_MESSAGES_H
#define CRMGUARD_MESSAGES_H

#include <stddef.h>

typedef enum { CG_LANG_EN = 0, CG_LANG_RU = 1 } cg_lang;

/* 'ru', 'RU', 'ru_RU', 'ru-RU' (the CRMs' language settings) -> ru; anything else en. */
cg_lang cg_lang_from_tag(const char *tag, size_t len);

/* Each "%s" of a message is replaced by the next argument (same order in both languages). */
typedef enum {
	CG_MSG_OK,
	CG_MSG_UNKNOWN_STAGE,          /* stage */
	CG_MSG_CREATE_CLOSED,          /* stage */
	CG_MSG_TRANSITION_BACK,        /* from, to */
	CG_MSG_DEAL_CLOSED,            /* from */
	CG_MSG_REASON_REQUIRED,        /* list of reasons */
	CG_MSG_UNKNOWN_REASON,         /* reason, list */
	CG_MSG_UNKNOWN_STATUS,         /* status, list */
	CG_MSG_NOT_SUPERVISOR,
	CG_MSG_OWNER_MAY_NOT_CHANGE,
	CG_MSG_NO_ASSIGNED_USER,
	CG_MSG_NEW_COMPANY_STATUS,     /* status */
	CG_MSG_STAGE_REQUIRED,         /* the stored stage */
	/* call-card verdicts */
	CG_MSG_CARD_RED,               /* company, owner */
	CG_MSG_CARD_RED_VIA_CONTACT,   /* contact, company, owner */
	CG_MSG_CARD_YELLOW,            /* contact, owner */
	CG_MSG_CARD_BLUE,              /* lead, owner */
	CG_MSG_CARD_NONE_UNKNOWN,
	CG_MSG_CARD_NONE_OWN_COMPANY,  /* company */
	CG_MSG_CARD_NONE_NOT_IN_WORK,  /* company, status */
	CG_MSG_CARD_NONE_NO_OWNER,     /* company */
	CG_MSG_NOBODY,                 /* an owner name when there is no assigned user */
	CG_MSG_COUNT
} cg_message_id;

/* The label of a built-in key in lang ("Closed Won" -> "Success" / "Успех"), NULL for others. */
const char *cg_label(const char *key, size_t len, cg_lang lang);

/* A bounded UTF-8 text: appends stop at a character boundary and end with "…" when full. */
typedef struct {
	char *buf;
	size_t size, len;
	int full;
} cg_text;

void cg_text_init(cg_text *t, char *buf, size_t size);

/* Appends s[0..len); bytes that are not printable UTF-8 become '?'. */
void cg_text_put(cg_text *t, const char *s, size_t len);
void cg_text_puts(cg_text *t, const char *s);

/* Appends a key: its label in lang, or the key itself (at most max bytes). */
void cg_text_key(cg_text *t, const char *s, size_t len, size_t max, cg_lang lang);

/* Appends message id in lang; arg(t, i, ctx) appends its i-th argument. */
typedef void (*cg_text_arg_fn)(cg_text *t, unsigned i, void *ctx);
void cg_text_message(cg_text *t, cg_message_id id, cg_lang lang, cg_text_arg_fn arg, void *ctx);

/* Length of the valid UTF-8 sequence at s[0..len), 0 when invalid. */
size_t cg_utf8_seq(const unsigned char *s, size_t len);

#endif
