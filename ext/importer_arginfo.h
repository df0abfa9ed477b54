/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 8f625eb7d0a17eeb9090d24a744a734fdcb45923 */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_CrmGuard_Importer___construct, 0, 0, 2)
	ZEND_ARG_OBJ_INFO(0, db, CrmGuard\\Connection, 0)
	ZEND_ARG_TYPE_INFO(0, crm, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_CrmGuard_Importer_run, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, csvPath, IS_STRING, 0)
ZEND_END_ARG_INFO()


ZEND_METHOD(CrmGuard_Importer, __construct);
ZEND_METHOD(CrmGuard_Importer, run);


static const zend_function_entry class_CrmGuard_Importer_methods[] = {
	ZEND_ME(CrmGuard_Importer, __construct, arginfo_class_CrmGuard_Importer___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(CrmGuard_Importer, run, arginfo_class_CrmGuard_Importer_run, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_CrmGuard_Importer(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "CrmGuard", "Importer", class_CrmGuard_Importer_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}
