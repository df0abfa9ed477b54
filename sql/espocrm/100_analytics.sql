-- crmguard analytics views for EspoCRM 9.x (sql/suitecrm/100_analytics.sql has the same views,
-- with the same names and columns, over SuiteCRM's tables).  Everything CRM-specific about the
-- head of sales' figures lives in these two files: the report, the QC sample and the audit read
-- only the views, so they are written once for both CRMs, and any SQL tool or the CRM's own
-- reporting can read them too.
--
-- The CRM columns these views read that only crmguard's EspoCRM extension adds (entityDefs):
-- CrmGuard\Schema checks them before applying anything (tests/cli_schema_requirements.phpt
-- checks this list is complete).
-- crmguard:requires opportunity.c_crmguard_failure_reason
--
-- Idempotent (CREATE OR REPLACE VIEW, DROP VIEW IF EXISTS); touches no CRM table.  Needs
-- crmguard_stage_log (030_stage_log.sql).  Times are the CRM's (UTC).  Conventions of the views:
--   * deleted records are left out;
--   * stages: 'New', 'Calling', 'Closed Won' (Success), 'Closed Lost' (Failure), and whatever
--     else the deployment has; a deal is open while its stage is not Closed Won/Closed Lost;
--   * an open task is one not Completed, Canceled or Deferred (EspoCRM's "not actual" statuses).

-- Users that can own deals, with a display name.
CREATE OR REPLACE VIEW crmguard_v_user AS
SELECT u.id AS user_id,
       TRIM(CONCAT_WS(' ', NULLIF(u.first_name, ''), NULLIF(u.last_name, ''))) AS name,
       u.user_name AS user_name,
       u.is_active AS is_active
FROM `user` u
WHERE COALESCE(u.deleted, 0) = 0 AND u.type IN ('regular', 'admin');

-- Team membership (EspoCRM teams).
CREATE OR REPLACE VIEW crmguard_v_user_team AS
SELECT tu.user_id AS user_id, tu.team_id AS team_id, t.name AS team_name
FROM team_user tu
JOIN team t ON t.id = tu.team_id AND COALESCE(t.deleted, 0) = 0
WHERE COALESCE(tu.deleted, 0) = 0;

-- One row per deal.  stage_since: when the deal entered its current stage: the last entry of
-- crmguard's stage log into that stage, else the deal's modified time (EspoCRM keeps no stage
-- history of its own in a queryable form).
CREATE OR REPLACE VIEW crmguard_v_deal AS
SELECT o.id AS deal_id,
       o.name AS deal_name,
       o.assigned_user_id AS user_id,
       o.stage AS stage,
       NULLIF(o.c_crmguard_failure_reason, '') AS failure_reason,
       NULLIF(o.lead_source, '') AS lead_source,
       o.account_id AS account_id,
       o.amount AS amount,
       o.created_at AS created_at,
       o.modified_at AS modified_at,
       o.close_date AS close_date,
       CONCAT('#Opportunity/view/', o.id) AS record_path,
       o.stage IN ('Closed Won', 'Closed Lost') AS is_closed,
       COALESCE((SELECT MAX(l.changed_at) FROM crmguard_stage_log l
                 WHERE l.deal_id = o.id AND l.to_stage = o.stage),
                o.modified_at, o.created_at) AS stage_since,
       EXISTS(SELECT 1 FROM task t
              WHERE t.parent_id = o.id AND t.parent_type = 'Opportunity' AND COALESCE(t.deleted, 0) = 0
                AND t.status NOT IN ('Completed', 'Canceled', 'Deferred')) AS has_open_task,
       EXISTS(SELECT 1 FROM task t
              WHERE t.parent_id = o.id AND t.parent_type = 'Opportunity' AND COALESCE(t.deleted, 0) = 0) AS has_task,
       COALESCE(NULLIF(TRIM(o.description), ''),
                (SELECT n.post FROM note n
                 WHERE n.parent_id = o.id AND n.parent_type = 'Opportunity' AND n.type = 'Post'
                   AND COALESCE(n.deleted, 0) = 0 AND NULLIF(TRIM(n.post), '') IS NOT NULL
                 ORDER BY n.created_at DESC LIMIT 1)) AS comment
FROM opportunity o
WHERE COALESCE(o.deleted, 0) = 0;

-- Leads that have not become a deal (a converted lead counts through its deal), for conversion
-- by lead source: an inquiry is a deal or such a lead.
CREATE OR REPLACE VIEW crmguard_v_lead AS
SELECT l.id AS lead_id,
       l.assigned_user_id AS user_id,
       NULLIF(l.source, '') AS lead_source,
       l.status AS status,
       l.created_at AS created_at
FROM `lead` l
WHERE COALESCE(l.deleted, 0) = 0 AND NULLIF(l.created_opportunity_id, '') IS NULL;

-- Outbound answers: outbound calls (held, or attempted: Not Held) and sent emails, by parent record.
CREATE OR REPLACE VIEW crmguard_v_outbound AS
SELECT 'call' AS kind, c.id AS outbound_id, c.assigned_user_id AS user_id,
       c.parent_type AS parent_type, c.parent_id AS parent_id, c.date_start AS sent_at
FROM `call` c
WHERE COALESCE(c.deleted, 0) = 0 AND c.direction = 'Outbound' AND c.status IN ('Held', 'Not Held')
UNION ALL
SELECT 'email', e.id, e.assigned_user_id, e.parent_type, e.parent_id, e.date_sent
FROM email e
WHERE COALESCE(e.deleted, 0) = 0 AND e.status = 'Sent';

-- Inbound communications and when each was first answered (NULL: not yet).  An inbound call
-- that was held is answered when it starts; a missed one (Not Held) by the first outbound call
-- (held or attempted) or sent email of the same manager to the same record after it.  An inbound email (fetched, status Archived,
-- not sent by a user) by its reply (email.replied_id) or the first such outbound activity.
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
               COALESCE((SELECT MIN(c2.date_start) FROM `call` c2 FORCE INDEX (IDX_CRMGUARD_ANSWER)
                         WHERE c2.parent_id = c.parent_id AND c2.parent_type = c.parent_type
                           AND COALESCE(c2.deleted, 0) = 0 AND c2.direction = 'Outbound'
                           AND c2.status IN ('Held', 'Not Held') AND c2.assigned_user_id = c.assigned_user_id
                           AND c2.date_start >= c.date_start), '9999-12-31 00:00:00'),
               COALESCE((SELECT MIN(e2.date_sent) FROM email e2 FORCE INDEX (IDX_CRMGUARD_ANSWER)
                         WHERE e2.parent_id = c.parent_id AND e2.parent_type = c.parent_type
                           AND COALESCE(e2.deleted, 0) = 0 AND e2.status = 'Sent'
                           AND e2.assigned_user_id = c.assigned_user_id AND e2.date_sent >= c.date_start), '9999-12-31 00:00:00'))) AS answered_at
    FROM `call` c
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
           COALESCE(e.date_sent, e.created_at) AS received_at,
           LEAST(
               COALESCE((SELECT MIN(r.date_sent) FROM email r
                         WHERE r.replied_id = e.id AND COALESCE(r.deleted, 0) = 0 AND r.status = 'Sent'),
                        '9999-12-31 00:00:00'),
               COALESCE((SELECT MIN(c2.date_start) FROM `call` c2 FORCE INDEX (IDX_CRMGUARD_ANSWER)
                         WHERE c2.parent_id = e.parent_id AND c2.parent_type = e.parent_type
                           AND COALESCE(c2.deleted, 0) = 0 AND c2.direction = 'Outbound'
                           AND c2.status IN ('Held', 'Not Held') AND c2.assigned_user_id = e.assigned_user_id
                           AND c2.date_start >= COALESCE(e.date_sent, e.created_at)),
                        '9999-12-31 00:00:00'),
               COALESCE((SELECT MIN(e2.date_sent) FROM email e2 FORCE INDEX (IDX_CRMGUARD_ANSWER)
                         WHERE e2.parent_id = e.parent_id AND e2.parent_type = e.parent_type
                           AND COALESCE(e2.deleted, 0) = 0 AND e2.status = 'Sent'
                           AND e2.assigned_user_id = e.assigned_user_id
                           AND e2.date_sent >= COALESCE(e.date_sent, e.created_at)), '9999-12-31 00:00:00')) AS answered_at
    FROM email e
    WHERE COALESCE(e.deleted, 0) = 0 AND e.status = 'Archived' AND e.sent_by_id IS NULL
      AND NOT EXISTS (SELECT 1 FROM entity_email_address ea
                      WHERE ea.email_address_id = e.from_email_address_id AND ea.entity_type = 'User'
                        AND COALESCE(ea.deleted, 0) = 0)
) i;

CREATE OR REPLACE VIEW crmguard_v_inbound AS
SELECT * FROM crmguard_v_inbound_call
UNION ALL
SELECT * FROM crmguard_v_inbound_email;

-- The fields of client cards and deals the audit checks, one row per (record, field):
-- entity_type Lead | Contact | Account | Deal, field first_name | last_name | name | phone |
-- comment | close_date | task; value NULL when missing.  A record with no phone has one phone
-- row with a NULL value; one with several has a row per number (source_field: the phone type).
-- One view per entity type and kind (names, phones, deal fields), each reading its table once
-- (names: the rows joined to the list of name fields): the audit scans every view named
-- crmguard_v_card_field_*, one after the other, because MariaDB writes a UNION view to a
-- temporary table before the first row, which at a million contacts cost more than the checks.
-- crmguard_v_card_field is their union for everything else.
CREATE OR REPLACE VIEW crmguard_v_card_field_lead AS
SELECT 'Lead' AS entity_type, l.id AS entity_id, l.assigned_user_id AS user_id, f.field AS field, f.field AS source_field,
       NULLIF(TRIM(IF(f.field = 'first_name', l.first_name, l.last_name)), '') AS value
FROM `lead` l
JOIN (SELECT 'first_name' AS field UNION ALL SELECT 'last_name') f
WHERE COALESCE(l.deleted, 0) = 0;

CREATE OR REPLACE VIEW crmguard_v_card_field_lead_phone AS
SELECT 'Lead' AS entity_type, l.id AS entity_id, l.assigned_user_id AS user_id, 'phone' AS field,
       COALESCE(p.type, 'phone') AS source_field, NULLIF(TRIM(p.name), '') AS value
FROM `lead` l
LEFT JOIN entity_phone_number ep ON ep.entity_id = l.id AND ep.entity_type = 'Lead' AND COALESCE(ep.deleted, 0) = 0
LEFT JOIN phone_number p ON p.id = ep.phone_number_id AND COALESCE(p.deleted, 0) = 0
WHERE COALESCE(l.deleted, 0) = 0;

CREATE OR REPLACE VIEW crmguard_v_card_field_contact AS
SELECT 'Contact' AS entity_type, c.id AS entity_id, c.assigned_user_id AS user_id, f.field AS field, f.field AS source_field,
       NULLIF(TRIM(IF(f.field = 'first_name', c.first_name, c.last_name)), '') AS value
FROM contact c
JOIN (SELECT 'first_name' AS field UNION ALL SELECT 'last_name') f
WHERE COALESCE(c.deleted, 0) = 0;

CREATE OR REPLACE VIEW crmguard_v_card_field_contact_phone AS
SELECT 'Contact' AS entity_type, c.id AS entity_id, c.assigned_user_id AS user_id, 'phone' AS field,
       COALESCE(p.type, 'phone') AS source_field, NULLIF(TRIM(p.name), '') AS value
FROM contact c
LEFT JOIN entity_phone_number ep ON ep.entity_id = c.id AND ep.entity_type = 'Contact' AND COALESCE(ep.deleted, 0) = 0
LEFT JOIN phone_number p ON p.id = ep.phone_number_id AND COALESCE(p.deleted, 0) = 0
WHERE COALESCE(c.deleted, 0) = 0;

CREATE OR REPLACE VIEW crmguard_v_card_field_account AS
SELECT 'Account' AS entity_type, a.id AS entity_id, a.assigned_user_id AS user_id, 'name' AS field, 'name' AS source_field,
       NULLIF(TRIM(a.name), '') AS value
FROM account a WHERE COALESCE(a.deleted, 0) = 0;

CREATE OR REPLACE VIEW crmguard_v_card_field_account_phone AS
SELECT 'Account' AS entity_type, a.id AS entity_id, a.assigned_user_id AS user_id, 'phone' AS field,
       COALESCE(p.type, 'phone') AS source_field, NULLIF(TRIM(p.name), '') AS value
FROM account a
LEFT JOIN entity_phone_number ep ON ep.entity_id = a.id AND ep.entity_type = 'Account' AND COALESCE(ep.deleted, 0) = 0
LEFT JOIN phone_number p ON p.id = ep.phone_number_id AND COALESCE(p.deleted, 0) = 0
WHERE COALESCE(a.deleted, 0) = 0;

CREATE OR REPLACE VIEW crmguard_v_card_field_deal AS
SELECT 'Deal' AS entity_type, d.deal_id AS entity_id, d.user_id AS user_id, f.field AS field, f.col AS source_field,
       CASE f.field WHEN 'comment' THEN d.comment
                    WHEN 'close_date' THEN CAST(d.close_date AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_unicode_ci
                    ELSE IF(d.has_task, 'yes', NULL) END AS value
FROM crmguard_v_deal d
JOIN (SELECT 'comment' AS field, 'description' AS col UNION ALL SELECT 'close_date', 'close_date'
      UNION ALL SELECT 'task', 'task') f;

CREATE OR REPLACE VIEW crmguard_v_card_field AS
SELECT entity_type, entity_id, user_id, field, source_field, value FROM crmguard_v_card_field_lead
UNION ALL
SELECT entity_type, entity_id, user_id, field, source_field, value FROM crmguard_v_card_field_lead_phone
UNION ALL
SELECT entity_type, entity_id, user_id, field, source_field, value FROM crmguard_v_card_field_contact
UNION ALL
SELECT entity_type, entity_id, user_id, field, source_field, value FROM crmguard_v_card_field_contact_phone
UNION ALL
SELECT entity_type, entity_id, user_id, field, source_field, value FROM crmguard_v_card_field_account
UNION ALL
SELECT entity_type, entity_id, user_id, field, source_field, value FROM crmguard_v_card_field_account_phone
UNION ALL
SELECT entity_type, entity_id, user_id, field, source_field, value FROM crmguard_v_card_field_deal;

-- Summaries older installs had and nothing read (the report computes its own per period from
-- crmguard_v_deal): dropped, so an install or `crmguard schema apply` over an older one loses them.
DROP VIEW IF EXISTS crmguard_v_manager_kpi, crmguard_v_lost_reason, crmguard_v_source_conversion;

-- Users' e-mail addresses and the admin flag, for the scheduled report's recipients (admins and
-- supervisors by default): EspoCRM keeps a user's addresses in email_address through
-- entity_email_address (entity_type User); admins are type admin or super-admin.
CREATE OR REPLACE VIEW crmguard_v_user_email AS
SELECT u.id AS user_id, ea.name AS email, u.type IN ('admin', 'super-admin') AS is_admin,
       COALESCE(eea.`primary`, 0) AS is_primary
FROM `user` u
JOIN entity_email_address eea ON eea.entity_id = u.id AND eea.entity_type = 'User' AND COALESCE(eea.deleted, 0) = 0
JOIN email_address ea ON ea.id = eea.email_address_id AND COALESCE(ea.deleted, 0) = 0 AND COALESCE(ea.invalid, 0) = 0
WHERE COALESCE(u.deleted, 0) = 0 AND COALESCE(u.is_active, 1) = 1;

-- Tasks attached to deals (for the QC sample: a deal already under review is not given a
-- second review task).
CREATE OR REPLACE VIEW crmguard_v_deal_task AS
SELECT t.id AS task_id, t.parent_id AS deal_id, t.assigned_user_id AS user_id, t.name AS name,
       t.status AS status, t.status NOT IN ('Completed', 'Canceled', 'Deferred') AS is_open,
       t.created_at AS created_at
FROM task t
WHERE t.parent_type = 'Opportunity' AND COALESCE(t.deleted, 0) = 0;

-- Review tasks on deals for `crmguard qc-sample --create-tasks`, in a fixed number of statements
-- whatever the sample's size: CALL crmguard_deal_task_batch() gives the session the temporary
-- table crmguard_deal_task_batch, the caller fills it (deal_id, name, description: multi-row
-- INSERTs of bound values), and CALL crmguard_create_deal_tasks(user, created by, due) writes a
-- task for each of its deals that is not deleted, as EspoCRM writes one: a 17-hex-digit id like
-- Util::generateId() (uniqid(): 8 hex digits of seconds, 5 of microseconds, then 4 random ones;
-- the microseconds count on by the row's number n, so the ids of one batch differ), status Not
-- Started, priority Normal, parent Opportunity with the deal's account and contact, times in UTC,
-- version_number 1.
CREATE OR REPLACE PROCEDURE crmguard_deal_task_batch()
CREATE TEMPORARY TABLE IF NOT EXISTS crmguard_deal_task_batch (
    n INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    deal_id VARCHAR(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
    name VARCHAR(255) CHARACTER SET utf8mb4 NOT NULL,
    description TEXT CHARACTER SET utf8mb4);

CREATE OR REPLACE PROCEDURE crmguard_create_deal_tasks(
    IN p_user_id VARCHAR(36) CHARACTER SET utf8mb4, IN p_created_by VARCHAR(36) CHARACTER SET utf8mb4,
    IN p_due DATETIME)
INSERT INTO task (id, name, deleted, status, priority, date_end, description, created_at, modified_at,
                  parent_id, parent_type, account_id, contact_id, created_by_id, assigned_user_id,
                  version_number)
SELECT LOWER(CONCAT(LPAD(HEX(UNIX_TIMESTAMP() + (MICROSECOND(NOW(6)) + b.n) DIV 1000000), 8, '0'),
                    LPAD(HEX((MICROSECOND(NOW(6)) + b.n) MOD 1000000), 5, '0'),
                    LPAD(HEX(FLOOR(RAND() * 65536)), 4, '0'))),
       b.name, 0, 'Not Started', 'Normal', p_due, b.description, UTC_TIMESTAMP(), UTC_TIMESTAMP(),
       o.id, 'Opportunity', o.account_id, o.contact_id, p_created_by, p_user_id, 1
FROM crmguard_deal_task_batch b
JOIN opportunity o ON o.id = b.deal_id AND COALESCE(o.deleted, 0) = 0
ORDER BY b.n;

-- Older installs wrote one review task per call.
DROP PROCEDURE IF EXISTS crmguard_create_deal_task;
