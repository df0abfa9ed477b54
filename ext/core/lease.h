/*
 * Leases: locks that hold across a Galera cluster, as rows of crmguard_lock
 * (sql/<crm>/025_lock.sql) in the CRM's database.  GET_LOCK() holds only on
 * the server that took it: on a cluster two nodes would both grant it.  A
 * lease is taken with one upsert; when two nodes take it at once Galera's
 * certification lets one commit and fails the other with a deadlock (1213),
 * which is "not taken".  A lease ends at lease_until unless its holder renews
 * it, so a killed holder frees it without anyone's help.  The same mechanism
 * serves a single server.  Needs the connection outside a transaction.
 * On a schema without crmguard_lock the lock is GET_LOCK, as before it.
 */
#ifndef CG_LEASE_H
#define CG_LEASE_H

#include "db.h"

#define CG_LEASE_HOLDER_MAX 96

/* A holder id unique to this process and call: host, pid, time and random bits. */
void cg_lease_holder_init(char holder[CG_LEASE_HOLDER_MAX]);

/* Takes the lease `name` for lease_s seconds when it is free, expired or the
 * holder's own (then it renews it).  1 taken, 0 held by another (or lost to
 * another node's take at the same moment), -1 with err. */
int cg_lease_take(cg_db *db, const char *name, const char *holder, int lease_s, cg_db_error *err);

/* Whether someone other than holder (NULL: anyone) holds a live lease `name`: 1, 0, -1 with err. */
int cg_lease_held_by_other(cg_db *db, const char *name, const char *holder, cg_db_error *err);

/* Gives up the lease `name` when holder holds it.  0, -1 with err. */
int cg_lease_release(cg_db *db, const char *name, const char *holder, cg_db_error *err);

/* Whether a server error is a certification failure or deadlock on commit
 * (1213; Galera also answers 1047 "WSREP has not yet prepared node" while a
 * node leaves the primary component, which is not a conflict). */
int cg_lease_error_is_conflict(unsigned code);

#endif
