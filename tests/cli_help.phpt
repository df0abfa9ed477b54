--TEST--
bin/crmguard: help, version, every command of the design, unknown commands, exit codes
--EXTENSIONS--
crmguard
--FILE--
<?php
require __DIR__ . '/cli.inc';

foreach ([[], ['--help'], ['help'], ['-h']] as $args) {
    [$rc, $out, $err] = crmguard_cli($args);
    printf("%s: exit %d, %s, stderr %s\n", json_encode($args), $rc,
        str_starts_with($out, 'crmguard — admin CLI') ? 'usage' : 'no usage', json_encode($err));
}
[, $usage] = crmguard_cli(['--help']);
// The design's full command list, every one built.
foreach (['normalize [--region RU] [--json]', 'index rebuild', 'import FILE --assign U1,U2 [--dry-run] [--region RU]',
          'lookup PHONE --caller USER_ID', 'report [--since DATE] [--until DATE] [--html FILE]',
          'qc-sample [--percent 10] [--seed N]', 'audit', 'Exit codes:'] as $want) {
    echo str_contains($usage, $want) ? 'has ' : 'MISSING ', $want, "\n";
}
var_dump(!str_contains($usage, 'Coming'), strpos($usage, 'import FILE') < strpos($usage, 'Every command takes --json'));

foreach ([['help', 'normalize'], ['normalize', '--help'], ['normalize', '-h']] as $args) {
    [$rc, $out] = crmguard_cli($args);
    printf("%s: exit %d, %s\n", json_encode($args), $rc, strtok($out, "\n"));
}
foreach ([['--version'], ['frob'], ['import', 'x.csv'], ['audit'], ['help', 'frob'], ['--frob']] as $args) {
    [$rc, $out, $err] = crmguard_cli($args);
    printf("%s: exit %d, stdout %s, stderr %s\n", json_encode($args), $rc, json_encode($out), json_encode($err));
}
?>
--EXPECTF--
[]: exit 0, usage, stderr ""
["--help"]: exit 0, usage, stderr ""
["help"]: exit 0, usage, stderr ""
["-h"]: exit 0, usage, stderr ""
has normalize [--region RU] [--json]
has index rebuild
has import FILE --assign U1,U2 [--dry-run] [--region RU]
has lookup PHONE --caller USER_ID
has report [--since DATE] [--until DATE] [--html FILE]
has qc-sample [--percent 10] [--seed N]
has audit
has Exit codes:
bool(true)
bool(true)
["help","normalize"]: exit 0, Usage: crmguard normalize [--region RU] [--json]
["normalize","--help"]: exit 0, Usage: crmguard normalize [--region RU] [--json]
["normalize","-h"]: exit 0, Usage: crmguard normalize [--region RU] [--json]
["--version"]: exit 0, stdout "crmguard 0.2.0\n", stderr ""
["frob"]: exit 2, stdout "", stderr "crmguard: unknown command 'frob'\nRun 'crmguard --help' for the list of commands.\n"
["import","x.csv"]: exit 1, stdout "", stderr "crmguard: cannot read x.csv\n"
["audit"]: exit 2, stdout "", stderr "crmguard: which database? give --db DSN, --crm-root DIR or set CRMGUARD_DB\nRun 'crmguard audit --help' for its options.\n"
["help","frob"]: exit 2, stdout "", stderr "crmguard: unknown command 'frob'\nRun 'crmguard --help' for the list of commands.\n"
["--frob"]: exit 2, stdout "", stderr "crmguard: unknown option '--frob'\nRun 'crmguard --help' for the list of commands.\n"
