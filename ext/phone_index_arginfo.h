/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: cb71e09d23006959aaaa909798657af4dc83ab21 */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_CrmGuard_PhoneIndex___construct, 0, 0, 2)
	ZEND_ARG_OBJ_INFO(0, db, CrmGuard\\Connection, 0)
	ZEND_ARG_TYPE_INFO(0, crm, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_CrmGuard_PhoneIndex_rebuild, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_CrmGuard_PhoneIndex_reindex, 0, 2, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, entityType, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, id, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_CrmGuard_PhoneIndex_lookup, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, phone, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, callerUserId, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, lang, IS_STRING, 0, "\'en\'")
ZEND_END_ARG_INFO()


ZEND_METHOD(CrmGuard_PhoneIndex, __construct);
ZEND_METHOD(CrmGuard_PhoneIndex, rebuild);
ZEND_METHOD(CrmGuard_PhoneIndex, reindex);
ZEND_METHOD(CrmGuard_PhoneIndex, lookup);


static const zend_function_entry class_CrmGuard_PhoneIndex_methods[] = {
	ZEND_ME(CrmGuard_PhoneIndex, __construct, arginfo_class_CrmGuard_PhoneIndex___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(CrmGuard_PhoneIndex, rebuild, arginfo_class_CrmGuard_PhoneIndex_rebuild, ZEND_ACC_PUBLIC)
	ZEND_ME(CrmGuard_PhoneIndex, reindex, arginfo_class_CrmGuard_PhoneIndex_reindex, ZEND_ACC_PUBLIC)
	ZEND_ME(CrmGuard_PhoneIndex, lookup, arginfo_class_CrmGuard_PhoneIndex_lookup, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_CrmGuard_PhoneIndex(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "CrmGuard", "PhoneIndex", class_CrmGuard_PhoneIndex_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}
