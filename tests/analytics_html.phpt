--TEST--
crmguard report --html: a self-contained page whose charts show in headless Chromium (1280x800 screenshot, pixels checked)
--EXTENSIONS--
crmguard
mysqli
--ENV--
VALGRIND_OPTS=--trace-children-skip=*chromium*,*chrome*
--FILE--
<?php
require __DIR__ . '/analytics.inc';
require __DIR__ . '/png.inc';

$dsn = crmguard_analytics_db('espocrm');
$db = new CrmGuard\Connection($dsn);
// Won deals, so that every stage colour and a normal and an above-normal source show.
$db->exec("INSERT INTO opportunity (id, name, deleted, stage, lead_source, assigned_user_id, created_at, modified_at)
           SELECT CONCAT('w', LPAD(seq, 16, '0')), CONCAT('Won ', seq), 0, IF(seq <= 3, 'Closed Won', 'Calling'),
                  IF(seq <= 2, 'Cold Call', 'Partner'), '6955e34505ccda34a', '2026-01-08 10:00:00', '2026-01-09 10:00:00'
           FROM seq_1_to_7");
// A source below the band: 1 won of 10.
$db->exec("INSERT INTO opportunity (id, name, deleted, stage, lead_source, assigned_user_id, created_at, modified_at)
           SELECT CONCAT('x', LPAD(seq, 16, '0')), CONCAT('Web ', seq), 0, IF(seq = 1, 'Closed Won', 'New'),
                  'Web Site', '6955d52e03dde92f7', '2026-01-12 10:00:00', '2026-01-12 10:00:00'
           FROM seq_1_to_10");
$html = sys_get_temp_dir() . '/crmguard-report-' . getmypid() . '.html';
[$rc, $out, $err] = crmguard_analytics_cli($dsn, 'espocrm', ['report', '--now', '2026-01-20', '--html', $html, '--lang', 'ru']);
echo $rc, ' ', $err, str_contains($out, "HTML report: $html") ? 'says where' : $out, "\n";
$page = file_get_contents($html);
// Self-contained: no script, no external reference of any kind.
echo 'external: ', preg_match('/<script|<link|src=|url\(|@import|https?:\/\/(?!www\.w3\.org\/2000\/svg)/i', $page), ', svg: ', substr_count($page, '<svg '), "\n";
echo str_contains($page, 'Коэффициент быстроты ответов') ? "ru labels\n" : "no ru labels\n";

$colors = CrmGuard\Analytics\HtmlReport::COLORS;
/* The four charts are a 2x2 grid over the first screen: stages top left, response speed top
 * right, sources bottom left, trend bottom right.  A colour counts when it covers more than the
 * legend swatch of 10x10 pixels: a drawn bar, band, line or markers. */
$regions = [
    'stages' => [[0, 60, 640, 430], ['New', 'Calling', 'Closed Won', 'Closed Lost']],
    'speed' => [[640, 60, 1280, 430], ['speed_alarm', 'alarm_line']],
    'sources' => [[0, 430, 640, 800], ['band', 'source_above', 'source_normal', 'source_below']],
    'trend' => [[640, 430, 1280, 800], ['trend_created', 'trend_successes', 'trend_failures', 'trend_late']],
];
$check = function (string $png) use ($regions, $colors): array {
    $img = crmguard_png_read($png);
    $seen = ["{$img['width']}x{$img['height']}"];
    foreach ($regions as $name => [[$x0, $y0, $x1, $y1], $keys]) {
        foreach ($keys as $k) {
            $n = crmguard_png_count($img, $colors[$k], $x0, $y0, $x1, $y1);
            $seen[] = "$name/$k " . ($n >= 150 ? 'shown' : "MISSING ($n px)");
        }
    }
    return $seen;
};
$png = crmguard_screenshot($html);
echo implode("\n", $check($png)), "\n";
copy($png, sys_get_temp_dir() . "/crmguard-report-screenshot.png"); @unlink($png);

// The check can fail: a period without data draws no bars.
[$rc] = crmguard_analytics_cli($dsn, 'espocrm', ['report', '--now', '2026-01-20', '--since', '2025-01-01', '--until', '2025-01-31', '--html', $html]);
$png = crmguard_screenshot($html);
echo 'empty period: ', count(array_filter($check($png), fn ($s) => str_contains($s, 'MISSING'))), " colours missing\n";
@unlink($png);
@unlink($html);
?>
--EXPECTF--
0 says where
external: 0, svg: 4
ru labels
1280x800
stages/New shown
stages/Calling shown
stages/Closed Won shown
stages/Closed Lost shown
speed/speed_alarm shown
speed/alarm_line shown
sources/band shown
sources/source_above shown
sources/source_normal shown
sources/source_below shown
trend/trend_created shown
trend/trend_successes shown
trend/trend_failures shown
trend/trend_late shown
empty period: 14 colours missing
