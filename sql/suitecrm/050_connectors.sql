-- Telephony connectors (src/Telephony): what a PBX needs to reach the call card without a CRM
-- session.  Idempotent; touches no CRM table.
--
-- crmguard_connector_token: one row per connector token (`crmguard token create --name 3cx
-- --user ID`).  Only the SHA-256 of the token is stored (hex); the token itself is printed once
-- at creation and never stored or logged.  `user_id` is the CRM user whose read rights the
-- connector gets.  Revoking deletes the row.
CREATE TABLE IF NOT EXISTS `crmguard_connector_token` (
  `name` varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
  `token_sha256` char(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  `user_id` varchar(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
  `created_at` datetime NOT NULL,
  `last_used_at` datetime DEFAULT NULL,
  PRIMARY KEY (`name`),
  UNIQUE KEY `crmguard_connector_token_hash` (`token_sha256`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- crmguard_connector_failure: failed token checks per client address in the current window
-- (CrmGuard\Telephony\Tokens::FAILURE_LIMIT failures in FAILURE_WINDOW seconds: that address is
-- answered 429 until the window ends).  A success from the address clears its row.
CREATE TABLE IF NOT EXISTS `crmguard_connector_failure` (
  `address` varchar(45) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  `window_start` datetime NOT NULL,
  `failures` int unsigned NOT NULL,
  PRIMARY KEY (`address`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- crmguard_call_journal: the CRM Call record each PBX call was journaled as (iTooLabs callid,
-- 3CX number + start time), so a PBX that reports a call twice (event COMPLETED, then history;
-- a retry) updates one record instead of making two.
CREATE TABLE IF NOT EXISTS `crmguard_call_journal` (
  `source` varchar(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  `external_id` varchar(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  `call_id` varchar(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
  `created_at` datetime NOT NULL,
  PRIMARY KEY (`source`, `external_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
