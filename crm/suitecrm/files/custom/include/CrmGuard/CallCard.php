<?php
/*
 * Entry point crmguardCallCard (registered with 'auth' => true in EntryPointRegistry, so SuiteCRM
 * only runs it for a logged-in session):
 *   index.php?entryPoint=crmguardCallCard&phone=...&userId=...
 * answers CrmGuard\PhoneIndex::lookup() as JSON.  The session's user needs view access to Calls;
 * asking for another user than itself (userId) needs an administrator.  userId defaults to the
 * session's user.  Errors: 400 bad phone, 403 no access, 503 crmguard unavailable, each as
 * {"error": "..."}.
 */
if (!defined('sugarEntry') || !sugarEntry) {
    die('Not A Valid Entry Point');
}

require_once __DIR__ . '/SuiteGuard.php';

(static function (): void {
    global $current_user;
    $respond = static function (int $status, array $body): void {
        if (!headers_sent()) {
            http_response_code($status);
            header('Content-Type: application/json; charset=utf-8');
        }
        echo json_encode($body, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION), "\n";
    };
    if (!ACLController::checkAccess('Calls', 'view', true)) {
        $respond(403, ['error' => 'crmguard: no access to Calls']);
        return;
    }
    $userId = (string) ($_GET['userId'] ?? '');
    if ($userId === '') {
        $userId = (string) $current_user->id;
    }
    if ($userId !== (string) $current_user->id && !is_admin($current_user)) {
        $respond(403, ['error' => "crmguard: only an administrator may look up calls for user '$userId'"]);
        return;
    }
    try {
        $respond(200, CrmGuardSuite::guard()->callCard((string) ($_GET['phone'] ?? ''), $userId,
            CrmGuardSuite::lang()));
    } catch (\CrmGuard\Crm\BadInput $e) {
        $respond(400, ['error' => $e->getMessage()]);
    } catch (Throwable $e) {
        if (isset($GLOBALS['log'])) {
            $GLOBALS['log']->fatal($e->getMessage());
        }
        $respond(503, ['error' => $e->getMessage()]);
    }
})();
