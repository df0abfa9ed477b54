<?php
declare(strict_types=1);

namespace CrmGuard\Cli\Command;

use CrmGuard\Cli\Command;
use CrmGuard\Cli\Failure;
use CrmGuard\Cli\Io;
use CrmGuard\Cli\Options;
use CrmGuard\Cli\UsageError;

/**
 * `crmguard normalize`: standard input lines to E.164, one output line per
 * input line (an empty line when the input is no valid number).
 */
final class NormalizeCommand implements Command
{
    /** Lines handed to the extension at once. */
    private const BATCH = 4096;

    private const JSON_FLAGS = JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE
        | JSON_INVALID_UTF8_SUBSTITUTE | JSON_THROW_ON_ERROR;

    public function name(): string
    {
        return 'normalize';
    }

    public function synopsis(): string
    {
        return 'normalize [--region RU] [--json]  stdin lines -> one line each: E.164, or empty if invalid';
    }

    public function help(): string
    {
        return <<<'TXT'
        Usage: crmguard normalize [--region RU] [--json]

        Reads phone numbers from standard input, one per line, and prints one line
        for each input line, in order: the number in E.164 (+79123456789), or an
        empty line when the line holds no valid number.  Extensions ("доб. 123")
        are dropped.  CRLF line ends and a last line without a line end are read.

        Options:
          --region XX   ISO 3166 region for numbers written without a country code
                        (default RU)
          --json        one JSON object per line instead:
                        {"input":..., "e164":..., "valid":..., "error":...}
                        (error: empty, too_short, too_long, invalid_country_code,
                        not_a_number, invalid_for_region; null when valid)
          --help        this text

        Exit codes: 0 when the input was read (invalid numbers included),
        1 when it could not be read or the region is unknown, 2 usage error.

        TXT;
    }

    public function run(array $args, Io $io): int
    {
        $options = Options::parse($args, ['region' => true, 'json' => false, 'help' => false], 'normalize');
        if ($options->has('help')) {
            $io->write($this->help());
            return 0;
        }
        if ($options->arguments !== []) {
            throw new UsageError("unexpected argument '{$options->arguments[0]}' (input is read from standard input)", 'normalize');
        }
        $region = $options->get('region', 'RU');
        try {
            \CrmGuard\normalize_phone('', $region);
        } catch (\ValueError) {
            throw new Failure(sprintf('unknown region %s: use an ISO 3166 alpha-2 code such as RU, KZ, BY',
                json_encode($region, self::JSON_FLAGS)));
        }
        $json = $options->has('json');

        $batch = [];
        error_clear_last();
        while (($line = @fgets($io->in)) !== false) {
            $batch[] = self::chomp($line);
            if (count($batch) >= self::BATCH) {
                $io->write($json ? $this->json($batch, $region) : $this->plain($batch, $region));
                $batch = [];
            }
        }
        if ($batch !== []) {
            $io->write($json ? $this->json($batch, $region) : $this->plain($batch, $region));
        }
        $error = error_get_last();
        if ($error !== null || !feof($io->in)) {
            throw new Failure('cannot read standard input'
                . ($error !== null ? ': ' . preg_replace('/^fgets\(\): /', '', $error['message']) : ''));
        }
        return 0;
    }

    /** The line without its "\n" or "\r\n". */
    private static function chomp(string $line): string
    {
        $len = strlen($line);
        if ($len > 0 && $line[$len - 1] === "\n") {
            $len--;
            if ($len > 0 && $line[$len - 1] === "\r") {
                $len--;
            }
        }
        return substr($line, 0, $len);
    }

    /** @param list<string> $lines */
    private function plain(array $lines, string $region): string
    {
        $out = '';
        foreach (\CrmGuard\normalize_phones($lines, $region) as $e164) {
            $out .= $e164 . "\n";
        }
        return $out;
    }

    /** @param list<string> $lines */
    private function json(array $lines, string $region): string
    {
        $out = '';
        foreach ($lines as $line) {
            $p = \CrmGuard\parse_phone($line, $region);
            $out .= json_encode([
                'input' => $line,
                'e164' => $p['e164'],
                'valid' => $p['valid'],
                'error' => $p['error'],
            ], self::JSON_FLAGS) . "\n";
        }
        return $out;
    }
}
