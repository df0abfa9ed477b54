/*
 * crmguard — the PHP extension's module header.
 *
 * Everything crmguard knows lives in ext/core (plain C); the files beside this
 * one only turn PHP values into core calls and core results into PHP values.
 */
#ifndef PHP_CRMGUARD_H
#define PHP_CRMGUARD_H

extern zend_module_entry crmguard_module_entry;
#define phpext_crmguard_ptr &crmguard_module_entry

#define PHP_CRMGUARD_VERSION "0.2.0"

/* CrmGuard\Exception (extends RuntimeException) and its subclasses. */
extern zend_class_entry *crmguard_ce_exception;
extern zend_class_entry *crmguard_ce_db_exception;
extern zend_class_entry *crmguard_ce_csv_exception;

/* Class families: each registers its classes (ext/<family>.c). */
void crmguard_minit_connection(int module_number);
void crmguard_minit_audit(void);
void crmguard_minit_rules(void);
void crmguard_minit_phone_index(void);
void crmguard_minit_importer(void);

/* The "region" option of an options array (Audit, PhoneIndex, Importer): the
 * region's index (cg_region_find), or -1 with a ValueError thrown on argument
 * arg_num when it is not a string naming a known region. */
int crmguard_region_option(const zval *value, uint32_t arg_num);

#if defined(ZTS) && defined(COMPILE_DL_CRMGUARD)
ZEND_TSRMLS_CACHE_EXTERN()
#endif

#endif /* PHP_CRMGUARD_H */
