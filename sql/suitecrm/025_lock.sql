-- crmguard's leases (suitecrm): the locks that let one import at a time write and one phone-index
-- rebuild at a time run, held across a Galera cluster (GET_LOCK holds on one server only).
--
-- One row per lock, taken with one INSERT ... ON DUPLICATE KEY UPDATE when it is free, its lease
-- over, or the taker's own (ext/core/lease.c): two nodes taking it at once write the same row, and
-- Galera's certification commits one and fails the other (deadlock 1213, "not taken").  name:
-- 'import', 'import_wait' (an import waiting for its turn: a pipelined holder gives it up between
-- batches), 'phone_rebuild'.  holder: host/pid/time/random of the taker.  lease_until (UTC): the
-- holder renews it while it works; a killed holder's lock is free once it passes, or at once
-- on the server it held it on (server, account, connection_id: its connection is gone from
-- PROCESSLIST, as GET_LOCK frees a closed connection's locks).  The holder
-- deletes its row when done.  Idempotent; touches no CRM table.

CREATE TABLE IF NOT EXISTS `crmguard_lock` (
  `name` varchar(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  `holder` varchar(96) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  `taken_at` datetime(6) NOT NULL,
  `lease_until` datetime(6) NOT NULL,
  `server` varchar(255) NOT NULL,
  `account` varchar(384) NOT NULL,
  `connection_id` bigint(20) unsigned NOT NULL,
  PRIMARY KEY (`name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
