<?php
/*
 * What SuiteCRM 7.14.6's Module Loader pages do to a package before and around ModuleInstaller,
 * for the package tests.  Each piece names the source it mirrors:
 *
 *   ModuleScannerStandin::scanFile()   ModuleInstall/ModuleScanner.php scanFile() 590-720: a PHP
 *        file is tokenized; a call through a variable ("$f(" — T_VARIABLE then "(", 708-711 with
 *        621-624), a backtick, echo, exit/die and eval are issues, and so is a call of a function
 *        on the blacklist (119-330).
 *   UpgradeWizardStandin::upload()     modules/Administration/UpgradeWizard.php 140-160: the
 *        manifest is scanned with scanFile() on every upload, whatever the packageScan setting,
 *        and an issue stops the upload ("Issue with the manifest", then die()).
 *   UpgradeWizardStandin::packageScan() ModuleScanner::scanPackage(), run by
 *        ModuleInstaller::install() 101-108 only when $sugar_config['moduleInstaller']['packageScan']
 *        is on (off in a default install): every file of the package through scanFile().
 *   UpgradeWizardStandin::conventionalScript()  modules/Administration/UpgradeWizard_commit.php
 *        215-236: on Install a package file scripts/pre_install.php is included and pre_install()
 *        called; on Uninstall scripts/pre_uninstall.php and pre_uninstall() (names from
 *        UpgradeWizardCommon.php 73-76; post_* likewise after the installer ran, 300-330).
 */
declare(strict_types=1);

final class ModuleScannerStandin
{
    /** ModuleScanner.php 119-330, the blacklist (its eio_* entries left out: no package here calls them). */
    private const BLACKLIST = [
        'array_diff_uassoc', 'array_diff_ukey', 'array_filter', 'array_intersect_uassoc',
        'array_intersect_ukey', 'array_map', 'array_reduce', 'array_udiff', 'array_udiff_assoc',
        'array_udiff_uassoc', 'array_uintersect', 'array_uintersect_assoc',
        'array_uintersect_uassoc', 'array_walk', 'array_walk_recursive', 'call_user_func',
        'call_user_func_array', 'chdir', 'chgrp', 'chmod', 'chroot', 'chwown', 'clearstatcache',
        'consume', 'copy', 'copy_recursive', 'create_cache_directory', 'create_custom_directory',
        'create_function', 'dir', 'disk_free_space', 'disk_total_space', 'diskfreespace',
        'escapeshellarg', 'escapeshellcmd', 'eval', 'exec', 'fclose', 'fdf_enum_values', 'feof',
        'fflush', 'fgetc', 'fgetcsv', 'fgets', 'fgetss', 'file', 'file_exists', 'file_get_contents',
        'file_put_contents', 'fileatime', 'filectime', 'filegroup', 'fileinode', 'filemtime',
        'fileowner', 'fileperms', 'filesize', 'filetype', 'flock', 'fnmatch', 'fopen',
        'forward_static_call', 'forward_static_call_array', 'fpassthru', 'fputcsv', 'fputs',
        'fread', 'fscanf', 'fseek', 'fstat', 'ftell', 'ftruncate', 'fwrite', 'getimagesize', 'glob',
        'ini_set', 'is_dir', 'is_executable', 'is_file', 'is_link', 'is_readable',
        'is_uploaded_file', 'is_writable', 'is_writeable', 'lchgrp', 'lchown', 'link', 'linkinfo',
        'lstat', 'mk_temp_dir', 'mkdir', 'mkdir_recursive', 'move_uploaded_file', 'opendir',
        'parse_ini_file', 'parse_ini_string', 'passthru', 'pathinfo', 'pclose', 'phpinfo', 'popen',
        'proc_close', 'proc_get_status', 'proc_nice', 'proc_open', 'readdir', 'readfile',
        'readlink', 'realpath', 'realpath_cache_get', 'realpath_cache_size',
        'register_shutdown_function', 'register_tick_function', 'rename', 'rewind', 'rmdir',
        'rmdir_recursive', 'set_error_handler', 'set_exception_handler', 'set_file_buffer',
        'set_time_limit', 'setclientcallback', 'setcompletecallback', 'setdatacallback',
        'setexceptioncallback', 'setfailcallback', 'setstatuscallback', 'shell_exec', 'stat',
        'sugar_chgrp', 'sugar_chmod', 'sugar_chown', 'sugar_file_put_contents',
        'sugar_file_put_contents_atomic', 'sugar_fopen', 'sugar_mkdir', 'sugar_rename',
        'sugar_touch', 'symlink', 'system', 'tempnam', 'tmpfile', 'touch', 'uasort', 'uksort',
        'umask', 'unlink', 'usort', 'write_array_to_file', 'write_encoded_file',
    ];

    /** @return list<string> the issues scanFile() reports for one PHP file (an empty list: accepted) */
    public static function scanFile(string $file): array
    {
        $issues = [];
        $pending = null; // the issue a following "(" confirms: a variable or a blacklisted name
        $last = null;    // the last token that is not whitespace (a method call is not a function call, 674-677)
        foreach (token_get_all((string) file_get_contents($file)) as $token) {
            if (is_string($token)) {
                if ($token === '`') {
                    $issues[] = "Invalid usage of a function '`'";
                }
                if (($token === '(' || $token === '`') && $pending !== null) {
                    $issues[] = $pending;
                }
                $pending = null;
                continue;
            }
            [$id, $text] = $token;
            switch ($id) {
                case T_WHITESPACE:
                case T_COMMENT:
                case T_DOC_COMMENT:
                    break;
                case T_EVAL:
                    $issues[] = 'Invalid usage of a function eval()';
                    $pending = null;
                    break;
                case T_ECHO:
                    $issues[] = 'Invalid usage of a function echo';
                    $pending = null;
                    break;
                case T_EXIT:
                    $issues[] = 'Invalid usage of a function exit / die';
                    $pending = null;
                    break;
                case T_VARIABLE:
                    $pending = "Invalid usage of a function $text()";
                    break;
                case T_STRING:
                    $name = strtolower($text);
                    $method = in_array($last, [T_OBJECT_OPERATOR, T_NULLSAFE_OBJECT_OPERATOR, T_DOUBLE_COLON, T_NEW], true);
                    $pending = !$method && in_array($name, self::BLACKLIST, true) ? "Invalid usage of a function $name()" : null;
                    break;
                default:
                    $pending = null;
            }
            if ($id !== T_WHITESPACE) {
                $last = $id;
            }
        }
        return $issues;
    }
}

final class UpgradeWizardStandin
{
    /** The upload page: the manifest's issues (the upload stops when there are any). */
    public static function upload(string $packageDir): array
    {
        return ModuleScannerStandin::scanFile("$packageDir/manifest.php");
    }

    /** packageScan on: every PHP file of the package, file => issues, files without issues left out. */
    public static function packageScan(string $packageDir): array
    {
        $found = [];
        $files = new RecursiveIteratorIterator(new RecursiveDirectoryIterator($packageDir, FilesystemIterator::SKIP_DOTS));
        foreach ($files as $file) {
            if (str_ends_with((string) $file, '.php') && ($issues = ModuleScannerStandin::scanFile((string) $file)) !== []) {
                $found[substr((string) $file, strlen($packageDir) + 1)] = $issues;
            }
        }
        ksort($found);
        return $found;
    }

    /**
     * The commit page's conventional script for $step ('pre_install', 'post_install', 'pre_uninstall',
     * 'post_uninstall'): included when the package has scripts/<step>.php, then <step>() called.
     * Returns what happened: 'none' (no such file), 'ran', or the Error PHP raised.
     */
    public static function conventionalScript(string $packageDir, string $step): string
    {
        $file = "$packageDir/scripts/$step.php";
        if (!is_file($file)) {
            return 'none';
        }
        try {
            include $file;
            $step();
            return 'ran';
        } catch (Error $e) {
            return get_class($e) . ': ' . $e->getMessage();
        }
    }
}
