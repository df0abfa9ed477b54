<?php
// Stand-in for EspoCRM application/Espo/Core/Mail/EmailSender.php (9.2.7): send(Email) 171-174
// hands the Email to the system SMTP sender and throws Exceptions\SendingError when sending fails
// (Core/Mail/Sender.php send() 298-437, 'catch (Exception $e) ... throw new SendingError').
// Here the message is captured in $sent; $fail makes the next sends fail with that message.
namespace Espo\Core\Mail;

use Espo\Core\Mail\Exceptions\SendingError;
use Espo\Entities\Email;

class EmailSender
{
    /** @var list<array{to: list<string>, subject: ?string, body: ?string, isHtml: bool}> */
    public static array $sent = [];
    public static ?string $fail = null;

    public function send(Email $email): void
    {
        if (self::$fail !== null) {
            throw new SendingError(self::$fail);
        }
        self::$sent[] = ['to' => $email->getToAddressList(), 'subject' => $email->getSubject(),
                         'body' => $email->getBody(), 'isHtml' => $email->isHtml()];
    }
}
