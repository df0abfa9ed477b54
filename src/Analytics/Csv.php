<?php

declare(strict_types=1);

namespace CrmGuard\Analytics;

/**
 * The CSV files the CLI writes (report --csv, qc-sample --csv, audit --csv): comma-separated,
 * RFC 4180 quoting, and a text cell that a spreadsheet would run as a formula (a deal, a
 * manager or a source named "=HYPERLINK(...)", "+7 ...", "@SUM(...)") guarded by
 * CrmGuard\csv_cell, the extension's rule that the import's rejects file uses too.
 * Numbers are written as they are: a number is no formula.
 */
final class Csv
{
    /** @param list<array<int, scalar|null>> $rows */
    public static function lines(array $rows): string
    {
        $f = fopen('php://memory', 'w+');
        foreach ($rows as $row) {
            self::put($f, $row);
        }
        rewind($f);
        $csv = (string) stream_get_contents($f);
        fclose($f);
        return $csv;
    }

    /**
     * @param resource $f
     * @param array<int, scalar|null> $cells
     */
    public static function put($f, array $cells): void
    {
        foreach ($cells as $k => $v) {
            if (is_string($v)) {
                $cells[$k] = \CrmGuard\csv_cell($v);
            }
        }
        fputcsv($f, $cells, ',', '"', '');
    }
}
