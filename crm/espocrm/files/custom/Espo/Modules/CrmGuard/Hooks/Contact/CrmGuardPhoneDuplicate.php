<?php
declare(strict_types=1);

namespace Espo\Modules\CrmGuard\Hooks\Contact;

use Espo\Modules\CrmGuard\Tools\PhoneDuplicateHook;

/** The red rule of the phone duplicate check on every save of a Contact (see PhoneDuplicateHook). */
class CrmGuardPhoneDuplicate extends PhoneDuplicateHook
{
}
