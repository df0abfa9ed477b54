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

/** `crmguard index rebuild`: rebuilds the phone index (crmguard_phone) from the CRM's records. */
final class IndexCommand implements Command
{
    public function name(): string
    {
        return 'index';
    }

    public function synopsis(): string
    {
        return 'index rebuild [--json]          (re)build the phone index from all leads/contacts/accounts';
    }

    public function help(): string
    {
        return "Usage: crmguard index rebuild [--crm NAME] (--db DSN | --crm-root DIR) [--region RU] [--json]\n\n"
            . "Reads every live lead, contact and account (deleted records and converted\n"
            . "leads are left out), splits and normalizes their stored phone values to\n"
            . "E.164 and writes the phone index (table crmguard_phone; create it first with\n"
            . "`crmguard schema apply`).  The new index is built aside and swapped in at\n"
            . "once: a rebuild that fails leaves the previous index in place.\n\n"
            . "Options:\n" . Database::HELP . "\n"
            . "  --region XX     region of numbers written without a country code (default RU)\n"
            . "  --json          {\"records\", \"phones\", \"invalid\", \"invalid_sample\":[{entity_type,\n"
            . "                  entity_id, field, value}], \"elapsed_s\", \"method\": \"load_data\"|\"insert\"}\n"
            . "  --help          this text\n\n"
            . "Exit codes: 0 rebuilt, 1 database error (the old index is kept), 2 usage error.\n";
    }

    public function run(array $args, Io $io): int
    {
        $options = Options::parse($args, Database::OPTIONS + ['region' => true, 'json' => false, 'help' => false], 'index');
        if ($options->has('help')) {
            $io->write($this->help());
            return 0;
        }
        if ($options->arguments !== ['rebuild']) {
            throw new UsageError($options->arguments === [] ? "what to do? ('index rebuild')"
                : "unknown 'index' action '" . implode(' ', $options->arguments) . "' (known: rebuild)", 'index');
        }
        $database = Database::fromOptions($options, 'index');
        try {
            $index = new PhoneIndex($database->connect(), $database->crm, ['region' => $options->get('region', 'RU')]);
        } catch (\ValueError $e) {
            throw new UsageError('--region: unknown region ' . json_encode($options->get('region', 'RU')), 'index');
        }
        try {
            $report = $index->rebuild();
        } catch (DbException $e) {
            throw $database->failure($e);
        }
        if ($options->has('json')) {
            $io->write(json_encode($report, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE
                | JSON_INVALID_UTF8_SUBSTITUTE | JSON_PRESERVE_ZERO_FRACTION | JSON_THROW_ON_ERROR) . "\n");
            return 0;
        }
        $io->write(sprintf("phone index rebuilt (%s): %d records, %d phones, %d invalid stored values, %.2fs (%s phones/s)\n",
            $database->crm, $report['records'], $report['phones'], $report['invalid'], $report['elapsed_s'],
            $report['elapsed_s'] > 0 ? number_format($report['phones'] / $report['elapsed_s'], 0, '.', ' ') : '-'));
        if ($report['method'] !== 'load_data') {
            $io->write("  note: the server refuses LOAD DATA LOCAL (local_infile=OFF), so the rows went in as INSERTs (slower)\n");
        }
        foreach ($report['invalid_sample'] as $s) {
            $io->write(sprintf("  invalid: %s %s %s: %s\n", $s['entity_type'], $s['entity_id'], $s['field'],
                json_encode($s['value'], JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE)));
        }
        return 0;
    }
}
