<?php
// Stand-in for EspoCRM application/Espo/Classes/DuplicateWhereBuilders/General.php (9.2.7 58-150):
// for each field of the scope's duplicateCheckFieldList (Modules/Crm/Resources/metadata/scopes:
// Contact and Lead ["name", "emailAddress"], Account ["name", "emailAddress"]), an OR of
// conditions: a person name is firstName = AND lastName = (applyFieldPersonName, 118-146), a
// varchar name is name = ; null when nothing is to be checked.  (Email is not in these tests.)
namespace Espo\Classes\DuplicateWhereBuilders;

use Espo\Core\Duplicate\WhereBuilder;
use Espo\ORM\Entity;
use Espo\ORM\Query\Part\Condition as Cond;
use Espo\ORM\Query\Part\WhereItem;

class General implements WhereBuilder
{
    public function build(Entity $entity): ?WhereItem
    {
        if ($entity->getEntityType() === 'Account') {
            return $entity->get('name') ? Cond::equal(Cond::column('name'), $entity->get('name')) : null;
        }
        if (!$entity->get('firstName') && !$entity->get('lastName')) {
            return null;
        }
        return Cond::or(Cond::and(Cond::equal(Cond::column('firstName'), $entity->get('firstName')),
            Cond::equal(Cond::column('lastName'), $entity->get('lastName'))));
    }
}
