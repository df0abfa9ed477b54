/*
 * crmguard: Administration > crmguard > Connector Tokens (#Admin/crmguardConnectorTokens; the
 * admin controller shows an adminPanel item's "view", client/src/controllers/admin.js 78-88).
 * Lists, creates and revokes telephony connector tokens through the admin-only API
 * /api/v1/CrmGuard/connectorTokens (custom/Espo/Modules/CrmGuard/Api/ConnectorTokens.php).
 * A new token is shown once, in this view only; it is kept in no model, storage or URL.
 * Every value goes through Handlebars' {{ }} (HTML-escaped).
 */
define('crm-guard:views/admin/connector-tokens', ['view'], (View) => {

    return class extends View {

        templateContent = `
            <div class="page-header"><h3><a href="#Admin">{{adminLabel}}</a>
                <span class="breadcrumb-separator"><span></span></span> {{title}}</h3></div>
            <p class="text-muted">{{labels.help}}</p>
            {{#if created}}
            <div class="alert alert-success">
                <p>{{labels.created}} <strong>{{created.name}}</strong></p>
                <input type="text" class="form-control" readonly value="{{created.token}}" data-name="crmguard-new-token">
            </div>
            {{/if}}
            <table class="table table-bordered">
                <thead><tr><th>{{labels.name}}</th><th>{{labels.user}}</th><th>{{labels.createdAt}}</th><th>{{labels.lastUsedAt}}</th><th></th></tr></thead>
                <tbody>
                {{#each list}}
                    <tr><td>{{name}}</td><td>{{userLabel}}</td><td>{{createdAt}}</td><td>{{lastUsedLabel}}</td>
                        <td><button class="btn btn-default btn-sm" data-action="revokeToken" data-name="{{name}}">{{../labels.revoke}}</button></td></tr>
                {{else}}
                    <tr><td colspan="5">{{labels.none}}</td></tr>
                {{/each}}
                </tbody>
            </table>
            <h4>{{labels.new}}</h4>
            <div class="row">
                <div class="col-sm-4"><label>{{labels.name}}</label>
                    <input type="text" class="form-control" data-name="crmguard-name" maxlength="64"></div>
                <div class="col-sm-5"><label>{{labels.user}}</label>
                    <select class="form-control" data-name="crmguard-user">
                    {{#each users}}<option value="{{id}}">{{label}}</option>{{/each}}
                    </select></div>
                <div class="col-sm-3"><label>&nbsp;</label><div>
                    <button class="btn btn-primary" data-action="createToken">{{labels.create}}</button></div></div>
            </div>
        `

        list = []
        users = []
        /** @type {{name: string, token: string}|null} the token created last, shown once */
        created = null

        events = {
            'click [data-action="createToken"]': function () {
                this.createToken();
            },
            'click [data-action="revokeToken"]': function (e) {
                this.revokeToken(e.currentTarget.dataset.name);
            },
        }

        label(key) {
            return this.translate(key, 'crmguardTokens', 'Admin');
        }

        data() {
            const labels = {};
            for (const key of ['help', 'name', 'user', 'createdAt', 'lastUsedAt', 'never', 'none', 'new', 'create', 'revoke', 'created']) {
                labels[key] = this.label(key);
            }
            const userLabel = u => u.userName + (u.name ? ' (' + u.name + ')' : '');
            return {
                adminLabel: this.translate('Administration'),
                title: this.translate('Connector Tokens', 'labels', 'Admin'),
                labels: labels,
                created: this.created,
                list: this.list.map(t => ({
                    name: t.name,
                    userLabel: t.userName ? t.userName : t.userId,
                    createdAt: t.createdAt,
                    lastUsedLabel: t.lastUsedAt || labels.never,
                })),
                users: this.users.map(u => ({id: u.id, label: userLabel(u)})),
            };
        }

        setup() {
            this.wait(this.load());
        }

        async load() {
            const data = await Espo.Ajax.getRequest('CrmGuard/connectorTokens');
            this.list = data.list;
            this.users = data.users;
        }

        async createToken() {
            const name = this.element.querySelector('[data-name="crmguard-name"]').value.trim();
            const userId = this.element.querySelector('[data-name="crmguard-user"]').value;
            const result = await Espo.Ajax.postRequest('CrmGuard/connectorTokens', {name: name, userId: userId});
            this.created = {name: result.name, token: result.token};
            await this.load();
            await this.reRender();
            this.created = null; // the next render (a reload, a revoke) no longer shows it
        }

        async revokeToken(name) {
            await this.confirm(this.label('revokeConfirm'));
            await Espo.Ajax.deleteRequest('CrmGuard/connectorTokens/' + encodeURIComponent(name));
            Espo.Ui.success(this.label('revoked'));
            await this.load();
            await this.reRender();
        }
    };
});
