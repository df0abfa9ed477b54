<?php
declare(strict_types=1);

namespace Espo\Modules\CrmGuard\Tools;

use Espo\Core\Hook\Hook\BeforeSave;
use Espo\ORM\Entity;
use Espo\ORM\Repository\Option\SaveOptions;

/**
 * ORM beforeSave of Lead, Contact and Account: the red rule of the phone duplicate check on every
 * save, also those that skip EspoCRM's duplicate check (X-Skip-Duplicate-Check, lead
 * conversion) or never pass the record service (the importer, workflows, scripts): see
 * PhoneDuplicateCheck.  Runs before the phone-number saver (Hooks/Common/FieldProcessing is an
 * afterSave), so a refused number is never stored.
 */
abstract class PhoneDuplicateHook implements BeforeSave
{
    public static int $order = 5;

    public function __construct(private PhoneDuplicateCheck $check) {}

    public function beforeSave(Entity $entity, SaveOptions $options): void
    {
        $this->check->processSave($entity);
    }
}
