/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 0441a6114b56d37e1dcc79afdd0f6311d134a532 */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_CrmGuard_Rules___construct, 0, 0, 2)
	ZEND_ARG_OBJ_INFO(0, db, CrmGuard\\Connection, 0)
	ZEND_ARG_TYPE_INFO(0, crm, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_CrmGuard_Rules_checkStageChange, 0, 3, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, from, IS_STRING, 1)
	ZEND_ARG_TYPE_INFO(0, to, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, failureReason, IS_STRING, 1)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, lang, IS_STRING, 0, "\'en\'")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, actorUserId, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_CrmGuard_Rules_checkStatusChange, 0, 4, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, from, IS_STRING, 1)
	ZEND_ARG_TYPE_INFO(0, to, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, actorUserId, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, assignedUserId, IS_STRING, 1)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, lang, IS_STRING, 0, "\'en\'")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_CrmGuard_Rules_dealStage, 0, 4, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, isNew, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, from, IS_STRING, 1)
	ZEND_ARG_TYPE_INFO(0, to, IS_STRING, 1)
	ZEND_ARG_TYPE_INFO(0, failureReason, IS_STRING, 1)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, lang, IS_STRING, 0, "\'en\'")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, actorUserId, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_CrmGuard_Rules_companyStatus, 0, 5, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, isNew, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, from, IS_STRING, 1)
	ZEND_ARG_TYPE_INFO(0, to, IS_STRING, 1)
	ZEND_ARG_TYPE_INFO(0, actorUserId, IS_STRING, 1)
	ZEND_ARG_TYPE_INFO(0, assignedUserId, IS_STRING, 1)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, lang, IS_STRING, 0, "\'en\'")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_CrmGuard_Rules_defaultStatus, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_CrmGuard_Rules_logStageChange, 0, 5, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, dealId, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, userId, IS_STRING, 1)
	ZEND_ARG_TYPE_INFO(0, from, IS_STRING, 1)
	ZEND_ARG_TYPE_INFO(0, to, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, failureReason, IS_STRING, 1)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_CrmGuard_Rules_stages, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_CrmGuard_Rules_statuses arginfo_class_CrmGuard_Rules_stages

#define arginfo_class_CrmGuard_Rules_failureReasons arginfo_class_CrmGuard_Rules_stages

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_CrmGuard_Rules_label, 0, 1, IS_STRING, 1)
	ZEND_ARG_TYPE_INFO(0, key, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, lang, IS_STRING, 0, "\'en\'")
ZEND_END_ARG_INFO()


ZEND_METHOD(CrmGuard_Rules, __construct);
ZEND_METHOD(CrmGuard_Rules, checkStageChange);
ZEND_METHOD(CrmGuard_Rules, checkStatusChange);
ZEND_METHOD(CrmGuard_Rules, dealStage);
ZEND_METHOD(CrmGuard_Rules, companyStatus);
ZEND_METHOD(CrmGuard_Rules, defaultStatus);
ZEND_METHOD(CrmGuard_Rules, logStageChange);
ZEND_METHOD(CrmGuard_Rules, stages);
ZEND_METHOD(CrmGuard_Rules, statuses);
ZEND_METHOD(CrmGuard_Rules, failureReasons);
ZEND_METHOD(CrmGuard_Rules, label);


static const zend_function_entry class_CrmGuard_Rules_methods[] = {
	ZEND_ME(CrmGuard_Rules, __construct, arginfo_class_CrmGuard_Rules___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(CrmGuard_Rules, checkStageChange, arginfo_class_CrmGuard_Rules_checkStageChange, ZEND_ACC_PUBLIC)
	ZEND_ME(CrmGuard_Rules, checkStatusChange, arginfo_class_CrmGuard_Rules_checkStatusChange, ZEND_ACC_PUBLIC)
	ZEND_ME(CrmGuard_Rules, dealStage, arginfo_class_CrmGuard_Rules_dealStage, ZEND_ACC_PUBLIC)
	ZEND_ME(CrmGuard_Rules, companyStatus, arginfo_class_CrmGuard_Rules_companyStatus, ZEND_ACC_PUBLIC)
	ZEND_ME(CrmGuard_Rules, defaultStatus, arginfo_class_CrmGuard_Rules_defaultStatus, ZEND_ACC_PUBLIC)
	ZEND_ME(CrmGuard_Rules, logStageChange, arginfo_class_CrmGuard_Rules_logStageChange, ZEND_ACC_PUBLIC)
	ZEND_ME(CrmGuard_Rules, stages, arginfo_class_CrmGuard_Rules_stages, ZEND_ACC_PUBLIC)
	ZEND_ME(CrmGuard_Rules, statuses, arginfo_class_CrmGuard_Rules_statuses, ZEND_ACC_PUBLIC)
	ZEND_ME(CrmGuard_Rules, failureReasons, arginfo_class_CrmGuard_Rules_failureReasons, ZEND_ACC_PUBLIC)
	ZEND_ME(CrmGuard_Rules, label, arginfo_class_CrmGuard_Rules_label, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_CrmGuard_Rules(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "CrmGuard", "Rules", class_CrmGuard_Rules_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}
