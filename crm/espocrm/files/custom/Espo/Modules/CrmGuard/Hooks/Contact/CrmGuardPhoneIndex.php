<?php
declare(strict_types=1);

namespace Espo\Modules\CrmGuard\Hooks\Contact;

use Espo\Modules\CrmGuard\Tools\PhoneIndexHook;

/** Reindexes the Contact's phones after save and removal (see PhoneIndexHook). */
class CrmGuardPhoneIndex extends PhoneIndexHook
{
}
