<?php
declare(strict_types=1);

namespace CrmGuard\Cli\Command;

use CrmGuard\Cli\Command;
use CrmGuard\Cli\Database;
use CrmGuard\Cli\Failure;
use CrmGuard\Cli\Io;
use CrmGuard\Cli\Options;
use CrmGuard\Cli\UsageError;
use CrmGuard\DbException;
use CrmGuard\Telephony\Tokens;

/** `crmguard token create|list|revoke`: the telephony connectors' tokens (docs/telephony.md). */
final class TokenCommand implements Command
{
    public function name(): string
    {
        return 'token';
    }

    public function synopsis(): string
    {
        return 'token create|list|revoke --name N    telephony connector tokens';
    }

    public function help(): string
    {
        return "Usage: crmguard token create --name NAME --user USER_ID [--crm NAME] (--db DSN | --crm-root DIR)\n"
            . "       crmguard token list [--json] ...\n"
            . "       crmguard token revoke --name NAME ...\n\n"
            . "A token lets one telephony connector (3CX, Asterisk, iTooLabs, Zadarma) ask for\n"
            . "call cards without a CRM session.  It reads as the CRM user given at creation:\n"
            . "it sees the colour and manager of every number, and record names only where that\n"
            . "user may read them.  The token is printed once, by create; only its SHA-256 is\n"
            . "stored.  Revoke one that leaked and create a new one.\n\n"
            . "Options:\n" . Database::HELP . "\n"
            . "  --name NAME     the connector's name (letters, digits, _ . -; e.g. 3cx)\n"
            . "  --user USER_ID  create: the CRM user whose read rights the connector gets\n"
            . "  --json          list as JSON\n"
            . "  --help          this text\n\n"
            . "Exit codes: 0 done, 1 failure (unknown user or token, database), 2 usage error.\n";
    }

    public function run(array $args, Io $io): int
    {
        $options = Options::parse($args, Database::OPTIONS + ['name' => true, 'user' => true, 'json' => false, 'help' => false], 'token');
        if ($options->has('help')) {
            $io->write($this->help());
            return 0;
        }
        $action = $options->arguments[0] ?? '';
        if (!in_array($action, ['create', 'list', 'revoke'], true) || count($options->arguments) !== 1) {
            throw new UsageError('token create|list|revoke', 'token');
        }
        $name = $options->get('name', '');
        if ($action !== 'list' && $name === '') {
            throw new UsageError("token $action needs --name NAME", 'token');
        }
        if ($action === 'create' && $options->get('user', '') === '') {
            throw new UsageError('token create needs --user USER_ID (the CRM user the connector reads as)', 'token');
        }
        $database = Database::fromOptions($options, 'token');
        $tokens = new Tokens($database->connect());
        try {
            switch ($action) {
                case 'create':
                    try {
                        $token = $tokens->create($name, $options->get('user', ''), $database->crm);
                    } catch (\InvalidArgumentException $e) {
                        throw new Failure($e->getMessage());
                    }
                    $io->write($options->has('json') ? json_encode(['name' => $name, 'token' => $token]) . "\n" : "$token\n");
                    $io->error("token '$name' created: it is shown only now; put it in the connector's settings");
                    return 0;
                case 'revoke':
                    if (!$tokens->revoke($name)) {
                        throw new Failure("no token named '$name'");
                    }
                    $io->write("token '$name' revoked\n");
                    return 0;
                default:
                    $list = $tokens->list();
                    if ($options->has('json')) {
                        $io->write(json_encode($list, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_INVALID_UTF8_SUBSTITUTE) . "\n");
                        return 0;
                    }
                    foreach ($list as $t) {
                        $io->write(sprintf("%-20s user %-36s created %s  last used %s\n", $t['name'], $t['user_id'], $t['created_at'],
                            $t['last_used_at'] ?? 'never'));
                    }
                    return 0;
            }
        } catch (DbException $e) {
            throw $database->failure($e);
        }
    }
}
