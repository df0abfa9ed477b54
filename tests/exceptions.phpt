--TEST--
crmguard: the exception classes
--EXTENSIONS--
crmguard
--FILE--
<?php
foreach (['CrmGuard\Exception', 'CrmGuard\DbException', 'CrmGuard\CsvException'] as $class) {
    $r = new ReflectionClass($class);
    echo $class, ' extends ', $r->getParentClass()->getName(),
        $r->isInternal() ? ', internal' : '', $r->isFinal() ? ', final' : '', "\n";
    $e = new $class('message', 42, new LogicException('previous'));
    var_dump($e instanceof RuntimeException, $e instanceof CrmGuard\Exception,
        $e->getMessage(), $e->getCode(), $e->getPrevious()->getMessage());
}
try {
    throw new CrmGuard\DbException('lost connection');
} catch (CrmGuard\Exception $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    throw new CrmGuard\CsvException('line 3: unterminated quote');
} catch (RuntimeException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
// @strict-properties: no dynamic properties.
try {
    $e = new CrmGuard\Exception();
    $e->extra = 1;
} catch (Error $e) {
    echo $e->getMessage(), "\n";
}
// User code may extend them.
class MyImportError extends CrmGuard\CsvException {}
var_dump(new MyImportError() instanceof CrmGuard\Exception);
?>
--EXPECT--
CrmGuard\Exception extends RuntimeException, internal
bool(true)
bool(true)
string(7) "message"
int(42)
string(8) "previous"
CrmGuard\DbException extends CrmGuard\Exception, internal
bool(true)
bool(true)
string(7) "message"
int(42)
string(8) "previous"
CrmGuard\CsvException extends CrmGuard\Exception, internal
bool(true)
bool(true)
string(7) "message"
int(42)
string(8) "previous"
CrmGuard\DbException: lost connection
CrmGuard\CsvException: line 3: unterminated quote
Cannot create dynamic property CrmGuard\Exception::$extra
bool(true)
