/*
 * crmguard's sales-control dashlet for EspoCRM (metadata dashlets/CrmGuardSalesControl.json):
 * renders GET CrmGuard/dashlet (Espo\Modules\CrmGuard\Api\GetDashlet, figures of
 * CrmGuard\Analytics\Dashlet) for the period picked in the dashlet (its options since/until are
 * the default).  A figure's link stores its list search where EspoCRM's list reads it
 * (client/src/search-manager.js 342-361 and 419-426: storage 'listSearch', scope) and opens
 * the list (#Opportunity/list, #Call/list).  Non-transpiled module file: loaded by
 * client/src/loader.js _idToPath() from client/custom/modules/crm-guard/src/.
 */
define('crm-guard:views/dashlets/sales-control', ['views/dashlets/abstract/base'], function (Dep) {

    const esc = s => String(s === null || s === undefined ? '' : s)
        .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

    return Dep.extend({

        name: 'CrmGuardSalesControl',

        templateContent: '<div class="crmguard-dashlet" style="overflow:auto"></div>',

        links: null,

        events: {
            'click a[data-crmguard-link]': function (e) {
                e.preventDefault();
                const link = this.links[parseInt(e.currentTarget.getAttribute('data-crmguard-link'), 10)];
                this.getStorage().set('listSearch', link.scope, link.search);
                this.getRouter().navigate(link.url, {trigger: true});
            },
            'click [data-action="crmguardShow"]': function () {
                this.since = this.$el.find('[name="crmguardSince"]').val() || null;
                this.until = this.$el.find('[name="crmguardUntil"]').val() || null;
                this.load();
            },
        },

        afterRender: function () {
            this.since = this.since || this.getOption('since') || null;
            this.until = this.until || this.getOption('until') || null;
            this.load();
        },

        actionRefresh: function () {
            this.load();
        },

        load: function () {
            const params = {};
            if (this.since) params.since = this.since;
            if (this.until) params.until = this.until;
            Espo.Ajax.getRequest('CrmGuard/dashlet', params).then(data => this.show(data));
        },

        a: function (link, text) {
            if (!link) return esc(text);
            this.links.push(link);
            const title = link.exact ? '' : ' title="' + esc(this.data.labels.not_exact) + '"';
            return '<a href="' + esc(link.url) + '" data-crmguard-link="' + (this.links.length - 1) + '"' + title + '>' +
                esc(text) + (link.exact ? '' : '*') + '</a>';
        },

        show: function (d) {
            this.data = d;
            this.links = [];
            const L = d.labels;
            const pct = v => v === null ? '—' : (100 * v).toFixed(1) + ' %';
            let h = '<div style="margin-bottom:6px">' + esc(L.since) +
                ' <input type="date" name="crmguardSince" value="' + esc(d.period.since) + '"> ' + esc(L.until) +
                ' <input type="date" name="crmguardUntil" value="' + esc(d.period.until) + '"> ' +
                '<button class="btn btn-default btn-sm" data-action="crmguardShow">' + esc(L.show) + '</button></div>';
            const stages = ['New', 'Calling', 'Closed Won', 'Closed Lost'];
            h += '<table class="table table-bordered table-condensed"><thead><tr><th>' + esc(L.manager) + '</th>';
            stages.forEach(s => { h += '<th>' + esc(L['stage:' + s]) + '</th>'; });
            ['open_deals_without_open_task', 'successes', 'failures', 'success_ratio', 'poor_quality_failures',
                'stale_deals', 'response_speed_coefficient'].forEach(k => { h += '<th>' + esc(L[k]) + '</th>'; });
            h += '</tr></thead><tbody>';
            if (!d.managers.length) {
                h += '<tr><td colspan="11">' + esc(L.nothing) + '</td></tr>';
            }
            d.managers.forEach(m => {
                const k = m.links;
                h += '<tr><td>' + this.a(k.deals, m.display_name) + '</td>';
                stages.forEach(s => { h += '<td>' + this.a(k.deals_by_stage[s], m.deals_by_stage[s] || 0) + '</td>'; });
                h += '<td' + (m.open_deals_without_open_task ? ' class="text-danger"' : '') + '>' +
                    this.a(k.open_deals_without_open_task, m.open_deals_without_open_task) + '</td>';
                h += '<td>' + this.a(k.successes, m.successes) + '</td><td>' + this.a(k.failures, m.failures) + '</td>';
                h += '<td>' + pct(m.success_ratio) + '</td>';
                h += '<td>' + this.a(k.poor_quality_failures, m.poor_quality_failures) + '</td>';
                h += '<td' + (m.stale_deals ? ' class="text-danger"' : '') + '>' + this.a(k.stale_deals, m.stale_deals) + '</td>';
                const alarm = m.alarms.indexOf('response_speed') !== -1;
                h += '<td' + (alarm ? ' class="text-danger" style="font-weight:bold"' : '') + '>' +
                    this.a(k.response_speed_coefficient, m.response_speed_coefficient === null ? '—'
                        : m.response_speed_coefficient.toFixed(2)) + (alarm ? ' &#9888; &gt; ' + d.period.alarm_coefficient : '') + '</td></tr>';
            });
            h += '</tbody></table>';
            h += '<b>' + esc(L.sources) + '</b> (' + esc(L.band) + ' ' + d.period.band[0] + '–' + d.period.band[1] + ' %)';
            h += '<table class="table table-condensed"><thead><tr><th></th><th>' + esc(L.won) + ' / ' + esc(L.leads) +
                '</th><th>' + esc(L.conversion) + '</th></tr></thead><tbody>';
            d.sources.forEach(s => {
                h += '<tr><td>' + this.a(s.link, s.label) + '</td><td>' + s.won + ' / ' + s.leads + '</td><td' +
                    (s.alarm ? ' class="text-danger"' : ' class="text-success"') + '>' +
                    (s.conversion === null ? '—' : s.conversion.toFixed(1) + ' %') + '</td></tr>';
            });
            h += '</tbody></table><b>' + esc(L.lost_reasons) + '</b><table class="table table-condensed"><thead><tr><th></th><th>' +
                esc(L.deals) + '</th><th>' + esc(L.share) + '</th></tr></thead><tbody>';
            d.lost_reasons.forEach(r => {
                h += '<tr><td>' + this.a(r.link, r.label) + '</td><td>' + r.deals + '</td><td>' + pct(r.share) + '</td></tr>';
            });
            h += '</tbody></table>';
            if (d.runs) {
                h += '<b>' + esc(L.runs) + '</b><table class="table table-condensed"><tbody>';
                d.runs.forEach(r => {
                    h += '<tr><td>' + esc(r.period_since) + ' – ' + esc(r.period_until) + '</td><td>' + esc(r.status) +
                        '</td><td>' + esc(r.last_run_at) + '</td><td>' + esc(r.recipients) + '</td><td class="text-danger">' +
                        esc(r.error) + '</td></tr>';
                });
                h += '</tbody></table>';
            }
            this.$el.find('.crmguard-dashlet').html(h);
        },
    });
});
