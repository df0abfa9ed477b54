<?php
/*
 * tools/gendata/EspoEmitter.php — EspoCRM 9.2 rows for World's records, column for column as
 * tests/fixtures/espocrm/schema.sql (and as EspoCRM's ORM writes them, see sample.sql there):
 * 17-character ids, phone_number rows shared by every record storing the same string,
 * entity_phone_number links with `primary`, account_contact for every account link (the first
 * also contact.account_id), entity_team for sharing with the owner's team, email_address +
 * entity_email_address, crmguard's custom columns c_crmguard_*.
 *
 * Supervisor rule (EspoCRM has none in core; crmguard's option `team_role:Supervisor`): the
 * supervisor of a user is every user with team_user.role = 'Supervisor' in a team the user
 * belongs to. Each head of sales has such a role in his team; managers have role 'Manager'.
 */
declare(strict_types=1);

namespace CrmGuard\GenData;

final class EspoEmitter extends Emitter
{
    private string $admin;
    /** @var array<string, string> stored string => phone_number.id, for strings that repeat */
    private array $phoneIds = [];
    /** @var array<string, string> address => email_address.id */
    private array $addrIds = [];

    public function adminId(): string
    {
        return $this->admin;
    }

    public function leadSources(): array
    {
        return ['Call', 'Email', 'Existing Customer', 'Partner', 'Web Site', 'Campaign'];
    }

    public function supervisorRule(): string
    {
        return 'team_role:Supervisor';
    }

    public function newId(int $created): string
    {
        return $this->espoId($created);
    }

    public function begin(int $start, int $asOf): void
    {
        $w = $this->w;
        $this->stageLogTable();
        $w->table('user', ['id', 'deleted', 'user_name', 'type', 'first_name', 'last_name', 'is_active', 'title',
            'created_at', 'modified_at', 'delete_id', 'default_team_id', 'created_by_id']);
        $w->table('team', ['id', 'name', 'deleted', 'position_list', 'created_at', 'modified_at']);
        $w->table('team_user', ['team_id', 'user_id', 'role', 'deleted']);
        $w->table('email_address', ['id', 'name', 'deleted', 'lower', 'invalid', 'opt_out']);
        $w->table('entity_email_address', ['entity_id', 'email_address_id', 'entity_type', 'primary', 'deleted']);
        $w->table('account', ['id', 'name', 'deleted', 'website', 'type', 'industry', 'billing_address_city',
            'billing_address_country', 'description', 'created_at', 'modified_at', 'stream_updated_at', 'created_by_id',
            'modified_by_id', 'assigned_user_id', 'version_number', 'c_crmguard_status']);
        $w->table('contact', ['id', 'deleted', 'salutation_name', 'first_name', 'last_name', 'description', 'do_not_call',
            'address_city', 'created_at', 'modified_at', 'stream_updated_at', 'account_id', 'created_by_id',
            'modified_by_id', 'assigned_user_id']);
        $w->table('account_contact', ['account_id', 'contact_id', 'role', 'is_inactive', 'deleted']);
        $w->table('lead', ['id', 'deleted', 'salutation_name', 'first_name', 'last_name', 'title', 'status', 'source',
            'address_city', 'do_not_call', 'description', 'converted_at', 'created_at', 'modified_at', 'account_name',
            'stream_updated_at', 'created_by_id', 'modified_by_id', 'assigned_user_id', 'created_account_id',
            'created_contact_id', 'created_opportunity_id']);
        $w->table('phone_number', ['id', 'name', 'deleted', 'type', 'numeric', 'invalid', 'opt_out']);
        $w->table('entity_phone_number', ['entity_id', 'phone_number_id', 'entity_type', 'primary', 'deleted']);
        $w->table('opportunity', ['id', 'name', 'deleted', 'amount', 'stage', 'last_stage', 'probability', 'lead_source',
            'close_date', 'description', 'created_at', 'modified_at', 'amount_currency', 'stream_updated_at', 'account_id',
            'contact_id', 'created_by_id', 'modified_by_id', 'assigned_user_id', 'version_number', 'c_crmguard_failure_reason']);
        $w->table('contact_opportunity', ['contact_id', 'opportunity_id', 'role', 'deleted']);
        $w->table('task', ['id', 'name', 'deleted', 'status', 'priority', 'date_start', 'date_end', 'date_completed',
            'created_at', 'modified_at', 'parent_id', 'parent_type', 'account_id', 'contact_id', 'created_by_id',
            'modified_by_id', 'assigned_user_id', 'version_number']);
        $w->table('call', ['id', 'name', 'deleted', 'status', 'date_start', 'date_end', 'direction', 'created_at',
            'modified_at', 'parent_id', 'parent_type', 'account_id', 'created_by_id', 'modified_by_id', 'assigned_user_id']);
        $w->table('call_contact', ['call_id', 'contact_id', 'status', 'deleted']);
        $w->table('call_lead', ['call_id', 'lead_id', 'status', 'deleted']);
        $w->table('call_user', ['user_id', 'call_id', 'status', 'deleted']);
        $w->table('email', ['id', 'name', 'deleted', 'from_string', 'is_replied', 'message_id', 'body_plain', 'body',
            'is_html', 'status', 'date_sent', 'created_at', 'modified_at', 'from_email_address_id', 'parent_id',
            'parent_type', 'created_by_id', 'sent_by_id', 'assigned_user_id', 'account_id']);
        $w->table('email_email_address', ['email_id', 'email_address_id', 'address_type', 'deleted']);
        $w->table('email_user', ['email_id', 'user_id', 'is_read', 'deleted']);
        $w->table('note', ['id', 'deleted', 'post', 'data', 'type', 'created_at', 'modified_at', 'parent_id',
            'parent_type', 'created_by_id']);
        $w->table('entity_team', ['entity_id', 'team_id', 'entity_type', 'deleted']);
        $w->table('stream_subscription', ['deleted', 'entity_id', 'entity_type', 'user_id']);
        // The built-in system user, as every EspoCRM install has it.
        $t = $this->dt($start - 40 * 86400);
        $w->row('user', ['system', 0, 'system', 'system', null, 'System', 1, null, $t, $t, '0', null, null]);
        $this->admin = $this->espoId($start - 40 * 86400 + 10);
    }

    public function team(array $t): void
    {
        $d = $this->dt($t['created']);
        $this->w->row('team', [$t['id'], $t['name'], 0, '["Supervisor","Manager"]', $d, $d]);
    }

    public function user(array $u): void
    {
        $d = $this->dt($u['created']);
        $this->w->row('user', [$u['id'], 0, $u['user_name'], $u['type'], $u['first'], $u['last'], 1, $u['title'], $d, $d, '0',
            $u['team_id'], $u['type'] === 'admin' ? 'system' : $this->admin]);
        if ($u['team_id'] !== null) {
            $this->w->row('team_user', [$u['team_id'], $u['id'], $u['team_role'], 0]);
        }
        $this->emailAddress($u['email'], 'User', $u['id'], $u['created']);
    }

    private function phones(string $type, string $id, array $phones, int $created): void
    {
        $seen = [];
        foreach ($phones as $i => $p) {
            $s = $p['str'];
            if ($p['dedupe'] && isset($this->phoneIds[$s])) {
                $pid = $this->phoneIds[$s];
            } else {
                $pid = $this->espoId($created);
                $num = preg_replace('/\D+/', '', $s);
                $this->w->row('phone_number', [$pid, $s, 0, $p['type'], $num === '' ? null : $num, 0, 0]);
                if ($p['dedupe']) {
                    $this->phoneIds[$s] = $pid;
                }
            }
            if (isset($seen[$pid])) {
                continue;
            }
            $seen[$pid] = true;
            $this->w->row('entity_phone_number', [$id, $pid, $type, (int) ($i === 0), 0]);
        }
    }

    private function team_(string $type, string $id, string $team): void
    {
        $this->w->row('entity_team', [$id, $team, $type, 0]);
    }

    public function account(array $a): void
    {
        $c = $this->dt($a['created']);
        $m = $this->dt($a['modified']);
        $this->w->row('account', [$a['id'], $a['name'], (int) $a['deleted'], $a['website'], $a['type'], $a['industry'], $a['city'],
            'Russia', $a['description'], $c, $m, $m, $a['owner'], $m === $c ? null : $a['owner'], $a['owner'],
            $m === $c ? 1 : 2, $a['status']]);
        $this->phones('Account', $a['id'], $a['phones'], $a['created']);
        $this->team_('Account', $a['id'], $a['team_id']);
        $this->w->row('stream_subscription', [0, $a['id'], 'Account', $a['owner']]);
    }

    public function contact(array $x): void
    {
        $c = $this->dt($x['created']);
        $m = $this->dt($x['modified']);
        $primary = $x['links'] ? $x['links'][0]['account_id'] : null;
        $this->w->row('contact', [$x['id'], (int) $x['deleted'], $x['salutation'], $x['first'], $x['last'], $x['description'], 0,
            $x['city'], $c, $m, $m, $primary, $x['owner'], $m === $c ? null : $x['owner'], $x['owner']]);
        foreach ($x['links'] as $i => $l) {
            $this->w->row('account_contact', [$l['account_id'], $x['id'], $i === 0 ? $x['title'] : null, 0, (int) $l['link_deleted']]);
        }
        $this->phones('Contact', $x['id'], $x['phones'], $x['created']);
        $this->team_('Contact', $x['id'], $x['team_id']);
    }

    public function lead(array $l): void
    {
        $c = $this->dt($l['created']);
        $m = $this->dt($l['modified']);
        $this->w->row('lead', [$l['id'], (int) $l['deleted'], null, $l['first'], $l['last'], $l['title'], $l['status'], $l['source'],
            $l['city'], 0, $l['description'], $this->dt($l['converted_at']), $c, $m, $l['account_name'], $m, $l['owner'],
            $m === $c ? null : $l['owner'], $l['owner'], $l['account_id'], $l['contact_id'], $l['deal_id']]);
        $this->phones('Lead', $l['id'], $l['phones'], $l['created']);
        $this->team_('Lead', $l['id'], $l['team_id']);
    }

    public function deal(array $d): void
    {
        $c = $this->dt($d['created']);
        $m = $this->dt($d['modified']);
        $this->w->row('opportunity', [$d['id'], $d['name'], (int) $d['deleted'], $d['amount'], $d['stage'], $d['last_stage'],
            $d['probability'], $d['lead_source'], $d['close_date'], $d['description'], $c, $m, 'RUB', $m, $d['account_id'],
            $d['contact_id'], $d['owner'], $m === $c ? null : $d['owner'], $d['owner'], count($d['changes']), $d['failure_reason']]);
        if ($d['contact_id'] !== null) {
            $this->w->row('contact_opportunity', [$d['contact_id'], $d['id'], null, 0]);
        }
        $this->team_('Opportunity', $d['id'], $d['team_id']);
        $this->w->row('stream_subscription', [0, $d['id'], 'Opportunity', $d['owner']]);
        $this->stageLog($d);
    }

    public function task(array $t): void
    {
        $c = $this->dt($t['created']);
        $this->w->row('task', [$t['id'], $t['name'], (int) $t['deleted'], $t['status'], 'Normal', null, $this->dt($t['due']),
            $this->dt($t['completed']), $c, $this->dt($t['modified']), $t['parent_id'], $t['parent_type'], $t['account_id'],
            $t['contact_id'], $t['owner'], $t['completed'] === null ? null : $t['owner'], $t['owner'], $t['completed'] === null ? 1 : 2]);
        $this->team_('Task', $t['id'], $t['team_id']);
    }

    public function call(array $x): void
    {
        $s = $this->dt($x['start']);
        $this->w->row('call', [$x['id'], $x['name'], (int) $x['deleted'], $x['status'], $s, $this->dt($x['start'] + $x['minutes'] * 60),
            $x['direction'], $s, $this->dt($x['modified']), $x['parent_id'], $x['parent_type'], $x['account_id'], $x['owner'],
            $x['owner'], $x['owner']]);
        if ($x['contact_id'] !== null) {
            $this->w->row('call_contact', [$x['id'], $x['contact_id'], $x['status'] === 'Held' ? 'Accepted' : 'None', 0]);
        }
        if ($x['lead_id'] !== null) {
            $this->w->row('call_lead', [$x['id'], $x['lead_id'], $x['status'] === 'Held' ? 'Accepted' : 'None', 0]);
        }
        $this->w->row('call_user', [$x['owner'], $x['id'], 'Accepted', 0]);
    }

    public function emailAddress(string $addr, string $parentType, string $parentId, int $at): void
    {
        $id = $this->espoId($at);
        $this->addrIds[$addr] = $id;
        $this->w->row('email_address', [$id, $addr, 0, strtolower($addr), 0, 0]);
        $this->w->row('entity_email_address', [$parentId, $id, $parentType, 1, 0]);
    }

    public function email(array $m): void
    {
        $t = $this->dt($m['at']);
        $client = $this->addrIds[$m['client_addr']];
        $user = $this->addrIds[$m['user_addr']];
        $in = $m['dir'] === 'in';
        // Inbound mail is fetched (status Archived, created by the system); outbound is Sent by the user.
        $this->w->row('email', [$m['id'], $m['subject'], (int) $m['deleted'],
            $in ? $m['client_name'] . ' <' . $m['client_addr'] . '>' : $m['user_addr'], 0,
            '<' . $m['id'] . '@sales.example.ru>', $m['body'], $m['body'], 0, $in ? 'Archived' : 'Sent', $t, $t, $t,
            $in ? $client : $user, $m['parent_id'], $m['parent_type'], $in ? 'system' : $m['owner'], $in ? null : $m['owner'],
            $m['owner'], $m['account_id']]);
        $this->w->row('email_email_address', [$m['id'], $in ? $client : $user, 'from', 0]);
        $this->w->row('email_email_address', [$m['id'], $in ? $user : $client, 'to', 0]);
        $this->w->row('email_user', [$m['id'], $m['owner'], 1, 0]);
    }

    public function note(array $n): void
    {
        $t = $this->dt($n['created']);
        $this->w->row('note', [$n['id'], (int) $n['deleted'], $n['text'], '{}', 'Post', $t, $t, $n['parent_id'], $n['parent_type'], $n['owner']]);
    }
}
