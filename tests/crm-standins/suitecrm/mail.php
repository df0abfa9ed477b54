<?php
/*
 * Stand-ins of SuiteCRM 7.14.6's outbound mail, for crmguard's scheduled report
 * (custom/include/CrmGuard/SuiteMailer.php).  Each names its source:
 *   SugarPHPMailer  include/SugarPHPMailer.php (extends PHPMailer\PHPMailer\PHPMailer):
 *                   setMailerForSystem() 152-180 (the system OutboundEmail's SMTP settings),
 *                   prepForOutbound() 188-..., send() 436-492: PHPMailer's send() with
 *                   exceptions on; an exception is logged and send() returns null (falsy), the
 *                   reason in ErrorInfo (PHPMailer::setError()).  addAddress(), isHTML(),
 *                   addStringAttachment($string, $filename, $encoding, $type) are PHPMailer's.
 *                   Here a sent message is captured in $sent; $fail makes send() fail so.
 *   Administration  modules/Administration/Administration.php: retrieveSettings() 111-...:
 *                   settings['notify_fromaddress'], ['notify_fromname'] (the system e-mail settings).
 */
class SugarPHPMailer
{
    /** @var list<array<string, mixed>> */
    public static array $sent = [];
    public static ?string $fail = null;

    public string $From = '';
    public string $FromName = '';
    public string $Subject = '';
    public string $Body = '';
    public string $ErrorInfo = '';
    public string $Mailer = 'mail';
    private bool $html = false;
    private array $to = [];
    private array $attachments = [];

    public function setMailerForSystem(): void { $this->Mailer = 'smtp'; }
    public function prepForOutbound(): void {}
    public function isHTML($isHtml = true): void { $this->html = (bool) $isHtml; }
    public function addAddress($address, $name = ''): bool { $this->to[] = $address; return true; }
    public function addStringAttachment($string, $filename, $encoding = 'base64', $type = '', $disposition = 'attachment'): bool
    {
        $this->attachments[] = ['name' => $filename, 'type' => $type, 'bytes' => strlen($string), 'content' => $string];
        return true;
    }

    public function send()
    {
        if (self::$fail !== null) {
            $this->ErrorInfo = self::$fail;          // PHPMailer::setError(); SugarPHPMailer::send() returns null
            $GLOBALS['log']->error('send: PHPMailer Exception: { ' . self::$fail . ' }');
            return null;
        }
        self::$sent[] = ['from' => $this->From, 'to' => $this->to, 'subject' => $this->Subject, 'html' => $this->html,
                         'body' => $this->Body, 'mailer' => $this->Mailer, 'attachments' => $this->attachments];
        return true;
    }
}

class Administration
{
    public array $settings = [];

    public function retrieveSettings($category = false, $clean = false): self
    {
        $this->settings = ['notify_fromaddress' => 'crm@example.com', 'notify_fromname' => 'SuiteCRM'];
        return $this;
    }
}
