--TEST--
crmguard: broken-file corpus (tests/csv-corpus) on EspoCRM — rows kept and each reject's line and reason as each file's .expect says
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/csv_corpus.inc';
csv_corpus_run('espocrm');
?>
--EXPECT--
bom-mid-file: ok
cp1251-utf8-line: ok
excel-sep: ok
header-repeated: ok
mixed-line-ends: ok
multiline-fields: ok
nul-bytes: ok
quote-closed-later: ok
quote-not-closed: ok
quotes-mid-field: ok
ragged-rows: ok
stray-quote: ok
trailing-delimiters: ok
every file as expected
