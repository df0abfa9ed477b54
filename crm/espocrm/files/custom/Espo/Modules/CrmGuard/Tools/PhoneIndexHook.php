<?php
declare(strict_types=1);

namespace Espo\Modules\CrmGuard\Tools;

use Espo\Core\Hook\Hook\AfterRemove;
use Espo\Core\Hook\Hook\AfterSave;
use Espo\ORM\Entity;
use Espo\ORM\Repository\Option\RemoveOptions;
use Espo\ORM\Repository\Option\SaveOptions;

/**
 * Keeps crmguard's phone index in step with a lead, contact or account: after every save
 * (phones, conversion, restore) and removal the record's rows are rebuilt from the CRM tables.
 * Runs after EspoCRM's own phone-number saver (Hooks/Common/FieldProcessing, order -11), so the
 * entity_phone_number rows it reads are already written.
 */
abstract class PhoneIndexHook implements AfterSave, AfterRemove
{
    public static int $order = 20;

    public function __construct(private GuardProvider $guard) {}

    public function afterSave(Entity $entity, SaveOptions $options): void
    {
        $this->guard->get()->reindex($entity->getEntityType(), $entity->getId());
    }

    public function afterRemove(Entity $entity, RemoveOptions $options): void
    {
        $this->guard->get()->reindex($entity->getEntityType(), $entity->getId());
    }
}
