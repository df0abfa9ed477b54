<?php
declare(strict_types=1);

namespace Espo\Modules\CrmGuard\Hooks\Account;

use Espo\Core\Exceptions\BadRequest;
use Espo\Core\Exceptions\Forbidden;
use Espo\Core\Hook\Hook\BeforeSave;
use Espo\Entities\User;
use Espo\Modules\CrmGuard\Tools\GuardProvider;
use Espo\Modules\CrmGuard\Tools\Refusal;
use Espo\ORM\Entity;
use Espo\ORM\Repository\Option\SaveOptions;

/**
 * Company status (cCrmguardStatus): the status to store and whether its change is allowed come
 * from the one rule, CrmGuard\Crm\Guard::companyStatus (shared with SuiteCRM), given EspoCRM's
 * own "is new" flag.  A new company — typed in, imported, or made by a lead conversion
 * (ConvertService creates the Account through the record service, so this ORM hook sees it) —
 * saved without a status gets the default 'waiting'; an existing one saved with null or '' keeps
 * its status; any other status, on create or on change, needs the responsible manager's
 * supervisor or an admin, otherwise the save is refused with a 403 whose message the UI shows as
 * text (Refusal)
 * and the form keeps what the user typed.  EspoCRM's own system user (workflows, jobs) is not a
 * person and not checked.
 */
class CrmGuardStatus implements BeforeSave
{
    public static int $order = 20;

    private const FIELD = 'cCrmguardStatus';

    public function __construct(
        private GuardProvider $guard,
        private User $user,
    ) {}

    /** @throws Forbidden|BadRequest */
    public function beforeSave(Entity $entity, SaveOptions $options): void
    {
        $isNew = $entity->isNew();
        if (!$isNew && !$entity->isAttributeChanged(self::FIELD)) {
            return; // the status is not part of this save
        }
        $decision = $this->guard->get()->companyStatus(
            $isNew,
            $isNew ? null : $entity->getFetched(self::FIELD),
            $entity->get(self::FIELD),
            $this->user->isSystem() ? null : $this->user->getId(),
            // The manager responsible until now: his supervisor decides, even when this save reassigns.
            $isNew ? $entity->get('assignedUserId') : ($entity->getFetched('assignedUserId') ?? $entity->get('assignedUserId')),
            $this->guard->lang(),
        );
        if (!$decision['allowed']) {
            throw $decision['code'] === 'unknown_status'
                ? Refusal::badRequest($decision['message'])
                : Refusal::forbidden($decision['message']);
        }
        $entity->set(self::FIELD, $decision['status']);
    }
}
