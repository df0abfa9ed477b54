<?php
declare(strict_types=1);

namespace Espo\Modules\CrmGuard\Hooks\Account;

use Espo\Core\Exceptions\Error\Body;
use Espo\Core\Exceptions\Forbidden;
use Espo\Core\Hook\Hook\BeforeSave;
use Espo\Entities\User;
use Espo\Modules\CrmGuard\Tools\GuardProvider;
use Espo\ORM\Entity;
use Espo\ORM\Repository\Option\SaveOptions;

/**
 * Company status (cCrmguardStatus): a new company — typed in, imported, or made by a lead
 * conversion (ConvertService creates the Account through the record service, so this ORM hook
 * sees it) — gets the default status 'waiting'; any other status, on create or on change, must
 * pass CrmGuard\Rules::checkStatusChange (the responsible manager's supervisor or an admin),
 * otherwise the save is refused with a 403 whose message the UI shows and the form keeps what
 * the user typed.  EspoCRM's own system user (workflows, jobs) is not a person and not checked.
 */
class CrmGuardStatus implements BeforeSave
{
    public static int $order = 20;

    private const FIELD = 'cCrmguardStatus';

    public function __construct(
        private GuardProvider $guard,
        private User $user,
    ) {}

    /** @throws Forbidden */
    public function beforeSave(Entity $entity, SaveOptions $options): void
    {
        $to = $entity->get(self::FIELD);
        if ($entity->isNew()) {
            $from = null;
            $assignedUserId = $entity->get('assignedUserId');
        } elseif ($entity->isAttributeChanged(self::FIELD)) {
            $from = $entity->getFetched(self::FIELD);
            // The manager responsible until now: their supervisor decides, even when the same
            // save reassigns the company.
            $assignedUserId = $entity->getFetched('assignedUserId') ?? $entity->get('assignedUserId');
        } else {
            return;
        }
        $guard = $this->guard->get();
        if ($to === null || $to === '') {
            if ($from === null || $from === '') {
                $entity->set(self::FIELD, $guard->defaultStatus());
                return;
            }
            $to = $guard->defaultStatus(); // clearing means going back to the default: a change like any other
            $entity->set(self::FIELD, $to);
        }
        if ($from === null && $to === $guard->defaultStatus()) {
            return;
        }
        if ($this->user->isSystem()) {
            return;
        }
        $verdict = $guard->checkStatus($from, (string) $to, $this->user->getId(), $assignedUserId, $this->guard->lang());
        if (!$verdict['allowed']) {
            throw Forbidden::createWithBody($verdict['message'], Body::create()->withMessage($verdict['message']));
        }
    }
}
