<?php
/*
 * tools/gendata/SuiteEmitter.php — SuiteCRM 7.14.6 rows for World's records, column for column
 * as tests/fixtures/suitecrm/schema.sql (and as SuiteCRM writes them, see sample.sql there):
 * create_guid() ids (the installer's admin is '1'), phones as typed in the phone columns
 * (people: phone_mobile, phone_work, phone_other; accounts: phone_office, phone_alternate),
 * accounts_contacts / accounts_opportunities / opportunities_contacts with their own ids,
 * <table>_cstm rows (id_c): one per account, contact, lead and deal as SugarBean::save() writes
 * them (the installer's Google Maps fields; crmguard's custom fields), security groups per sales team,
 * users.reports_to_id = the head of sales (the supervisor), sales_stage changes audited in
 * opportunities_audit.
 */
declare(strict_types=1);

namespace CrmGuard\GenData;

final class SuiteEmitter extends Emitter
{
    private const MODULE = ['Account' => 'Accounts', 'Contact' => 'Contacts', 'Lead' => 'Leads',
        'Opportunity' => 'Opportunities', 'Task' => 'Tasks', 'User' => 'Users'];
    /** @var array<string, string> address => email_addresses.id */
    private array $addrIds = [];

    public function adminId(): string
    {
        return '1';
    }

    public function leadSources(): array
    {
        return ['Cold Call', 'Email', 'Existing Customer', 'Partner', 'Web Site', 'Campaign'];
    }

    public function supervisorRule(): string
    {
        return 'users.reports_to_id';
    }

    public function newId(int $created): string
    {
        return $this->suiteId($created);
    }

    public function begin(int $start, int $asOf): void
    {
        $w = $this->w;
        $this->stageLogTable();
        $w->table('users', ['id', 'user_name', 'sugar_login', 'first_name', 'last_name', 'is_admin', 'external_auth_only',
            'receive_notifications', 'date_entered', 'date_modified', 'modified_user_id', 'created_by', 'title', 'department',
            'phone_work', 'status', 'deleted', 'portal_only', 'show_on_employees', 'employee_status', 'reports_to_id',
            'is_group', 'factor_auth', 'system_generated_password']);
        $w->table('securitygroups', ['id', 'name', 'date_entered', 'date_modified', 'modified_user_id', 'created_by',
            'deleted', 'assigned_user_id', 'noninheritable']);
        $w->table('securitygroups_users', ['id', 'date_modified', 'deleted', 'securitygroup_id', 'user_id', 'primary_group', 'noninheritable']);
        $w->table('securitygroups_records', ['id', 'securitygroup_id', 'record_id', 'module', 'date_modified',
            'modified_user_id', 'created_by', 'deleted']);
        $w->table('email_addresses', ['id', 'email_address', 'email_address_caps', 'invalid_email', 'opt_out',
            'confirm_opt_in', 'date_created', 'date_modified', 'deleted']);
        $w->table('email_addr_bean_rel', ['id', 'email_address_id', 'bean_id', 'bean_module', 'primary_address',
            'reply_to_address', 'date_created', 'date_modified', 'deleted']);
        $w->table('accounts', ['id', 'name', 'date_entered', 'date_modified', 'modified_user_id', 'created_by', 'description',
            'deleted', 'assigned_user_id', 'account_type', 'industry', 'billing_address_city', 'billing_address_country',
            'phone_office', 'phone_alternate', 'website']);
        $w->table('accounts_cstm', ['id_c', 'jjwg_maps_lng_c', 'jjwg_maps_lat_c', 'crmguard_status_c']);
        $w->table('contacts', ['id', 'date_entered', 'date_modified', 'modified_user_id', 'created_by', 'description',
            'deleted', 'assigned_user_id', 'salutation', 'first_name', 'last_name', 'title', 'do_not_call', 'phone_mobile',
            'phone_work', 'phone_other', 'primary_address_city', 'lead_source', 'portal_user_type']);
        $w->table('contacts_cstm', ['id_c', 'jjwg_maps_lng_c', 'jjwg_maps_lat_c']);
        $w->table('accounts_contacts', ['id', 'contact_id', 'account_id', 'date_modified', 'deleted']);
        $w->table('leads', ['id', 'date_entered', 'date_modified', 'modified_user_id', 'created_by', 'description', 'deleted',
            'assigned_user_id', 'first_name', 'last_name', 'title', 'do_not_call', 'phone_mobile', 'phone_work', 'phone_other',
            'primary_address_city', 'converted', 'lead_source', 'status', 'account_name', 'contact_id', 'account_id', 'opportunity_id']);
        $w->table('leads_cstm', ['id_c', 'jjwg_maps_lng_c', 'jjwg_maps_lat_c']);
        $w->table('opportunities', ['id', 'name', 'date_entered', 'date_modified', 'modified_user_id', 'created_by',
            'description', 'deleted', 'assigned_user_id', 'opportunity_type', 'lead_source', 'amount', 'amount_usdollar',
            'currency_id', 'date_closed', 'sales_stage', 'probability']);
        $w->table('opportunities_cstm', ['id_c', 'jjwg_maps_lng_c', 'jjwg_maps_lat_c', 'crmguard_failure_reason_c']);
        $w->table('accounts_opportunities', ['id', 'opportunity_id', 'account_id', 'date_modified', 'deleted']);
        $w->table('opportunities_contacts', ['id', 'contact_id', 'opportunity_id', 'contact_role', 'date_modified', 'deleted']);
        $w->table('opportunities_audit', ['id', 'parent_id', 'date_created', 'created_by', 'field_name', 'data_type',
            'before_value_string', 'after_value_string']);
        $w->table('tasks', ['id', 'name', 'date_entered', 'date_modified', 'modified_user_id', 'created_by', 'deleted',
            'assigned_user_id', 'status', 'date_due_flag', 'date_due', 'date_start_flag', 'parent_type', 'parent_id',
            'contact_id', 'priority']);
        $w->table('calls', ['id', 'name', 'date_entered', 'date_modified', 'modified_user_id', 'created_by', 'deleted',
            'assigned_user_id', 'duration_hours', 'duration_minutes', 'date_start', 'date_end', 'parent_type', 'status',
            'direction', 'parent_id', 'reminder_time', 'email_reminder_time', 'email_reminder_sent', 'repeat_interval']);
        $w->table('calls_cstm', ['id_c', 'crmguard_card_color_c']);
        $w->table('calls_contacts', ['id', 'call_id', 'contact_id', 'required', 'accept_status', 'date_modified', 'deleted']);
        $w->table('calls_leads', ['id', 'call_id', 'lead_id', 'required', 'accept_status', 'date_modified', 'deleted']);
        $w->table('calls_users', ['id', 'call_id', 'user_id', 'required', 'accept_status', 'date_modified', 'deleted']);
        $w->table('emails', ['id', 'name', 'date_entered', 'date_modified', 'modified_user_id', 'created_by', 'deleted',
            'assigned_user_id', 'date_sent_received', 'message_id', 'type', 'status', 'flagged', 'reply_to_status', 'intent',
            'parent_type', 'parent_id']);
        $w->table('emails_text', ['email_id', 'from_addr', 'to_addrs', 'description', 'deleted']);
        $w->table('emails_beans', ['id', 'email_id', 'bean_id', 'bean_module', 'date_modified', 'deleted']);
        $w->table('notes', ['assigned_user_id', 'id', 'date_entered', 'date_modified', 'modified_user_id', 'created_by',
            'name', 'parent_type', 'parent_id', 'contact_id', 'portal_flag', 'embed_flag', 'description', 'deleted']);
    }

    public function team(array $t): void
    {
        $d = $this->dt($t['created']);
        $this->w->row('securitygroups', [$t['id'], $t['name'], $d, $d, '1', '1', 0, '1', 0]);
    }

    public function user(array $u): void
    {
        $d = $this->dt($u['created']);
        $admin = $u['type'] === 'admin';
        $this->w->row('users', [$u['id'], $u['user_name'], 1, $u['first'], $u['last'], (int) $admin, 0, 1, $d, $d, '1',
            $admin ? null : '1', $u['title'], $admin ? null : 'Продажи', $u['phone'], 'Active', 0, 0, 1, 'Active',
            $u['reports_to'], 0, 0, 0]);
        if ($u['team_id'] !== null) {
            $this->w->row('securitygroups_users', [$this->suiteId($u['created']), $d, 0, $u['team_id'], $u['id'], 1, 0]);
        }
        $this->emailAddress($u['email'], 'User', $u['id'], $u['created']);
    }

    private function group(string $type, string $id, string $team, string $by, int $at): void
    {
        $this->w->row('securitygroups_records', [$this->suiteId($at), $team, $id, self::MODULE[$type], $this->dt($at), $by, $by, 0]);
    }

    /** Phone values onto columns: Mobile -> phone_mobile, Office -> phone_work, the rest phone_other. */
    private static function personPhones(array $phones): array
    {
        $cols = ['Mobile' => null, 'Office' => null, 'Other' => null];
        foreach ($phones as $p) {
            $k = $cols[$p['type']] === null ? $p['type'] : 'Other';
            $cols[$k] = $p['str'];
        }
        return [$cols['Mobile'], $cols['Office'], $cols['Other']];
    }

    public function account(array $a): void
    {
        $c = $this->dt($a['created']);
        $m = $this->dt($a['modified']);
        $this->w->row('accounts', [$a['id'], $a['name'], $c, $m, $a['owner'], $a['owner'], $a['description'], (int) $a['deleted'],
            $a['owner'], $a['type'], $a['industry'], $a['city'], 'Russia', $a['phones'][0]['str'] ?? null,
            $a['phones'][1]['str'] ?? null, $a['website']]);
        $this->w->row('accounts_cstm', [$a['id'], 0, 0, $a['status']]);
        $this->group('Account', $a['id'], $a['team_id'], $a['owner'], $a['created']);
    }

    public function contact(array $x): void
    {
        $c = $this->dt($x['created']);
        [$mobile, $work, $other] = self::personPhones($x['phones']);
        $this->w->row('contacts', [$x['id'], $c, $this->dt($x['modified']), $x['owner'], $x['owner'], $x['description'],
            (int) $x['deleted'], $x['owner'], $x['salutation'], $x['first'], $x['last'], $x['title'], 0, $mobile, $work, $other,
            $x['city'], $x['lead_source'], 'Single']);
        $this->w->row('contacts_cstm', [$x['id'], 0, 0]);
        foreach ($x['links'] as $l) {
            $this->w->row('accounts_contacts', [$this->suiteId($x['created']), $x['id'], $l['account_id'], $c, (int) $l['link_deleted']]);
        }
        $this->group('Contact', $x['id'], $x['team_id'], $x['owner'], $x['created']);
    }

    public function lead(array $l): void
    {
        $c = $this->dt($l['created']);
        [$mobile, $work, $other] = self::personPhones($l['phones']);
        $this->w->row('leads', [$l['id'], $c, $this->dt($l['modified']), $l['owner'], $l['owner'], $l['description'],
            (int) $l['deleted'], $l['owner'], $l['first'], $l['last'], $l['title'], 0, $mobile, $work, $other, $l['city'],
            (int) ($l['status'] === 'Converted'), $l['source'], $l['status'], $l['account_name'], $l['contact_id'],
            $l['account_id'], $l['deal_id']]);
        $this->w->row('leads_cstm', [$l['id'], 0, 0]);
        $this->group('Lead', $l['id'], $l['team_id'], $l['owner'], $l['created']);
    }

    public function deal(array $d): void
    {
        $c = $this->dt($d['created']);
        $m = $this->dt($d['modified']);
        $this->w->row('opportunities', [$d['id'], $d['name'], $c, $m, $d['owner'], $d['owner'], $d['description'],
            (int) $d['deleted'], $d['owner'], 'New Business', $d['lead_source'], $d['amount'], $d['amount'], '-99',
            $d['close_date'], $d['stage'], $d['probability']]);
        $this->w->row('opportunities_cstm', [$d['id'], 0, 0, $d['failure_reason']]);
        if ($d['account_id'] !== null) {
            $this->w->row('accounts_opportunities', [$this->suiteId($d['created']), $d['id'], $d['account_id'], $c, 0]);
        }
        if ($d['contact_id'] !== null) {
            $this->w->row('opportunities_contacts', [$this->suiteId($d['created']), $d['contact_id'], $d['id'], null, $c, 0]);
        }
        foreach ($d['changes'] as [$from, $to, $at, $user]) {
            if ($from !== null) {
                $this->w->row('opportunities_audit', [$this->suiteId($at), $d['id'], $this->dt($at), $user, 'sales_stage', 'enum', $from, $to]);
            }
        }
        $this->group('Opportunity', $d['id'], $d['team_id'], $d['owner'], $d['created']);
        $this->stageLog($d);
    }

    public function task(array $t): void
    {
        $c = $this->dt($t['created']);
        $status = $t['status'] === 'Started' ? 'In Progress' : $t['status'];
        $this->w->row('tasks', [$t['id'], $t['name'], $c, $this->dt($t['modified']), $t['owner'], $t['owner'], (int) $t['deleted'],
            $t['owner'], $status, 0, $this->dt($t['due']), 0, 'Opportunities', $t['parent_id'], $t['contact_id'], 'Medium']);
        $this->group('Task', $t['id'], $t['team_id'], $t['owner'], $t['created']);
    }

    public function call(array $x): void
    {
        $s = $this->dt($x['start']);
        $mod = $this->dt($x['modified']);
        $this->w->row('calls', [$x['id'], $x['name'], $s, $mod, $x['owner'], $x['owner'], (int) $x['deleted'], $x['owner'],
            intdiv($x['minutes'], 60), $x['minutes'] % 60, $s, $this->dt($x['start'] + $x['minutes'] * 60),
            self::MODULE[$x['parent_type']], $x['status'], $x['direction'], $x['parent_id'], -1, -1, 0, 1]);
        $this->w->row('calls_cstm', [$x['id'], null]);
        if ($x['contact_id'] !== null) {
            $this->w->row('calls_contacts', [$this->suiteId($x['start']), $x['id'], $x['contact_id'], '1', 'none', $mod, 0]);
        }
        if ($x['lead_id'] !== null) {
            $this->w->row('calls_leads', [$this->suiteId($x['start']), $x['id'], $x['lead_id'], '1', 'none', $mod, 0]);
        }
        $this->w->row('calls_users', [$this->suiteId($x['start']), $x['id'], $x['owner'], '1', 'accept', $mod, 0]);
    }

    public function emailAddress(string $addr, string $parentType, string $parentId, int $at): void
    {
        $d = $this->dt($at);
        $id = $this->suiteId($at);
        $this->addrIds[$addr] = $id;
        $this->w->row('email_addresses', [$id, $addr, strtoupper($addr), 0, 0, 'not-opt-in', $d, $d, 0]);
        $this->w->row('email_addr_bean_rel', [$this->suiteId($at), $id, $parentId, self::MODULE[$parentType], 1, 0, $d, $d, 0]);
    }

    public function email(array $m): void
    {
        $t = $this->dt($m['at']);
        $in = $m['dir'] === 'in';
        $module = self::MODULE[$m['parent_type']];
        $this->w->row('emails', [$m['id'], $m['subject'], $t, $t, $in ? '1' : $m['owner'], $in ? '1' : $m['owner'],
            (int) $m['deleted'], $m['owner'], $t, '<' . $m['id'] . '@sales.example.ru>', $in ? 'inbound' : 'out',
            $in ? 'read' : 'sent', 0, 0, 'pick', $module, $m['parent_id']]);
        $this->w->row('emails_text', [$m['id'], $in ? $m['client_name'] . ' <' . $m['client_addr'] . '>' : $m['user_addr'],
            $in ? $m['user_addr'] : $m['client_addr'], $m['body'], 0]);
        $this->w->row('emails_beans', [$this->suiteId($m['at']), $m['id'], $m['parent_id'], $module, $t, 0]);
    }

    public function note(array $n): void
    {
        $t = $this->dt($n['created']);
        $this->w->row('notes', [$n['owner'], $n['id'], $t, $t, $n['owner'], $n['owner'], 'Комментарий',
            self::MODULE[$n['parent_type']], $n['parent_id'], $n['contact_id'], 0, 0, $n['text'], (int) $n['deleted']]);
    }
}
