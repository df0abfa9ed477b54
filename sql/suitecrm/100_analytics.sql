-- crmguard analytics views for SuiteCRM 7.14 (sql/espocrm/100_analytics.sql has the same views,
-- with the same names and columns, over EspoCRM's tables).  Everything CRM-specific about the
-- head of sales' figures lives in these two files: the report, the QC sample and the audit read
-- only the views, so they are written once for both CRMs, and any SQL tool or SuiteCRM's own
-- reports can read them too.
--
-- The CRM columns these views read that only crmguard's SuiteCRM package adds (custom_fields):
-- CrmGuard\Schema checks them before applying anything (tests/cli_schema_requirements.phpt
-- checks this list is complete).
-- crmguard:requires opportunities_cstm.crmguard_failure_reason_c
--
-- Idempotent (CREATE OR REPLACE VIEW, DROP VIEW IF EXISTS); touches no CRM table.  Needs
-- crmguard_stage_log (030_stage_log.sql).  Times are the CRM's (UTC).  Conventions of the views:
--   * deleted records are left out;
--   * stages (sales_stage): 'New', 'Calling', 'Closed Won' (Success), 'Closed Lost' (Failure),
--     and whatever else the deployment has; a deal is open while not Closed Won/Closed Lost;
--   * an open task is one not Completed or Deferred (task_status_dom).

-- Users that can own deals (no group or portal users), with a display name.
CREATE OR REPLACE VIEW crmguard_v_user AS
SELECT u.id AS user_id,
       TRIM(CONCAT_WS(' ', NULLIF(u.first_name, ''), NULLIF(u.last_name, ''))) AS name,
       u.user_name AS user_name,
       COALESCE(u.status, 'Active') = 'Active' AS is_active
FROM users u
WHERE COALESCE(u.deleted, 0) = 0 AND COALESCE(u.is_group, 0) = 0 AND COALESCE(u.portal_only, 0) = 0;

-- Team membership (SuiteCRM security groups).
CREATE OR REPLACE VIEW crmguard_v_user_team AS
SELECT su.user_id AS user_id, su.securitygroup_id AS team_id, g.name AS team_name
FROM securitygroups_users su
JOIN securitygroups g ON g.id = su.securitygroup_id AND COALESCE(g.deleted, 0) = 0
WHERE COALESCE(su.deleted, 0) = 0;

-- One row per deal.  stage_since: when the deal entered its current stage: the last entry of
-- crmguard's stage log into that stage, else SuiteCRM's own audit of sales_stage, else the
-- deal's modified date.
CREATE OR REPLACE VIEW crmguard_v_deal AS
SELECT o.id AS deal_id,
       o.name AS deal_name,
       o.assigned_user_id AS user_id,
       o.sales_stage AS stage,
       NULLIF(oc.crmguard_failure_reason_c, '') AS failure_reason,
       NULLIF(o.lead_source, '') AS lead_source,
       (SELECT ao.account_id FROM accounts_opportunities ao
        WHERE ao.opportunity_id = o.id AND COALESCE(ao.deleted, 0) = 0 LIMIT 1) AS account_id,
       o.amount AS amount,
       o.date_entered AS created_at,
       o.date_modified AS modified_at,
       o.date_closed AS close_date,
       CONCAT('index.php?module=Opportunities&action=DetailView&record=', o.id) AS record_path,
       o.sales_stage IN ('Closed Won', 'Closed Lost') AS is_closed,
       COALESCE((SELECT MAX(l.changed_at) FROM crmguard_stage_log l
                 WHERE l.deal_id = o.id AND l.to_stage = o.sales_stage),
                (SELECT MAX(a.date_created) FROM opportunities_audit a FORCE INDEX (IDX_CRMGUARD_STAGE_AUDIT)
                 WHERE a.parent_id = o.id AND a.field_name = 'sales_stage'
                   AND a.after_value_string = o.sales_stage),
                o.date_modified, o.date_entered) AS stage_since,
       EXISTS(SELECT 1 FROM tasks t
              WHERE t.parent_id = o.id AND t.parent_type = 'Opportunities' AND COALESCE(t.deleted, 0) = 0
                AND COALESCE(t.status, '') NOT IN ('Completed', 'Deferred')) AS has_open_task,
       EXISTS(SELECT 1 FROM tasks t
              WHERE t.parent_id = o.id AND t.parent_type = 'Opportunities' AND COALESCE(t.deleted, 0) = 0) AS has_task,
       COALESCE(NULLIF(TRIM(o.description), ''),
                (SELECT COALESCE(NULLIF(TRIM(n.description), ''), n.name) FROM notes n
                 WHERE n.parent_id = o.id AND n.parent_type = 'Opportunities' AND COALESCE(n.deleted, 0) = 0
                   AND COALESCE(NULLIF(TRIM(n.description), ''), NULLIF(TRIM(n.name), '')) IS NOT NULL
                 ORDER BY n.date_entered DESC LIMIT 1)) AS comment
FROM opportunities o
LEFT JOIN opportunities_cstm oc ON oc.id_c = o.id
WHERE COALESCE(o.deleted, 0) = 0;

-- Leads that have not become a deal (a converted lead counts through its deal), for conversion
-- by lead source: an inquiry is a deal or such a lead.
CREATE OR REPLACE VIEW crmguard_v_lead AS
SELECT l.id AS lead_id,
       l.assigned_user_id AS user_id,
       NULLIF(l.lead_source, '') AS lead_source,
       l.status AS status,
       l.date_entered AS created_at
FROM leads l
WHERE COALESCE(l.deleted, 0) = 0 AND NULLIF(l.opportunity_id, '') IS NULL;

-- Outbound answers: outbound calls (held, or attempted: Not Held) and sent emails, by parent record.
CREATE OR REPLACE VIEW crmguard_v_outbound AS
SELECT 'call' AS kind, c.id AS outbound_id, c.assigned_user_id AS user_id,
       c.parent_type AS parent_type, c.parent_id AS parent_id, c.date_start AS sent_at
FROM calls c
WHERE COALESCE(c.deleted, 0) = 0 AND c.direction = 'Outbound' AND c.status IN ('Held', 'Not Held')
UNION ALL
SELECT 'email', e.id, e.assigned_user_id, e.parent_type, e.parent_id, e.date_sent_received
FROM emails e
WHERE COALESCE(e.deleted, 0) = 0 AND e.type = 'out';

-- Inbound communications and when each was first answered (NULL: not yet).  An inbound call
-- that was held is answered when it starts; a missed one (Not Held) by the first outbound call
-- (held or attempted) or sent email of the same manager to the same record after it.  An inbound email (type inbound) by the first
-- such outbound activity (SuiteCRM keeps no link from a reply to its email).
-- response_minutes = answered_at - received_at; the report applies the SLA.  The answers are
-- looked up by parent record, manager and kind (FORCE INDEX IDX_CRMGUARD_ANSWER, 090_report_indexes.sql: with the manager's id in the condition the
-- optimizer would otherwise walk the manager's index, thousands of rows per inbound).
-- One view per kind, and crmguard_v_inbound their union: the report reads the two parts one
-- after the other, because MariaDB writes a UNION to a temporary table before its first row.
-- answered_or_never is answered_at with 9999-12-31 for never: MariaDB runs a merged view's
-- lookups again for every mention of the column (NULLIF mentions it twice), so sums read it once.
CREATE OR REPLACE VIEW crmguard_v_inbound_call AS
SELECT i.kind, i.inbound_id, i.user_id, i.parent_type, i.parent_id, i.received_at,
       NULLIF(i.answered_at, '9999-12-31 00:00:00') AS answered_at,
       i.answered_at AS answered_or_never,
       IF(i.answered_at = '9999-12-31 00:00:00', NULL,
          TIMESTAMPDIFF(MINUTE, i.received_at, i.answered_at)) AS response_minutes
FROM (
    SELECT 'call' AS kind, c.id AS inbound_id, c.assigned_user_id AS user_id,
           c.parent_type AS parent_type, c.parent_id AS parent_id, c.date_start AS received_at,
           IF(c.status = 'Held', c.date_start, LEAST(
               COALESCE((SELECT MIN(c2.date_start) FROM calls c2 FORCE INDEX (IDX_CRMGUARD_ANSWER)
                         WHERE c2.parent_id = c.parent_id AND c2.parent_type = c.parent_type
                           AND COALESCE(c2.deleted, 0) = 0 AND c2.direction = 'Outbound'
                           AND c2.status IN ('Held', 'Not Held') AND c2.assigned_user_id = c.assigned_user_id
                           AND c2.date_start >= c.date_start), '9999-12-31 00:00:00'),
               COALESCE((SELECT MIN(e2.date_sent_received) FROM emails e2 FORCE INDEX (IDX_CRMGUARD_ANSWER)
                         WHERE e2.parent_id = c.parent_id AND e2.parent_type = c.parent_type
                           AND COALESCE(e2.deleted, 0) = 0 AND e2.type = 'out'
                           AND e2.assigned_user_id = c.assigned_user_id AND e2.date_sent_received >= c.date_start), '9999-12-31 00:00:00'))) AS answered_at
    FROM calls c
    WHERE COALESCE(c.deleted, 0) = 0 AND c.direction = 'Inbound' AND c.status IN ('Held', 'Not Held')
) i;

CREATE OR REPLACE VIEW crmguard_v_inbound_email AS
SELECT i.kind, i.inbound_id, i.user_id, i.parent_type, i.parent_id, i.received_at,
       NULLIF(i.answered_at, '9999-12-31 00:00:00') AS answered_at,
       i.answered_at AS answered_or_never,
       IF(i.answered_at = '9999-12-31 00:00:00', NULL,
          TIMESTAMPDIFF(MINUTE, i.received_at, i.answered_at)) AS response_minutes
FROM (
    SELECT 'email' AS kind, e.id AS inbound_id, e.assigned_user_id AS user_id, e.parent_type AS parent_type, e.parent_id AS parent_id,
           COALESCE(e.date_sent_received, e.date_entered) AS received_at,
           LEAST(
               COALESCE((SELECT MIN(c2.date_start) FROM calls c2 FORCE INDEX (IDX_CRMGUARD_ANSWER)
                         WHERE c2.parent_id = e.parent_id AND c2.parent_type = e.parent_type
                           AND COALESCE(c2.deleted, 0) = 0 AND c2.direction = 'Outbound'
                           AND c2.status IN ('Held', 'Not Held') AND c2.assigned_user_id = e.assigned_user_id
                           AND c2.date_start >= COALESCE(e.date_sent_received, e.date_entered)),
                        '9999-12-31 00:00:00'),
               COALESCE((SELECT MIN(e2.date_sent_received) FROM emails e2 FORCE INDEX (IDX_CRMGUARD_ANSWER)
                         WHERE e2.parent_id = e.parent_id AND e2.parent_type = e.parent_type
                           AND COALESCE(e2.deleted, 0) = 0 AND e2.type = 'out'
                           AND e2.assigned_user_id = e.assigned_user_id
                           AND e2.date_sent_received >= COALESCE(e.date_sent_received, e.date_entered)),
                        '9999-12-31 00:00:00')) AS answered_at
    FROM emails e
    WHERE COALESCE(e.deleted, 0) = 0 AND e.type = 'inbound'
) i;

CREATE OR REPLACE VIEW crmguard_v_inbound AS
SELECT * FROM crmguard_v_inbound_call
UNION ALL
SELECT * FROM crmguard_v_inbound_email;

-- The fields of client cards and deals the audit checks, one row per (record, field):
-- entity_type Lead | Contact | Account | Deal, field first_name | last_name | name | phone |
-- comment | close_date | task; value NULL when missing.  A record with no phone has one phone
-- row with a NULL value; one with several has a row per filled column (source_field: the column).
-- One view per entity type, each reading its table once: the rows are joined to the small list
-- of its fields (f), whose join condition keeps only the filled phone columns, or the one 'phone'
-- row when none is filled (reading the table once per field took three times as long on a
-- million contacts).  The audit scans the four views one after the other: MariaDB writes a
-- UNION view to a temporary table before the first row, which at a million contacts cost more
-- than the checks; crmguard_v_card_field is their union for everything else.
CREATE OR REPLACE VIEW crmguard_v_card_field_lead AS
SELECT 'Lead' AS entity_type, l.id AS entity_id, l.assigned_user_id AS user_id, f.field AS field, f.col AS source_field,
       CASE f.col WHEN 'first_name' THEN NULLIF(TRIM(l.first_name), '') WHEN 'last_name' THEN NULLIF(TRIM(l.last_name), '')
                  WHEN 'phone_mobile' THEN l.phone_mobile WHEN 'phone_work' THEN l.phone_work
                  WHEN 'phone_home' THEN l.phone_home WHEN 'phone_other' THEN l.phone_other
                  WHEN 'phone_fax' THEN l.phone_fax END AS value
FROM leads l
JOIN (SELECT 'first_name' AS field, 'first_name' AS col UNION ALL SELECT 'last_name', 'last_name'
      UNION ALL SELECT 'phone', 'phone_mobile' UNION ALL SELECT 'phone', 'phone_work' UNION ALL SELECT 'phone', 'phone_home'
      UNION ALL SELECT 'phone', 'phone_other' UNION ALL SELECT 'phone', 'phone_fax' UNION ALL SELECT 'phone', 'phone') f
  ON CASE f.col WHEN 'first_name' THEN TRUE WHEN 'last_name' THEN TRUE
         WHEN 'phone_mobile' THEN NULLIF(TRIM(l.phone_mobile), '') IS NOT NULL
         WHEN 'phone_work' THEN NULLIF(TRIM(l.phone_work), '') IS NOT NULL
         WHEN 'phone_home' THEN NULLIF(TRIM(l.phone_home), '') IS NOT NULL
         WHEN 'phone_other' THEN NULLIF(TRIM(l.phone_other), '') IS NOT NULL
         WHEN 'phone_fax' THEN NULLIF(TRIM(l.phone_fax), '') IS NOT NULL
         ELSE CONCAT(TRIM(COALESCE(l.phone_mobile, '')), TRIM(COALESCE(l.phone_work, '')), TRIM(COALESCE(l.phone_home, '')),
                     TRIM(COALESCE(l.phone_other, '')), TRIM(COALESCE(l.phone_fax, ''))) = '' END
WHERE COALESCE(l.deleted, 0) = 0;

CREATE OR REPLACE VIEW crmguard_v_card_field_contact AS
SELECT 'Contact' AS entity_type, c.id AS entity_id, c.assigned_user_id AS user_id, f.field AS field, f.col AS source_field,
       CASE f.col WHEN 'first_name' THEN NULLIF(TRIM(c.first_name), '') WHEN 'last_name' THEN NULLIF(TRIM(c.last_name), '')
                  WHEN 'phone_mobile' THEN c.phone_mobile WHEN 'phone_work' THEN c.phone_work
                  WHEN 'phone_home' THEN c.phone_home WHEN 'phone_other' THEN c.phone_other
                  WHEN 'phone_fax' THEN c.phone_fax END AS value
FROM contacts c
JOIN (SELECT 'first_name' AS field, 'first_name' AS col UNION ALL SELECT 'last_name', 'last_name'
      UNION ALL SELECT 'phone', 'phone_mobile' UNION ALL SELECT 'phone', 'phone_work' UNION ALL SELECT 'phone', 'phone_home'
      UNION ALL SELECT 'phone', 'phone_other' UNION ALL SELECT 'phone', 'phone_fax' UNION ALL SELECT 'phone', 'phone') f
  ON CASE f.col WHEN 'first_name' THEN TRUE WHEN 'last_name' THEN TRUE
         WHEN 'phone_mobile' THEN NULLIF(TRIM(c.phone_mobile), '') IS NOT NULL
         WHEN 'phone_work' THEN NULLIF(TRIM(c.phone_work), '') IS NOT NULL
         WHEN 'phone_home' THEN NULLIF(TRIM(c.phone_home), '') IS NOT NULL
         WHEN 'phone_other' THEN NULLIF(TRIM(c.phone_other), '') IS NOT NULL
         WHEN 'phone_fax' THEN NULLIF(TRIM(c.phone_fax), '') IS NOT NULL
         ELSE CONCAT(TRIM(COALESCE(c.phone_mobile, '')), TRIM(COALESCE(c.phone_work, '')), TRIM(COALESCE(c.phone_home, '')),
                     TRIM(COALESCE(c.phone_other, '')), TRIM(COALESCE(c.phone_fax, ''))) = '' END
WHERE COALESCE(c.deleted, 0) = 0;

CREATE OR REPLACE VIEW crmguard_v_card_field_account AS
SELECT 'Account' AS entity_type, a.id AS entity_id, a.assigned_user_id AS user_id, f.field AS field, f.col AS source_field,
       CASE f.col WHEN 'name' THEN NULLIF(TRIM(a.name), '') WHEN 'phone_office' THEN a.phone_office
                  WHEN 'phone_alternate' THEN a.phone_alternate WHEN 'phone_fax' THEN a.phone_fax END AS value
FROM accounts a
JOIN (SELECT 'name' AS field, 'name' AS col UNION ALL SELECT 'phone', 'phone_office'
      UNION ALL SELECT 'phone', 'phone_alternate' UNION ALL SELECT 'phone', 'phone_fax' UNION ALL SELECT 'phone', 'phone') f
  ON CASE f.col WHEN 'name' THEN TRUE
         WHEN 'phone_office' THEN NULLIF(TRIM(a.phone_office), '') IS NOT NULL
         WHEN 'phone_alternate' THEN NULLIF(TRIM(a.phone_alternate), '') IS NOT NULL
         WHEN 'phone_fax' THEN NULLIF(TRIM(a.phone_fax), '') IS NOT NULL
         ELSE CONCAT(TRIM(COALESCE(a.phone_office, '')), TRIM(COALESCE(a.phone_alternate, '')),
                     TRIM(COALESCE(a.phone_fax, ''))) = '' END
WHERE COALESCE(a.deleted, 0) = 0;

CREATE OR REPLACE VIEW crmguard_v_card_field_deal AS
SELECT 'Deal' AS entity_type, d.deal_id AS entity_id, d.user_id AS user_id, f.field AS field, f.col AS source_field,
       CASE f.field WHEN 'comment' THEN d.comment
                    WHEN 'close_date' THEN CAST(d.close_date AS CHAR CHARACTER SET utf8mb3) COLLATE utf8mb3_general_ci
                    ELSE IF(d.has_task, 'yes', NULL) END AS value
FROM crmguard_v_deal d
JOIN (SELECT 'comment' AS field, 'description' AS col UNION ALL SELECT 'close_date', 'date_closed'
      UNION ALL SELECT 'task', 'task') f;

CREATE OR REPLACE VIEW crmguard_v_card_field AS
SELECT entity_type, entity_id, user_id, field, source_field, value FROM crmguard_v_card_field_lead
UNION ALL
SELECT entity_type, entity_id, user_id, field, source_field, value FROM crmguard_v_card_field_contact
UNION ALL
SELECT entity_type, entity_id, user_id, field, source_field, value FROM crmguard_v_card_field_account
UNION ALL
SELECT entity_type, entity_id, user_id, field, source_field, value FROM crmguard_v_card_field_deal;

-- Summaries older installs had and nothing read (the report computes its own per period from
-- crmguard_v_deal): dropped, so an install or `crmguard schema apply` over an older one loses them.
DROP VIEW IF EXISTS crmguard_v_manager_kpi, crmguard_v_lost_reason, crmguard_v_source_conversion;

-- Users' e-mail addresses and the admin flag, for the scheduled report's recipients (admins and
-- supervisors by default): SuiteCRM keeps a user's addresses in email_addresses through
-- email_addr_bean_rel (bean_module Users); admins have users.is_admin.
CREATE OR REPLACE VIEW crmguard_v_user_email AS
SELECT u.id AS user_id, ea.email_address AS email, COALESCE(u.is_admin, 0) = 1 AS is_admin,
       COALESCE(r.primary_address, 0) AS is_primary
FROM users u
JOIN email_addr_bean_rel r ON r.bean_id = u.id AND r.bean_module = 'Users' AND COALESCE(r.deleted, 0) = 0
JOIN email_addresses ea ON ea.id = r.email_address_id AND COALESCE(ea.deleted, 0) = 0 AND COALESCE(ea.invalid_email, 0) = 0
WHERE COALESCE(u.deleted, 0) = 0 AND COALESCE(u.status, 'Active') = 'Active';

-- Tasks attached to deals (for the QC sample: a deal already under review is not given a
-- second review task).
CREATE OR REPLACE VIEW crmguard_v_deal_task AS
SELECT t.id AS task_id, t.parent_id AS deal_id, t.assigned_user_id AS user_id, t.name AS name,
       t.status AS status, COALESCE(t.status, '') NOT IN ('Completed', 'Deferred') AS is_open,
       t.date_entered AS created_at
FROM tasks t
WHERE t.parent_type = 'Opportunities' AND COALESCE(t.deleted, 0) = 0;

-- Review tasks on deals for `crmguard qc-sample --create-tasks`, in a fixed number of statements
-- whatever the sample's size: CALL crmguard_deal_task_batch() gives the session the temporary
-- table crmguard_deal_task_batch, the caller fills it (deal_id, name, description: multi-row
-- INSERTs of bound values), and CALL crmguard_create_deal_tasks(user, created by, due) writes a
-- task for each of its deals that is not deleted, as SuiteCRM writes one: a create_guid()-style id
-- (36 characters, lower-case hex), name cut to the column's 50 characters, status Not Started,
-- priority Medium, date_due with date_due_flag 0, parent Opportunities and the deal's first
-- contact, times in UTC.
CREATE OR REPLACE PROCEDURE crmguard_deal_task_batch()
CREATE TEMPORARY TABLE IF NOT EXISTS crmguard_deal_task_batch (
    n INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    deal_id VARCHAR(36) NOT NULL,
    name VARCHAR(255) NOT NULL,
    description TEXT);

CREATE OR REPLACE PROCEDURE crmguard_create_deal_tasks(
    IN p_user_id VARCHAR(36), IN p_created_by VARCHAR(36), IN p_due DATETIME)
INSERT INTO tasks (id, name, date_entered, date_modified, modified_user_id, created_by, description,
                   deleted, assigned_user_id, status, date_due_flag, date_due, date_start_flag,
                   parent_type, parent_id, contact_id, priority)
SELECT LOWER(UUID()), LEFT(b.name, 50), UTC_TIMESTAMP(), UTC_TIMESTAMP(), p_created_by, p_created_by,
       b.description, 0, p_user_id, 'Not Started', 0, p_due, 0, 'Opportunities', o.id,
       (SELECT oc.contact_id FROM opportunities_contacts oc
        WHERE oc.opportunity_id = o.id AND COALESCE(oc.deleted, 0) = 0 LIMIT 1),
       'Medium'
FROM crmguard_deal_task_batch b
JOIN opportunities o ON o.id = b.deal_id AND COALESCE(o.deleted, 0) = 0
ORDER BY b.n;

-- Older installs wrote one review task per call.
DROP PROCEDURE IF EXISTS crmguard_create_deal_task;
