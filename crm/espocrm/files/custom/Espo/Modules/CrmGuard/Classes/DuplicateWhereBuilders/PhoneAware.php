<?php
declare(strict_types=1);

namespace Espo\Modules\CrmGuard\Classes\DuplicateWhereBuilders;

use Espo\Classes\DuplicateWhereBuilders\General;
use Espo\Core\Duplicate\WhereBuilder;
use Espo\Modules\CrmGuard\Tools\PhoneDuplicateCheck;
use Espo\ORM\Entity;
use Espo\ORM\Name\Attribute;
use Espo\ORM\Query\Part\Condition as Cond;
use Espo\ORM\Query\Part\WhereItem;

/**
 * The duplicate where-builder of Contact, Lead and Account (recordDefs
 * duplicateWhereBuilderClassName, which replaces EspoCRM's General): what General checks
 * (Classes/DuplicateWhereBuilders/General.php: the scope's duplicateCheckFieldList, name and
 * email), OR the records of this entity type that hold one of the record's numbers, normalized,
 * in crmguard's phone index.  EspoCRM's Finder (Core/Duplicate/Finder.php 91-139) lists only
 * records of the same type, so this serves its callers that are not the edit form: lead
 * conversion (Modules/Crm/Tools/Lead/ConvertService.php 553-606) and the importer's duplicate
 * flag (Record\Service::checkIsDuplicate); the form's create and update go through
 * PhoneDuplicateOnCreate / OnUpdate first, which list holders of every type with their verdict.
 *
 * On update (recordDefs updateDuplicateCheck, Record/Service.php 787-791) only the numbers are
 * checked, and only when they changed: General's name check would stop every later save of
 * a record that shares a name.
 */
class PhoneAware implements WhereBuilder
{
    public function __construct(
        private General $general,
        private PhoneDuplicateCheck $check,
    ) {}

    public function build(Entity $entity): ?WhereItem
    {
        $general = $entity->isNew() ? $this->general->build($entity) : null;
        $ids = [];
        foreach ($this->check->holders($entity) as $card) {
            foreach ($card['matches'] as $m) {
                if ($m['entity_type'] === $entity->getEntityType()) {
                    $ids[$m['entity_id']] = true;
                }
            }
        }
        if ($ids === []) {
            return $general;
        }
        $phones = Cond::in(Cond::column(Attribute::ID), array_map('strval', array_keys($ids)));
        return $general === null ? $phones : Cond::or($general, $phones);
    }
}
