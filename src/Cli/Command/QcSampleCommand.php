<?php
declare(strict_types=1);

namespace CrmGuard\Cli\Command;

use CrmGuard\Analytics\Csv;
use CrmGuard\Analytics\QcSample;
use CrmGuard\Analytics\TextReport;
use CrmGuard\Cli\Command;
use CrmGuard\Cli\Database;
use CrmGuard\Cli\Failure;
use CrmGuard\Cli\Io;
use CrmGuard\Cli\Options;
use CrmGuard\Cli\PeriodOptions;
use CrmGuard\Cli\UsageError;
use CrmGuard\DbException;

/** `crmguard qc-sample`: random deals of the period for quality control, by manager. */
final class QcSampleCommand implements Command
{
    public function name(): string
    {
        return 'qc-sample';
    }

    public function synopsis(): string
    {
        return 'qc-sample [--percent 10] [--seed N]  random deals for quality control';
    }

    public function help(): string
    {
        return "Usage: crmguard qc-sample [--percent 10] [--seed N] [--since DATE] [--until DATE]\n"
            . "                          [--manager ID|--team ID] [--crm-url BASE]\n"
            . "                          [--create-tasks --qc-user ID [--due DATE]] [--json|--csv] [DATABASE OPTIONS]\n\n"
            . "Draws a reproducible random sample of the period's deals, stratified by\n"
            . "manager: of each manager's deals at least PERCENT percent, and at least one.\n"
            . "The same --seed gives the same sample; without it a seed is chosen and printed.\n\n"
            . "Options:\n" . PeriodOptions::HELP . "\n"
            . "  --percent P     share of each manager's deals to sample (default 10)\n"
            . "  --seed N        seed of the draw (a whole number)\n"
            . "  --crm-url BASE  print links to the deals (e.g. https://crm.example.com)\n"
            . "  --create-tasks  give the QC user a review task on every sampled deal (once)\n"
            . "  --qc-user ID    the user who reviews (needed with --create-tasks)\n"
            . "  --due DATE      the review tasks' due date (default: 2 days from now)\n"
            . "  --lang en|ru    language of the task names (default en)\n"
            . "  --json          {\"seed\", \"percent\", \"deals\", \"managers\": [...], \"sample\": [...]}\n"
            . "  --csv           the sample as CSV: deal_id, deal, stage, user_id, manager, link\n"
            . Database::HELP . "\n" . Database::READ_HELP . "\n                  --create-tasks writes, so it reads and writes on --db\n"
            . "  --help          this text\n\n"
            . "Exit codes: 0 done, 1 database error, 2 usage error.\n";
    }

    public function run(array $args, Io $io): int
    {
        $options = Options::parse($args, Database::OPTIONS + Database::READ_OPTIONS + PeriodOptions::OPTIONS + [
            'percent' => true, 'seed' => true, 'crm-url' => true, 'create-tasks' => false, 'qc-user' => true,
            'due' => true, 'lang' => true, 'json' => false, 'csv' => false, 'help' => false], 'qc-sample');
        if ($options->has('help')) {
            $io->write($this->help());
            return 0;
        }
        if ($options->arguments !== []) {
            throw new UsageError("unexpected argument '{$options->arguments[0]}'", 'qc-sample');
        }
        if ($options->has('json') && $options->has('csv')) {
            throw new UsageError('give --json or --csv, not both', 'qc-sample');
        }
        $period = PeriodOptions::parse($options, 'qc-sample');
        $percent = $options->get('percent', '10');
        if (!is_numeric($percent) || (float) $percent <= 0 || (float) $percent > 100) {
            throw new UsageError("--percent must be a number above 0 and at most 100, '$percent' given", 'qc-sample');
        }
        $seed = $options->get('seed', '');
        if ($seed === '') {
            $seed = (string) random_int(1, 999999);
        } elseif (!preg_match('/^\d{1,18}$/', $seed)) {
            throw new UsageError("--seed must be a whole number, '$seed' given", 'qc-sample');
        }
        $create = $options->has('create-tasks');
        $qcUser = $options->has('qc-user') ? $options->get('qc-user', '') : null;
        if ($create && ($qcUser === null || $qcUser === '')) {
            throw new UsageError('--create-tasks needs --qc-user ID (who reviews the deals)', 'qc-sample');
        }
        $lang = $options->get('lang', 'en');
        if ($lang !== 'en' && $lang !== 'ru') {
            throw new UsageError("--lang must be ru or en, '$lang' given", 'qc-sample');
        }
        $due = $options->get('due', gmdate('Y-m-d', time() + 2 * 86400));
        if (!\CrmGuard\Analytics\ReportOptions::isDate($due)) {
            throw new UsageError("--due must be a date YYYY-MM-DD, '$due' given", 'qc-sample');
        }
        $crmUrl = $options->has('crm-url') ? $options->get('crm-url', '') : null;

        // Tasks are written, and drawn from what the same connection reads: the primary.
        $database = Database::fromOptions($options, 'qc-sample');
        $db = $create ? $database->connectForViews('the QC sample') : $database->connectForReading($io, 'the QC sample');
        $qc = new QcSample($db);
        try {
            $result = $qc->draw($period, (float) $percent, (int) $seed, $crmUrl);
            if ($create) {
                $result['tasks'] = $qc->createTasks($result['sample'], (string) $qcUser, $lang, "$due 09:00:00");
            }
        } catch (DbException $e) {
            throw new Failure($e->getMessage());
        }
        if ($options->has('json')) {
            $io->write(json_encode($result, ReportCommand::JSON_FLAGS) . "\n");
            return 0;
        }
        if ($options->has('csv')) {
            $rows = [['deal_id', 'deal', 'stage', 'user_id', 'manager', 'link']];
            foreach ($result['sample'] as $d) {
                $rows[] = [$d['deal_id'], $d['name'] ?? '', $d['stage'] ?? '', $d['user_id'] ?? '',
                           $d['manager'] ?? '', $d['url'] ?? ''];
            }
            $io->write(Csv::lines($rows));
            return 0;
        }
        $io->write(sprintf("QC sample: %d of %d deals (%s %% per manager, at least one), seed %d\n\n",
            count($result['sample']), $result['deals'], $percent, $result['seed']));
        $rows = [];
        foreach ($result['managers'] as $m) {
            $rows[] = [$m['name'] ?? $m['user_id'] ?? '(unassigned)', $m['deals'], $m['sampled']];
        }
        $io->write(TextReport::table(['Manager', 'Deals', 'Sampled'], $rows));
        $rows = [];
        foreach ($result['sample'] as $d) {
            $rows[] = [$d['manager'] ?? $d['user_id'] ?? '', $d['name'] ?? '', $d['stage'] ?? '',
                       $d['url'] ?? $d['deal_id']];
        }
        $io->write("\n" . TextReport::table(['Manager', 'Deal', 'Stage', $crmUrl === null ? 'Deal id' : 'Link'], $rows, [0, 1, 2, 3]));
        if (isset($result['tasks'])) {
            $io->write(sprintf("\nreview tasks for %s: %d created, %d already there\n", $qcUser,
                $result['tasks']['created'], $result['tasks']['existing']));
        }
        return 0;
    }
}
