<?php
// Stand-in for EspoCRM application/Espo/Core/Api/ResponseComposer.php: json() encodes the data
// as the body with Content-Type application/json.
namespace Espo\Core\Api;

class ResponseComposer
{
    public static function json(mixed $data): Response
    {
        return (new Response())->setHeader('Content-Type', 'application/json')
            ->writeBody(json_encode($data, JSON_THROW_ON_ERROR));
    }
}
