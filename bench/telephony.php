<?php
/*
 * bench/telephony.php SOCKET LOOKUPS — the telephony adapters' overhead over the bare lookup, in
 * one run on bench/lookup's database (see bench/telephony).  The same numbers (40 % contacts,
 * 30 % leads, 10 % companies, 20 % unknown) are looked up
 *   - bare: PhoneIndex::lookup();
 *   - per protocol: Gateway::handle() with a request as the PBX sends it (the connector token
 *     checked against crmguard_connector_token, the failure table read, bounds, the card redacted,
 *     the answer encoded) — what the CRM's route adds on top is the CRM's own request handling.
 * The host is CliHost (every record readable): the CRM's ACL check is the CRM's cost, not the
 * adapter's.  Prints a markdown table: p50 and p99 per row, and each row's p50 over the bare p50.
 */
declare(strict_types=1);

[$socket, $n] = [$argv[1] ?? '', (int) ($argv[2] ?? 5000)];
$root = dirname(__DIR__);
require "$root/src/Cli/autoload.php";
$dsn = "mysql://crmguard:crmguard-dev@localhost/crmguard_bench_lookup?socket=$socket";
$db = new CrmGuard\Connection($dsn, ['persistent' => false]);
CrmGuard\Schema::apply($db, 'suitecrm');
$contacts = (int) $db->query('SELECT COUNT(*) n FROM contacts')[0]['n'];
$leads = (int) $db->query('SELECT COUNT(*) n FROM leads')[0]['n'];
$accounts = (int) $db->query('SELECT COUNT(*) n FROM accounts')[0]['n'];

mt_srand(20240601);
$numbers = [];
for ($i = 0; $i < $n; $i++) {
    $r = mt_rand(0, 99);
    $numbers[] = '+7' . match (true) {
        $r < 40 => '912' . str_pad((string) mt_rand(1, $contacts), 7, '0', STR_PAD_LEFT),
        $r < 70 => '913' . str_pad((string) mt_rand(1, $leads), 7, '0', STR_PAD_LEFT),
        $r < 80 => '495' . (1000000 + mt_rand(1, $accounts)),
        default => '977' . str_pad((string) mt_rand(1, 9999999), 7, '0', STR_PAD_LEFT),
    };
}

$guard = new CrmGuard\Crm\Guard('suitecrm', $dsn);
$gateway = new CrmGuard\Telephony\Gateway($guard, new CrmGuard\Telephony\CliHost('ru'));
$tokens = new CrmGuard\Telephony\Tokens($guard->connection());
$tokens->revoke('bench');
$token = $tokens->create('bench', 'u1', 'suitecrm');
$index = new CrmGuard\PhoneIndex($guard->connection(), 'suitecrm');

$requests = [
    'text (Asterisk CURL, Superfecta)' => fn ($p) => ['text', new CrmGuard\Telephony\Request('GET', ['token' => $token, 'phone' => $p], [], [], 0, '127.0.0.1')],
    '3cx lookup' => fn ($p) => ['3cx', new CrmGuard\Telephony\Request('POST', [], ['phone' => $p],
        ['x-crmguard-token' => $token, 'content-type' => 'application/x-www-form-urlencoded'], 20, '127.0.0.1')],
    'itoolabs cmd=contact' => fn ($p) => ['itoolabs', new CrmGuard\Telephony\Request('POST', [], ['cmd' => 'contact', 'phone' => $p, 'crm_token' => $token],
        ['content-type' => 'application/x-www-form-urlencoded'], 120, '127.0.0.1')],
];

function stats(array $t): array
{
    sort($t);
    $c = count($t);
    return ['p50' => $t[(int) floor(0.5 * ($c - 1))], 'p99' => $t[(int) floor(0.99 * ($c - 1))]];
}

foreach (array_slice($numbers, 0, 200) as $p) { // warm-up
    $index->lookup($p, 'u1');
    $gateway->handle(...$requests['text (Asterisk CURL, Superfecta)']($p));
}
$rows = [];
$t = [];
foreach ($numbers as $p) {
    $s = hrtime(true);
    $index->lookup($p, 'u1');
    $t[] = (hrtime(true) - $s) / 1e6;
}
$rows['bare `PhoneIndex::lookup()`'] = stats($t);
foreach ($requests as $name => $make) {
    $t = [];
    foreach ($numbers as $p) {
        $args = $make($p);
        $s = hrtime(true);
        $r = $gateway->handle(...$args);
        $t[] = (hrtime(true) - $s) / 1e6;
        if ($r->status !== 200) {
            fwrite(STDERR, "bench/telephony: $name answered $r->status: $r->body\n");
            exit(1);
        }
    }
    $rows["`Gateway::handle()` $name"] = stats($t);
}
$tokens->revoke('bench');

$bare = $rows['bare `PhoneIndex::lookup()`'];
printf("CRM: SuiteCRM schema, %s contacts, %s leads, %s accounts; %d numbers, the same in every row.\n\n",
    number_format($contacts, 0, '.', ' '), number_format($leads, 0, '.', ' '), number_format($accounts, 0, '.', ' '), $n);
echo "| path | p50 ms | p99 ms | p50 over bare | p50 added ms |\n|---|---:|---:|---:|---:|\n";
foreach ($rows as $name => $r) {
    printf("| %s | %.3f | %.3f | %.2f x | %+.3f |\n", $name, $r['p50'], $r['p99'], $r['p50'] / $bare['p50'], $r['p50'] - $bare['p50']);
}
printf("\nLoad average during the run: %s (2 cores shared with other work).\n",
    implode(' ', array_map(fn ($x) => sprintf('%.2f', $x), sys_getloadavg())));
