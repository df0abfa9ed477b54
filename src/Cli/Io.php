<?php
declare(strict_types=1);

namespace CrmGuard\Cli;

/** The streams a command reads and writes (tests pass memory streams). */
final class Io
{
    /**
     * @param resource $in
     * @param resource $out
     * @param resource $err
     */
    public function __construct(
        public readonly mixed $in,
        public readonly mixed $out,
        public readonly mixed $err,
    ) {
    }

    /** Writes all of $data to stdout; a closed pipe is a Failure. */
    public function write(string $data): void
    {
        $len = strlen($data);
        for ($done = 0; $done < $len; $done += $n) {
            $n = @fwrite($this->out, $done === 0 ? $data : substr($data, $done));
            if ($n === false || $n === 0) {
                throw new Failure('cannot write to standard output');
            }
        }
    }

    public function error(string $line): void
    {
        fwrite($this->err, $line . "\n");
    }
}
