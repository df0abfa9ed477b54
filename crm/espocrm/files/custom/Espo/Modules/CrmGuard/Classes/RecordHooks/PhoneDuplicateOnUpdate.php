<?php
declare(strict_types=1);

namespace Espo\Modules\CrmGuard\Classes\RecordHooks;

use Espo\Core\Record\UpdateParams;
use Espo\Core\Record\Hook\UpdateHook;
use Espo\Modules\CrmGuard\Tools\PhoneDuplicateCheck;
use Espo\ORM\Entity;

/**
 * recordDefs earlyBeforeUpdateHookClassNameList of Contact, Lead and Account: runs in
 * Record\Service::update() after set($data) and before validation and the duplicate check
 * (Core/Record/Service.php 9.2.7 775-791), see PhoneDuplicateCheck::process().
 *
 * @implements UpdateHook<Entity>
 */
class PhoneDuplicateOnUpdate implements UpdateHook
{
    public function __construct(private PhoneDuplicateCheck $check) {}

    public function process(Entity $entity, UpdateParams $params): void
    {
        $this->check->process($entity, $params->skipDuplicateCheck());
    }
}
