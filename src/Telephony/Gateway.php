<?php
declare(strict_types=1);

namespace CrmGuard\Telephony;

use CrmGuard\Crm\BadInput;
use CrmGuard\Crm\Guard;

/**
 * The telephony adapter core: one request from a PBX in, that PBX's answer out, over
 * CrmGuard\PhoneIndex::lookup().  Both CRM packages route to it (EspoCRM
 * POST|GET /api/v1/CrmGuard/pbx/:protocol, noAuth; SuiteCRM
 * index.php?entryPoint=crmguardPbx&protocol=..., auth false), and so does
 * `crmguard lookup --format` (answer()).  Protocols:
 *
 *   3cx       3CX server-side CRM template (src/Telephony/crmguard-3cx.xml): phone=[Number]
 *             (form POST, or GET ?phone=) answers flat JSON (Formats::threeCx); a POST with
 *             action=report is its ReportCall (a Call record).
 *             Token: header X-CrmGuard-Token (the template sends it) or ?token=.
 *   text      Asterisk dialplan CURL() and FreePBX CallerID Superfecta ("Regular Expressions"):
 *             GET ?phone=...&token=... answers one plain-text line (Formats::text).
 *   itoolabs  the iTooLabs cloud-PBX CRM protocol (МегаФон Виртуальная АТС, Дом.ру Бизнес and
 *             others): form POST, cmd=contact answers {"contact_name","responsible"},
 *             cmd=event (COMPLETED, CANCELLED) and cmd=history write a Call record (direction,
 *             duration, recording link; its colour by crmguard's Call hook); crm_token checked;
 *             errors 400 / 401 {"error": "..."}.
 *   zadarma   Zadarma PBX notifications (https://zadarma.com/en/support/api/#api_webhooks):
 *             GET ?zd_echo=X answers X (the URL check); NOTIFY_START is checked against its
 *             Signature header and answered {"caller_name": ...}; ?token= in the URL.
 *
 * Every value from the network is bounded before use (MAX_BODY_BYTES, MAX_FIELDS,
 * MAX_FIELD_BYTES, a number at most MAX_PHONE_BYTES) and answered with a clear error when it is
 * not; values reach SQL only as bound parameters (CrmGuard\Connection) and are never logged.
 */
final class Gateway
{
    public const PROTOCOLS = ['3cx', 'text', 'itoolabs', 'zadarma'];
    public const MAX_BODY_BYTES = 16384;
    public const MAX_FIELDS = 64;
    public const MAX_FIELD_BYTES = 512;
    public const MAX_PHONE_BYTES = 64;
    public const TOKEN_HEADER = 'X-CrmGuard-Token';

    private ?Tokens $tokens = null;

    public function __construct(private readonly Guard $guard, private readonly Host $host) {}

    public function tokens(): Tokens
    {
        return $this->tokens ??= new Tokens($this->guard->connection());
    }

    public function handle(string $protocol, Request $request): Response
    {
        if (!in_array($protocol, self::PROTOCOLS, true)) {
            return Response::json(404, ['error' => 'crmguard: unknown connector protocol (3cx, text, itoolabs, zadarma)']);
        }
        try {
            return $this->dispatch($protocol, $request);
        } catch (BadInput $e) {
            return $this->error($protocol, 400, $e->getMessage());
        } catch (\CrmGuard\Exception $e) {
            // the database or the extension: the message may name the server, never a caller's input; not echoed
            return $this->error($protocol, 503, 'crmguard: the call card is unavailable (database error)');
        }
    }

    private function dispatch(string $protocol, Request $r): Response
    {
        $bad = self::checkBounds($r);
        if ($bad !== null) {
            return $this->error($protocol, $bad[0], $bad[1]);
        }
        $wait = $this->tokens()->retryAfter($r->address);
        if ($wait > 0) {
            return $this->error($protocol, 429, "crmguard: too many failed token checks from this address; retry in {$wait} s",
                ['Retry-After' => (string) $wait]);
        }
        $token = match ($protocol) {
            '3cx' => $r->header(self::TOKEN_HEADER) ?? self::field($r->query, 'token'),
            'itoolabs' => self::field($r->form, 'crm_token'),
            default => self::field($r->query, 'token'),
        };
        $connector = $token === null ? null : $this->tokens()->verify($token, $r->address);
        if ($connector === null) {
            if ($token === null) {
                $this->tokens()->verify('', $r->address); // a missing token counts as a failure too
            }
            return $this->error($protocol, 401, $protocol === 'itoolabs' ? 'Invalid token'
                : 'crmguard: missing or wrong connector token');
        }
        $user = $connector['user_id'];
        if (!$this->host->mayUseCalls($user)) {
            return $this->error($protocol, 403, "crmguard: the connector's CRM user has no access to Calls");
        }
        return match ($protocol) {
            '3cx' => self::field($r->form, 'action') === 'report' ? $this->report3cx($r, $user) : $this->lookup3cx($r, $user),
            'text' => Response::text(200, Formats::text($this->view(self::phone($r->query, 'phone'), $user))),
            'itoolabs' => $this->itoolabs($r, $user),
            'zadarma' => $this->zadarma($r, $user),
        };
    }

    /**
     * What `crmguard lookup --format F` prints and each connector answers, for a viewer who may read
     * every record (the CLI is an administrator's tool).
     */
    public function answer(string $format, string $phone, string $viewerId): string
    {
        $view = $this->view($phone, $viewerId);
        $json = fn ($data) => json_encode($data, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_THROW_ON_ERROR);
        return match ($format) {
            'json' => $json($view),
            'text' => Formats::text($view),
            '3cx' => $json($this->threeCxBody($view)),
            'itoolabs' => $json(Formats::itoolabs($view, $this->login($view['owner_id']))),
            'zadarma' => $json(Formats::zadarma($view)),
        };
    }

    /** The card as $viewerId may see it. */
    private function view(string $phone, string $viewerId): array
    {
        $lang = $this->host->lang();
        return CardView::redact($this->guard->callCard($phone, $viewerId, $lang), fn (string $t, string $id): bool => $this->host->mayRead($viewerId, $t, $id), $lang);
    }

    private function threeCxBody(array $view): array
    {
        $person = CardView::person($view, $this->guard->connection(), $this->guard->crm());
        return Formats::threeCx($view, $person, $person === null ? null : $this->host->recordUrl($person['entity_type'], $person['entity_id']));
    }

    private function lookup3cx(Request $r, string $user): Response
    {
        $phone = self::phone(isset($r->form['phone']) ? $r->form : $r->query, 'phone');
        return Response::json(200, $this->threeCxBody($this->view($phone, $user)));
    }

    /**
     * ReportCall of crmguard-3cx.xml: number, call_type (Inbound, Outbound, Missed, Notanswered),
     * duration (3CX's [Duration], hh:mm:ss), start_utc ([CallStartTimeUTC]), agent.
     */
    private function report3cx(Request $r, string $user): Response
    {
        $f = $r->form;
        $phone = self::phone($f, 'number');
        $type = self::field($f, 'call_type') ?? 'Inbound';
        if (!in_array($type, ['Inbound', 'Outbound', 'Missed', 'Notanswered'], true)) {
            throw new BadInput('call_type', 'one of Inbound, Outbound, Missed, Notanswered');
        }
        $duration = self::duration(self::field($f, 'duration') ?? '0');
        $start = self::time(self::field($f, 'start_utc'), 'start_utc');
        $id = $this->journal('3cx', $phone . '|' . $start, $phone, $user,
            in_array($type, ['Inbound', 'Missed'], true) ? 'Inbound' : 'Outbound',
            in_array($type, ['Inbound', 'Outbound'], true) && $duration > 0, $start, $duration, null,
            '3CX ' . $type . (($a = self::field($f, 'agent')) !== null ? ', extension ' . Formats::clean($a) : ''));
        return Response::json(200, ['call_id' => $id]);
    }

    private function itoolabs(Request $r, string $user): Response
    {
        $f = $r->form;
        $cmd = self::field($f, 'cmd');
        switch ($cmd) {
            case 'contact':
                $view = $this->view(self::phone($f, 'phone'), $user);
                return Response::json(200, Formats::itoolabs($view, $this->login($view['owner_id'])));
            case 'history':
                $type = self::field($f, 'type') ?? '';
                if (!in_array($type, ['in', 'out', 'missed'], true)) {
                    throw new BadInput('type', 'one of in, out, missed');
                }
                $duration = self::duration(self::field($f, 'duration') ?? '0');
                $status = self::field($f, 'status') ?? '';
                $held = $type !== 'missed' && $duration > 0 && ($status === '' || strcasecmp($status, 'Success') === 0);
                $id = $this->journal('itoolabs', self::callId($f), self::phone($f, 'phone'), $this->userByLogin(self::field($f, 'user')) ?? $user,
                    $type === 'out' ? 'Outbound' : 'Inbound', $held, self::time(self::field($f, 'start'), 'start'), $duration,
                    self::link(self::field($f, 'link')), 'iTooLabs history' . ($status !== '' ? ', status ' . Formats::clean($status) : ''));
                return Response::json(200, ['call_id' => $id]);
            case 'event':
                $type = self::field($f, 'type') ?? '';
                if (!in_array($type, ['INCOMING', 'ACCEPTED', 'COMPLETED', 'CANCELLED', 'OUTGOING', 'TRANSFERRED'], true)) {
                    throw new BadInput('type', 'one of INCOMING, ACCEPTED, COMPLETED, CANCELLED, OUTGOING, TRANSFERRED');
                }
                $phone = self::phone($f, 'phone');
                if ($type !== 'COMPLETED' && $type !== 'CANCELLED') {
                    return Response::json(200, new \stdClass()); // acknowledged; the call is journaled when it ends
                }
                $direction = self::field($f, 'direction') === 'out' ? 'Outbound' : 'Inbound';
                $id = $this->journal('itoolabs', self::callId($f), $phone, $this->userByLogin(self::field($f, 'user')) ?? $user,
                    $direction, $type === 'COMPLETED', gmdate('Y-m-d H:i:s'), 0, null, 'iTooLabs event ' . $type);
                return Response::json(200, ['call_id' => $id]);
            default:
                throw new BadInput('cmd', 'one of contact, event, history');
        }
    }

    /**
     * Zadarma: the URL check (GET zd_echo: its value back, as plain text) and NOTIFY_START, whose
     * Signature header is, as Zadarma's PHP example computes it,
     *   base64_encode(hash_hmac('sha1', $caller_id . $called_did . $call_start, API_SECRET))
     * — base64 of the HMAC's lower-case hex digest (hash_hmac's default output), not of its raw
     * bytes (https://zadarma.com/en/support/api/#api_webhooks, "NOTIFY_START").  API_SECRET is
     * the account's API secret key (config: crmguard zadarma_secret).
     */
    private function zadarma(Request $r, string $user): Response
    {
        $echo = self::field($r->query, 'zd_echo');
        if ($echo !== null) {
            if (!preg_match('/^[A-Za-z0-9_.-]{1,64}$/', $echo)) {
                throw new BadInput('zd_echo', 'letters and digits, at most 64');
            }
            return Response::text(200, $echo);
        }
        $f = $r->form;
        $event = self::field($f, 'event');
        if ($event !== 'NOTIFY_START') {
            return Response::json(200, new \stdClass()); // other notifications: acknowledged, not used
        }
        $secret = (string) $this->host->setting('zadarma_secret');
        if ($secret === '') {
            return $this->error('zadarma', 503, 'crmguard: the Zadarma API secret is not configured (zadarma_secret)');
        }
        $expected = base64_encode(hash_hmac('sha1', (self::field($f, 'caller_id') ?? '') . (self::field($f, 'called_did') ?? '')
            . (self::field($f, 'call_start') ?? ''), $secret));
        if (!hash_equals($expected, (string) $r->header('Signature'))) {
            $this->tokens()->verify('', $r->address); // counted like a wrong token
            return $this->error('zadarma', 401, 'crmguard: wrong or missing Signature');
        }
        return Response::json(200, Formats::zadarma($this->view(self::phone($f, 'caller_id'), $user)));
    }

    /**
     * One Call record per PBX call ($source, $externalId): created the first time, updated when the
     * PBX reports the same call again (iTooLabs event COMPLETED, then history; a retry).
     */
    private function journal(string $source, string $externalId, string $phone, string $assignedUserId, string $direction,
                             bool $held, string $start, int $duration, ?string $link, string $note): string
    {
        $lang = $this->host->lang();
        $card = $this->guard->callCard($phone, $assignedUserId, $lang);
        $db = $this->guard->connection();
        $existing = $db->query('SELECT call_id FROM crmguard_call_journal WHERE source = ? AND external_id = ?', [$source, $externalId]);
        $ru = \CrmGuard\message_language($lang) === 'ru';
        // the parent: the record that holds the number itself (a contact, a lead, else a company), so
        // the CRM shows the call on it and crmguard's Call hook finds the number and colours the call
        $parent = null;
        foreach (['contact', 'lead', 'account'] as $kind) {
            foreach ($card['matches'] as $m) {
                if ($parent === null && CardView::kind($m['entity_type']) === $kind && !isset($m['via_contact_id'])) {
                    $parent = $m;
                }
            }
        }
        $call = [
            'name' => ($direction === 'Inbound' ? ($ru ? 'Входящий звонок ' : 'Inbound call ') : ($ru ? 'Исходящий звонок ' : 'Outbound call '))
                . $card['phone'],
            'direction' => $direction,
            'status' => $held ? 'Held' : 'Not Held',
            'date_start' => $start,
            'date_end' => gmdate('Y-m-d H:i:s', strtotime($start . ' UTC') + $duration),
            'duration' => $duration,
            'parent_type' => $parent['entity_type'] ?? null,
            'parent_id' => $parent['entity_id'] ?? null,
            'assigned_user_id' => $assignedUserId,
            'description' => trim(($link !== null ? ($ru ? 'Запись разговора: ' : 'Recording: ') . $link . "\n" : '')
                . ($ru ? 'Цвет карточки: ' : 'Card colour: ') . strtoupper($card['color']) . "\n" . $note),
            'color' => $card['color'],
        ];
        $id = $this->host->journalCall($call, $existing[0]['call_id'] ?? null);
        if ($existing === []) {
            $db->exec('INSERT INTO crmguard_call_journal (source, external_id, call_id, created_at) VALUES (?, ?, ?, UTC_TIMESTAMP())
                ON DUPLICATE KEY UPDATE call_id = call_id', [$source, $externalId, $id]);
        }
        return $id;
    }

    /** The CRM login (user_name) of a user id: iTooLabs routes to "responsible" by login. */
    private function login(?string $userId): ?string
    {
        if ($userId === null || $userId === '') {
            return null;
        }
        $table = $this->guard->crm() === 'espocrm' ? '`user`' : 'users';
        return $this->guard->connection()->query("SELECT user_name FROM $table WHERE id = ? AND deleted = 0", [$userId])[0]['user_name'] ?? null;
    }

    private function userByLogin(?string $login): ?string
    {
        if ($login === null || $login === '') {
            return null;
        }
        $table = $this->guard->crm() === 'espocrm' ? '`user`' : 'users';
        return $this->guard->connection()->query("SELECT id FROM $table WHERE user_name = ? AND deleted = 0", [$login])[0]['id'] ?? null;
    }

    private function error(string $protocol, int $status, string $message, array $headers = []): Response
    {
        $message = Formats::clean($message);
        return $protocol === 'text' ? Response::text($status, $message, $headers)
            : Response::json($status, ['error' => $message], $headers);
    }

    /** @return ?array{0: int, 1: string} what is out of bounds */
    private static function checkBounds(Request $r): ?array
    {
        if ($r->bodyBytes > self::MAX_BODY_BYTES) {
            return [413, 'crmguard: request body over ' . self::MAX_BODY_BYTES . ' bytes'];
        }
        if (count($r->query) + count($r->form) > self::MAX_FIELDS) {
            return [400, 'crmguard: more than ' . self::MAX_FIELDS . ' parameters'];
        }
        foreach (['query' => $r->query, 'body' => $r->form] as $where => $fields) {
            foreach ($fields as $name => $value) {
                if (!is_string($value) && !is_int($value) && !is_float($value) && !is_bool($value) && $value !== null) {
                    return [400, "crmguard: $where parameter '" . Formats::clip(Formats::clean((string) $name), 32) . "' is not a single value"];
                }
                if (strlen((string) $name) > 64 || strlen((string) $value) > self::MAX_FIELD_BYTES) {
                    return [400, "crmguard: $where parameter '" . Formats::clip(Formats::clean((string) $name), 32) . "' over "
                        . self::MAX_FIELD_BYTES . ' bytes'];
                }
                if (!preg_match('//u', (string) $name . (string) $value)) {
                    return [400, "crmguard: $where parameter '" . Formats::clip(Formats::clean((string) $name), 32) . "' is not UTF-8"];
                }
            }
        }
        foreach ($r->headers as $name => $value) {
            if (strlen((string) $value) > 4096) {
                return [400, "crmguard: header over 4096 bytes"];
            }
        }
        return null;
    }

    private static function field(array $fields, string $name): ?string
    {
        $v = $fields[$name] ?? null;
        return $v === null || $v === '' ? null : (string) (is_bool($v) ? (int) $v : $v);
    }

    /** The number parameter, bounded; Guard::callCard checks it is a number. */
    private static function phone(array $fields, string $name): string
    {
        $phone = self::field($fields, $name);
        if ($phone === null) {
            throw new BadInput($name, 'the phone number is required');
        }
        if (strlen($phone) > self::MAX_PHONE_BYTES) {
            throw new BadInput($name, 'over ' . self::MAX_PHONE_BYTES . ' bytes: not a phone number');
        }
        if (trim($phone) === '' || \CrmGuard\normalize_phone($phone) === null) {
            throw new BadInput($name, "'" . Formats::clean($phone) . "' is not a phone number");
        }
        return $phone;
    }

    private static function callId(array $f): string
    {
        $id = self::field($f, 'callid');
        if ($id === null || strlen($id) > 128) {
            throw new BadInput('callid', 'required, at most 128 bytes');
        }
        return $id;
    }

    /** Seconds from "125", "00:02:05" or "2:05". */
    private static function duration(string $s): int
    {
        if (preg_match('/^\d{1,6}$/', $s)) {
            return (int) $s;
        }
        if (preg_match('/^(?:(\d{1,3}):)?(\d{1,2}):(\d{2})(?:\.\d+)?$/', $s, $m)) {
            return (int) $m[1] * 3600 + (int) $m[2] * 60 + (int) $m[3];
        }
        throw new BadInput('duration', 'seconds or hh:mm:ss');
    }

    /** UTC 'Y-m-d H:i:s' of "20170614T121003Z" (iTooLabs), "2024-05-01 10:00:00", ISO 8601; now when absent. */
    private static function time(?string $s, string $name): string
    {
        if ($s === null) {
            return gmdate('Y-m-d H:i:s');
        }
        if (preg_match('/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/', $s, $m)) {
            $s = "$m[1]-$m[2]-$m[3] $m[4]:$m[5]:$m[6]";
        }
        if (!preg_match('/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/', $s)
            || ($t = strtotime(preg_match('/(Z|[+-]\d{2}:?\d{2})$/', $s) ? $s : "$s UTC")) === false) {
            throw new BadInput($name, 'a date and time (2024-05-01 10:00:00, 20240501T100000Z)');
        }
        return gmdate('Y-m-d H:i:s', $t);
    }

    private static function link(?string $s): ?string
    {
        if ($s === null) {
            return null;
        }
        if (!preg_match('~^https?://[^\s"<>\\\\]+$~', $s)) {
            throw new BadInput('link', 'an http(s) URL');
        }
        return $s;
    }
}
