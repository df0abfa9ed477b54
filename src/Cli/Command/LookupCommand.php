<?php
declare(strict_types=1);

namespace CrmGuard\Cli\Command;

use CrmGuard\Cli\Command;
use CrmGuard\Cli\Database;
use CrmGuard\Cli\Failure;
use CrmGuard\Cli\Io;
use CrmGuard\Cli\Options;
use CrmGuard\Cli\UsageError;
use CrmGuard\DbException;
use CrmGuard\PhoneIndex;

/** `crmguard lookup PHONE --caller USER_ID`: the call-card colour of a number for a caller. */
final class LookupCommand implements Command
{
    public function name(): string
    {
        return 'lookup';
    }

    public function synopsis(): string
    {
        return 'lookup PHONE --caller USER_ID    the call-card verdict for a number';
    }

    public function help(): string
    {
        return "Usage: crmguard lookup PHONE --caller USER_ID [--crm NAME] (--db DSN | --crm-root DIR)\n"
            . "                       [--read-db DSN [--max-lag SECONDS]]\n"
            . "                       [--region RU] [--lang en|ru] [--json]\n"
            . "                       [--format json|text|3cx|itoolabs|zadarma]\n\n"
            . "Who the number belongs to, and the colour of the call card for the user\n"
            . "placing or taking the call (the phone index must be built: `crmguard index\n"
            . "rebuild`):\n"
            . "  red     a company in work with another manager holds it (itself or a contact of it)\n"
            . "  yellow  a contact holds it\n"
            . "  blue    only leads hold it (converted and deleted leads do not count)\n"
            . "  none    unknown, the caller's own company, or a company not in work\n"
            . "PHONE may be written any way people type it.\n\n"
            . "Options:\n" . Database::HELP . "\n" . Database::READ_HELP . "\n"
            . "                  A lookup never answers from a replica that lags: the card is then\n"
            . "                  the primary's (with --json, \"read_from\": \"primary\"|\"replica\"\n"
            . "                  and \"read_note\": why the primary)\n"
            . "  --caller ID     the CRM user id of the caller (required)\n"
            . "  --region XX     region of numbers written without a country code (default RU)\n"
            . "  --lang LANG     language of the verdict: en (default) or ru\n"
            . "  --json          {\"phone\", \"color\", \"verdict\", \"owner_id\", \"owner_name\",\n"
            . "                  \"entity_type\", \"entity_id\", \"company_status\", \"matches\":[...]}\n"
            . "  --format F      print exactly what a telephony connector answers for the number\n"
            . "                  (docs/telephony.md): json (the --json card), text (Asterisk\n"
            . "                  CURL() / FreePBX Superfecta line), 3cx (the 3CX template's JSON),\n"
            . "                  itoolabs (cmd=contact), zadarma (NOTIFY_START); the CLI sees every\n"
            . "                  record, a connector only what its CRM user may read\n"
            . "  --help          this text\n\n"
            . "Exit codes: 0 looked up (whatever the colour), 1 invalid number or database\n"
            . "error, 2 usage error.\n";
    }

    public function run(array $args, Io $io): int
    {
        $options = Options::parse($args, Database::OPTIONS + Database::READ_OPTIONS + ['caller' => true, 'region' => true, 'lang' => true,
            'json' => false, 'format' => true, 'help' => false], 'lookup');
        if ($options->has('help')) {
            $io->write($this->help());
            return 0;
        }
        if (count($options->arguments) !== 1) {
            throw new UsageError($options->arguments === [] ? 'which number? (lookup PHONE --caller USER_ID)'
                : 'one number at a time, got ' . count($options->arguments), 'lookup');
        }
        $caller = $options->get('caller', '');
        if ($caller === '') {
            throw new UsageError('--caller USER_ID is required (the CRM user placing or taking the call)', 'lookup');
        }
        $lang = $options->get('lang', 'en');
        $format = $options->get('format', $options->has('json') ? 'json' : '');
        if ($format !== '' && !in_array($format, ['json', 'text', '3cx', 'itoolabs', 'zadarma'], true)) {
            throw new UsageError("--format must be json, text, 3cx, itoolabs or zadarma, not '$format'", 'lookup');
        }
        $database = Database::fromOptions($options, 'lookup');
        if ($format !== '' && $format !== 'json') {
            return $this->connectorAnswer($database, $format, $options->arguments[0], $caller, $lang, $io);
        }
        try {
            $index = new PhoneIndex($database->connectForReading($io), $database->crm, ['region' => $options->get('region', 'RU')]);
        } catch (\ValueError $e) {
            throw new UsageError('--region: unknown region ' . json_encode($options->get('region', 'RU')), 'lookup');
        }
        try {
            $card = $index->lookup($options->arguments[0], $caller, $lang);
        } catch (\ValueError $e) {
            throw new Failure('not a valid phone number: ' . json_encode($options->arguments[0], JSON_UNESCAPED_UNICODE
                | JSON_INVALID_UTF8_SUBSTITUTE) . ' (' . (preg_match('/\((\w+)\)$/', $e->getMessage(), $m) ? $m[1] : 'invalid') . ')');
        } catch (DbException $e) {
            throw $database->failure($e);
        }
        if ($format === 'json') {
            $card += $database->read?->answer() ?? []; // with --read-db: read_from, read_note
            $io->write(json_encode($card, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE
                | JSON_INVALID_UTF8_SUBSTITUTE | JSON_THROW_ON_ERROR) . "\n");
            return 0;
        }
        $io->write(sprintf("%s: %s — %s\n", $card['phone'], strtoupper($card['color']), $card['verdict']));
        foreach ($card['matches'] as $m) {
            $io->write(sprintf("  %-9s %-36s %s%s%s\n", $m['entity_type'], $m['entity_id'], $m['name'],
                $m['owner_name'] !== null ? " (" . $m['owner_name'] . ')' : ($m['owner_id'] !== null ? " ({$m['owner_id']})" : ''),
                (isset($m['company_status']) ? " [{$m['company_status']}]" : '')
                . (isset($m['via_contact_id']) ? " via contact {$m['via_contact_id']}" : '')));
        }
        return 0;
    }

    /** What the connector of $format answers (CrmGuard\Telephony\Gateway::answer), as an administrator sees it. */
    private function connectorAnswer(Database $database, string $format, string $phone, string $caller, string $lang, Io $io): int
    {
        try {
            $guard = $database->guard();
            $gateway = new \CrmGuard\Telephony\Gateway($guard, new \CrmGuard\Telephony\CliHost($lang));
            $io->write($gateway->answer($format, $phone, $caller) . "\n");
            if ($guard->reading()->reason !== null) {
                $io->error('crmguard: reading from the primary: ' . $guard->reading()->reason);
            }
        } catch (\CrmGuard\Crm\BadInput $e) {
            throw new Failure('not a valid phone number: ' . json_encode($phone, JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE));
        } catch (DbException $e) {
            throw $database->failure($e);
        }
        return 0;
    }
}
