/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 30f6a34b60de8aec1d0e134bd5ae4b8ddd75fcb0 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_CrmGuard_normalize_phone, 0, 1, IS_STRING, 1)
	ZEND_ARG_TYPE_INFO(0, raw, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, region, IS_STRING, 0, "\'RU\'")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_CrmGuard_normalize_phones, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, raw, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, region, IS_STRING, 0, "\'RU\'")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_CrmGuard_parse_phone, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, raw, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, region, IS_STRING, 0, "\'RU\'")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_CrmGuard_extract_phones, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, text, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, region, IS_STRING, 0, "\'RU\'")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_CrmGuard_csv_cell, 0, 1, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, cell, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_CrmGuard_message_language, 0, 1, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, tag, IS_STRING, 0)
ZEND_END_ARG_INFO()


ZEND_FUNCTION(CrmGuard_normalize_phone);
ZEND_FUNCTION(CrmGuard_normalize_phones);
ZEND_FUNCTION(CrmGuard_parse_phone);
ZEND_FUNCTION(CrmGuard_extract_phones);
ZEND_FUNCTION(CrmGuard_csv_cell);
ZEND_FUNCTION(CrmGuard_message_language);


static const zend_function_entry ext_functions[] = {
	ZEND_NS_FALIAS("CrmGuard", normalize_phone, CrmGuard_normalize_phone, arginfo_CrmGuard_normalize_phone)
	ZEND_NS_FALIAS("CrmGuard", normalize_phones, CrmGuard_normalize_phones, arginfo_CrmGuard_normalize_phones)
	ZEND_NS_FALIAS("CrmGuard", parse_phone, CrmGuard_parse_phone, arginfo_CrmGuard_parse_phone)
	ZEND_NS_FALIAS("CrmGuard", extract_phones, CrmGuard_extract_phones, arginfo_CrmGuard_extract_phones)
	ZEND_NS_FALIAS("CrmGuard", csv_cell, CrmGuard_csv_cell, arginfo_CrmGuard_csv_cell)
	ZEND_NS_FALIAS("CrmGuard", message_language, CrmGuard_message_language, arginfo_CrmGuard_message_language)
	ZEND_FE_END
};


static const zend_function_entry class_CrmGuard_Exception_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_CrmGuard_DbException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_CrmGuard_CsvException_methods[] = {
	ZEND_FE_END
};

static zend_class_entry *register_class_CrmGuard_Exception(zend_class_entry *class_entry_RuntimeException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "CrmGuard", "Exception", class_CrmGuard_Exception_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RuntimeException);
	class_entry->ce_flags |= ZEND_ACC_NO_DYNAMIC_PROPERTIES;

	return class_entry;
}

static zend_class_entry *register_class_CrmGuard_DbException(zend_class_entry *class_entry_CrmGuard_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "CrmGuard", "DbException", class_CrmGuard_DbException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_CrmGuard_Exception);
	class_entry->ce_flags |= ZEND_ACC_NO_DYNAMIC_PROPERTIES;

	return class_entry;
}

static zend_class_entry *register_class_CrmGuard_CsvException(zend_class_entry *class_entry_CrmGuard_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "CrmGuard", "CsvException", class_CrmGuard_CsvException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_CrmGuard_Exception);
	class_entry->ce_flags |= ZEND_ACC_NO_DYNAMIC_PROPERTIES;

	return class_entry;
}
