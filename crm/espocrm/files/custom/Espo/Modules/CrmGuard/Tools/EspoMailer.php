<?php
declare(strict_types=1);

namespace Espo\Modules\CrmGuard\Tools;

use CrmGuard\Analytics\Mailer;
use Espo\Core\Mail\EmailSender;
use Espo\Entities\Email;
use Espo\ORM\EntityManager;

/**
 * The scheduled report's mail through EspoCRM's own outbound mail: an Email entity
 * (EntityManager::getNewEntity(Email::ENTITY_TYPE), as Tools/EmailNotification/Processor.php
 * 545-574 does) sent with Espo\Core\Mail\EmailSender::send() (Core/Mail/EmailSender.php
 * 171-174: the system SMTP of Administration > Outbound Emails), never saved.  The HTML report
 * is the message's body (inline): EmailSender takes attachments only as stored Attachment
 * records (withAttachments(), 99-108), which the report does not need to leave behind.
 * A SendingError propagates: the job records it and retries next run.
 */
class EspoMailer implements Mailer
{
    public function __construct(
        private EmailSender $emailSender,
        private EntityManager $entityManager,
    ) {}

    public function send(array $to, string $subject, string $html, string $attachmentName, string $attachment): void
    {
        /** @var Email $email */
        $email = $this->entityManager->getNewEntity(Email::ENTITY_TYPE);
        $email->setSubject($subject);
        $email->setBody($html);
        $email->setIsHtml(true);
        foreach ($to as $address) {
            $email->addToAddress($address);
        }
        $this->emailSender->send($email);
    }
}
