/*
 * CrmGuard\Connection — Zend glue over ext/core/db.c, for the other classes'
 * glue (PhoneIndex, Importer, Rules ...).
 */
#ifndef CRMGUARD_CONNECTION_H
#define CRMGUARD_CONNECTION_H

#include "php.h"
#include "core/db.h"

extern zend_class_entry *crmguard_ce_connection;

/*
 * The open connection of a CrmGuard\Connection object; NULL with a
 * DbException thrown when it was closed.
 */
cg_db *crmguard_connection_db(zval *connection);

/* Throws CrmGuard\DbException with the core's message (never a password)
 * and the server's error number as its code. */
void crmguard_throw_db_error(const cg_db_error *err);

/* Persistent links alive in this process (for phpinfo()). */
zend_long crmguard_connection_persistent_count(void);

#endif
