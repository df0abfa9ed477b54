<?php
/*
 * Entry point crmguardDashlet:
 *   index.php?entryPoint=crmguardDashlet&since=YYYY-MM-DD&until=YYYY-MM-DD
 * answers the sales-control dashlet's figures (CrmGuard\Analytics\Dashlet::build(): an admin
 * sees every manager, a supervisor his team — the supervisor rule of $sugar_config
 * ['crmguard_rules'], default reports_to_id — a manager himself) as JSON for the session's user;
 * the dashlet CrmGuardSalesControlDashlet renders it.  Registered with 'auth' => true
 * (entrypoints/crmguard.php): SugarApplication::execute() loads $current_user from the session
 * (include/MVC/SugarApplication.php 88-94) before including this file.  Needs view access to
 * Opportunities.  Links are ListView searches with dates in the user's date format
 * ($current_user->getPreference('datef'), modules/Users/User.php).  Errors as {"error": "..."}:
 * 400 bad date, 403 no access, 503 crmguard unavailable.
 */
if (!defined('sugarEntry') || !sugarEntry) {
    die('Not A Valid Entry Point');
}

require_once __DIR__ . '/SuiteGuard.php';

(static function (): void {
    global $current_user, $sugar_config;
    $respond = static function (int $status, array $body): void {
        if (!headers_sent()) {
            http_response_code($status);
            header('Content-Type: application/json; charset=utf-8');
        }
        echo json_encode($body, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION), "\n";
    };
    if (empty($current_user->id)) {
        $respond(401, ['error' => 'crmguard: not logged in to SuiteCRM']);
        return;
    }
    if (!ACLController::checkAccess('Opportunities', 'view', true)) {
        $respond(403, ['error' => 'crmguard: no access to Opportunities']);
        return;
    }
    $settings = (array) ($sugar_config['crmguard_report'] ?? []);
    $datef = (string) ($current_user->getPreference('datef') ?: 'Y-m-d');
    $params = array_intersect_key($settings, ['sla' => 1, 'stale_days' => 1, 'band' => 1]) + [
        'since' => isset($_GET['since']) ? (string) $_GET['since'] : null,
        'until' => isset($_GET['until']) ? (string) $_GET['until'] : null,
        'lang' => CrmGuardSuite::lang(),
        'date_format' => $datef,
    ];
    try {
        $read = CrmGuardSuite::guard()->reading();
        if ($read->reason !== null && isset($GLOBALS['log'])) {
            $GLOBALS['log']->warn('crmguard: dashlet read from the primary: ' . $read->reason);
        }
        $respond(200, \CrmGuard\Analytics\Dashlet::build($read->connection, 'suitecrm', (string) $current_user->id,
            $params, (array) ($sugar_config['crmguard_rules'] ?? [])) + $read->answer());
    } catch (InvalidArgumentException $e) {
        $respond(400, ['error' => $e->getMessage()]);
    } catch (Throwable $e) {
        if (isset($GLOBALS['log'])) {
            $GLOBALS['log']->fatal($e->getMessage());
        }
        $respond(503, ['error' => $e->getMessage()]);
    }
})();
