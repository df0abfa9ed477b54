<?php
declare(strict_types=1);

namespace CrmGuard\Analytics;

/**
 * The report as one self-contained HTML page: inline CSS and SVG charts drawn
 * here (no script, no external file, no web font), so it opens from a mail
 * attachment or a file share.  The four charts fill the first screen
 * (1280x800): deals by stage per manager, the response-speed coefficient with
 * its alarm line, conversion by source with the normal band, and the trend.
 * Bars are drawn with crisp edges in the fixed colours below, which is what
 * the screenshot test looks for.
 */
final class HtmlReport
{
    public const COLORS = [
        'New' => '#94a3b8',
        'Calling' => '#3b82f6',
        'Closed Won' => '#16a34a',
        'Closed Lost' => '#dc2626',
        'other' => '#a855f7',
        'speed_ok' => '#0d9488',
        'speed_alarm' => '#f97316',
        'alarm_line' => '#e11d48',
        'band' => '#bbf7d0',
        'source_below' => '#f59e0b',
        'source_normal' => '#16a34a',
        'source_above' => '#2563eb',
        'trend_created' => '#3b82f6',
        'trend_successes' => '#16a34a',
        'trend_failures' => '#dc2626',
        'trend_late' => '#f97316',
    ];

    private const W = 590;   /* chart width */
    private const H = 300;   /* chart height */
    private const MAX_ROWS = 10;

    public function __construct(private readonly Labels $l)
    {
    }

    /** @param array<string, mixed> $r Report::build() */
    public function render(array $r): string
    {
        $l = $this->l;
        $p = $r['period'];
        $title = $l->get('title') . ': ' . ($p['since'] ?? '…') . ' — ' . ($p['until'] ?? '…');
        $charts = $this->stageChart($r['managers']) . $this->speedChart($r['managers'], (float) $p['alarm_coefficient'])
            . $this->sourceChart($r['sources'], (float) $p['band'][0], (float) $p['band'][1])
            . $this->trendChart($r['trends']);
        $tables = (new TextReport($l))->text($r);

        return '<!DOCTYPE html>
<html lang="' . $l->lang . '"><head><meta charset="utf-8">
<title>' . self::e($title) . '</title>
<style>
body{margin:0;padding:12px 20px;font:13px/1.35 "DejaVu Sans",Arial,sans-serif;color:#111827;background:#ffffff}
h1{font-size:18px;margin:0 0 2px}
.sub{color:#4b5563;margin:0 0 10px}
.grid{display:grid;grid-template-columns:' . self::W . 'px ' . self::W . 'px;gap:10px 16px}
figure{margin:0;border:1px solid #e5e7eb;border-radius:6px;padding:6px 8px}
figcaption{font-weight:bold;margin-bottom:2px}
svg text{font:11px "DejaVu Sans",Arial,sans-serif;fill:#374151}
pre{font:12px/1.3 "DejaVu Sans Mono",monospace;background:#f9fafb;border:1px solid #e5e7eb;padding:10px;overflow:auto}
.legend span{display:inline-block;margin-right:12px}
.legend i{display:inline-block;width:10px;height:10px;margin-right:4px;vertical-align:-1px}
</style></head><body>
<h1>' . self::e($title) . '</h1>
<p class="sub">' . self::e($l->get('generated') . ' ' . $p['now'] . ' UTC; '
            . $l->get('settings', $p['sla_minutes'], $p['stale_days'])) . '</p>
<div class="grid">' . $charts . '</div>
<pre>' . self::e($tables) . '</pre>
</body></html>
';
    }

    public static function e(string $s): string
    {
        return htmlspecialchars($s, ENT_QUOTES | ENT_SUBSTITUTE | ENT_HTML5, 'UTF-8');
    }

    private static function n(float $v): string
    {
        return rtrim(rtrim(number_format($v, 1, '.', ''), '0'), '.');
    }

    private function figure(string $caption, string $legend, string $svg): string
    {
        return '<figure><figcaption>' . self::e($caption) . '</figcaption>' . $legend
            . '<svg xmlns="http://www.w3.org/2000/svg" width="' . self::W . '" height="' . self::H
            . '" viewBox="0 0 ' . self::W . ' ' . self::H . '" shape-rendering="crispEdges">' . $svg . '</svg></figure>';
    }

    /** @param array<string, string> $items label => colour */
    private static function legend(array $items): string
    {
        $out = '<div class="legend">';
        foreach ($items as $label => $color) {
            $out .= '<span><i style="background:' . $color . '"></i>' . self::e($label) . '</span>';
        }
        return $out . '</div>';
    }

    private static function rect(float $x, float $y, float $w, float $h, string $color, string $title = ''): string
    {
        return sprintf('<rect x="%s" y="%s" width="%s" height="%s" fill="%s">%s</rect>', self::n($x), self::n($y),
            self::n(max(0, $w)), self::n(max(0, $h)), $color, $title === '' ? '' : '<title>' . self::e($title) . '</title>');
    }

    private static function text(float $x, float $y, string $s, string $anchor = 'start'): string
    {
        return sprintf('<text x="%s" y="%s" text-anchor="%s">%s</text>', self::n($x), self::n($y), $anchor, self::e($s));
    }

    private function empty(): string
    {
        return self::text(self::W / 2, self::H / 2, $this->l->get('no_data'), 'middle');
    }

    /** Horizontal stacked bars: each manager's deals by stage. */
    private function stageChart(array $managers): string
    {
        $l = $this->l;
        usort($managers, fn ($a, $b) => $b['deals'] <=> $a['deals']);
        $managers = array_slice($managers, 0, self::MAX_ROWS);
        $max = max([1, ...array_map(fn ($m) => $m['deals'], $managers)]);
        $left = 150;
        $plot = self::W - $left - 50;
        $rowH = min(26, (self::H - 10) / max(1, count($managers)));
        $svg = '';
        foreach ($managers as $i => $m) {
            $y = 5 + $i * $rowH;
            $svg .= self::text($left - 6, $y + $rowH * 0.65, self::clip($l->manager($m), 22), 'end');
            $x = $left;
            foreach ($m['deals_by_stage'] as $stage => $n) {
                $w = $plot * $n / $max;
                $svg .= self::rect($x, $y + 2, $w, $rowH - 6, self::COLORS[$stage] ?? self::COLORS['other'],
                    $l->stage((string) $stage) . ": $n");
                $x += $w;
            }
            $svg .= self::text($x + 4, $y + $rowH * 0.65, (string) $m['deals']);
        }
        $legend = self::legend([$l->stage('New') => self::COLORS['New'], $l->stage('Calling') => self::COLORS['Calling'],
            $l->stage('Closed Won') => self::COLORS['Closed Won'], $l->stage('Closed Lost') => self::COLORS['Closed Lost']]);
        return $this->figure($l->get('chart_stages'), $legend, $managers === [] ? $this->empty() : $svg);
    }

    /** Vertical bars of the response-speed coefficient with the alarm line. */
    private function speedChart(array $managers, float $alarm): string
    {
        $l = $this->l;
        $managers = array_values(array_filter($managers, fn ($m) => $m['response_speed_coefficient'] !== null));
        $managers = array_slice($managers, 0, self::MAX_ROWS);
        $top = 40;
        $bottom = self::H - 40;
        $left = 40;
        $plot = self::W - $left - 10;
        $scale = max(1.0, ...array_map(fn ($m) => (float) $m['response_speed_coefficient'], $managers ?: [['response_speed_coefficient' => 0]]));
        $y = fn (float $v) => $bottom - ($bottom - $top) * $v / $scale;
        $svg = self::rect($left, $bottom, $plot, 1, '#9ca3af');
        foreach ([0, 0.5, 1.0] as $tick) {
            $svg .= self::text($left - 4, $y($tick) + 4, self::n($tick), 'end');
        }
        $slot = min(90, $plot / max(1, count($managers)));
        foreach ($managers as $i => $m) {
            $v = (float) $m['response_speed_coefficient'];
            $x = $left + $i * $slot + $slot * 0.2;
            $color = $v > $alarm ? self::COLORS['speed_alarm'] : self::COLORS['speed_ok'];
            $svg .= self::rect($x, $y($v), $slot * 0.6, $bottom - $y($v), $color, $l->manager($m) . ': ' . Labels::coefficient($v));
            $svg .= self::text($x + $slot * 0.3, $y($v) - 4, Labels::coefficient($v), 'middle');
            $svg .= self::text($x + $slot * 0.3, $bottom + 14, self::clip($l->manager($m), (int) max(6, $slot / 7)), 'middle');
        }
        // The alarm line, dashed, over the bars.
        $svg .= sprintf('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="3" stroke-dasharray="10 5"/>',
            $left, self::n($y($alarm)), $left + $plot, self::n($y($alarm)), self::COLORS['alarm_line']);
        $svg .= self::text($left + $plot - 2, $y($alarm) - 6, self::n($alarm), 'end');
        $legend = self::legend(['≤ ' . self::n($alarm) => self::COLORS['speed_ok'], '> ' . self::n($alarm) => self::COLORS['speed_alarm']]);
        return $this->figure($l->get('chart_speed', self::n($alarm)), $legend, $managers === [] ? $this->empty() : $svg);
    }

    /** Horizontal bars of conversion per source over the shaded normal band. */
    private function sourceChart(array $sources, float $low, float $high): string
    {
        $l = $this->l;
        $sources = array_slice(array_values(array_filter($sources, fn ($s) => $s['conversion'] !== null)), 0, self::MAX_ROWS);
        $left = 150;
        $plot = self::W - $left - 95;
        $top = 18;
        $max = max($high * 2, 10.0, ...array_map(fn ($s) => (float) $s['conversion'], $sources ?: [['conversion' => 0]]));
        $x = fn (float $v) => $left + $plot * $v / $max;
        $rowH = min(26, (self::H - $top - 5) / max(1, count($sources)));
        $svg = self::rect($x($low), $top, $x($high) - $x($low), self::H - $top, self::COLORS['band'],
            $l->get('band_normal') . ": $low-$high %");
        $svg .= self::text($x($low), 12, self::n($low) . '%', 'middle') . self::text($x($high), 12, self::n($high) . '%', 'middle');
        foreach ($sources as $i => $s) {
            $yy = $top + $i * $rowH;
            $color = self::COLORS['source_' . $s['band']];
            $svg .= self::text($left - 6, $yy + $rowH * 0.65, self::clip($l->source($s['source']), 22), 'end');
            $svg .= self::rect($left, $yy + 3, $x((float) $s['conversion']) - $left, $rowH - 8, $color,
                $l->source($s['source']) . ': ' . $s['won'] . '/' . $s['leads']);
            $svg .= self::text($x((float) $s['conversion']) + 4, $yy + $rowH * 0.65,
                Labels::percent((float) $s['conversion'], false) . ' (' . $s['won'] . '/' . $s['leads'] . ')');
        }
        $legend = self::legend([$l->get('band_below') => self::COLORS['source_below'],
            $l->get('band_normal') => self::COLORS['source_normal'], $l->get('band_above') => self::COLORS['source_above']]);
        return $this->figure($l->get('chart_sources', self::n($low) . '-' . self::n($high) . ' %'), $legend,
            $sources === [] ? $this->empty() : $svg);
    }

    /** Lines of deals created, successes, failures and late inbound per day or week. */
    private function trendChart(array $trends): string
    {
        $l = $this->l;
        $points = $trends['points'];
        $series = ['deals_created' => 'trend_created', 'successes' => 'trend_successes',
                   'failures' => 'trend_failures', 'inbound_late' => 'trend_late'];
        $left = 40;
        $top = 10;
        $bottom = self::H - 30;
        $plot = self::W - $left - 15;
        $max = 1;
        foreach ($points as $pt) {
            foreach (array_keys($series) as $k) {
                $max = max($max, (int) $pt[$k]);
            }
        }
        $n = count($points);
        $x = fn (int $i) => $left + ($n <= 1 ? $plot / 2 : $plot * $i / ($n - 1));
        $y = fn (float $v) => $bottom - ($bottom - $top) * $v / $max;
        $svg = self::rect($left, $bottom, $plot, 1, '#9ca3af');
        $svg .= self::text($left - 4, $top + 8, (string) $max, 'end') . self::text($left - 4, $bottom, '0', 'end');
        if ($n > 0) {
            $svg .= self::text($left, $bottom + 16, $points[0]['date']) . self::text($left + $plot, $bottom + 16, $points[$n - 1]['date'], 'end');
        }
        $legend = [];
        foreach ($series as $key => $label) {
            $color = self::COLORS[$label];
            $legend[$l->get($label)] = $color;
            $coords = [];
            $marks = '';
            foreach ($points as $i => $pt) {
                $coords[] = self::n($x($i)) . ',' . self::n($y((float) $pt[$key]));
                if ($n <= 120) {
                    $marks .= self::rect($x($i) - 3, $y((float) $pt[$key]) - 3, 6, 6, $color, $pt['date'] . ': ' . $pt[$key]);
                }
            }
            $svg .= '<polyline fill="none" stroke="' . $color . '" stroke-width="2" shape-rendering="geometricPrecision" points="'
                . implode(' ', $coords) . '"/>' . $marks;
        }
        return $this->figure($l->get('chart_trend', $l->get('unit_' . $trends['unit'])), self::legend($legend),
            $n === 0 ? $this->empty() : $svg);
    }

    private static function clip(string $s, int $chars): string
    {
        if (TextReport::width($s) <= $chars) {
            return $s;
        }
        preg_match('/^.{0,' . max(1, $chars - 1) . '}/su', $s, $m);
        return $m[0] . '…';
    }
}
