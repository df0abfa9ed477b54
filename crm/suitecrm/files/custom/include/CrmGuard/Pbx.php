<?php
/*
 * Entry point crmguardPbx (auth false, entrypoints/crmguard.php):
 *   index.php?entryPoint=crmguardPbx&protocol=3cx|text|itoolabs|zadarma
 * the call card for PBXs that cannot log in to SuiteCRM.  The adapter core shared with EspoCRM,
 * CrmGuard\Telephony\Gateway, checks the connector token (`crmguard token create`) and answers
 * in each PBX's own shape; CrmGuardTelephonyHost gives it SuiteCRM's ACL for the token's user and
 * SuiteCRM's beans for the Call records it journals.
 */
if (!defined('sugarEntry') || !sugarEntry) {
    die('Not A Valid Entry Point');
}

require_once __DIR__ . '/SuiteGuard.php';
require_once __DIR__ . '/TelephonyHost.php';

(static function (): void {
    try {
        $gateway = new \CrmGuard\Telephony\Gateway(CrmGuardSuite::guard(), new CrmGuardTelephonyHost());
        $gateway->handle((string) ($_GET['protocol'] ?? ''), \CrmGuard\Telephony\Request::fromGlobals())->send();
    } catch (Throwable $e) {
        // the extension missing or the database down; the message is not echoed (it may name the server)
        \CrmGuard\Telephony\Response::json(503, ['error' => 'crmguard: the call card is unavailable'])->send();
    }
})();
