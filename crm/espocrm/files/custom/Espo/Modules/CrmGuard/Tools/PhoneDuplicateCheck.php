<?php
declare(strict_types=1);

namespace Espo\Modules\CrmGuard\Tools;

use CrmGuard\Crm\Guard;
use CrmGuard\Crm\Phones;
use Espo\Core\Exceptions\ConflictSilent;
use Espo\Core\Exceptions\Forbidden;
use Espo\Core\Utils\Config;
use Espo\Entities\User;
use Espo\ORM\Entity;

/**
 * The phone duplicate check of a Lead, Contact or Account (issue 14), EspoCRM's side of
 * CrmGuard\Crm\Guard::phoneHolders / phoneDuplicateDecision (the one rule, shared with SuiteCRM):
 *
 *  - canonical numbers: with the config parameter crmguardCanonicalPhones (default true) every
 *    number typed is stored in E.164 ("+79123456789", an extension as EspoCRM writes it,
 *    " ext. 12"), read the way crmguard reads Russian habits (`8 912 ...`, `тел. 8(912)...`,
 *    two numbers in one field become two phoneNumberData entries) — before EspoCRM's own
 *    validation, which with phoneNumberInternational refuses those formats
 *    (Classes/FieldValidators/PhoneType.php 183-215);
 *  - the dialog: a number another live lead, contact or company holds stops the save with
 *    EspoCRM's own 409 "duplicate" (Core/Record/Service.php 624-637, the body its client opens
 *    the duplicate modal with), each holder one line with its call-card verdict, followed by
 *    what EspoCRM's Finder finds (General's name and email checks); the user may confirm
 *    (X-Skip-Duplicate-Check, Record/CreateParamsFetcher.php 42-50);
 *  - red: a number held by a company in work with another manager is refused (403) for a
 *    manager whether or not the duplicate check is skipped — the skip header, the legacy
 *    _skipDuplicateCheck, lead conversion's own skip (ConvertService.php 287, 321) and saves
 *    that never pass the record service (the importer, workflows) all meet it, the last through
 *    the ORM hook CrmGuardPhoneDuplicate; the responsible manager's supervisor or an admin may
 *    save.  The CRM's system user is not checked.
 *
 * One statement over crmguard's phone index a save (Guard::phoneHolders keeps its answer for
 * the where-builder and the ORM hook of the same save).
 */
class PhoneDuplicateCheck
{
    public const FIELD = 'phoneNumber';

    public function __construct(
        private GuardProvider $guard,
        private User $user,
        private Config $config,
    ) {}

    /** @throws Forbidden|ConflictSilent */
    public function process(Entity $entity, bool $skipDuplicateCheck): void
    {
        if (!$this->changed($entity)) {
            return;
        }
        $this->canonicalize($entity);
        $cards = $this->holders($entity);
        if ($cards === []) {
            return;
        }
        $this->refuseRed($entity, $cards);
        if ($skipDuplicateCheck) {
            return;
        }
        $list = [];
        foreach ($cards as $card) {
            foreach ($card['matches'] as $m) {
                $list[$m['entity_type'] . ':' . $m['entity_id']] ??= [
                    'id' => $m['entity_id'],
                    'name' => Guard::holderLine($card, $m),
                    '_entityType' => $m['entity_type'],
                    'crmguardColor' => $card['color'],
                    'crmguardVerdict' => $card['verdict'],
                    'crmguardPhone' => $card['phone'],
                ];
            }
        }
        throw ConflictSilent::createWithBody('duplicate', json_encode(array_values($list),
            JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_THROW_ON_ERROR));
    }

    /** The ORM side (hook CrmGuardPhoneDuplicate): the red rule only, for every save. */
    public function processSave(Entity $entity): void
    {
        if (!$this->changed($entity)) {
            return;
        }
        $this->canonicalize($entity);
        $this->refuseRed($entity, $this->holders($entity));
    }

    /**
     * Phone holders of the record's numbers (not the record itself), with their cards; [] when
     * the numbers are not part of this save.
     *
     * @return list<array<string, mixed>>
     */
    public function holders(Entity $entity): array
    {
        if (!$this->changed($entity)) {
            return [];
        }
        return $this->guard->get()->phoneHolders($this->values($entity), $entity->getEntityType(),
            $entity->isNew() ? null : $entity->getId(), $this->actor(), $this->guard->lang());
    }

    private function refuseRed(Entity $entity, array $cards): void
    {
        $decision = $this->guard->get()->phoneDuplicateDecision($cards, $this->actor(), $this->guard->lang());
        if (!$decision['allowed']) {
            throw Refusal::forbidden($decision['message']); // the message as text in EspoCRM's Markdown alert
        }
    }

    private function actor(): ?string
    {
        return $this->user->isSystem() ? null : $this->user->getId();
    }

    private function changed(Entity $entity): bool
    {
        return $entity->isNew()
            || $entity->isAttributeChanged(self::FIELD)
            || $entity->isAttributeChanged(self::FIELD . 'Data');
    }

    /** @return list<?string> */
    private function values(Entity $entity): array
    {
        $values = [$entity->get(self::FIELD)];
        foreach ((array) ($entity->get(self::FIELD . 'Data') ?? []) as $item) {
            $values[] = is_object($item) ? ($item->phoneNumber ?? null) : null;
        }
        return $values;
    }

    /** See the class comment; values crmguard cannot read are left for EspoCRM to judge. */
    private function canonicalize(Entity $entity): void
    {
        if (!($this->config->get('crmguardCanonicalPhones') ?? true)) {
            return;
        }
        $data = $entity->get(self::FIELD . 'Data');
        $primary = $entity->get(self::FIELD);
        if (is_array($data)) {
            $items = [];
            foreach ($data as $item) {
                $list = is_object($item) && is_string($item->phoneNumber ?? null)
                    ? Phones::canonicalList($item->phoneNumber) : null;
                if ($list === null || $list === []) {
                    $items[] = $item;
                    continue;
                }
                foreach ($list as $i => $number) {
                    $copy = clone $item;
                    $copy->phoneNumber = $number;
                    if ($i > 0) {
                        $copy->primary = false;
                    }
                    $items[] = $copy;
                }
            }
            $entity->set(self::FIELD . 'Data', $items);
            foreach ($items as $item) {
                if (!empty($item->primary)) {
                    $entity->set(self::FIELD, $item->phoneNumber);
                }
            }
            return;
        }
        if (!is_string($primary)) {
            return;
        }
        $list = Phones::canonicalList($primary);
        if ($list === null || $list === [] || (count($list) > 1 && !$entity->isNew())) {
            // Several numbers in the primary field of a stored record sent without phoneNumberData:
            // making entries of them would drop the record's other numbers, so EspoCRM judges it as typed.
            return;
        }
        $entity->set(self::FIELD, $list[0]);
        if (count($list) > 1) {
            // Two numbers typed in one field of a new record: two entries, the first primary.
            $entity->set(self::FIELD . 'Data', array_map(static fn (string $n, int $i) =>
                (object) ['phoneNumber' => $n, 'primary' => $i === 0, 'type' => null, 'optOut' => false, 'invalid' => false],
                $list, array_keys($list)));
        }
    }
}
