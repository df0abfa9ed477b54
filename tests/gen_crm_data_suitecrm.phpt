--TEST--
tools/gen-crm-data: suitecrm data loads into the real schema and agrees with its truth file
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/db.inc';
require __DIR__ . '/gendata.inc';
crmguard_gendata_check('suitecrm');
?>
--EXPECT--
ok deterministic per seed
ok row counts (sql and tsv)
ok ids in the CRM format
ok entity counts
ok links, owners and stages
ok users and supervisors
ok per-manager KPIs against SQL
ok call-card colours of the truth numbers
ok audit counts
ok phone index rebuild agrees with the truth
