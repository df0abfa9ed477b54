<?php
/*
 * crmguard's sales-control dashlet for SuiteCRM (a Dashlet, include/Dashlets/Dashlet.php; like
 * modules/Opportunities/Dashlets/MyClosedOpportunitiesDashlet): a container and a script that
 * asks the entry point crmguardDashlet (custom/include/CrmGuard/DashletData.php) for the figures
 * of the period picked in the dashlet and renders them; each figure links to SuiteCRM's
 * ListView search of those records.
 */
require_once 'include/Dashlets/Dashlet.php';

#[\AllowDynamicProperties]
class CrmGuardSalesControlDashlet extends Dashlet
{
    public function __construct($id, $def = null)
    {
        parent::__construct($id);
        $this->isConfigurable = false;
        $this->isRefreshable = true;
        $this->title = empty($def['title']) ? translate('LBL_CRMGUARD_SALES_CONTROL', 'Home') : $def['title'];
    }

    /** The renderer (no external file: the dashlet's HTML arrives by AJAX and SuiteCRM evaluates its scripts). */
    private const RENDER_JS = <<<'JS'
/* crmguard sales-control dashlet (SuiteCRM): renders index.php?entryPoint=crmguardDashlet. */
function crmguardDashlet(el, since, until) {
    var esc = function (s) {
        return String(s === null || s === undefined ? '' : s).replace(/&/g, '&amp;').replace(/</g, '&lt;')
            .replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    };
    var q = 'index.php?entryPoint=crmguardDashlet' + (since ? '&since=' + encodeURIComponent(since) : '') +
        (until ? '&until=' + encodeURIComponent(until) : '');
    fetch(q, {credentials: 'same-origin'}).then(function (r) { return r.json(); }).then(function (d) {
        if (d.error) { el.textContent = d.error; return; }
        var L = d.labels;
        var a = function (link, text) {
            return link ? '<a href="' + esc(link.url) + '"' + (link.exact ? '' : ' title="' + esc(L.not_exact) + '"') +
                '>' + esc(text) + (link.exact ? '' : '*') + '</a>' : esc(text);
        };
        var pct = function (v) { return v === null ? '—' : (100 * v).toFixed(1) + ' %'; };
        var stages = ['New', 'Calling', 'Closed Won', 'Closed Lost'];
        // SuiteP gives a plain table no cell spacing: "0 / 2" and "0.0 %" would run together.
        // and a list view's headers do not wrap, which pushes half the figures out of a half-width dashlet.
        var h = '<style>.crmguard-dashlet .cg-small td, .crmguard-dashlet .cg-small th{padding:2px 12px 2px 0;text-align:left}' +
            '.crmguard-dashlet table.list.view th{white-space:normal;padding:4px 3px;font-size:11px}' +
            '.crmguard-dashlet table.list.view td{padding:4px 3px}</style>';
        h += '<div>' + esc(L.since) + ' <input type="date" class="cg-since" value="' + esc(d.period.since) + '"> ' +
            esc(L.until) + ' <input type="date" class="cg-until" value="' + esc(d.period.until) + '"> ' +
            '<button type="button" class="button cg-show">' + esc(L.show) + '</button></div>';
        h += '<table class="list view table-responsive" style="width:100%"><thead><tr><th>' + esc(L.manager) + '</th>';
        stages.forEach(function (s) { h += '<th>' + esc(L['stage:' + s]) + '</th>'; });
        ['open_deals_without_open_task', 'successes', 'failures', 'success_ratio', 'poor_quality_failures',
            'stale_deals', 'response_speed_coefficient'].forEach(function (k) { h += '<th>' + esc(L[k]) + '</th>'; });
        h += '</tr></thead><tbody>';
        if (!d.managers.length) { h += '<tr><td colspan="11">' + esc(L.nothing) + '</td></tr>'; }
        d.managers.forEach(function (m) {
            var k = m.links, red = ' style="color:#c0392b;font-weight:bold"';
            h += '<tr><td>' + a(k.deals, m.display_name) + '</td>';
            stages.forEach(function (s) { h += '<td>' + a(k.deals_by_stage[s], m.deals_by_stage[s] || 0) + '</td>'; });
            h += '<td' + (m.open_deals_without_open_task ? red : '') + '>' + a(k.open_deals_without_open_task, m.open_deals_without_open_task) + '</td>';
            h += '<td>' + a(k.successes, m.successes) + '</td><td>' + a(k.failures, m.failures) + '</td><td>' + pct(m.success_ratio) + '</td>';
            h += '<td>' + a(k.poor_quality_failures, m.poor_quality_failures) + '</td>';
            h += '<td' + (m.stale_deals ? red : '') + '>' + a(k.stale_deals, m.stale_deals) + '</td>';
            var alarm = m.alarms.indexOf('response_speed') !== -1;
            h += '<td' + (alarm ? red : '') + '>' + a(k.response_speed_coefficient, m.response_speed_coefficient === null ? '—'
                : m.response_speed_coefficient.toFixed(2)) + (alarm ? ' &#9888; &gt; ' + d.period.alarm_coefficient : '') + '</td></tr>';
        });
        h += '</tbody></table><h4>' + esc(L.sources) + ' (' + esc(L.band) + ' ' + d.period.band[0] + '–' + d.period.band[1] + ' %)</h4><table class="cg-small"><tr><th></th><th>' +
            esc(L.won) + ' / ' + esc(L.leads) + '</th><th>' + esc(L.conversion) + '</th></tr>';
        d.sources.forEach(function (s) {
            h += '<tr><td>' + a(s.link, s.label) + '</td><td>' + s.won + ' / ' + s.leads + '</td><td style="color:' +
                (s.alarm ? '#c0392b' : '#27ae60') + '">' + (s.conversion === null ? '—' : s.conversion.toFixed(1) + ' %') + '</td></tr>';
        });
        h += '</table><h4>' + esc(L.lost_reasons) + '</h4><table class="cg-small"><tr><th></th><th>' + esc(L.deals) +
            '</th><th>' + esc(L.share) + '</th></tr>';
        d.lost_reasons.forEach(function (r) {
            h += '<tr><td>' + a(r.link, r.label) + '</td><td>' + r.deals + '</td><td>' + pct(r.share) + '</td></tr>';
        });
        h += '</table>';
        if (d.runs) {
            h += '<h4>' + esc(L.runs) + '</h4><table class="cg-small">';
            d.runs.forEach(function (r) {
                h += '<tr><td>' + esc(r.period_since) + ' – ' + esc(r.period_until) + '</td><td>' + esc(r.status) + '</td><td>' +
                    esc(r.last_run_at) + '</td><td>' + esc(r.recipients) + '</td><td style="color:#c0392b">' + esc(r.error) + '</td></tr>';
            });
            h += '</table>';
        }
        el.innerHTML = h;
        el.querySelector('.cg-show').onclick = function () {
            crmguardDashlet(el, el.querySelector('.cg-since').value, el.querySelector('.cg-until').value);
        };
    });
}
JS;

    public function display()
    {
        $id = preg_replace('/[^A-Za-z0-9_-]/', '', (string) $this->id);
        $js = self::RENDER_JS;
        return parent::display()
            . '<div id="crmguard-' . $id . '" class="crmguard-dashlet" style="overflow:auto;padding:4px"></div>'
            . '<script>' . $js . "\ncrmguardDashlet(document.getElementById('crmguard-" . $id . "'), null, null);</script>";
    }
}
