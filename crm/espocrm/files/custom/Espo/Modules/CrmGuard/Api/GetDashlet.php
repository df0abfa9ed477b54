<?php
declare(strict_types=1);

namespace Espo\Modules\CrmGuard\Api;

use CrmGuard\Analytics\Dashlet;
use Espo\Core\Acl;
use Espo\Core\Api\Action;
use Espo\Core\Api\Request;
use Espo\Core\Api\Response;
use Espo\Core\Api\ResponseComposer;
use Espo\Core\Exceptions\BadRequest;
use Espo\Core\Exceptions\Error\Body;
use Espo\Core\Exceptions\Forbidden;
use Espo\Core\Utils\Config;
use Espo\Entities\User;
use Espo\Modules\CrmGuard\Tools\GuardProvider;

/**
 * GET /api/v1/CrmGuard/dashlet?since=YYYY-MM-DD&until=YYYY-MM-DD — the sales-control dashlet's
 * figures for the authenticated user (CrmGuard\Analytics\Dashlet::build(): an admin sees every
 * manager, a supervisor his team, a manager himself; the supervisor rule is the deployment's
 * 'crmguardRules'), as JSON the view client/custom/modules/crm-guard/src/views/dashlets/
 * sales-control.js renders.  Needs read access to Opportunities (the dashlet's aclScope).
 * Thresholds from the config parameter 'crmguardReport' (sla, stale_days, band).
 */
class GetDashlet implements Action
{
    public function __construct(
        private GuardProvider $guard,
        private Acl $acl,
        private User $user,
        private Config $config,
    ) {}

    public function process(Request $request): Response
    {
        if (!$this->acl->checkScope('Opportunity')) {
            throw new Forbidden('crmguard: no access to Opportunities.');
        }
        $settings = (array) ($this->config->get('crmguardReport') ?? []);
        $params = array_intersect_key($settings, ['sla' => 1, 'stale_days' => 1, 'band' => 1]) + [
            'since' => $request->getQueryParam('since'),
            'until' => $request->getQueryParam('until'),
            'lang' => $this->guard->lang(),
        ];
        try {
            $read = $this->guard->get()->reading();
            $data = Dashlet::build($read->connection, 'espocrm', $this->user->getId(), $params,
                (array) ($this->config->get('crmguardRules') ?? [])) + $read->answer();
        } catch (\InvalidArgumentException $e) {
            throw BadRequest::createWithBody($e->getMessage(), Body::create()->withMessage($e->getMessage()));
        }
        return ResponseComposer::json($data);
    }
}
