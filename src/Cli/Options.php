<?php
declare(strict_types=1);

namespace CrmGuard\Cli;

/**
 * Long options of one command: `--name value`, `--name=value`, flags, `--`
 * to end the options, `-h` for `--help`.
 */
final class Options
{
    /**
     * @param array<string, mixed> $values   option name => value (true for a flag)
     * @param list<string>         $arguments the words that are no options
     */
    private function __construct(public readonly array $values, public readonly array $arguments)
    {
    }

    /**
     * @param list<string>        $args
     * @param array<string, bool> $spec option name => whether it takes a value
     */
    public static function parse(array $args, array $spec, string $command): self
    {
        $values = [];
        $arguments = [];
        $count = count($args);
        for ($i = 0; $i < $count; $i++) {
            $arg = $args[$i];
            if ($arg === '--') {
                array_push($arguments, ...array_slice($args, $i + 1));
                break;
            }
            if ($arg === '-h') {
                $arg = '--help';
            }
            if (strncmp($arg, '--', 2) !== 0 || $arg === '-') {
                if ($arg !== '-' && $arg !== '' && $arg[0] === '-') {
                    throw new UsageError("unknown option '$arg'", $command);
                }
                $arguments[] = $arg;
                continue;
            }
            $eq = strpos($arg, '=');
            $name = substr($arg, 2, $eq === false ? null : $eq - 2);
            if (!array_key_exists($name, $spec)) {
                throw new UsageError("unknown option '--$name'", $command);
            }
            if (!$spec[$name]) {
                if ($eq !== false) {
                    throw new UsageError("option '--$name' takes no value", $command);
                }
                $values[$name] = true;
                continue;
            }
            if ($eq !== false) {
                $values[$name] = substr($arg, $eq + 1);
            } elseif ($i + 1 < $count) {
                $values[$name] = $args[++$i];
            } else {
                throw new UsageError("option '--$name' needs a value", $command);
            }
        }
        return new self($values, $arguments);
    }

    public function has(string $name): bool
    {
        return isset($this->values[$name]);
    }

    public function get(string $name, string $default): string
    {
        $v = $this->values[$name] ?? $default;
        return is_string($v) ? $v : $default;
    }
}
