<?php
// crmguard's call-card entry point for telephony connectors.  'auth' => false: SuiteCRM would
// otherwise answer a caller without a session with its 301 to the login page
// (SugarApplication::execute() 88-94 -> loadUser() -> redirect()); CallCard.php checks the
// session itself and answers JSON 401, so a telephony client gets an error it can read.
$entry_point_registry['crmguardCallCard'] = [
    'file' => 'custom/include/CrmGuard/CallCard.php',
    'auth' => false,
];
// The call card for PBXs that cannot log in (3CX, Asterisk/FreePBX, iTooLabs, Zadarma):
// index.php?entryPoint=crmguardPbx&protocol=3cx|text|itoolabs|zadarma.  'auth' => false: it checks
// its own secret, a connector token (`crmguard token create`), in Pbx.php.
$entry_point_registry['crmguardPbx'] = [
    'file' => 'custom/include/CrmGuard/Pbx.php',
    'auth' => false,
];
// The sales-control dashlet's figures for the session's user (custom/include/CrmGuard/DashletData.php):
// 'auth' => true, SuiteCRM loads the user from the session first and sends others to the login page.
$entry_point_registry['crmguardDashlet'] = [
    'file' => 'custom/include/CrmGuard/DashletData.php',
    'auth' => true,
];
