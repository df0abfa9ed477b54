<?php
declare(strict_types=1);

namespace Espo\Modules\CrmGuard\Classes\RecordHooks;

use Espo\Core\Record\CreateParams;
use Espo\Core\Record\Hook\CreateHook;
use Espo\Modules\CrmGuard\Tools\PhoneDuplicateCheck;
use Espo\ORM\Entity;

/**
 * recordDefs earlyBeforeCreateHookClassNameList of Contact, Lead and Account: runs in
 * Record\Service::create() after set($data) and before validation and the duplicate check
 * (Core/Record/Service.php 9.2.7 687-699), see PhoneDuplicateCheck::process().
 *
 * @implements CreateHook<Entity>
 */
class PhoneDuplicateOnCreate implements CreateHook
{
    public function __construct(private PhoneDuplicateCheck $check) {}

    public function process(Entity $entity, CreateParams $params): void
    {
        $this->check->process($entity, $params->skipDuplicateCheck());
    }
}
