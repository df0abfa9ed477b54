<?php
declare(strict_types=1);

namespace Espo\Modules\CrmGuard\Hooks\Account;

use Espo\Modules\CrmGuard\Tools\PhoneDuplicateHook;

/** The red rule of the phone duplicate check on every save of a Account (see PhoneDuplicateHook). */
class CrmGuardPhoneDuplicate extends PhoneDuplicateHook
{
}
