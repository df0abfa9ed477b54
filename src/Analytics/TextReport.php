<?php
declare(strict_types=1);

namespace CrmGuard\Analytics;

/** The report as text tables for the terminal, and as CSV. */
final class TextReport
{
    public function __construct(private readonly Labels $l)
    {
    }

    /** @param array<string, mixed> $r Report::build() */
    public function text(array $r): string
    {
        $l = $this->l;
        $p = $r['period'];
        $out = sprintf("%s: %s %s … %s (%s %s UTC); %s\n\n", $l->get('title'), $l->get('period'),
            $p['since'] ?? '…', $p['until'] ?? '…', $l->get('generated'), $p['now'],
            $l->get('settings', $p['sla_minutes'], $p['stale_days']));
        $out .= self::table($this->managerHeader(), $this->managerRows($r), [0, 14]);
        $out .= "\n" . $l->get('sources') . ' (' . $p['band'][0] . '-' . $p['band'][1] . " %)\n";
        $rows = [];
        foreach ($r['sources'] as $s) {
            $rows[] = [$l->source($s['source']), $s['leads'], $s['won'], Labels::percent($s['conversion'], false),
                       $s['band'] === null ? '' : ($s['alarm'] ? '! ' : '') . $l->get('band_' . $s['band'])];
        }
        $out .= self::table([$l->get('source'), $l->get('leads'), $l->get('won'), $l->get('conversion'), ''], $rows, [0, 4]);
        $out .= "\n" . $l->get('lost_reasons') . "\n";
        $rows = [];
        foreach ($r['lost_reasons'] as $x) {
            $rows[] = [$l->reason($x['reason']), $x['deals'], Labels::percent($x['share'])];
        }
        $out .= self::table([$l->get('reason'), $l->get('deals'), $l->get('share')], $rows, [0]);
        return $out;
    }

    /** @return list<string> */
    private function managerHeader(): array
    {
        $l = $this->l;
        return [$l->get('manager'), $l->get('deals'), $l->stage('New'), $l->stage('Calling'), $l->stage('Closed Won'),
                $l->stage('Closed Lost'), $l->get('other_stages'), $l->get('success_ratio'), $l->get('poor_quality'),
                $l->get('without_task'), $l->get('stale'), $l->get('inbound'), $l->get('late'),
                $l->get('coefficient'), $l->get('alarm')];
    }

    /** @return list<list<string|int>> */
    private function managerRows(array $r): array
    {
        $rows = [];
        foreach ([...$r['managers'], ['name' => $this->l->get('total')] + $r['totals']] as $m) {
            $by = $m['deals_by_stage'];
            $rows[] = [$this->l->manager($m), $m['deals'], $by['New'] ?? 0, $by['Calling'] ?? 0, $m['successes'],
                       $m['failures'], self::otherStages($m), Labels::percent($m['success_ratio']),
                       $m['poor_quality_failures'], $m['open_deals_without_open_task'], $m['stale_deals'],
                       $m['inbound'], $m['inbound_late'], Labels::coefficient($m['response_speed_coefficient']),
                       implode(', ', array_map(fn ($a) => $this->l->get("alarm_$a"), $m['alarms']))];
        }
        return $rows;
    }

    /**
     * A plain table; columns in $left are left-aligned, the rest right-aligned.
     *
     * @param list<string> $header
     * @param list<list<string|int>> $rows
     * @param list<int> $left
     */
    public static function table(array $header, array $rows, array $left = [0]): string
    {
        $all = [$header, ...$rows];
        $w = [];
        foreach ($all as $row) {
            foreach ($row as $i => $cell) {
                $w[$i] = max($w[$i] ?? 0, self::width((string) $cell));
            }
        }
        $out = '';
        foreach ($all as $n => $row) {
            $cells = [];
            foreach ($row as $i => $cell) {
                $pad = str_repeat(' ', $w[$i] - self::width((string) $cell));
                $cells[] = in_array($i, $left, true) ? $cell . $pad : $pad . $cell;
            }
            $out .= rtrim(implode('  ', $cells)) . "\n";
            if ($n === 0) {
                $out .= implode('  ', array_map(fn ($x) => str_repeat('-', $x), $w)) . "\n";
            }
        }
        return $out;
    }

    /** Characters of a UTF-8 string (the CLI runs without mbstring). */
    public static function width(string $s): int
    {
        return (int) preg_match_all('/./su', $s);
    }

    /** Deals in a stage outside the process (New, Calling, Closed Won, Closed Lost): the CRM's own stages. */
    private static function otherStages(array $m): int
    {
        $by = $m['deals_by_stage'];
        return $m['deals'] - (($by['New'] ?? 0) + ($by['Calling'] ?? 0) + ($by['Closed Won'] ?? 0) + ($by['Closed Lost'] ?? 0));
    }

    /** CSV: a block per table (managers, sources, lost reasons), separated by an empty line; cells as Csv writes them. */
    public function csv(array $r): string
    {
        $f = fopen('php://memory', 'w+');
        $l = $this->l;
        Csv::put($f, ['section', 'user_id', 'manager', 'deals', 'new', 'calling', 'successes', 'failures', 'other',
                     'success_ratio', 'poor_quality_failures', 'open_deals_without_open_task', 'stale_deals',
                     'inbound', 'inbound_late', 'response_speed_coefficient', 'alarms']);
        foreach ($r['managers'] as $m) {
            $by = $m['deals_by_stage'];
            Csv::put($f, ['manager', $m['user_id'], $l->manager($m), $m['deals'], $by['New'] ?? 0, $by['Calling'] ?? 0,
                         $m['successes'], $m['failures'], self::otherStages($m), $m['success_ratio'],
                         $m['poor_quality_failures'], $m['open_deals_without_open_task'], $m['stale_deals'],
                         $m['inbound'], $m['inbound_late'], $m['response_speed_coefficient'],
                         implode(' ', $m['alarms'])]);
        }
        fwrite($f, "\n");
        Csv::put($f, ['section', 'source', 'leads', 'deals', 'won', 'conversion_percent', 'band']);
        foreach ($r['sources'] as $s) {
            Csv::put($f, ['source', $s['source'], $s['leads'], $s['deals'], $s['won'], $s['conversion'], $s['band']]);
        }
        fwrite($f, "\n");
        Csv::put($f, ['section', 'reason', 'deals', 'share']);
        foreach ($r['lost_reasons'] as $x) {
            Csv::put($f, ['lost_reason', $x['reason'], $x['deals'], $x['share']]);
        }
        rewind($f);
        $csv = (string) stream_get_contents($f);
        fclose($f);
        return $csv;
    }
}
