<?php
/*
 * The scheduled report's mail through SuiteCRM's own outbound mail: SugarPHPMailer
 * (include/SugarPHPMailer.php) with the system outbound account, set up as SuiteCRM's own
 * notifications set it up (modules/Emails/Email.php / include/SugarPHPMailer.php
 * setMailerForSystem(): the system OutboundEmail's SMTP; initMailer(); From from
 * the Administration settings notify_fromaddress / notify_fromname), the HTML report as the body and as an attachment
 * (PHPMailer::addStringAttachment()).  send() returning false is an error: the job records
 * ErrorInfo and retries next run.
 */
class CrmGuardSuiteMailer implements \CrmGuard\Analytics\Mailer
{
    public function send(array $to, string $subject, string $html, string $attachmentName, string $attachment): void
    {
        if (!class_exists('SugarPHPMailer')) {
            require_once 'include/SugarPHPMailer.php';   // SuiteCRM's cron.php has not always loaded it
        }
        $mail = new SugarPHPMailer();
        $mail->setMailerForSystem();
        if (!class_exists('Administration')) {
            require_once 'modules/Administration/Administration.php';
        }
        $admin = new Administration();
        $admin->retrieveSettings();
        $mail->From = (string) ($admin->settings['notify_fromaddress'] ?? '');
        $mail->FromName = (string) ($admin->settings['notify_fromname'] ?? 'SuiteCRM');
        $mail->Subject = $subject;
        $mail->isHTML(true);
        $mail->Body = $html;
        foreach ($to as $address) {
            $mail->addAddress($address);
        }
        $mail->addStringAttachment($attachment, $attachmentName, 'base64', 'text/html');
        $mail->prepForOutbound();
        if (!$mail->send()) {
            throw new RuntimeException('SuiteCRM mail: ' . $mail->ErrorInfo);
        }
    }
}
