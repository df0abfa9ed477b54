<?php
declare(strict_types=1);

namespace CrmGuard\Cli\Command;

use CrmGuard\Analytics\TextReport;
use CrmGuard\Cli\Database;
use CrmGuard\Cli\Failure;
use CrmGuard\Cli\Io;
use CrmGuard\Cli\Options;
use CrmGuard\Cli\UsageError;
use CrmGuard\Crm\PhoneFix;
use CrmGuard\DbException;

/**
 * `crmguard audit --fix phones [--dry-run] [--batch N]` and `crmguard audit --undo RUN_ID`
 * (issue 14), the CLI side of CrmGuard\Crm\PhoneFix.  Exit codes: 0 done, 1 database error or
 * unknown run, 2 usage error.
 */
final class PhoneFixCommand
{
    public static function run(Options $options, Io $io): int
    {
        if ($options->has('fix') && $options->has('undo')) {
            throw new UsageError('give either --fix phones or --undo RUN_ID, not both', 'audit');
        }
        if ($options->has('fix') && $options->get('fix', '') !== 'phones') {
            throw new UsageError("--fix: only 'phones' can be fixed, not '{$options->get('fix', '')}'", 'audit');
        }
        $batch = $options->get('batch', '20000');
        $limit = $options->get('limit', '200');
        foreach (['batch' => $batch, 'limit' => $limit] as $name => $v) {
            if (!preg_match('/^\d{1,9}$/', $v) || ($name === 'batch' && (int) $v < 1)) {
                throw new UsageError("--$name must be a whole number, '$v' given", 'audit');
            }
        }
        $database = Database::fromOptions($options, 'audit');
        $db = $database->connect();
        $json = $options->has('json');
        $fix = new PhoneFix($db, $database->crm, (int) $batch, $options->get('region', 'RU'),
            static fn (string $line) => $io->error($line));
        try {
            if ($options->has('undo')) {
                $r = $fix->undo($options->get('undo', ''));
                $io->write($json ? json_encode($r, ReportCommand::JSON_FLAGS) . "\n"
                    : sprintf("undo %s: %d values put back, %d kept (changed since the run)\n", $r['run_id'],
                        $r['restored'], $r['kept']));
                return 0;
            }
            $r = $fix->fix($options->has('dry-run'), (int) $limit);
        } catch (\InvalidArgumentException $e) {
            throw new Failure($e->getMessage());
        } catch (DbException $e) {
            throw new Failure($e->getMessage() . (str_contains($e->getMessage(), 'crmguard_audit_fix')
                ? " (run 'crmguard schema apply' first)" : ''));
        }
        if ($json) {
            $io->write(json_encode($r, ReportCommand::JSON_FLAGS) . "\n");
            return 0;
        }
        $io->write(sprintf("fix phones%s%s: %d values read, %d %s, %d already canonical, %d invalid (left as they are)%s\n",
            $r['dry_run'] ? ' (dry run)' : ' run ' . $r['run_id'], $r['resumed'] ? ' (continued)' : '',
            $r['values_read'], $r['changed'], $r['dry_run'] ? 'would be rewritten' : 'rewritten', $r['canonical'],
            $r['invalid'], $r['dry_run'] || $r['changed'] === 0 ? '' : "; undo: crmguard audit --undo {$r['run_id']}"));
        if ($r['changes'] !== []) {
            $io->write("\n" . TextReport::table(['Table', 'Id', 'Column', 'Stored', 'Canonical'], array_map(
                static fn (array $c) => [$c['table'], $c['id'], $c['column'], $c['old'], $c['new']], $r['changes'])));
        }
        if ($r['invalid_values'] !== []) {
            $io->write("\nNot valid numbers (left as they are):\n" . TextReport::table(['Table', 'Id', 'Column', 'Value'],
                array_map(static fn (array $c) => [$c['table'], $c['id'], $c['column'], $c['value']], $r['invalid_values'])));
        }
        return 0;
    }
}
