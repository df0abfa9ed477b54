<?php
declare(strict_types=1);

namespace Espo\Modules\CrmGuard\Hooks\Opportunity;

use Espo\Core\Exceptions\BadRequest;
use Espo\Core\Exceptions\Error\Body;
use Espo\Core\Hook\Hook\AfterSave;
use Espo\Core\Hook\Hook\BeforeSave;
use Espo\Entities\User;
use Espo\Modules\CrmGuard\Tools\GuardProvider;
use Espo\ORM\Entity;
use Espo\ORM\Repository\Option\SaveOptions;

/**
 * Deal stages New -> Calling -> Closed Won (Success) / Closed Lost (Failure, with a failure
 * reason): before save a new deal, a stage change or a changed failure reason must pass
 * CrmGuard\Rules::checkStageChange (which also keeps a Closed Lost deal from losing its reason),
 * or the save is refused with a 400 whose message the UI shows (the edit form stays open with
 * everything typed); after save every accepted stage change is written to crmguard_stage_log.
 * ORM hooks, so EspoCRM's importer, API and workflows are held to the same rules.
 */
class CrmGuardStage implements BeforeSave, AfterSave
{
    public static int $order = 20;

    private const REASON = 'cCrmguardFailureReason';

    public function __construct(
        private GuardProvider $guard,
        private User $user,
    ) {}

    /** @throws BadRequest */
    public function beforeSave(Entity $entity, SaveOptions $options): void
    {
        if (!$this->stageChanged($entity) && !$entity->isAttributeChanged(self::REASON)) {
            return;
        }
        $verdict = $this->guard->get()->checkStage(
            $entity->isNew() ? null : $entity->getFetched('stage'),
            (string) $entity->get('stage'),
            $entity->get(self::REASON),
            $this->guard->lang(),
            $this->user->getId(),
        );
        if (!$verdict['allowed']) {
            throw BadRequest::createWithBody($verdict['message'], Body::create()->withMessage($verdict['message']));
        }
    }

    public function afterSave(Entity $entity, SaveOptions $options): void
    {
        if (!$this->stageChanged($entity)) {
            return;
        }
        $this->guard->get()->logStage(
            $entity->getId(),
            $this->user->getId(),
            $entity->isNew() ? null : $entity->getFetched('stage'),
            (string) $entity->get('stage'),
            $entity->get(self::REASON),
        );
    }

    private function stageChanged(Entity $entity): bool
    {
        return ($entity->isNew() || $entity->isAttributeChanged('stage'))
            && (string) $entity->get('stage') !== '';
    }
}
