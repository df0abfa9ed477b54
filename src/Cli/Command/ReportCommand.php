<?php
declare(strict_types=1);

namespace CrmGuard\Cli\Command;

use CrmGuard\Analytics\HtmlReport;
use CrmGuard\Analytics\Labels;
use CrmGuard\Analytics\Report;
use CrmGuard\Analytics\TextReport;
use CrmGuard\Cli\Command;
use CrmGuard\Cli\Database;
use CrmGuard\Cli\Failure;
use CrmGuard\Cli\Io;
use CrmGuard\Cli\Options;
use CrmGuard\Cli\PeriodOptions;
use CrmGuard\Cli\UsageError;
use CrmGuard\DbException;

/** `crmguard report`: the head of sales' figures per manager, per lead source and over time. */
final class ReportCommand implements Command
{
    public const JSON_FLAGS = JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_PRESERVE_ZERO_FRACTION
        | JSON_INVALID_UTF8_SUBSTITUTE | JSON_THROW_ON_ERROR;

    public function name(): string
    {
        return 'report';
    }

    public function synopsis(): string
    {
        return 'report [--since DATE] [--until DATE] [--html FILE]  analytics per manager';
    }

    public function help(): string
    {
        return "Usage: crmguard report [--since DATE] [--until DATE] [--manager ID|--team ID]\n"
            . "                       [--sla MINUTES] [--stale-days N] [--band 15-20] [--lang en|ru]\n"
            . "                       [--json | --csv] [--html FILE] [DATABASE OPTIONS]\n\n"
            . "Per manager: deals by stage, open deals without an open task, successes,\n"
            . "failures and the success ratio, failures for a poor-quality contact, stale\n"
            . "deals, inbound calls and emails answered late or not at all and the\n"
            . "response-speed coefficient (alarm above 0.3); per lead source: leads, deals\n"
            . "won and conversion against the normal band; lost reasons; trends.\n"
            . "Reads the views of sql/<crm>/100_analytics.sql ('crmguard schema apply').\n\n"
            . "Options:\n" . PeriodOptions::HELP . "\n"
            . "  --sla MINUTES   an inbound answered later than this is late (default 60)\n"
            . "  --stale-days N  an open deal in its stage longer than N days is stale (default 7)\n"
            . "  --band LOW-HIGH normal conversion in percent (default 15-20)\n"
            . "  --trend day|week  the trend's step (default: day up to 62 days, else week)\n"
            . "  --lang en|ru    language of the labels (default en)\n"
            . "  --json          the report as one JSON object\n"
            . "  --csv           CSV blocks: managers, sources, lost reasons\n"
            . "  --html FILE     also write a self-contained HTML page with charts\n"
            . Database::HELP . "\n" . Database::READ_HELP . "\n"
            . "  --help          this text\n\n"
            . "Exit codes: 0 done, 1 database error or unwritable file, 2 usage error.\n";
    }

    public function run(array $args, Io $io): int
    {
        $options = Options::parse($args, Database::OPTIONS + Database::READ_OPTIONS + PeriodOptions::OPTIONS
            + ['json' => false, 'csv' => false, 'html' => true, 'lang' => true, 'help' => false], 'report');
        if ($options->has('help')) {
            $io->write($this->help());
            return 0;
        }
        if ($options->arguments !== []) {
            throw new UsageError("unexpected argument '{$options->arguments[0]}'", 'report');
        }
        if ($options->has('json') && $options->has('csv')) {
            throw new UsageError('give --json or --csv, not both', 'report');
        }
        $period = PeriodOptions::parse($options, 'report');
        try {
            $labels = new Labels($options->get('lang', 'en'));
        } catch (\InvalidArgumentException $e) {
            throw new UsageError($e->getMessage(), 'report');
        }
        $database = Database::fromOptions($options, 'report');
        $db = $database->connectForReading($io, 'the report');
        try {
            $report = (new Report($db))->build($period);
        } catch (DbException $e) {
            throw new Failure($e->getMessage() . (str_contains($e->getMessage(), 'crmguard_v_')
                ? " (run 'crmguard schema apply' first)" : ''));
        }
        $report = ['crm' => $database->crm] + $report;

        if ($options->has('html')) {
            $file = $options->get('html', '');
            if ($file === '' || @file_put_contents($file, (new HtmlReport($labels))->render($report)) === false) {
                throw new Failure("cannot write the HTML report to '$file'");
            }
        }
        if ($options->has('json')) {
            $io->write(json_encode(self::forJson($report), self::JSON_FLAGS) . "\n");
        } elseif ($options->has('csv')) {
            $io->write((new TextReport($labels))->csv($report));
        } else {
            $io->write((new TextReport($labels))->text($report));
            if ($options->has('html')) {
                $io->write("\nHTML report: " . $options->get('html', '') . "\n");
            }
        }
        return 0;
    }

    /** Maps that may be empty stay JSON objects. */
    public static function forJson(array $report): array
    {
        foreach ($report['managers'] as $i => $m) {
            $report['managers'][$i]['deals_by_stage'] = (object) $m['deals_by_stage'];
            $report['managers'][$i]['lost_reasons'] = (object) $m['lost_reasons'];
        }
        $report['totals']['deals_by_stage'] = (object) $report['totals']['deals_by_stage'];
        $report['totals']['lost_reasons'] = (object) $report['totals']['lost_reasons'];
        return $report;
    }
}
