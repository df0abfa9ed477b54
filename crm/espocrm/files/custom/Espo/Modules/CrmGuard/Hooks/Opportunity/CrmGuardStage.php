<?php
declare(strict_types=1);

namespace Espo\Modules\CrmGuard\Hooks\Opportunity;

use Espo\Core\Exceptions\BadRequest;
use Espo\Core\Hook\Hook\AfterSave;
use Espo\Core\Hook\Hook\BeforeSave;
use Espo\Entities\User;
use Espo\Modules\CrmGuard\Tools\GuardProvider;
use Espo\Modules\CrmGuard\Tools\Refusal;
use Espo\ORM\Entity;
use Espo\ORM\Repository\Option\SaveOptions;

/**
 * Deal stages New -> Calling -> Closed Won (Success) / Closed Lost (Failure, with a failure
 * reason): before save a new deal, a stage change or a changed failure reason is decided by the
 * one rule, CrmGuard\Crm\Guard::dealStage (shared with SuiteCRM), given EspoCRM's own "is new"
 * flag (which also keeps a Closed Lost deal from losing its reason, and a stored deal from losing
 * its stage: an empty stage is refused, a new deal without one starts in New); a refusal is a
 * 400 whose message the UI shows as text (Refusal: escaped for the UI's Markdown; the edit form
 * stays open with everything typed); after save
 * every accepted stage change is written to crmguard_stage_log.  ORM hooks, so EspoCRM's
 * importer, API and workflows are held to the same rules.
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
        $isNew = $entity->isNew();
        if (!$isNew && !$entity->isAttributeChanged('stage') && !$entity->isAttributeChanged(self::REASON)) {
            return;
        }
        $decision = $this->guard->get()->dealStage(
            $isNew,
            $isNew ? null : $entity->getFetched('stage'),
            $entity->get('stage'),
            $entity->get(self::REASON),
            $this->guard->lang(),
            $this->user->getId(),
        );
        if (!$decision['allowed']) {
            throw Refusal::badRequest($decision['message']);
        }
        $entity->set('stage', $decision['stage']);
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
