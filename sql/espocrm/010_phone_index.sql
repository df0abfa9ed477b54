-- crmguard's phone index for EspoCRM: every phone number of every live lead, contact and account,
-- in E.164 as an integer (the digits after '+').  Written by CrmGuard\PhoneIndex::rebuild() (which
-- builds crmguard_phone_build aside and swaps it in with RENAME TABLE) and ::reindex().
--
-- Only records that count are in it: deleted records and converted leads (status 'Converted')
-- have no rows, so a lookup needs no extra filter for them.  One row per number and record
-- (a number typed twice on one record appears once); source_field is the field it was read from
-- (EspoCRM: phoneNumber).  entity_id matches the CRM's id columns (utf8mb4_unicode_ci) so joins
-- use their indexes.  Idempotent; touches no CRM table.

CREATE TABLE IF NOT EXISTS `crmguard_phone` (
  `entity_type` varchar(20) NOT NULL,
  `entity_id` varchar(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
  `e164` bigint(20) unsigned NOT NULL,
  `source_field` varchar(64) NOT NULL,
  PRIMARY KEY (`entity_type`, `entity_id`, `e164`),
  KEY `IDX_CRMGUARD_PHONE_E164` (`e164`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The records saved while a rebuild runs (rebuild() holds the lease crmguard_lock.phone_rebuild):
-- ::reindex() adds the record here in the save's transaction when it sees that lease, since its
-- rows may go to the table the rebuild is about to replace; once the new table is swapped in the
-- rebuild reindexes each record named here and deletes its row.  Empty between rebuilds.
CREATE TABLE IF NOT EXISTS `crmguard_phone_dirty` (
  `entity_type` varchar(20) NOT NULL,
  `entity_id` varchar(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
  PRIMARY KEY (`entity_type`, `entity_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
