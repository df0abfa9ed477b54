<?php
declare(strict_types=1);

namespace Espo\Modules\CrmGuard\Api;

use CrmGuard\Crm\BadInput;
use Espo\Core\Acl;
use Espo\Core\Api\Action;
use Espo\Core\Api\Request;
use Espo\Core\Api\Response;
use Espo\Core\Api\ResponseComposer;
use Espo\Core\Exceptions\BadRequest;
use Espo\Core\Exceptions\Forbidden;
use Espo\Entities\User;
use Espo\Modules\CrmGuard\Tools\GuardProvider;
use Espo\Modules\CrmGuard\Tools\Refusal;
use Espo\Modules\CrmGuard\Tools\TelephonyHost;

/**
 * GET /api/v1/CrmGuard/callCard?phone=...&userId=... — the call card for telephony connectors:
 * CrmGuard\PhoneIndex::lookup() as JSON (phone, color, verdict, owner_id, owner_name,
 * entity_type, entity_id, company_status, matches).  Behind EspoCRM's authentication (the route
 * is not noAuth; an API user with an API key is the usual connector) and ACL: the user needs
 * read access to Calls, and to ask for another user (userId), EspoCRM's "User Permission" over
 * that user (admins have it).  userId defaults to the authenticated user.
 * The card shows the colour and the responsible manager always, record names and ids only of
 * records the authenticated user may read (CrmGuard\Telephony\CardView, EspoCRM's ACL).
 */
class GetCallCard implements Action
{
    public function __construct(
        private GuardProvider $guard,
        private Acl $acl,
        private User $user,
        private TelephonyHost $host,
    ) {}

    public function process(Request $request): Response
    {
        if (!$this->acl->checkScope('Call')) {
            throw Refusal::forbidden('crmguard: no access to Calls.');
        }
        $phone = (string) $request->getQueryParam('phone');
        $userId = (string) ($request->getQueryParam('userId') ?? '');
        if ($userId === '') {
            $userId = $this->user->getId();
        }
        if (!$this->acl->checkUserPermission($userId)) {
            throw Refusal::forbidden("crmguard: no permission to look up calls for user '$userId'.");
        }
        try {
            $viewer = $this->user->getId();
            $card = \CrmGuard\Telephony\CardView::redact($this->guard->get()->callCard($phone, $userId, $this->guard->lang()),
                fn (string $type, string $id): bool => $this->host->mayRead($viewer, $type, $id), $this->guard->lang());
        } catch (BadInput $e) {
            throw Refusal::badRequest($e->getMessage());
        }
        return ResponseComposer::json($card);
    }
}
