-- crmguard 0.1.0 -> 0.2.0, run once by CrmGuard\Schema::migrate() over a 0.1.0 schema, before
-- the files of sql/<crm>/ (which then create or replace everything 0.2.0 has).
--
-- The three summary views 0.1.0 created and nothing read (the report computes its figures per
-- period from crmguard_v_deal) are retired.  Views hold no data: every table of crmguard and of
-- the CRM keeps every row.  The other 0.2.0 change, crmguard_schema_version, is a new table that
-- 000_schema_version.sql creates.
DROP VIEW IF EXISTS crmguard_v_manager_kpi, crmguard_v_lost_reason, crmguard_v_source_conversion;
