<?php
declare(strict_types=1);

namespace CrmGuard\Cli\Command;

use CrmGuard\Cli\Command;
use CrmGuard\Cli\Database;
use CrmGuard\Cli\Failure;
use CrmGuard\Cli\Io;
use CrmGuard\Cli\Options;
use CrmGuard\Cli\UsageError;
use CrmGuard\CrmConfig;
use CrmGuard\CsvException;
use CrmGuard\DbException;
use CrmGuard\Exception;
use CrmGuard\Importer;

/**
 * `crmguard import FILE --assign U1,U2`: bulk import of a contact list, each new
 * contact with a deal in stage New and a call task for its manager.
 */
final class ImportCommand implements Command
{
    public function name(): string
    {
        return 'import';
    }

    public function synopsis(): string
    {
        return 'import FILE --assign U1,U2 [--dry-run] [--region RU]  import a contact list';
    }

    public function help(): string
    {
        return "Usage: crmguard import FILE --assign U1,U2 [--crm NAME] (--db DSN | --crm-root DIR)\n"
            . "                       [--dry-run] [--region RU] [--encoding auto|utf-8|cp1251]\n"
            . "                       [--delimiter ';'] [--map COL=FIELD,...] [--rejects FILE] [--json]\n\n"
            . "Imports a CSV contact list.  Every row with a phone number that neither an earlier\n"
            . "row nor the CRM has (any live lead, contact or account, through the phone index)\n"
            . "becomes a contact, its company (an existing one of the same name is reused, a new\n"
            . "one gets status 'waiting'), a deal in stage New and a call task on the deal, all\n"
            . "assigned to one manager.  Other rows go to the rejects file with the reason.\n"
            . "The import runs in batches, each one transaction with a journal: after a crash or a\n"
            . "lost connection, run the same command again; nothing is created twice.\n\n"
            . "Options:\n" . Database::HELP . "\n"
            . "  --assign LIST   managers in turn: user names or ids, U1,U2; weighted U1:3,U2:1\n"
            . "  --assign-column COL  the manager of each row is in column COL (user name or id)\n"
            . "  --dry-run       read and check everything, write nothing to the database\n"
            . "  --region XX     region of numbers written without a country code (default RU)\n"
            . "  --encoding E    auto (default: BOM, else UTF-8 or Windows-1251 detected), utf-8, cp1251\n"
            . "  --delimiter C   ',' ';' 'tab' ... (default: detected from the header)\n"
            . "  --map LIST      COLUMN=FIELD,... where COLUMN is a header or a column number and FIELD\n"
            . "                  one of name, first_name, last_name, middle_name, phone, mobile,\n"
            . "                  work_phone, company, email, comment, source, title, city, manager, ignore\n"
            . "  --rejects FILE  where rejected rows go (default: FILE.rejects.csv beside the input)\n"
            . "  --task-due WHEN due date of the call tasks (default '+1 day'; strtotime syntax)\n"
            . "  --close-days N  the deals' expected close date, days from today (default 30)\n"
            . "  --created-by U  the user the records are created by (default: the first admin)\n"
            . "  --batch-size N  rows per transaction (default 2000)\n"
            . "  --max-field N   bytes of one field (default 1048576; 1024-268435456): a row with a\n"
            . "                  longer field is rejected; a row over 64 times this stops the import\n"
            . "                  there (the rows before it are imported; run again to go on)\n"
            . "  --connections N to the database, 1-5 (default 3: one checks, two write batches side\n"
            . "                  by side, committed in file order; 1: a single connection)\n"
            . "  --currency XXX  EspoCRM deal amount currency (default: the CRM's defaultCurrency with\n"
            . "                  --crm-root, else the rate-1 currency of its currency table, else USD)\n"
            . "  --phone-extensions  EspoCRM keeps extensions (\"+74951234567 ext. 2\"; default: the CRM's\n"
            . "                  phoneNumberExtensions with --crm-root, else off, EspoCRM's default)\n"
            . "  --lang ru|en    language of the task names (default ru)\n"
            . "  --quiet         no progress on stderr\n"
            . "  --json          the report as one JSON object on stdout (progress stays on stderr):\n"
            . "                  rows_read, contacts_created, deals_created, tasks_created,\n"
            . "                  companies_created, companies_reused, duplicates_in_file,\n"
            . "                  duplicates_in_crm, invalid_phone, malformed_rows, manager_errors,\n"
            . "                  already_imported, rejected_rows, rejects_file, elapsed_s, ...\n"
            . "  --help          this text\n\n"
            . "Exit codes: 0 imported (rows may have been rejected: see the report), 1 the file or\n"
            . "the database failed, 2 usage error.\n";
    }

    public function run(array $args, Io $io): int
    {
        $spec = Database::OPTIONS + [
            'assign' => true, 'assign-column' => true, 'dry-run' => false, 'region' => true,
            'encoding' => true, 'delimiter' => true, 'map' => true, 'rejects' => true, 'task-due' => true,
            'close-days' => true, 'created-by' => true, 'batch-size' => true, 'max-field' => true, 'connections' => true, 'currency' => true,
            'phone-extensions' => false,
            'lang' => true, 'quiet' => false, 'json' => false, 'help' => false,
        ];
        $options = Options::parse($args, $spec, 'import');
        if ($options->has('help')) {
            $io->write($this->help());
            return 0;
        }
        if (count($options->arguments) !== 1) {
            throw new UsageError($options->arguments === [] ? 'which file? crmguard import FILE --assign U1,U2'
                : 'one file at a time', 'import');
        }
        $file = $options->arguments[0];
        if (!is_file($file) || !is_readable($file)) {
            throw new Failure("cannot read $file");
        }
        if (!$options->has('assign') && !$options->has('assign-column')) {
            throw new UsageError('who gets the contacts? give --assign U1,U2 or --assign-column COLUMN', 'import');
        }
        $importOptions = [
            'region' => $options->get('region', 'RU'),
            'dry_run' => $options->has('dry-run'),
            'progress' => !$options->has('quiet'),
            'task_due' => $options->get('task-due', '+1 day'),
        ];
        foreach (['assign' => 'assign', 'encoding' => 'encoding', 'delimiter' => 'delimiter',
                  'map' => 'map', 'rejects' => 'rejects', 'created-by' => 'created_by',
                  'currency' => 'currency', 'lang' => 'lang', 'assign-column' => 'assign_column'] as $opt => $key) {
            if ($options->has($opt)) {
                $importOptions[$key] = $options->get($opt, '');
            }
        }
        foreach (['batch-size' => 'batch_size', 'close-days' => 'close_days', 'connections' => 'connections',
                  'max-field' => 'max_field'] as $opt => $key) {
            if ($options->has($opt)) {
                $v = $options->get($opt, '');
                if (!preg_match($opt === 'max-field' ? '/^\d{1,9}$/' : '/^\d{1,6}$/', $v)) {
                    throw new UsageError("--$opt must be a whole number", 'import');
                }
                $importOptions[$key] = (int) $v;
            }
        }
        $database = Database::fromOptions($options, 'import');
        if ($options->has('crm-root')) {
            // the CRM's own settings first; options given on the command line win
            try {
                $importOptions += CrmConfig::importOptionsFromRoot($database->crm, $options->get('crm-root', ''));
            } catch (\InvalidArgumentException $e) {
                throw new Failure('--crm-root: ' . $e->getMessage());
            }
        }
        if ($options->has('phone-extensions')) {
            $importOptions['phone_extensions'] = true;
        }
        try {
            $importer = new Importer($database->connect(), $database->crm, $importOptions);
        } catch (\ValueError $e) {
            $message = preg_replace('/^.*?\(\$options\) /', '', $e->getMessage());
            throw new UsageError(str_starts_with($message, 'has ') ? "the options $message" : $message, 'import');
        }
        try {
            $report = $importer->run($file);
        } catch (CsvException | DbException | Exception $e) {
            throw new Failure($e->getMessage());
        }
        if ($options->has('json')) {
            $io->write(json_encode($report, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE
                | JSON_INVALID_UTF8_SUBSTITUTE | JSON_PRESERVE_ZERO_FRACTION | JSON_THROW_ON_ERROR) . "\n");
            return 0;
        }
        $io->write(self::summary($report, $database->crm));
        return 0;
    }

    /** @param array<string, mixed> $r */
    private static function summary(array $r, string $crm): string
    {
        $rate = $r['elapsed_s'] > 0 ? number_format($r['contacts_created'] / $r['elapsed_s'], 0, '.', ' ') : '-';
        $lines = [
            sprintf('%s into %s: %d rows read in %.2fs%s', $r['dry_run'] ? 'dry run' : 'imported', $crm,
                $r['rows_read'], $r['elapsed_s'], $r['dry_run'] ? ' (nothing written)' : ''),
            sprintf('  created:   %d contacts, %d deals (stage New), %d call tasks; companies: %d new, %d existing (%s contacts/s)',
                $r['contacts_created'], $r['deals_created'], $r['tasks_created'], $r['companies_created'],
                $r['companies_reused'], $rate),
            sprintf('  rejected:  %d rows: %d duplicates in the file, %d already in the CRM, %d without a valid phone, %d malformed, %d unknown managers',
                $r['rejected_rows'], $r['duplicates_in_file'], $r['duplicates_in_crm'], $r['invalid_phone'],
                $r['malformed_rows'], $r['manager_errors']),
        ];
        if ($r['already_imported'] > 0) {
            $lines[] = sprintf('  skipped:   %d rows created by an earlier run of this file', $r['already_imported']);
        }
        if (($r['write_method'] ?? '') === 'insert') {
            $lines[] = '  note:      the server refuses LOAD DATA LOCAL (local_infile=OFF): rows went in as INSERTs (slower)';
        }
        $lines[] = '  rejects:   ' . ($r['rejects_file'] ?? 'none');
        return implode("\n", $lines) . "\n";
    }
}
