<?php
declare(strict_types=1);

namespace CrmGuard\Analytics;

/**
 * Links from a dashlet figure to the CRM's own list of those records (see Dashlet for what each
 * CRM's list accepts).
 *
 * EspoCRM: {url, scope, search, exact}; search is the list's stored search
 * (client/src/search-manager.js 342-361 reads it; 419-426 writes it under '<key>Search'/scope,
 * key 'list'), advanced filters as the field filter views write them: a link field
 * {type: 'equals', attribute: 'assignedUserId', value, data: {type: 'is'}}
 * (client/src/views/fields/link.js fetchSearch), an enum {type: 'in', value: [...],
 * data: {type: 'anyOf', valueList}} (views/fields/enum.js fetchSearch), a date-time range
 * {type: 'between', value: [from, to], dateTime: true, data: {type: 'between', dateValue,
 * dateValueTo}} (views/fields/datetime.js fetchSearch).
 * SuiteCRM: {url, exact}; index.php?module=Opportunities&action=index&query=true&
 * searchFormTab=advanced_search&<field>_advanced[]=... (include/SearchForm/SearchForm2.php
 * populateFromRequest(): '_advanced' suffix, arrays for multienum/enum search fields) and the
 * date range <field>_advanced_range_choice=between, start_range_<field>_advanced,
 * end_range_<field>_advanced (SearchForm2.php 'range_' handling), dates in the user's format.
 */
final class DashletLinks
{
    public function __construct(
        private readonly string $crm,
        private readonly string $since,
        private readonly string $until,
        private readonly string $dateFormat = 'Y-m-d',
    ) {
    }

    /**
     * The period's deals of $users (null: everybody's), in $stages (null: any), with the failure
     * reason and lead source given ('' for none: not filtered).
     *
     * @param ?list<string> $users
     * @param ?list<string> $stages
     */
    public function deals(?array $users, ?array $stages = null, ?string $reason = null, ?string $source = null,
                          bool $exact = true): array
    {
        if ($this->crm === 'espocrm') {
            $adv = $this->espoCommon($users, 'createdAt');
            if ($stages !== null) {
                $adv['stage'] = self::espoEnum('stage', $stages);
            }
            if ($reason !== null && $reason !== '') {
                $adv['cCrmguardFailureReason'] = self::espoEnum('cCrmguardFailureReason', [$reason]);
            }
            if ($source !== null && $source !== '') {
                $adv['leadSource'] = self::espoEnum('leadSource', [$source]);
            }
            return ['url' => '#Opportunity/list', 'scope' => 'Opportunity', 'exact' => $exact,
                    'search' => ['textFilter' => '', 'primary' => null, 'bool' => [], 'advanced' => $adv]];
        }
        $q = $this->suiteCommon('Opportunities', $users, 'date_entered');
        foreach ($stages ?? [] as $s) {
            $q[] = 'sales_stage_advanced[]=' . rawurlencode($s);
        }
        if ($reason !== null && $reason !== '') {
            $q[] = 'crmguard_failure_reason_c_advanced[]=' . rawurlencode($reason);
        }
        if ($source !== null && $source !== '') {
            $q[] = 'lead_source_advanced[]=' . rawurlencode($source);
        }
        return ['url' => 'index.php?' . implode('&', $q), 'exact' => $exact];
    }

    /**
     * The period's inbound calls of $users: the response-speed coefficient counts inbound emails
     * too, so this list holds the calls among those records (exact: false).
     *
     * @param ?list<string> $users
     */
    public function inboundCalls(?array $users): array
    {
        if ($this->crm === 'espocrm') {
            $adv = $this->espoCommon($users, 'dateStart');
            $adv['direction'] = self::espoEnum('direction', ['Inbound']);
            return ['url' => '#Call/list', 'scope' => 'Call', 'exact' => false,
                    'search' => ['textFilter' => '', 'primary' => null, 'bool' => [], 'advanced' => $adv]];
        }
        $q = $this->suiteCommon('Calls', $users, 'date_start');
        $q[] = 'direction_advanced[]=Inbound';
        return ['url' => 'index.php?' . implode('&', $q), 'exact' => false];
    }

    private function espoCommon(?array $users, string $dateField): array
    {
        $adv = [];
        if ($users !== null && count($users) === 1) {
            $adv['assignedUser'] = ['type' => 'equals', 'attribute' => 'assignedUserId', 'value' => $users[0],
                                    'data' => ['type' => 'is']];
        } elseif ($users !== null) {
            $adv['assignedUser'] = ['type' => 'in', 'attribute' => 'assignedUserId', 'value' => array_values($users),
                                    'data' => ['type' => 'isOneOf', 'oneOfIdList' => array_values($users)]];
        }
        $adv[$dateField] = ['type' => 'between', 'value' => [$this->since . ' 00:00:00', $this->until . ' 23:59:59'],
                            'dateTime' => true, 'timeZone' => 'UTC',
                            'data' => ['type' => 'between', 'dateValue' => $this->since, 'dateValueTo' => $this->until]];
        return $adv;
    }

    private static function espoEnum(string $field, array $values): array
    {
        return ['type' => 'in', 'attribute' => $field, 'value' => array_values($values),
                'data' => ['type' => 'anyOf', 'valueList' => array_values($values)]];
    }

    /** @return list<string> */
    private function suiteCommon(string $module, ?array $users, string $dateField): array
    {
        $q = ['module=' . $module, 'action=index', 'query=true', 'searchFormTab=advanced_search'];
        foreach ($users ?? [] as $u) {
            $q[] = 'assigned_user_id_advanced[]=' . rawurlencode($u);
        }
        $fmt = fn (string $d): string => rawurlencode(gmdate($this->dateFormat, (int) strtotime("$d UTC")));
        $q[] = "{$dateField}_advanced_range_choice=between";
        $q[] = "start_range_{$dateField}_advanced=" . $fmt($this->since);
        $q[] = "end_range_{$dateField}_advanced=" . $fmt($this->until);
        return $q;
    }
}
