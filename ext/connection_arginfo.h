/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 2ba66bd432982a6e9e6db3a0e55b15ae60b1e318 */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_CrmGuard_Connection___construct, 0, 0, 1)
	ZEND_ARG_TYPE_INFO(0, dsn, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_CrmGuard_Connection_query, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, sql, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, params, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_CrmGuard_Connection_each, 0, 3, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, sql, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, params, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, row, IS_CALLABLE, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_CrmGuard_Connection_exec, 0, 1, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, sql, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, params, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_CrmGuard_Connection_execScript, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, sql, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_CrmGuard_Connection_close, 0, 0, IS_VOID, 0)
ZEND_END_ARG_INFO()


ZEND_METHOD(CrmGuard_Connection, __construct);
ZEND_METHOD(CrmGuard_Connection, query);
ZEND_METHOD(CrmGuard_Connection, each);
ZEND_METHOD(CrmGuard_Connection, exec);
ZEND_METHOD(CrmGuard_Connection, execScript);
ZEND_METHOD(CrmGuard_Connection, close);


static const zend_function_entry class_CrmGuard_Connection_methods[] = {
	ZEND_ME(CrmGuard_Connection, __construct, arginfo_class_CrmGuard_Connection___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(CrmGuard_Connection, query, arginfo_class_CrmGuard_Connection_query, ZEND_ACC_PUBLIC)
	ZEND_ME(CrmGuard_Connection, each, arginfo_class_CrmGuard_Connection_each, ZEND_ACC_PUBLIC)
	ZEND_ME(CrmGuard_Connection, exec, arginfo_class_CrmGuard_Connection_exec, ZEND_ACC_PUBLIC)
	ZEND_ME(CrmGuard_Connection, execScript, arginfo_class_CrmGuard_Connection_execScript, ZEND_ACC_PUBLIC)
	ZEND_ME(CrmGuard_Connection, close, arginfo_class_CrmGuard_Connection_close, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_CrmGuard_Connection(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "CrmGuard", "Connection", class_CrmGuard_Connection_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;


	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "__construct", sizeof("__construct") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	return class_entry;
}
