<?php
/*
 * Admin > crmguard connector tokens (index.php?module=Administration&action=CrmGuardTokens):
 * the page behind the Administration panel entry (files/administration/crmguard.php).  Lists the
 * telephony connector tokens (name, the user the connector reads as, created, last used), creates
 * one for a chosen active user (the token is shown once, in this answer only) and revokes one.
 * Everything goes through CrmGuard\Telephony\Tokens, the same code as `crmguard token`.
 *
 * SuiteCRM reaches custom/modules/Administration/CrmGuardTokens.php through its controller's
 * legacy path (include/MVC/Controller/SugarController.php callLegacyCode() 1047-1073 ->
 * action_default(): the classic view, include/MVC/View/views/view.classic.php display() 69-79
 * includes custom/modules/<module>/<action>.php).  Nothing before it refuses a non-admin: the
 * Administration module is not in $adminOnlyList (include/modules.php 283-285, its entry is
 * commented out), each Administration page checks is_admin() itself (modules/Administration/
 * index.php 52-54), so this one does and answers 403.  Changes only by POST, with a per-session
 * form key (a link or a cross-site form cannot revoke); every value printed is HTML-escaped;
 * nothing of a token is logged or kept in the session.
 */
declare(strict_types=1);

require_once __DIR__ . '/SuiteGuard.php';

final class CrmGuardTokenAdmin
{
    public const ACTION = 'CrmGuardTokens';

    public static function page(): void
    {
        global $current_user;
        if (empty($current_user) || !is_admin($current_user)) {
            if (!headers_sent()) {
                http_response_code(403);
            }
            print '<p class="error">' . self::h(self::label('LBL_CRMGUARD_TOKENS_ADMIN_ONLY')) . "</p>\n";
            return;
        }
        if (empty($_SESSION['crmguard_tokens_form_key'])) {
            $_SESSION['crmguard_tokens_form_key'] = bin2hex(random_bytes(16));
        }
        $formKey = (string) $_SESSION['crmguard_tokens_form_key'];
        try {
            $db = CrmGuardSuite::guard()->connection();
            $tokens = new \CrmGuard\Telephony\Tokens($db);
            $notice = $error = '';
            $shown = null; // [name, token] of a token created by this request
            if (($_SERVER['REQUEST_METHOD'] ?? 'GET') === 'POST' && isset($_POST['crmguard_op'])) {
                if (!hash_equals($formKey, (string) ($_POST['crmguard_form_key'] ?? ''))) {
                    if (!headers_sent()) {
                        http_response_code(403);
                    }
                    $error = self::label('LBL_CRMGUARD_TOKENS_FORM_EXPIRED');
                } else {
                    $name = (string) ($_POST['crmguard_name'] ?? '');
                    if ($_POST['crmguard_op'] === 'create') {
                        try {
                            $shown = [$name, $tokens->create($name, (string) ($_POST['crmguard_user'] ?? ''), 'suitecrm')];
                        } catch (\InvalidArgumentException $e) {
                            $error = $e->getMessage();
                        }
                    } elseif ($_POST['crmguard_op'] === 'revoke') {
                        if ($tokens->revoke($name)) {
                            $notice = sprintf(self::label('LBL_CRMGUARD_TOKENS_REVOKED'), $name);
                        } else {
                            $error = sprintf(self::label('LBL_CRMGUARD_TOKENS_UNKNOWN'), $name);
                        }
                    }
                }
            }
            $users = [];
            foreach ($db->query("SELECT id, user_name, first_name, last_name, deleted = 0 AND (status IS NULL OR status = 'Active') AS active
                    FROM users ORDER BY user_name") as $u) {
                $users[(string) $u['id']] = $u;
            }
            print self::render($tokens->list(), $users, $formKey, $notice, $error, $shown);
        } catch (\Throwable $e) {
            // the extension missing or the database down: the message may name the server, so only the log has it
            if (isset($GLOBALS['log'])) {
                $GLOBALS['log']->fatal('crmguard token admin: ' . get_class($e) . ': ' . $e->getMessage());
            }
            if (!headers_sent()) {
                http_response_code(503);
            }
            print '<p class="error">' . self::h(self::label('LBL_CRMGUARD_TOKENS_UNAVAILABLE')) . "</p>\n";
        }
    }

    /**
     * @param list<array{name: string, user_id: string, created_at: string, last_used_at: ?string}> $list
     * @param array<string, array> $users
     * @param ?array{0: string, 1: string} $shown
     */
    private static function render(array $list, array $users, string $formKey, string $notice, string $error, ?array $shown): string
    {
        $l = static fn (string $k): string => self::h(self::label($k));
        $action = 'index.php?module=Administration&amp;action=' . self::ACTION;
        $key = '<input type="hidden" name="crmguard_form_key" value="' . self::h($formKey) . '">';
        $who = static function (string $id) use ($users): string {
            $u = $users[$id] ?? null;
            if ($u === null) {
                return $id;
            }
            $full = trim($u['first_name'] . ' ' . $u['last_name']);
            return $u['user_name'] . ($full !== '' ? " ($full)" : '');
        };
        $html = '<h2>' . $l('LBL_CRMGUARD_TOKENS_TITLE') . "</h2>\n<p>" . $l('LBL_CRMGUARD_TOKENS_HELP') . "</p>\n";
        if ($error !== '') {
            $html .= '<p class="error" id="crmguard-error">' . self::h($error) . "</p>\n";
        }
        if ($notice !== '') {
            $html .= '<p class="msg" id="crmguard-notice">' . self::h($notice) . "</p>\n";
        }
        if ($shown !== null) {
            $html .= '<p class="msg" id="crmguard-created">' . self::h(sprintf(self::label('LBL_CRMGUARD_TOKENS_CREATED'), $shown[0]))
                . '</p><p><input type="text" readonly size="70" id="crmguard-token" value="' . self::h($shown[1]) . "\"></p>\n";
        }
        $html .= '<table class="list view table-responsive" id="crmguard-tokens"><thead><tr><th>' . $l('LBL_CRMGUARD_TOKENS_NAME')
            . '</th><th>' . $l('LBL_CRMGUARD_TOKENS_USER') . '</th><th>' . $l('LBL_CRMGUARD_TOKENS_CREATED_AT') . '</th><th>'
            . $l('LBL_CRMGUARD_TOKENS_LAST_USED') . "</th><th></th></tr></thead><tbody>\n";
        foreach ($list as $t) {
            $html .= '<tr><td>' . self::h($t['name']) . '</td><td>' . self::h($who((string) $t['user_id'])) . '</td><td>'
                . self::h((string) $t['created_at']) . '</td><td>' . self::h($t['last_used_at'] ?? self::label('LBL_CRMGUARD_TOKENS_NEVER'))
                . '</td><td><form method="post" action="' . $action . '">' . $key
                . '<input type="hidden" name="crmguard_op" value="revoke"><input type="hidden" name="crmguard_name" value="' . self::h($t['name'])
                . '"><input type="submit" class="button" value="' . $l('LBL_CRMGUARD_TOKENS_REVOKE') . "\"></form></td></tr>\n";
        }
        if ($list === []) {
            $html .= '<tr><td colspan="5">' . $l('LBL_CRMGUARD_TOKENS_NONE') . "</td></tr>\n";
        }
        $html .= "</tbody></table>\n<h3>" . $l('LBL_CRMGUARD_TOKENS_NEW') . '</h3><form method="post" action="' . $action . '" id="crmguard-create">'
            . $key . '<input type="hidden" name="crmguard_op" value="create"><label>' . $l('LBL_CRMGUARD_TOKENS_NAME')
            . ' <input type="text" name="crmguard_name" maxlength="64" pattern="[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}" required></label> <label>'
            . $l('LBL_CRMGUARD_TOKENS_USER') . ' <select name="crmguard_user" required>';
        foreach ($users as $id => $u) {
            if ($u['active']) {
                $html .= '<option value="' . self::h((string) $id) . '">' . self::h($who((string) $id)) . '</option>';
            }
        }
        return $html . '</select></label> <input type="submit" class="button primary" value="' . $l('LBL_CRMGUARD_TOKENS_CREATE') . "\"></form>\n";
    }

    /** Administration's $mod_strings (the page runs in that module), the key itself when a label is missing. */
    private static function label(string $key): string
    {
        return (string) ($GLOBALS['mod_strings'][$key] ?? $key);
    }

    /** For element content and quoted attribute values. */
    private static function h(string $s): string
    {
        return htmlspecialchars($s, ENT_QUOTES | ENT_SUBSTITUTE | ENT_HTML401, 'UTF-8');
    }
}
