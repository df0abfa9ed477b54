/*
 * A set of phone numbers as 64-bit keys (E.164 digits, cg_phone_key), each
 * with the line where it was first seen: open addressing with linear probing,
 * 16 bytes per slot, grown at half full.  The importer's in-file dedupe: the
 * first row wins, later rows are told its line.  Key 0 is never a phone.
 */
#ifndef CRMGUARD_PHONE_SET_H
#define CRMGUARD_PHONE_SET_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
	uint64_t key;
	uint64_t value; /* the first line, or any payload */
} cg_phone_slot;

typedef struct {
	cg_phone_slot *slots;
	size_t cap;   /* a power of two */
	size_t count;
} cg_phone_set;

/* 0 on success, -1 out of memory.  expected: a hint, 0 for the default. */
int cg_phone_set_init(cg_phone_set *set, size_t expected);
void cg_phone_set_free(cg_phone_set *set);

/*
 * Adds key with value unless present.  Returns 1 when added, 0 when it was
 * there already (*existing then holds its value; may be NULL), -1 out of
 * memory or key 0.
 */
int cg_phone_set_add(cg_phone_set *set, uint64_t key, uint64_t value, uint64_t *existing);

/* 1 and *value when present, else 0. */
int cg_phone_set_find(const cg_phone_set *set, uint64_t key, uint64_t *value);

/* Bytes held (16 per slot, slots grown at half full). */
size_t cg_phone_set_bytes(const cg_phone_set *set);

#endif
