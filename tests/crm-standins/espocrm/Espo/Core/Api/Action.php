<?php
// Stand-in for EspoCRM application/Espo/Core/Api/Action.php.
namespace Espo\Core\Api;

interface Action
{
    public function process(Request $request): Response;
}
