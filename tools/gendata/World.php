<?php
/*
 * tools/gendata/World.php — generates one CRM's worth of sales data, CRM-neutrally, and keeps
 * the truth (see Truth.php). An Emitter (EspoEmitter / SuiteEmitter) turns each neutral record
 * into that CRM's rows.
 *
 * Streaming: leads, contacts and their deals, tasks, calls and emails are written as they are
 * made; what stays in memory is O(accounts + managers + tracked phone numbers), so a million
 * contacts fit in a few hundred MB at most. Deterministic: the same options and seed give the
 * same bytes (mt_rand seeded; ids derived from a counter, see Ids).
 *
 * Phone numbers: each record gets fresh numbers from counters run through bijections, so two
 * records share a number only on purpose: the shared pool (a few numbers reused across leads,
 * contacts and companies), a contact's work phone that is its company's office number, and a
 * converted lead's numbers on its contact. The truth tracks every pool number and a sample of
 * the rest (crc32(number) % K == 0), with every record that holds them.
 */
declare(strict_types=1);

namespace CrmGuard\GenData;

final class World
{
    public const SCALES = [
        //          contacts    leads  accounts managers days
        'tiny'  => [400,       200,     120,      4,      60],
        'small' => [2000,      800,     500,      6,      90],
        'demo'  => [5000,      2000,    1200,     8,      90],
        'large' => [100000,    40000,   20000,    30,     180],
        'bench' => [1000000,   300000,  200000,   100,    365],
    ];
    public const STALE_DAYS = [7, 14, 30];

    private Emitter $e;
    private int $asOf;
    private int $start;
    private int $sla;

    /** @var list<array> users: id, user_name, first, last, type, role ('admin'|'head'|'manager'), team, reports_to */
    private array $users = [];
    /** @var list<int> indexes into $users */
    private array $managers = [];
    /** @var list<float> per manager index (position in $managers): share of good answers / wins */
    private array $quality = [];
    private array $teams = [];

    // accounts, by index
    private array $accId = [];
    private array $accOwner = [];   // manager position
    private array $accInWork = [];
    private array $accDeleted = [];
    private array $accName = [];
    private array $accOffice = [];  // e164 int of the office number, 0 when none

    // phones
    private int $mobileSeq = 0;
    private array $areaSeq = [];
    private int $mobileMul;
    private int $mobileAdd;
    private array $pool = [];        // e164 => true
    private array $poolList = [];
    private int $trackMod;
    private array $holders = [];     // e164 => list of holders
    private array $storedAs = [];    // e164 => [string => true]
    private int $emailSeq = 0;

    // truth accumulators
    private array $kpi = [];
    private array $audit;
    private array $counts = [];
    private array $convAll = [];

    public function __construct(private array $o, Emitter $emitter)
    {
        $this->e = $emitter;
        $this->asOf = $o['as_of'];
        $this->start = $o['as_of'] - $o['days'] * 86400;
        $this->sla = $o['sla_minutes'];
        mt_srand($o['seed']);
        $this->mobileMul = 387420489;                    // 3^18: coprime with 10^9
        $this->mobileAdd = mt_rand(0, 999999999);
        $phonesEst = (int) ($o['contacts'] * 1.35 + $o['leads'] * 1.15 + $o['accounts'] * 1.3);
        $this->trackMod = max(1, intdiv($phonesEst, $o['truth_phones']));
        $this->audit = [
            'lowercase_names' => ['Account' => 0, 'Contact' => 0, 'Lead' => 0],
            'insult_names' => ['Contact' => 0, 'Lead' => 0],
            'phones' => ['values' => 0, 'canonical' => 0, 'noncanonical' => 0, 'messy' => 0, 'multiple' => 0, 'invalid' => 0],
            'missing_phone' => ['Account' => 0, 'Contact' => 0, 'Lead' => 0],
            'deals_without_comment' => 0, 'deals_without_due_date' => 0, 'deals_without_task' => 0,
            'lost_without_reason' => 0,
        ];
        $this->counts = ['users' => 0, 'accounts' => ['total' => 0, 'deleted' => 0, 'in_work' => 0],
            'contacts' => ['total' => 0, 'deleted' => 0, 'without_account' => 0, 'with_several_accounts' => 0, 'from_leads' => 0],
            'leads' => ['total' => 0, 'deleted' => 0, 'converted' => 0],
            'deals' => ['total' => 0, 'deleted' => 0], 'tasks' => 0, 'calls' => 0, 'emails' => 0, 'notes' => 0];
    }

    // ---- randomness -------------------------------------------------------------------------

    private static function chance(float $p): bool
    {
        return mt_rand(0, 999999) < $p * 1000000;
    }

    private static function pick(array $a): mixed
    {
        return $a[mt_rand(0, count($a) - 1)];
    }

    /** A time in [lo, hi), moved into Moscow working hours (08:00-19:00, UTC+3) when possible. */
    private function workTime(int $lo, int $hi): int
    {
        if ($hi <= $lo) {
            return $lo;
        }
        $t = mt_rand($lo, $hi - 1);
        $w = intdiv($t, 86400) * 86400 + 5 * 3600 + $t % 39600;
        return $w >= $lo && $w < $hi ? $w : $t;
    }

    private function manager(): int
    {
        // Uneven workload: the first managers carry more (a square bias).
        $n = count($this->managers);
        $x = mt_rand(0, 999999) / 1000000;
        return min($n - 1, (int) ($x * $x * $n * 0.6 + mt_rand(0, $n - 1) * 0.4));
    }

    private function uid(int $mgr): string
    {
        return $this->users[$this->managers[$mgr]]['id'];
    }

    // ---- phones -----------------------------------------------------------------------------

    private function freshMobile(): int
    {
        $sub = ($this->mobileSeq++ * $this->mobileMul + $this->mobileAdd) % 1000000000;
        return 79000000000 + $sub;
    }

    private function freshLandline(): int
    {
        $area = self::pick(Names::AREA_CODES);
        $n = $this->areaSeq[$area] = ($this->areaSeq[$area] ?? mt_rand(0, 9999999)) + 1;
        return (int) ('7' . $area . sprintf('%07d', ($n * 5764801) % 10000000)); // 7^8: coprime with 10^7
    }

    private function isTracked(int $e164): bool
    {
        return ($this->pool[$e164] ?? false) || crc32((string) $e164) % $this->trackMod === 0;
    }

    /** One spelling of a number as people type it; EspoCRM keeps '+' input as E.164 mostly. */
    private function spell(int $e164, bool $ext): string
    {
        $d = (string) $e164;
        if ($d[0] !== '7') {
            return '+' . $d;
        }
        $n = substr($d, 1);
        $a = substr($n, 0, 3);
        $b = substr($n, 3, 3);
        $c = substr($n, 6, 2);
        $z = substr($n, 8, 2);
        $r = mt_rand(0, 99);
        $s = match (true) {
            $r < 38 => '+7' . $n,
            $r < 50 => '8' . $n,
            $r < 62 => "8 ($a) $b-$c-$z",
            $r < 70 => "+7 $a $b$c$z",
            $r < 76 => "+7 ($a) $b-$c-$z",
            $r < 82 => "8-$a-$b-$c-$z",
            $r < 87 => $n,
            $r < 92 => "8 $a $b $c $z",
            $r < 96 => "тел. 8($a)$b-$c-$z (моб.)",
            default => '7' . $n,
        };
        if ($this->o['crm'] === 'espocrm' && $s[0] === '+' && mt_rand(0, 9) > 0) {
            $s = '+' . $d;   // EspoCRM stores '+'-typed numbers in E.164 (a few legacy rows not)
        }
        if ($ext && $r >= 50 && $r < 92 && mt_rand(0, 5) === 0) {
            $s .= ' доб. ' . mt_rand(10, 999);
        }
        return $s;
    }

    /**
     * One stored phone value: ['str', 'e164' => int[], 'type', 'dedupe' => bool].
     * $kind: mobile | landline; $number: a given number (a company's office phone, ...).
     */
    private function phoneValue(string $kind, ?int $number = null, bool $mayJunk = true): array
    {
        $r = mt_rand(0, 999);
        $type = $kind === 'mobile' ? 'Mobile' : 'Office';
        if ($mayJunk && $r < 12) {
            return ['str' => self::pick(Names::JUNK_PHONES), 'e164' => [], 'type' => $type, 'dedupe' => true];
        }
        $dedupe = $number !== null;
        if ($number === null) {
            if ($this->poolList && mt_rand(0, 999) < 25) {
                $number = self::pick($this->poolList);
                $dedupe = true;
            } else {
                $number = $kind === 'mobile' ? $this->freshMobile() : $this->freshLandline();
            }
        }
        if ($r < 35 && $kind === 'mobile') {
            // Two numbers typed into one field.
            $second = mt_rand(0, 3) === 0 && $this->poolList ? self::pick($this->poolList) : $this->freshMobile();
            $dedupe = $dedupe || isset($this->pool[$second]);
            $sep = self::pick([', ', '; ', ' / ', ' или ']);
            return ['str' => '8' . substr((string) $number, 1) . $sep . '8' . substr((string) $second, 1),
                'e164' => [$number, $second], 'type' => $type, 'dedupe' => $dedupe];
        }
        return ['str' => $this->spell($number, $kind !== 'mobile'), 'e164' => [$number], 'type' => $type, 'dedupe' => $dedupe];
    }

    /** A foreign number now and then (Belarus, Kazakhstan) for variety. */
    private function foreignValue(): array
    {
        $n = mt_rand(0, 1) ? 375291000000 + mt_rand(0, 8999999) : 77010000000 + mt_rand(0, 9999999);
        return ['str' => '+' . $n, 'e164' => [$n], 'type' => 'Mobile', 'dedupe' => true];
    }

    /** One value per stored string (a CRM keeps a repeated string once per record). */
    private static function distinct(array $values): array
    {
        $out = [];
        foreach ($values as $v) {
            $out[$v['str']] ??= $v;
        }
        return array_values($out);
    }

    /** Bookkeeping of one record's phone values: audit classes and tracked holders. */
    private function notePhones(array $values, array $holder, string $type): void
    {
        $live = !$holder['deleted'];
        if ($live && !$values) {
            $this->audit['missing_phone'][$type]++;
        }
        foreach ($values as $v) {
            if ($live) {
                $class = Truth::phoneValueClass($v['str'], count($v['e164']) === 1 ? ['+' . $v['e164'][0]] : $v['e164']);
                $this->audit['phones']['values']++;
                $this->audit['phones'][$class]++;
                if ($class !== 'canonical') {
                    $this->audit['phones']['noncanonical']++;
                }
            }
            foreach ($v['e164'] as $n) {
                if ($this->isTracked($n)) {
                    $this->holders[$n][$holder['type'] . ':' . $holder['id']] = $holder;
                    $this->storedAs[$n][$v['str']] = true;
                }
            }
        }
    }

    // ---- names --------------------------------------------------------------------------------

    /** [first, last, salutation] */
    private function person(): array
    {
        if (mt_rand(0, 99) < 82) {
            $female = mt_rand(0, 1) === 1;
            $first = self::pick($female ? Names::RU_FEMALE_FIRST : Names::RU_MALE_FIRST);
            $last = self::pick(Names::RU_LAST);
            if (str_contains($last, '|')) {
                [$m, $f] = explode('|', $last);
                $last = $female ? $f : $m;
            } elseif ($female) {
                $last .= 'а';
            }
            $sal = mt_rand(0, 2) ? null : ($female ? 'Ms.' : 'Mr.');
        } else {
            $female = mt_rand(0, 1) === 1;
            $first = self::pick(Names::EN_FIRST);
            $last = self::pick(Names::EN_LAST);
            $sal = mt_rand(0, 1) ? null : ($female ? 'Ms.' : 'Mr.');
        }
        $r = mt_rand(0, 999);
        if ($r < 12) {
            $first = Truth::lower($first);
            $last = Truth::lower($last);
        } elseif ($r < 18) {
            $last = Truth::lower($last);
        } elseif ($r < 30) {
            $w = self::pick(Truth::INSULT_WORDS);
            if (mt_rand(0, 1)) {
                $last .= " ($w)";
            } else {
                $first = Truth::upper(Truth::cut($w, 1)) . substr($w, strlen(Truth::cut($w, 1)));
            }
        }
        return [$first, $last, $sal];
    }

    private function companyName(): string
    {
        if (mt_rand(0, 99) < 8) {
            $name = self::pick(Names::EN_COMPANIES) . (mt_rand(0, 1) ? ' LLC' : ' Ltd');
        } else {
            $form = self::pick(Names::COMPANY_FORMS);
            $name = $form === 'ИП' ? 'ИП ' . self::pick(Names::RU_LAST)
                : $form . ' «' . self::pick(Names::COMPANY_WORDS) . self::pick(Names::COMPANY_SUFFIX) . '»';
        }
        if (mt_rand(0, 99) === 0) {
            $name = Truth::lower($name);
        }
        return $name;
    }

    // ---- generation -----------------------------------------------------------------------------

    public function run(): array
    {
        $this->e->begin($this->start, $this->asOf);
        $this->makeUsers();
        foreach ($this->managers as $i => $_) {
            $this->kpi[$i] = ['deals_by_stage' => array_fill_keys(Truth::STAGES, 0), 'open_deals' => 0,
                'open_without_open_task' => 0, 'lost_by_reason' => [], 'poor_quality_failures' => 0,
                'stale' => array_fill_keys(self::STALE_DAYS, 0), 'inbound' => 0, 'late' => 0, 'unanswered' => 0,
                'conv' => []];
        }
        $poolSize = max(12, intdiv($this->o['contacts'] + $this->o['leads'], 150));
        for ($i = 0; $i < $poolSize; $i++) {
            $n = $i % 5 === 4 ? $this->freshLandline() : $this->freshMobile();
            $this->pool[$n] = $i < intdiv($this->o['truth_phones'], 2);   // the truth follows this many
            $this->poolList[] = $n;
        }
        $this->makeAccounts();
        $this->makeContacts();
        $this->makeLeads();
        $rows = $this->e->end();
        return $this->truth($rows);
    }

    private function makeUsers(): void
    {
        $t0 = $this->start - 30 * 86400;
        $this->users[] = ['id' => $this->e->adminId(), 'user_name' => 'admin', 'first' => null, 'last' => 'Administrator',
            'type' => 'admin', 'role' => 'admin', 'team' => null, 'reports_to' => null, 'created' => $t0,
            'title' => 'Administrator', 'phone' => null];
        $nm = $this->o['managers'];
        $nheads = max(1, intdiv($nm + 5, 6));
        $heads = [];
        for ($h = 0; $h < $nheads; $h++) {
            [$f, $l] = $this->plainPerson();
            $created = $t0 + 3600 * (1 + $h);
            $team = ['id' => $this->e->newId($created - 60), 'name' => 'Отдел продаж ' . ($h + 1), 'created' => $created - 60];
            $this->teams[] = $team;
            $heads[] = count($this->users);
            $this->users[] = ['id' => $this->e->newId($created), 'user_name' => sprintf('head%02d', $h + 1),
                'first' => $f, 'last' => $l, 'type' => 'regular', 'role' => 'head', 'team' => $h, 'reports_to' => null,
                'created' => $created, 'title' => 'Руководитель продаж', 'phone' => sprintf('+7 495 100-%02d-00', $h + 1)];
        }
        for ($m = 0; $m < $nm; $m++) {
            [$f, $l] = $this->plainPerson();
            $created = $t0 + 7200 * (10 + $m);
            $team = $m % $nheads;
            $this->managers[] = count($this->users);
            // Most answer fast and win often; every fourth manager (the 2nd, 6th, ...) is slow and
            // weak, so the response-speed alarm fires for some and not for all.
            $this->quality[] = $m % 4 === 1 ? 0.25 + mt_rand(0, 10) / 100 : 0.78 + mt_rand(0, 17) / 100;
            $this->users[] = ['id' => $this->e->newId($created), 'user_name' => sprintf('manager%02d', $m + 1),
                'first' => $f, 'last' => $l, 'type' => 'regular', 'role' => 'manager', 'team' => $team,
                'reports_to' => $this->users[$heads[$team]]['id'], 'created' => $created, 'title' => 'Менеджер',
                'phone' => sprintf('+7 495 100-%02d-%02d', $team + 1, $m + 1)];
        }
        foreach ($this->teams as $i => $t) {
            $this->e->team($t);
        }
        foreach ($this->users as $u) {
            $u['team_id'] = $u['team'] === null ? null : $this->teams[$u['team']]['id'];
            $u['team_role'] = match ($u['role']) { 'head' => 'Supervisor', 'manager' => 'Manager', default => null };
            $u['email'] = $u['user_name'] . '@sales.example.ru';
            $this->e->user($u);
            $this->counts['users']++;
        }
    }

    private function plainPerson(): array
    {
        $female = mt_rand(0, 1) === 1;
        $last = self::pick(Names::RU_LAST);
        if (str_contains($last, '|')) {
            $last = explode('|', $last)[$female ? 1 : 0];
        } elseif ($female) {
            $last .= 'а';
        }
        return [self::pick($female ? Names::RU_FEMALE_FIRST : Names::RU_MALE_FIRST), $last];
    }

    private function teamOf(int $mgr): string
    {
        return $this->teams[$this->users[$this->managers[$mgr]]['team']]['id'];
    }

    private function makeAccounts(): void
    {
        for ($i = 0; $i < $this->o['accounts']; $i++) {
            $this->account($this->manager(), mt_rand(0, 99) < 35 ? 'in_work' : 'waiting', self::chance(0.02),
                $this->workTime($this->start, $this->asOf - 86400), null);
        }
    }

    /** Writes an account; returns its index. $phone: a value to use as its office phone. */
    private function account(int $owner, string $status, bool $deleted, int $created, ?array $phone): int
    {
        $idx = count($this->accId);
        $id = $this->e->newId($created);
        $name = $this->companyName();
        $phones = [];
        if ($phone !== null) {
            $phones[] = $phone;
        } elseif (mt_rand(0, 99) >= 6) {
            $phones[] = $this->phoneValue('landline');
            if (mt_rand(0, 99) < 22) {
                $phones[] = ['type' => 'Mobile'] + $this->phoneValue('mobile');
            }
        }
        $phones = self::distinct($phones);
        foreach ($phones as &$p) {
            $p['dedupe'] = true;   // contacts may store the office number again, in the same spelling
        }
        unset($p);
        $office = 0;
        foreach ($phones as $p) {
            if (count($p['e164']) === 1) {
                $office = $p['e164'][0];
                break;
            }
        }
        $this->accId[] = $id;
        $this->accOwner[] = $owner;
        $this->accInWork[] = $status === 'in_work';
        $this->accDeleted[] = $deleted;
        $this->accName[] = $name;
        $this->accOffice[] = $office;
        $modified = mt_rand(0, 2) ? $created : $this->workTime($created, $this->asOf);
        $this->e->account(['id' => $id, 'name' => $name, 'created' => $created, 'modified' => $modified,
            'owner' => $this->uid($owner), 'team_id' => $this->teamOf($owner), 'status' => $status, 'deleted' => $deleted,
            'phones' => $phones, 'city' => self::pick(Names::CITIES), 'industry' => self::pick(Names::INDUSTRIES),
            'type' => self::pick(['Customer', 'Prospect', 'Partner', null]), 'website' => null,
            'description' => mt_rand(0, 4) ? null : self::pick(Names::COMMENTS)]);
        $this->counts['accounts']['total']++;
        if ($deleted) {
            $this->counts['accounts']['deleted']++;
        } elseif ($status === 'in_work') {
            $this->counts['accounts']['in_work']++;
        }
        if (!$deleted && Truth::isLowercaseStart($name)) {
            $this->audit['lowercase_names']['Account']++;
        }
        $this->notePhones($phones, ['type' => 'Account', 'id' => $id, 'deleted' => $deleted,
            'owner' => $this->uid($owner), 'status' => $status], 'Account');
        return $idx;
    }

    private function accountLink(int $a, bool $linkDeleted): array
    {
        return ['account_id' => $this->accId[$a], 'account_deleted' => $this->accDeleted[$a], 'link_deleted' => $linkDeleted,
            'owner' => $this->uid($this->accOwner[$a]), 'status' => $this->accInWork[$a] ? 'in_work' : 'waiting'];
    }

    private function makeContacts(): void
    {
        $na = count($this->accId);
        for ($k = 0; $k < $this->o['contacts']; $k++) {
            $created = $this->workTime($this->start, $this->asOf - 3600);
            $r = mt_rand(0, 99);
            $accs = [];
            if ($na > 0 && $r >= 15) {
                $want = $r < 90 ? 1 : mt_rand(2, 3);
                while (count($accs) < $want) {
                    $accs[mt_rand(0, $na - 1)] = true;
                }
                $accs = array_keys($accs);
            }
            $owner = $accs && mt_rand(0, 99) < 85 ? $this->accOwner[$accs[0]] : $this->manager();
            $phones = [];
            if (mt_rand(0, 99) >= 5) {
                if (mt_rand(0, 99) < 90) {
                    $phones[] = mt_rand(0, 199) ? $this->phoneValue('mobile') : $this->foreignValue();
                }
                if (mt_rand(0, 99) < 25) {
                    $office = $accs ? $this->accOffice[$accs[0]] : 0;
                    $phones[] = ['type' => 'Office'] + ($office && mt_rand(0, 99) < 60
                        ? $this->phoneValue('landline', $office, false) : $this->phoneValue('landline'));
                }
            }
            $phones = self::distinct($phones);
            $links = [];
            foreach ($accs as $j => $a) {
                $links[] = $this->accountLink($a, $j > 0 && mt_rand(0, 49) === 0);
            }
            $this->contact($owner, $created, self::chance(0.03), $accs, $links, $phones, null, null);
        }
    }

    /** Writes a contact (and its deals and conversations); returns its id. */
    private function contact(int $owner, int $created, bool $deleted, array $accs, array $links, array $phones,
                             ?string $leadSource, ?array $fromLead): string
    {
        $id = $this->e->newId($created);
        [$first, $last, $sal] = $fromLead === null ? $this->person() : [$fromLead['first'], $fromLead['last'], null];
        $this->e->contact(['id' => $id, 'first' => $first, 'last' => $last, 'salutation' => $sal, 'created' => $created,
            'modified' => mt_rand(0, 2) ? $created : $this->workTime($created, $this->asOf), 'owner' => $this->uid($owner),
            'team_id' => $this->teamOf($owner), 'deleted' => $deleted, 'links' => $links, 'phones' => $phones,
            'title' => self::pick(Names::TITLES), 'city' => self::pick(Names::CITIES), 'lead_source' => $leadSource,
            'description' => mt_rand(0, 5) ? null : self::pick(Names::COMMENTS)]);
        $c = &$this->counts['contacts'];
        $c['total']++;
        $c['deleted'] += (int) $deleted;
        $c['without_account'] += (int) !$accs;
        $c['with_several_accounts'] += (int) (count($accs) > 1);
        $c['from_leads'] += (int) ($fromLead !== null);
        unset($c);
        if (!$deleted) {
            if (Truth::isLowercaseStart($first) || Truth::isLowercaseStart($last)) {
                $this->audit['lowercase_names']['Contact']++;
            }
            if (Truth::containsInsult($first, $last)) {
                $this->audit['insult_names']['Contact']++;
            }
        }
        $this->notePhones($phones, ['type' => 'Contact', 'id' => $id, 'deleted' => $deleted, 'links' => $links], 'Contact');
        if (!$deleted) {
            $acc = $accs ? $accs[0] : -1;
            $dealOwner = $acc >= 0 ? $this->accOwner[$acc] : $owner;
            if ($fromLead === null && mt_rand(0, 99) < 35) {
                $this->deal($dealOwner, $acc, $id, $created, $leadSource ?? $this->source());
            }
            if (mt_rand(0, 99) < 20) {
                $this->conversation('Contact', $id, $owner, $acc >= 0 ? $this->accId[$acc] : null, $id, null,
                    $first . ' ' . $last);
            }
        }
        return $id;
    }

    private function source(): string
    {
        return self::pick($this->e->leadSources());
    }

    private function makeLeads(): void
    {
        $sources = $this->e->leadSources();
        // Conversion rate per source (in the sources' order): some below, some inside, some above
        // the 15-20 % band.
        $rates = [0.07, 0.12, 0.36, 0.24, 0.17, 0.10];
        for ($k = 0; $k < $this->o['leads']; $k++) {
            $created = $this->workTime($this->start, $this->asOf - 3600);
            $owner = $this->manager();
            $si = mt_rand(0, count($sources) - 1);
            $source = $sources[$si];
            $deleted = self::chance(0.05);
            $converted = !$deleted && self::chance($rates[$si] * (0.6 + $this->quality[$owner] * 0.5));
            [$first, $last] = $this->person();
            $phones = [];
            if (mt_rand(0, 99) >= 4) {
                if (mt_rand(0, 99) < 92) {
                    $phones[] = $this->phoneValue('mobile');
                }
                if (mt_rand(0, 99) < 20) {
                    $phones[] = ['type' => 'Office'] + $this->phoneValue('landline');
                }
            }
            $phones = self::distinct($phones);
            if ($converted) {
                foreach ($phones as &$p) {
                    $p['dedupe'] = true;   // the contact made from it stores the same strings
                }
                unset($p);
            }
            $status = $converted ? 'Converted' : self::pick(['New', 'New', 'New', 'Assigned', 'In Process', 'In Process', 'Recycled', 'Dead']);
            $id = $this->e->newId($created);
            $lead = ['id' => $id, 'first' => $first, 'last' => $last, 'created' => $created, 'owner' => $this->uid($owner),
                'team_id' => $this->teamOf($owner), 'deleted' => $deleted, 'status' => $status, 'source' => $source,
                'phones' => $phones, 'account_name' => mt_rand(0, 2) ? $this->companyName() : null,
                'title' => self::pick(Names::TITLES), 'city' => self::pick(Names::CITIES),
                'converted_at' => null, 'contact_id' => null, 'account_id' => null, 'deal_id' => null,
                'modified' => $created, 'description' => mt_rand(0, 4) ? null : self::pick(Names::COMMENTS)];
            if ($converted) {
                $at = $this->workTime($created, min($this->asOf - 60, $created + 20 * 86400));
                $lead['converted_at'] = $lead['modified'] = $at;
                $accIdx = -1;
                $links = [];
                if (mt_rand(0, 99) < 70) {
                    $accPhone = null;
                    foreach ($phones as $p) {
                        if ($p['type'] === 'Office') {
                            $accPhone = $p;
                        }
                    }
                    $accIdx = $this->account($owner, 'waiting', false, $at, $accPhone);
                    $links[] = $this->accountLink($accIdx, false);
                    $lead['account_id'] = $this->accId[$accIdx];
                }
                $lead['contact_id'] = $this->contact($owner, $at, false, $accIdx >= 0 ? [$accIdx] : [], $links, $phones,
                    $source, ['first' => $first, 'last' => $last]);
                if (mt_rand(0, 99) < 50) {
                    $lead['deal_id'] = $this->deal($owner, $accIdx, $lead['contact_id'], $at, $source);
                }
            }
            $this->e->lead($lead);
            $l = &$this->counts['leads'];
            $l['total']++;
            $l['deleted'] += (int) $deleted;
            $l['converted'] += (int) $converted;
            unset($l);
            if (!$deleted) {
                if (Truth::isLowercaseStart($first) || Truth::isLowercaseStart($last)) {
                    $this->audit['lowercase_names']['Lead']++;
                }
                if (Truth::containsInsult($first, $last)) {
                    $this->audit['insult_names']['Lead']++;
                }
                $cv = &$this->kpi[$owner]['conv'][$source];
                $cv ??= [0, 0];
                $cv[0]++;
                $cv[1] += (int) $converted;
                unset($cv);
                if (!$converted && mt_rand(0, 99) < 25) {
                    $this->conversation('Lead', $id, $owner, null, null, $id, $first . ' ' . $last);
                }
            }
            $this->notePhones($phones, ['type' => 'Lead', 'id' => $id, 'deleted' => $deleted, 'converted' => $converted], 'Lead');
        }
    }

    /** A deal with its stage history, tasks, calls and comments; returns its id. */
    private function deal(int $owner, int $acc, ?string $contactId, int $notBefore, string $source): string
    {
        $q = $this->quality[$owner];
        $created = $this->workTime($notBefore, max($notBefore + 60, $this->asOf - 1800));
        $id = $this->e->newId($created);
        $deleted = self::chance(0.02);
        $r = mt_rand(0, 99);
        $stage = $r < 24 ? 'New' : ($r < 55 ? 'Calling' : (self::chance($q * 0.7) ? 'Closed Won' : 'Closed Lost'));
        $uid = $this->uid($owner);
        $changes = [[null, 'New', $created, $uid, null]];
        $t = $created;
        $lastStage = 'New';
        if ($stage !== 'New') {
            $t = $this->workTime($t + 1800, min($this->asOf - 600, $t + 6 * 86400));
            $changes[] = ['New', 'Calling', $t, $uid, null];
            $lastStage = 'Calling';
        }
        $reason = null;
        if ($stage === 'Closed Won' || $stage === 'Closed Lost') {
            if ($stage === 'Closed Lost') {
                $rr = mt_rand(0, 99);
                $reason = $rr < 2 ? null : ($rr < 36 ? 'no_interest' : ($rr < 36 + (int) (40 * (1.2 - $q)) ? 'poor_quality_contact'
                    : self::pick(['no_decision_maker', 'competitor', 'competitor', 'other'])));
            }
            $t = $this->workTime($t + 3600, min($this->asOf - 300, $t + 25 * 86400));
            $changes[] = ['Calling', $stage, $t, $uid, $reason];
        }
        if ($stage !== 'Closed Lost') {
            $lastStage = $stage;
        }
        $accId = $acc >= 0 ? $this->accId[$acc] : null;
        $base = $acc >= 0 ? $this->accName[$acc] : 'Сделка';
        $name = Truth::cut($base . ': ' . self::pick(Names::DEAL_WORDS), 50);
        $hasComment = mt_rand(0, 99) < 55;
        $closeDate = mt_rand(0, 99) < 88 ? gmdate('Y-m-d', $created + mt_rand(7, 60) * 86400) : null;
        $this->e->deal(['id' => $id, 'name' => $name, 'created' => $created, 'modified' => $t, 'owner' => $uid,
            'team_id' => $this->teamOf($owner), 'deleted' => $deleted, 'stage' => $stage, 'last_stage' => $lastStage,
            'amount' => mt_rand(5, 500) * 1000, 'close_date' => $closeDate, 'lead_source' => $source,
            'account_id' => $accId, 'contact_id' => $contactId, 'failure_reason' => $reason, 'changes' => $changes,
            'description' => $hasComment ? self::pick(Names::COMMENTS) : null,
            'probability' => ['New' => 10, 'Calling' => 30, 'Closed Won' => 100, 'Closed Lost' => 0][$stage]]);
        $this->counts['deals']['total']++;
        $this->counts['deals']['deleted'] += (int) $deleted;

        // Tasks: most open deals have an open call task, some only a done one, some none.
        $open = $stage === 'New' || $stage === 'Calling';
        $r = mt_rand(0, 99);
        $tasks = [];
        $ownTask = $open ? ($r < 62 ? 'open' : ($r < 78 ? 'done' : 'none')) : ($r < 80 ? 'done' : 'none');
        if ($ownTask !== 'none') {
            if ($ownTask === 'done' || $open && mt_rand(0, 3) === 0) {
                $tasks[] = 'Completed';
            }
            if ($ownTask === 'open') {
                $tasks[] = mt_rand(0, 2) ? 'Not Started' : 'Started';
            }
        }
        $hasTask = $hasOpenTask = false;
        foreach ($tasks as $status) {
            $tDeleted = mt_rand(0, 99) === 0;
            $tc = $this->workTime($created, min($this->asOf - 60, $created + 86400));
            $done = $status === 'Completed' ? $this->workTime($tc, $this->asOf) : null;
            $this->e->task(['id' => $this->e->newId($tc), 'name' => Truth::cut('Позвонить: ' . $name, 50), 'created' => $tc,
                'modified' => $done ?? $tc, 'owner' => $uid, 'team_id' => $this->teamOf($owner), 'deleted' => $tDeleted,
                'status' => $status, 'due' => $tc + mt_rand(1, 7) * 86400, 'completed' => $done,
                'parent_type' => 'Opportunity', 'parent_id' => $id, 'account_id' => $accId, 'contact_id' => $contactId]);
            $this->counts['tasks']++;
            if (!$tDeleted) {
                $hasTask = true;
                $hasOpenTask = $hasOpenTask || $status !== 'Completed';
            }
        }
        // Outbound attempts on worked deals (parent: the deal).
        if ($stage !== 'New') {
            for ($i = mt_rand(1, 3); $i > 0; $i--) {
                $at = $this->workTime($changes[1][2] - 1200, $t + 1);
                $this->call('Opportunity', $id, $owner, $accId, $contactId, null, 'out', mt_rand(0, 2) ? 'Held' : 'Not Held', $at,
                    'Звонок: ' . $name, false);
            }
        } elseif (mt_rand(0, 1)) {
            $this->call('Opportunity', $id, $owner, $accId, $contactId, null, 'out', 'Planned',
                $this->workTime($this->asOf, $this->asOf + 3 * 86400), 'Звонок: ' . $name, false);
        }
        $noted = false;
        if (mt_rand(0, 99) < 25) {
            $noteDeleted = mt_rand(0, 19) === 0;
            $nt = $this->workTime($created, $this->asOf);
            $this->e->note(['id' => $this->e->newId($nt), 'created' => $nt, 'owner' => $uid, 'deleted' => $noteDeleted,
                'parent_type' => 'Opportunity', 'parent_id' => $id, 'contact_id' => $contactId, 'text' => self::pick(Names::COMMENTS)]);
            $this->counts['notes']++;
            $noted = !$noteDeleted;
        }

        if (!$deleted) {
            $k = &$this->kpi[$owner];
            $k['deals_by_stage'][$stage]++;
            if ($open) {
                $k['open_deals']++;
                $k['open_without_open_task'] += (int) !$hasOpenTask;
                foreach (self::STALE_DAYS as $n) {
                    $k['stale'][$n] += (int) Truth::stageEnteredStale(end($changes)[2], $this->asOf, $n);
                }
            }
            if ($stage === 'Closed Lost') {
                $k['lost_by_reason'][$reason ?? ''] = ($k['lost_by_reason'][$reason ?? ''] ?? 0) + 1;
                $k['poor_quality_failures'] += (int) ($reason === 'poor_quality_contact');
                $this->audit['lost_without_reason'] += (int) ($reason === null);
            }
            unset($k);
            $this->audit['deals_without_comment'] += (int) (!$hasComment && !$noted);
            $this->audit['deals_without_due_date'] += (int) ($closeDate === null);
            $this->audit['deals_without_task'] += (int) !$hasTask;
        }
        return $id;
    }

    private function call(string $ptype, string $pid, int $owner, ?string $accId, ?string $contactId, ?string $leadId,
                          string $dir, string $status, int $at, string $name, bool $deleted): void
    {
        $dur = $status === 'Held' ? mt_rand(1, 15) : 0;
        $this->e->call(['id' => $this->e->newId($at), 'name' => Truth::cut($name, 50), 'created' => $at, 'modified' => $at + $dur * 60,
            'owner' => $this->uid($owner), 'deleted' => $deleted, 'status' => $status,
            'direction' => $dir === 'in' ? 'Inbound' : 'Outbound', 'start' => $at, 'minutes' => max(1, $dur),
            'parent_type' => $ptype, 'parent_id' => $pid, 'account_id' => $accId, 'contact_id' => $contactId, 'lead_id' => $leadId]);
        $this->counts['calls']++;
    }

    /**
     * Inbound calls and emails from one contact or lead and the manager's answers: some live,
     * some quick, some late, some never (per the manager's quality). The truth applies
     * Truth::responses() to exactly what was written.
     */
    private function conversation(string $ptype, string $pid, int $owner, ?string $accId, ?string $contactId, ?string $leadId,
                                  string $who): void
    {
        $q = $this->quality[$owner];
        $items = [];
        $addr = null;
        $inboundAt = [];
        for ($n = mt_rand(1, 3); $n > 0; $n--) {
            $inboundAt[] = $this->workTime($this->start, $this->asOf - 600);
        }
        sort($inboundAt);
        foreach ($inboundAt as $t) {
            $kind = mt_rand(0, 99) < 60 ? 'call' : 'email';
            $status = $kind === 'call' ? (mt_rand(0, 99) < 45 ? 'Held' : 'Not Held') : '';
            $items[] = ['kind' => $kind, 'dir' => 'in', 'status' => $status, 'at' => $t, 'deleted' => mt_rand(0, 99) === 0];
            if ($status === 'Held') {
                continue;
            }
            $r = mt_rand(0, 999) / 1000;
            if ($r < $q) {
                $rt = $t + mt_rand(60, (int) ($this->sla * 0.9 * 60));
            } elseif ($r < $q + (1 - $q) * 0.6) {
                $rt = $t + mt_rand(($this->sla + 5) * 60, 3 * 86400);
            } else {
                continue;   // never answered
            }
            if ($rt >= $this->asOf) {
                continue;
            }
            $rkind = $kind === 'email' && mt_rand(0, 9) < 7 ? 'email' : 'call';
            $items[] = ['kind' => $rkind, 'dir' => 'out', 'status' => $rkind === 'call' ? (mt_rand(0, 9) < 7 ? 'Held' : 'Not Held') : '',
                'at' => $rt, 'deleted' => false];
        }
        $uid = $this->uid($owner);
        foreach ($items as &$it) {
            $it['owner'] = $uid;
            if ($it['kind'] === 'call') {
                $this->call($ptype, $pid, $owner, $accId, $contactId, $leadId, $it['dir'], $it['status'], $it['at'],
                    ($it['dir'] === 'in' ? 'Входящий: ' : 'Перезвонить: ') . $who, $it['deleted']);
                continue;
            }
            if ($addr === null) {
                $addr = 'client' . (++$this->emailSeq) . '@' . self::pick(['mail.ru', 'yandex.ru', 'gmail.com', 'bk.ru', 'corp.example.ru']);
                $this->e->emailAddress($addr, $ptype, $pid, $it['at']);
            }
            $manager = $this->users[$this->managers[$owner]];
            $this->e->email(['id' => $this->e->newId($it['at']), 'dir' => $it['dir'], 'at' => $it['at'], 'owner' => $uid,
                'deleted' => $it['deleted'], 'parent_type' => $ptype, 'parent_id' => $pid, 'account_id' => $accId,
                'client_name' => $who, 'client_addr' => $addr, 'user_addr' => $manager['user_name'] . '@sales.example.ru',
                'subject' => $it['dir'] === 'in' ? self::pick(['Запрос КП', 'Счёт на поставку', 'Вопрос по договору', 'Re: предложение'])
                    : 'Re: ваш запрос', 'body' => $it['dir'] === 'in' ? 'Добрый день! Прошу связаться со мной.' : 'Добрый день! Отвечаю на ваш запрос.']);
            $this->counts['emails']++;
        }
        unset($it);
        foreach (Truth::responses($items, $this->asOf) as $resp) {
            $k = &$this->kpi[$owner];
            $k['inbound']++;
            if (Truth::isLate($resp['minutes'], $this->sla)) {
                $k['late']++;
                $k['unanswered'] += (int) ($resp['minutes'] === null);
            }
            unset($k);
        }
    }

    // ---- truth ---------------------------------------------------------------------------------

    private function truth(array $rows): array
    {
        $callers = array_column($this->users, 'id');
        $phones = [];
        $sample = array_keys($this->holders);
        sort($sample);
        foreach ($sample as $n) {
            $h = array_values($this->holders[$n]);
            usort($h, fn ($a, $b) => [$a['type'], $a['id']] <=> [$b['type'], $b['id']]);
            $colors = $red = [];
            foreach ($callers as $c) {
                [$colors[$c], $owners] = Truth::cardColor($h, $c);
                if ($owners) {
                    $red[$c] = $owners;
                }
            }
            $stored = array_keys($this->storedAs[$n]);
            sort($stored, SORT_STRING);
            $phones[] = ['e164' => '+' . $n, 'shared_pool' => isset($this->pool[$n]), 'stored_as' => $stored,
                'holders' => $h, 'colors' => $colors, 'red_owner_ids' => (object) $red];
        }
        // Numbers nobody has: a fresh counter value never handed out, and a foreign number.
        foreach ([$this->freshMobile(), $this->freshLandline()] as $n) {
            $phones[] = ['e164' => '+' . $n, 'shared_pool' => false, 'stored_as' => [], 'holders' => [],
                'colors' => array_fill_keys($callers, 'none'), 'red_owner_ids' => (object) []];
        }
        $kpi = [];
        $convAll = [];
        foreach ($this->managers as $i => $ui) {
            $k = $this->kpi[$i];
            $won = $k['deals_by_stage']['Closed Won'];
            $lost = $k['deals_by_stage']['Closed Lost'];
            ksort($k['lost_by_reason']);
            $conv = [];
            ksort($k['conv']);
            foreach ($k['conv'] as $src => [$leads, $converted]) {
                $conv[$src] = ['leads' => $leads, 'converted' => $converted, 'rate' => round($converted / $leads, 6)];
                $convAll[$src][0] = ($convAll[$src][0] ?? 0) + $leads;
                $convAll[$src][1] = ($convAll[$src][1] ?? 0) + $converted;
            }
            $coef = $k['inbound'] ? round($k['late'] / $k['inbound'], 6) : null;
            $kpi[$this->users[$ui]['id']] = [
                'user_name' => $this->users[$ui]['user_name'],
                'deals_by_stage' => $k['deals_by_stage'], 'open_deals' => $k['open_deals'],
                'open_without_open_task' => $k['open_without_open_task'],
                'won' => $won, 'lost' => $lost, 'win_ratio' => $won + $lost ? round($won / ($won + $lost), 6) : null,
                'lost_by_reason' => (object) $k['lost_by_reason'], 'poor_quality_failures' => $k['poor_quality_failures'],
                'stale' => (object) $k['stale'],
                'response' => ['inbound' => $k['inbound'], 'late' => $k['late'], 'unanswered' => $k['unanswered'],
                    'coefficient' => $coef, 'alarm' => $coef !== null && $coef > Truth::RESPONSE_ALARM],
                'conversion_by_source' => (object) $conv,
            ];
        }
        ksort($convAll);
        $conversion = [];
        foreach ($convAll as $src => [$leads, $converted]) {
            $rate = round($converted / $leads, 6);
            $conversion[$src] = ['leads' => $leads, 'converted' => $converted, 'rate' => $rate,
                'alarm' => Truth::conversionAlarm($rate)];
        }
        $users = [];
        foreach ($this->users as $u) {
            $users[] = ['id' => $u['id'], 'user_name' => $u['user_name'], 'role' => $u['role'],
                'is_admin' => $u['type'] === 'admin',
                'team_id' => $u['team'] === null ? null : $this->teams[$u['team']]['id'],
                'supervisor_id' => $u['reports_to']];
        }
        return [
            'generator' => ['crm' => $this->o['crm'], 'seed' => $this->o['seed'], 'scale' => $this->o['scale'],
                'contacts' => $this->o['contacts'], 'leads' => $this->o['leads'], 'accounts' => $this->o['accounts'],
                'managers' => $this->o['managers'], 'days' => $this->o['days'],
                'period_start' => gmdate('Y-m-d H:i:s', $this->start), 'as_of' => gmdate('Y-m-d H:i:s', $this->asOf),
                'sla_minutes' => $this->sla, 'stale_days' => self::STALE_DAYS,
                'supervisor_rule' => $this->e->supervisorRule(),
                'definitions' => 'tools/gendata/Truth.php'],
            'rows' => $rows,
            'counts' => $this->counts,
            'users' => $users,
            'phones' => $phones,
            'kpi' => $kpi,
            'conversion_by_source' => $conversion,
            'audit' => $this->audit,
        ];
    }
}
