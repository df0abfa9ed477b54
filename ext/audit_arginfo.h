/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 655733aff9aac5d1402ff2471bcf2933dc28e91e */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_CrmGuard_Audit___construct, 0, 0, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_CrmGuard_Audit_checkName, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, value, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_CrmGuard_Audit_checkPhone, 0, 1, IS_STRING, 1)
	ZEND_ARG_TYPE_INFO(0, value, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_CrmGuard_Audit_scan, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_OBJ_INFO(0, db, CrmGuard\\Connection, 0)
	ZEND_ARG_TYPE_MASK(0, sql, MAY_BE_STRING|MAY_BE_ARRAY, NULL)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, params, IS_ARRAY, 0, "[]")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, keep, IS_LONG, 1, "null")
ZEND_END_ARG_INFO()


ZEND_METHOD(CrmGuard_Audit, __construct);
ZEND_METHOD(CrmGuard_Audit, checkName);
ZEND_METHOD(CrmGuard_Audit, checkPhone);
ZEND_METHOD(CrmGuard_Audit, scan);


static const zend_function_entry class_CrmGuard_Audit_methods[] = {
	ZEND_ME(CrmGuard_Audit, __construct, arginfo_class_CrmGuard_Audit___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(CrmGuard_Audit, checkName, arginfo_class_CrmGuard_Audit_checkName, ZEND_ACC_PUBLIC)
	ZEND_ME(CrmGuard_Audit, checkPhone, arginfo_class_CrmGuard_Audit_checkPhone, ZEND_ACC_PUBLIC)
	ZEND_ME(CrmGuard_Audit, scan, arginfo_class_CrmGuard_Audit_scan, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_CrmGuard_Audit(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "CrmGuard", "Audit", class_CrmGuard_Audit_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}
