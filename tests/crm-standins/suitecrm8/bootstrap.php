<?php
/*
 * SuiteCRM 8.8.0's core around its legacy backend (public/legacy = SuiteCRM 7.14.6, whose
 * stand-ins are ../suitecrm/bootstrap.php, loaded first), for what crmguard's package depends on:
 * how a save from SuiteCRM 8's own UI reaches the legacy bean and how an error comes back.
 * A stand-in written for the tests: it fetches, builds and copies nothing of SuiteCRM 8; each
 * piece below is a few lines that behave as the cited source does (read in salesagility/SuiteCRM-Core
 * at v8.8.0, symfony/http-kernel and api-platform/core).
 *
 *   App\Engine\LegacyHandler\LegacyHandler  core/backend/Engine/LegacyHandler/LegacyHandler.php:
 *                      every core request that runs legacy code goes through a subclass of it
 *                      (init() 108-123, startLegacyApp() 204-246).
 *   App\Data\LegacyHandler\RecordHandler   core/backend/Data/LegacyHandler/RecordHandler.php
 *                      saveRecord() 242-282: retrieve the bean, ApiBeanMapper::toBean() the
 *                      attributes (setFields 290-301), save() 321-324 -> $bean->save(); nothing
 *                      reads SugarApplication::appendErrorMessage().  Called by the GraphQL
 *                      mutation saveRecord (core/backend/Data/DataPersister/RecordProcessor.php).
 *   Symfony\...\HttpException, UnprocessableEntityHttpException  symfony/http-kernel.
 *   suitecrm8_graphql()  API Platform's GraphQL error for an exception from the resolver:
 *                      api-platform/core src/GraphQl/Serializer/Exception/
 *                      HttpExceptionNormalizer.php: an HttpExceptionInterface keeps its message
 *                      and status ('extensions': status, category 'user' below 500); any other
 *                      exception is an internal error whose message the client does not get.
 *   suitecrm8_ui_save()  the UI's reaction: core/app/core/src/lib/views/record/store/
 *                      record-view/record-view.store.ts save() 363-385: on an error,
 *                      MessageService::addDangerMessageByKey('LBL_ERROR_SAVING').
 */
declare(strict_types=1);

namespace Symfony\Component\HttpKernel\Exception {
    interface HttpExceptionInterface extends \Throwable
    {
        public function getStatusCode(): int;
    }

    class HttpException extends \RuntimeException implements HttpExceptionInterface
    {
        public function __construct(private int $statusCode, string $message = '', ?\Throwable $previous = null)
        {
            parent::__construct($message, 0, $previous);
        }

        public function getStatusCode(): int
        {
            return $this->statusCode;
        }
    }

    class UnprocessableEntityHttpException extends HttpException
    {
        public function __construct(string $message = '', ?\Throwable $previous = null)
        {
            parent::__construct(422, $message, $previous);
        }
    }
}

namespace App\Engine\LegacyHandler {
    abstract class LegacyHandler
    {
    }
}

namespace App\Data\LegacyHandler {
    use App\Engine\LegacyHandler\LegacyHandler;

    class RecordHandler extends LegacyHandler
    {
        public function __construct(private \mysqli $db)
        {
        }

        /** saveRecord() 242-282 for an existing record: retrieve, set the attributes, $bean->save(). */
        public function saveRecord(string $module, string $table, string $id, array $attributes): array
        {
            $bean = \SugarBeanStandin::retrieve($this->db, $module, $table, $id);
            foreach ($attributes as $k => $v) {
                $bean->$k = $v;
            }
            $bean->save(false);
            return (array) \SugarBeanStandin::retrieve($this->db, $module, $table, $id)->fetched_row;
        }
    }
}

namespace {
    /** The GraphQL answer to a mutation whose resolver runs $resolve (see the header). */
    function suitecrm8_graphql(callable $resolve): array
    {
        try {
            return ['data' => $resolve()];
        } catch (\Throwable $e) {
            if ($e instanceof \Symfony\Component\HttpKernel\Exception\HttpExceptionInterface) {
                $status = $e->getStatusCode();
                return ['errors' => [['message' => $e->getMessage(), 'extensions' => ['status' => $status, 'category' => $status < 500 ? 'user' : 'internal']]]];
            }
            return ['errors' => [['message' => 'Internal server error', 'extensions' => ['category' => 'internal']]]];
        }
    }

    /** What SuiteCRM 8's record view shows the user for that answer (see the header). */
    function suitecrm8_ui_save(array $answer): string
    {
        return isset($answer['errors']) ? 'danger message LBL_ERROR_SAVING' : 'saved';
    }
}
