<?php
declare(strict_types=1);

namespace CrmGuard\Cli\Command;

use CrmGuard\Analytics\AuditRun;
use CrmGuard\Analytics\Csv;
use CrmGuard\Analytics\TextReport;
use CrmGuard\Cli\Command;
use CrmGuard\Cli\Database;
use CrmGuard\Cli\Failure;
use CrmGuard\Cli\Io;
use CrmGuard\Cli\Options;
use CrmGuard\Cli\UsageError;
use CrmGuard\DbException;

/** `crmguard audit`: client cards and deals with data-quality problems. */
final class AuditCommand implements Command
{
    public function name(): string
    {
        return 'audit';
    }

    public function synopsis(): string
    {
        return 'audit [--json]                   data-quality audit of client cards and deals';
    }

    public function help(): string
    {
        return "Usage: crmguard audit [--manager ID|--team ID] [--require LIST] [--words FILE]...\n"
            . "                      [--no-default-words] [--region RU] [--limit N] [--json|--csv] [DATABASE OPTIONS]\n\n"
            . "Lists the leads, contacts, companies and deals with problems: names typed in\n"
            . "lowercase, nicknames or insults in name fields (word lists in data/audit/),\n"
            . "phones not stored in E.164 or two numbers in one field, missing required\n"
            . "fields, deals with no comment, no close date or no task.  The checks run in\n"
            . "the extension's C core while the rows stream from the database.\n\n"
            . "Options:\n"
            . "  --manager ID    only this manager's records\n"
            . "  --team ID       only the records of this team's members\n"
            . "  --require LIST  required fields, comma-separated EntityType.field (Lead, Contact,\n"
            . "                  Account, Deal; first_name, last_name, name, phone, comment,\n"
            . "                  close_date, task); default:\n"
            . "                  " . implode(',', AuditRun::DEFAULT_REQUIRED) . "\n"
            . "  --words FILE    another word list (one word or phrase per line; '*' at the end:\n"
            . "                  the word may go on), used with the shipped ones\n"
            . "  --no-default-words  do not use the shipped lists (data/audit/words.*.txt)\n"
            . "  --region XX     region of phones written without a country code (default RU)\n"
            . "  --limit N       list at most N problems (default 200; the counts are complete)\n"
            . "  --json          {\"rows\", \"records\", \"counts\": {...}, \"findings\": [...]}\n"
            . "  --csv           the problems as CSV: entity_type, entity_id, problem, field, value, word\n"
            . "  --fix phones    rewrite every stored phone that is valid but not canonical (E.164,\n"
            . "                  ' ext. N'), journalled; invalid values are left and listed; progress\n"
            . "                  on stderr; a killed run is continued by the next --fix phones\n"
            . "  --dry-run       with --fix: list what would change, change nothing\n"
            . "  --batch N       with --fix: rows per batch (default 20000)\n"
            . "  --undo RUN_ID   put back every value the run rewrote, byte for byte\n"
            . Database::HELP . "\n" . Database::READ_HELP . "\n                  --fix and --undo write, so they read and write on --db\n"
            . "  --help          this text\n\n"
            . "Exit codes: 0 done (problems or not), 1 database error or unreadable word list,\n"
            . "2 usage error.\n";
    }

    public function run(array $args, Io $io): int
    {
        $options = Options::parse($args, Database::OPTIONS + Database::READ_OPTIONS + ['manager' => true, 'team' => true, 'require' => true,
            'words' => true, 'no-default-words' => false, 'region' => true, 'limit' => true, 'json' => false,
            'csv' => false, 'help' => false, 'fix' => true, 'undo' => true, 'dry-run' => false, 'batch' => true], 'audit');
        if ($options->has('help')) {
            $io->write($this->help());
            return 0;
        }
        if ($options->arguments !== []) {
            throw new UsageError("unexpected argument '{$options->arguments[0]}'", 'audit');
        }
        if ($options->has('json') && $options->has('csv')) {
            throw new UsageError('give --json or --csv, not both', 'audit');
        }
        if ($options->has('fix') || $options->has('undo')) {
            return PhoneFixCommand::run($options, $io);
        }
        $required = $options->has('require')
            ? array_values(array_filter(array_map('trim', explode(',', $options->get('require', '')))))
            : AuditRun::DEFAULT_REQUIRED;
        foreach ($required as $r) {
            if (!preg_match('/^(Lead|Contact|Account|Deal)\.[a-z_]+$/', $r)) {
                throw new UsageError("--require: '$r' is not EntityType.field (e.g. Contact.phone)", 'audit');
            }
        }
        $limit = $options->get('limit', '200');
        if (!preg_match('/^\d{1,9}$/', $limit)) {
            throw new UsageError("--limit must be a whole number, '$limit' given", 'audit');
        }
        $files = $options->has('no-default-words') ? [] : AuditRun::defaultWordFiles();
        if ($options->has('words')) {
            $files[] = $options->get('words', '');
        }
        try {
            $words = AuditRun::readWords($files);
        } catch (\RuntimeException $e) {
            throw new Failure($e->getMessage());
        }
        $db = Database::fromOptions($options, 'audit')->connectForReading($io, 'the audit');
        try {
            $result = AuditRun::run($db, $words, $required, $options->get('region', 'RU'),
                $options->has('manager') ? $options->get('manager', '') : null,
                $options->has('team') ? $options->get('team', '') : null, (int) $limit);
        } catch (\ValueError $e) {
            throw new UsageError($e->getMessage(), 'audit');
        } catch (DbException $e) {
            throw new Failure($e->getMessage() . (str_contains($e->getMessage(), 'crmguard_v_')
                ? " (run 'crmguard schema apply' first)" : ''));
        }
        $shown = $result['findings'];
        if ($options->has('json')) {
            $io->write(json_encode(['rows' => $result['rows'], 'records' => $result['records'],
                'problems' => $result['problems'], 'counts' => (object) $result['counts'],
                'findings' => $shown], ReportCommand::JSON_FLAGS) . "\n");
            return 0;
        }
        if ($options->has('csv')) {
            $rows = [['entity_type', 'entity_id', 'problem', 'field', 'value', 'word']];
            foreach ($shown as $f) {
                $rows[] = [$f['entity_type'], $f['entity_id'], $f['code'], $f['source_field'],
                           $f['value'] ?? '', $f['detail'] ?? ''];
            }
            $io->write(Csv::lines($rows));
            return 0;
        }
        $io->write(sprintf("audit: %d field values read, %d problems in %d records\n\n",
            $result['rows'], $result['problems'], $result['records']));
        $rows = [];
        foreach ($result['counts'] as $code => $n) {
            $rows[] = [$code, $n];
        }
        $io->write(TextReport::table(['Problem', 'Count'], $rows));
        $rows = [];
        foreach ($shown as $f) {
            $rows[] = [$f['entity_type'], $f['entity_id'], $f['code'], $f['source_field'],
                       $f['value'] ?? '', $f['detail'] ?? ''];
        }
        if ($rows !== []) {
            $io->write("\n" . TextReport::table(['Record', 'Id', 'Problem', 'Field', 'Value', 'Word'], $rows, [0, 1, 2, 3, 4, 5]));
        }
        if ($result['problems'] > count($shown)) {
            $io->write(sprintf("... and %d more (--limit, --json)\n", $result['problems'] - count($shown)));
        }
        return 0;
    }
}
