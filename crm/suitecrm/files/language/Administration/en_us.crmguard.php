<?php
// crmguard's Administration labels (English): the connector tokens page.
$mod_strings['LBL_CRMGUARD_ADMIN_HEADER'] = 'crmguard';
$mod_strings['LBL_CRMGUARD_ADMIN_DESC'] = 'Telephony connectors of the crmguard call card';
$mod_strings['LBL_CRMGUARD_TOKENS_TITLE'] = 'Connector tokens';
$mod_strings['LBL_CRMGUARD_TOKENS_DESC'] = 'Create and revoke the tokens PBXs (3CX, Asterisk, iTooLabs, Zadarma) use to ask for call cards';
$mod_strings['LBL_CRMGUARD_TOKENS_HELP'] = 'A token lets one telephony connector ask for call cards without a login. It reads as the user chosen here: it sees the colour and manager of every number, record names only where that user may read them. The token is shown once, when it is created; only its SHA-256 is stored. Revoke a token that leaked and create a new one.';
$mod_strings['LBL_CRMGUARD_TOKENS_NAME'] = 'Name';
$mod_strings['LBL_CRMGUARD_TOKENS_USER'] = 'Reads as user';
$mod_strings['LBL_CRMGUARD_TOKENS_CREATED_AT'] = 'Created (UTC)';
$mod_strings['LBL_CRMGUARD_TOKENS_LAST_USED'] = 'Last used (UTC)';
$mod_strings['LBL_CRMGUARD_TOKENS_NEVER'] = 'never';
$mod_strings['LBL_CRMGUARD_TOKENS_NONE'] = 'No tokens.';
$mod_strings['LBL_CRMGUARD_TOKENS_NEW'] = 'New token';
$mod_strings['LBL_CRMGUARD_TOKENS_CREATE'] = 'Create';
$mod_strings['LBL_CRMGUARD_TOKENS_REVOKE'] = 'Revoke';
$mod_strings['LBL_CRMGUARD_TOKENS_CREATED'] = "Token '%s' created. Copy it now into the connector's settings: it is not shown again.";
$mod_strings['LBL_CRMGUARD_TOKENS_REVOKED'] = "Token '%s' revoked.";
$mod_strings['LBL_CRMGUARD_TOKENS_UNKNOWN'] = "No token named '%s'.";
$mod_strings['LBL_CRMGUARD_TOKENS_ADMIN_ONLY'] = 'Only an administrator may manage connector tokens.';
$mod_strings['LBL_CRMGUARD_TOKENS_FORM_EXPIRED'] = 'The form has expired: reload the page and try again.';
$mod_strings['LBL_CRMGUARD_TOKENS_UNAVAILABLE'] = 'crmguard is unavailable (see the log).';
