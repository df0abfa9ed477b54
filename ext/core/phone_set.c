#include "phone_set.h"

#include <stdlib.h>

/* A 64-bit finaliser (MurmurHash3 fmix64): phone keys share long prefixes,
 * so the low bits need mixing before they pick a slot. */
static uint64_t mix(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	k *= 0xc4ceb9fe1a85ec53ULL;
	k ^= k >> 33;
	return k;
}

int cg_phone_set_init(cg_phone_set *set, size_t expected)
{
	size_t cap = 64;

	while (cap < expected * 2 && cap < ((size_t)1 << 40))
		cap *= 2;
	set->slots = calloc(cap, sizeof *set->slots);
	set->cap = set->slots ? cap : 0;
	set->count = 0;
	return set->slots ? 0 : -1;
}

void cg_phone_set_free(cg_phone_set *set)
{
	free(set->slots);
	set->slots = NULL;
	set->cap = set->count = 0;
}

static cg_phone_slot *slot_for(cg_phone_slot *slots, size_t cap, uint64_t key)
{
	size_t mask = cap - 1, i = (size_t)mix(key) & mask;

	while (slots[i].key != 0 && slots[i].key != key)
		i = (i + 1) & mask;
	return &slots[i];
}

static int grow(cg_phone_set *set)
{
	size_t cap = set->cap * 2, i;
	cg_phone_slot *slots = calloc(cap, sizeof *slots);

	if (!slots)
		return -1;
	for (i = 0; i < set->cap; i++) {
		if (set->slots[i].key != 0)
			*slot_for(slots, cap, set->slots[i].key) = set->slots[i];
	}
	free(set->slots);
	set->slots = slots;
	set->cap = cap;
	return 0;
}

int cg_phone_set_add(cg_phone_set *set, uint64_t key, uint64_t value, uint64_t *existing)
{
	cg_phone_slot *slot;

	if (key == 0 || !set->slots)
		return -1;
	slot = slot_for(set->slots, set->cap, key);
	if (slot->key == key) {
		if (existing)
			*existing = slot->value;
		return 0;
	}
	if ((set->count + 1) * 2 > set->cap) {
		if (grow(set) < 0)
			return -1;
		slot = slot_for(set->slots, set->cap, key);
	}
	slot->key = key;
	slot->value = value;
	set->count++;
	return 1;
}

int cg_phone_set_find(const cg_phone_set *set, uint64_t key, uint64_t *value)
{
	const cg_phone_slot *slot;

	if (key == 0 || !set->slots)
		return 0;
	slot = slot_for(set->slots, set->cap, key);
	if (slot->key != key)
		return 0;
	if (value)
		*value = slot->value;
	return 1;
}

size_t cg_phone_set_bytes(const cg_phone_set *set)
{
	return set->cap * sizeof *set->slots;
}
