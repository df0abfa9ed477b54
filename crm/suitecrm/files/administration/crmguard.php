<?php
// crmguard's entry on the Administration page: merged into
// custom/modules/Administration/Ext/Administration/administration.ext.php, which
// modules/Administration/metadata/adminpaneldefs.php (451-453) includes after its own groups.
// A link under the 'Administration' key is shown to admins only (adminpaneldefs.php 467-469).
$admin_option_defs = [];
$admin_option_defs['Administration']['crmguard_tokens'] = [
    'Password',
    'LBL_CRMGUARD_TOKENS_TITLE',
    'LBL_CRMGUARD_TOKENS_DESC',
    './index.php?module=Administration&action=CrmGuardTokens',
    'password',
];
$admin_group_header[] = ['LBL_CRMGUARD_ADMIN_HEADER', '', false, $admin_option_defs, 'LBL_CRMGUARD_ADMIN_DESC'];
