-- The fields_meta_data rows SuiteCRM keeps for crmguard's four custom fields once they exist
-- (tests/fixtures/suitecrm/crmguard-fields.sql + package-fields.sql create the columns): what
-- DynamicField::addFieldObject() (modules/DynamicFields/DynamicField.php 594-677) saves for the
-- package manifest's custom_fields: id = <Module><name>, vname = the label, ext1 = the dropdown.
-- Without them SuiteCRM's install_custom_fields() would try to ADD the existing columns again and
-- die ('Cannot create column'), so a fixture with the columns needs these rows too.  Load after
-- installer-tables.sql.  Idempotent.
INSERT IGNORE INTO `fields_meta_data` (`id`, `name`, `vname`, `comments`, `help`, `custom_module`, `type`, `len`, `required`, `default_value`, `date_modified`, `deleted`, `audited`, `massupdate`, `duplicate_merge`, `reportable`, `importable`, `ext1`, `ext2`, `ext3`, `ext4`) VALUES
('Accountscrmguard_status_c', 'crmguard_status_c', 'LBL_CRMGUARD_STATUS', 'crmguard', '', 'Accounts', 'enum', 100, 0, 'waiting', '2025-01-01 00:00:00', 0, 1, 0, 0, 1, 'true', 'crmguard_status_dom', NULL, NULL, ''),
('Opportunitiescrmguard_failure_reason_c', 'crmguard_failure_reason_c', 'LBL_CRMGUARD_FAILURE_REASON', 'crmguard', '', 'Opportunities', 'enum', 100, 0, '', '2025-01-01 00:00:00', 0, 1, 0, 0, 1, 'true', 'crmguard_failure_reason_dom', NULL, NULL, ''),
('Callscrmguard_card_color_c', 'crmguard_card_color_c', 'LBL_CRMGUARD_CARD_COLOR', 'crmguard', '', 'Calls', 'enum', 100, 0, '', '2025-01-01 00:00:00', 0, 0, 0, 0, 1, 'true', 'crmguard_card_color_dom', NULL, NULL, ''),
('Callscrmguard_card_owner_c', 'crmguard_card_owner_c', 'LBL_CRMGUARD_CARD_OWNER', 'crmguard', '', 'Calls', 'varchar', 255, 0, '', '2025-01-01 00:00:00', 0, 0, 0, 0, 1, 'false', NULL, NULL, NULL, '');
