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

/*
 * The PHP values of $params (argument arg_num) as core values for cg_db_query()
 * (strings point into the zvals); NULL when empty, else to efree().  Anything
 * but null, bool, int, float or string: a TypeError thrown and (cg_db_value *) -1.
 */
cg_db_value *crmguard_params(HashTable *params, size_t *count, uint32_t arg_num);

/* Persistent links alive in this process (for phpinfo()). */
zend_long crmguard_connection_persistent_count(void);

#endif
