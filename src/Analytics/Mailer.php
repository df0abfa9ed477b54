<?php
declare(strict_types=1);

namespace CrmGuard\Analytics;

/**
 * The CRM's own outbound mail, as the scheduled report uses it: EspoCRM's
 * Espo\Core\Mail\EmailSender (crm/espocrm .../Tools/EspoMailer.php), SuiteCRM's SugarPHPMailer
 * (crm/suitecrm .../CrmGuard/SuiteMailer.php).  The adapters only hand the message over.
 */
interface Mailer
{
    /**
     * Sends one message (HTML body) with one attachment.
     *
     * @param list<string> $to e-mail addresses
     * @throws \Throwable when the CRM's mailer refuses or fails: the run records it and retries
     */
    public function send(array $to, string $subject, string $html, string $attachmentName, string $attachment): void;
}
