<?php
declare(strict_types=1);

namespace Espo\Modules\CrmGuard\Api;

use CrmGuard\Telephony\Gateway;
use CrmGuard\Telephony\Request as PbxRequest;
use Espo\Core\Api\Action;
use Espo\Core\Api\Request;
use Espo\Core\Api\Response;
use Espo\Core\Api\ResponseComposer;
use Espo\Modules\CrmGuard\Tools\GuardProvider;
use Espo\Modules\CrmGuard\Tools\TelephonyHost;

/**
 * GET|POST /api/v1/CrmGuard/pbx/:protocol (3cx, text, itoolabs, zadarma) — the call card for
 * PBXs that cannot log in to EspoCRM: a noAuth route (routes.json), so it checks its own secret,
 * a connector token (`crmguard token create`), in CrmGuard\Telephony\Gateway, the adapter core
 * shared with SuiteCRM.  What the token's CRM user may read is EspoCRM's AclManager's answer
 * (TelephonyHost).  This class only translates EspoCRM's request and response.
 */
class PbxConnector implements Action
{
    /** The headers the connectors use (EspoCRM's Request has no "all headers"). */
    private const HEADERS = ['Content-Type', Gateway::TOKEN_HEADER, 'Signature'];

    public function __construct(
        private GuardProvider $guard,
        private TelephonyHost $host,
    ) {}

    public function process(Request $request): Response
    {
        $headers = [];
        foreach (self::HEADERS as $name) {
            if (($value = $request->getHeader($name)) !== null) {
                $headers[$name] = $value;
            }
        }
        $body = $request->getMethod() === 'POST' ? (string) $request->getBodyContents() : '';
        $answer = (new Gateway($this->guard->get(), $this->host))->handle((string) $request->getRouteParam('protocol'),
            PbxRequest::fromBody($request->getMethod(), $request->getQueryParams(), $body, $headers,
                (string) ($request->getServerParam('REMOTE_ADDR') ?? '')));
        $response = ResponseComposer::empty()->setStatus($answer->status)
            ->setHeader('Content-Type', $answer->contentType)
            ->setHeader('Cache-Control', 'no-store');
        foreach ($answer->headers as $name => $value) {
            $response->setHeader($name, $value);
        }
        return $response->writeBody($answer->body);
    }
}
