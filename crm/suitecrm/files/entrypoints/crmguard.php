<?php
// crmguard's call-card entry point for telephony connectors; 'auth' => true: logged-in sessions only.
$entry_point_registry['crmguardCallCard'] = [
    'file' => 'custom/include/CrmGuard/CallCard.php',
    'auth' => true,
];
