<?php
declare(strict_types=1);

namespace CrmGuard\Cli;

use CrmGuard\Analytics\ReportOptions;

/** The period and scope options shared by `report` and `qc-sample`. */
final class PeriodOptions
{
    public const OPTIONS = [
        'since' => true, 'until' => true, 'manager' => true, 'team' => true, 'now' => true,
        'sla' => true, 'stale-days' => true, 'band' => true, 'trend' => true,
    ];

    public const HELP = <<<'TXT'
      --since DATE    first day of the period (YYYY-MM-DD, UTC; default: the first deal)
      --until DATE    last day of the period, included (default: today)
      --manager ID    only this manager (the CRM's user id)
      --team ID       only the members of this team (EspoCRM team, SuiteCRM security group)
      --now TIME      measure staleness and unanswered inbounds at this moment
                      (YYYY-MM-DD[ HH:MM[:SS]] UTC; default: now)
    TXT;

    public static function parse(Options $o, string $command): ReportOptions
    {
        $int = function (string $name, int $default) use ($o, $command): int {
            $v = $o->get($name, (string) $default);
            if (!preg_match('/^\d{1,9}$/', $v)) {
                throw new UsageError("--$name must be a whole number, '$v' given", $command);
            }
            return (int) $v;
        };
        $opt = fn (string $name): ?string => $o->has($name) ? $o->get($name, '') : null;
        try {
            [$low, $high] = ReportOptions::parseBand($o->get('band', '15-20'));
            return new ReportOptions(
                since: $opt('since'),
                until: $opt('until'),
                managerId: $opt('manager'),
                teamId: $opt('team'),
                slaMinutes: $int('sla', 60),
                staleDays: $int('stale-days', 7),
                bandLow: $low,
                bandHigh: $high,
                now: $o->get('now', ''),
                trend: $opt('trend'),
            );
        } catch (\InvalidArgumentException $e) {
            throw new UsageError($e->getMessage(), $command);
        }
    }
}
