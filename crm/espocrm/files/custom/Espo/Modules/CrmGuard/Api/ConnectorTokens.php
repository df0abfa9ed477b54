<?php
declare(strict_types=1);

namespace Espo\Modules\CrmGuard\Api;

use CrmGuard\Telephony\Tokens;
use Espo\Core\Api\Action;
use Espo\Core\Api\Request;
use Espo\Core\Api\Response;
use Espo\Core\Api\ResponseComposer;
use Espo\Core\Exceptions\NotFound;
use Espo\Entities\User;
use Espo\Modules\CrmGuard\Tools\GuardProvider;
use Espo\Modules\CrmGuard\Tools\Refusal;

/**
 * Administration > crmguard > Connector Tokens (adminPanel.json; the client view
 * crm-guard:views/admin/connector-tokens) over these routes (routes.json), admins only:
 *   GET    /api/v1/CrmGuard/connectorTokens        {list: [{name, userId, userName, createdAt, lastUsedAt}],
 *                                                    users: [{id, userName, name}] (the active users a token may read as)}
 *   POST   /api/v1/CrmGuard/connectorTokens        {name, userId} -> {name, token}: the token, this once
 *   DELETE /api/v1/CrmGuard/connectorTokens/:name  -> {name, revoked: true}; 404 for no such token
 * Everything goes through CrmGuard\Telephony\Tokens, the code of `crmguard token`.  Not an admin:
 * 403 (EspoCRM has no admin-only flag for a route; its own admin actions check isAdmin() the same
 * way).  The token is in no log and no message; only its SHA-256 is stored.
 */
class ConnectorTokens implements Action
{
    public function __construct(
        private GuardProvider $guard,
        private User $user,
    ) {}

    public function process(Request $request): Response
    {
        if (!$this->user->isAdmin()) {
            throw Refusal::forbidden('crmguard: only an administrator may manage connector tokens.');
        }
        $db = $this->guard->get()->connection();
        $tokens = new Tokens($db);
        switch ($request->getMethod()) {
            case 'POST':
                $data = json_decode((string) $request->getBodyContents(), true);
                $name = is_array($data) && is_string($data['name'] ?? null) ? $data['name'] : '';
                $userId = is_array($data) && is_string($data['userId'] ?? null) ? $data['userId'] : '';
                try {
                    $token = $tokens->create($name, $userId, 'espocrm');
                } catch (\InvalidArgumentException $e) {
                    throw Refusal::badRequest($e->getMessage());
                }
                return ResponseComposer::json(['name' => $name, 'token' => $token])->setHeader('Cache-Control', 'no-store');
            case 'DELETE':
                $name = (string) $request->getRouteParam('name');
                if (!$tokens->revoke($name)) {
                    throw new NotFound("crmguard: no connector token named '" . substr((string) preg_replace('/[^\x20-\x7e]/', '?', $name), 0, 64) . "'.");
                }
                return ResponseComposer::json(['name' => $name, 'revoked' => true]);
            default:
                $users = [];
                foreach ($db->query("SELECT id, user_name, first_name, last_name, type, deleted = 0 AND is_active = 1 AS active FROM `user`
                        WHERE type IN ('regular', 'admin', 'api') ORDER BY user_name") as $u) {
                    $users[(string) $u['id']] = $u;
                }
                $name = static fn (array $u): string => trim($u['first_name'] . ' ' . $u['last_name']);
                return ResponseComposer::json([
                    'list' => array_map(static fn (array $t): array => [
                        'name' => $t['name'],
                        'userId' => $t['user_id'],
                        'userName' => isset($users[$t['user_id']]) ? (string) $users[$t['user_id']]['user_name'] : null,
                        'createdAt' => $t['created_at'],
                        'lastUsedAt' => $t['last_used_at'],
                    ], $tokens->list()),
                    'users' => array_values(array_map(static fn (array $u): array => ['id' => (string) $u['id'],
                        'userName' => (string) $u['user_name'], 'name' => $name($u)], array_filter($users, static fn (array $u): bool => (bool) $u['active']))),
                ]);
        }
    }
}
