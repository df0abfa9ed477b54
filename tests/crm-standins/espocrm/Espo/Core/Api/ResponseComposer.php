<?php
// Stand-in for EspoCRM application/Espo/Core/Api/ResponseComposer.php (9.2.7 43-60): json() encodes
// the data as the body with Content-Type application/json; empty() a 200 with no body.
namespace Espo\Core\Api;

class ResponseComposer
{
    public static function empty(): Response
    {
        return new Response();
    }

    public static function json(mixed $data): Response
    {
        return (new Response())->setHeader('Content-Type', 'application/json')
            ->writeBody(json_encode($data, JSON_THROW_ON_ERROR));
    }
}
