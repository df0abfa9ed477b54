<?php
/*
 * Entry point crmguardCallCard:
 *   index.php?entryPoint=crmguardCallCard&phone=...&userId=...
 * answers CrmGuard\PhoneIndex::lookup() as JSON for a logged-in SuiteCRM session (a telephony
 * connector logs in, or runs inside the user's browser session).  The session's user needs view
 * access to Calls; asking for another user than itself (userId) needs an administrator.  userId
 * defaults to the session's user.  Errors, each as {"error": "..."}: 401 no valid session,
 * 400 bad phone, 403 no access, 503 crmguard unavailable.
 *
 * Registered with 'auth' => false (entrypoints/crmguard.php), so SuiteCRM does not answer a
 * caller without a session with its 301 to the login page; the session is checked here the way
 * SugarApplication::loadUser() (include/MVC/SugarApplication.php 108-165) checks it, with JSON
 * 401 where it would redirect: a session of this instance (unique_key, 116-144), an
 * authenticated user id (158-165) whose user exists (SugarAuthenticateUser::loadUserOnSession,
 * modules/Users/authentication/SugarAuthenticate/SugarAuthenticateUser.php 132-145), then
 * SuiteCRM's own AuthenticationController::sessionAuthenticate() (loads $current_user, checks
 * the IP and two-factor state as for every page).
 * The card shows the colour and the responsible manager always, record names and ids only of
 * records the session's user may view (CrmGuard\Telephony\CardView; SuiteCRM's ACL through
 * CrmGuardTelephonyHost).
 */
if (!defined('sugarEntry') || !sugarEntry) {
    die('Not A Valid Entry Point');
}

require_once __DIR__ . '/SuiteGuard.php';
require_once __DIR__ . '/TelephonyHost.php';

(static function (): void {
    global $current_user;
    $respond = static function (int $status, array $body): void {
        if (!headers_sent()) {
            http_response_code($status);
            header('Content-Type: application/json; charset=utf-8');
        }
        echo json_encode($body, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION), "\n";
    };
    global $sugar_config;
    $sessionUser = (string) ($_SESSION['authenticated_user_id'] ?? '');
    if ($sessionUser === '' || (string) ($_SESSION['unique_key'] ?? '') !== (string) ($sugar_config['unique_key'] ?? '')) {
        $respond(401, ['error' => 'crmguard: not logged in to SuiteCRM (log in first; the call card needs a SuiteCRM session)']);
        return;
    }
    try {
        $known = CrmGuardSuite::guard()->connection()->query('SELECT id FROM users WHERE id = ? AND deleted = 0', [$sessionUser]) !== [];
    } catch (Throwable $e) {
        $respond(503, ['error' => $e->getMessage()]);
        return;
    }
    if (!$known || !(new AuthenticationController())->sessionAuthenticate() || empty($GLOBALS['current_user']->id)) {
        $respond(401, ['error' => 'crmguard: the SuiteCRM session is no longer valid (log in again)']);
        return;
    }
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
        $viewer = (string) $current_user->id;
        $host = new CrmGuardTelephonyHost();
        $respond(200, \CrmGuard\Telephony\CardView::redact(
            CrmGuardSuite::guard()->callCard((string) ($_GET['phone'] ?? ''), $userId, CrmGuardSuite::lang()),
            static fn (string $type, string $id): bool => $host->mayRead($viewer, $type, $id), CrmGuardSuite::lang()));
    } catch (\CrmGuard\Crm\BadInput $e) {
        $respond(400, ['error' => $e->getMessage()]);
    } catch (Throwable $e) {
        if (isset($GLOBALS['log'])) {
            $GLOBALS['log']->fatal($e->getMessage());
        }
        $respond(503, ['error' => $e->getMessage()]);
    }
})();
