<?php
declare(strict_types=1);

namespace Espo\Modules\CrmGuard\Hooks\Call;

use Espo\Core\Hook\Hook\BeforeSave;
use Espo\Entities\User;
use Espo\Modules\CrmGuard\Tools\GuardProvider;
use Espo\ORM\Entity;
use Espo\ORM\Repository\Option\SaveOptions;

/**
 * The call card colour (cCrmguardCardColor: red, yellow, blue, none — shown as a coloured label
 * by the enum's style) and the number's owner (cCrmguardCardOwner), for the call's assigned user
 * (else the user saving it): computed from the number of the call's parent lead, contact or
 * account, else of its account, when the call is created or its parent or user changes.
 */
class CrmGuardCardColor implements BeforeSave
{
    public static int $order = 20;

    public function __construct(
        private GuardProvider $guard,
        private User $user,
    ) {}

    public function beforeSave(Entity $entity, SaveOptions $options): void
    {
        if (!$entity->isNew()
            && !$entity->isAttributeChanged('parentId')
            && !$entity->isAttributeChanged('parentType')
            && !$entity->isAttributeChanged('accountId')
            && !$entity->isAttributeChanged('assignedUserId')) {
            return;
        }
        $card = $this->guard->get()->cardForRecords(
            [
                [$entity->get('parentType'), $entity->get('parentId')],
                ['Account', $entity->get('accountId')],
            ],
            $entity->get('assignedUserId') ?: $this->user->getId(),
        );
        $entity->set('cCrmguardCardColor', $card['color']);
        $entity->set('cCrmguardCardOwnerId', $card['owner_id']);
        $entity->set('cCrmguardCardOwnerName', $card['owner_name']);
    }
}
