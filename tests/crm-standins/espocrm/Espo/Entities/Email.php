<?php
// Stand-in for EspoCRM application/Espo/Entities/Email.php (9.2.7): setSubject() 369-374,
// setBody() 391-396, setIsHtml() 415-420, addToAddress() 477-486 (the 'to' attribute, addresses
// joined by ';'), and their getters.
namespace Espo\Entities;

class Email
{
    public const ENTITY_TYPE = 'Email';
    private array $data = ['to' => null, 'subject' => null, 'body' => null, 'isHtml' => false];

    public function setSubject(?string $subject): self { $this->data['subject'] = $subject; return $this; }
    public function getSubject(): ?string { return $this->data['subject']; }
    public function setBody(?string $body): self { $this->data['body'] = $body; return $this; }
    public function getBody(): ?string { return $this->data['body']; }
    public function setIsHtml(bool $isHtml = true): self { $this->data['isHtml'] = $isHtml; return $this; }
    public function isHtml(): bool { return $this->data['isHtml']; }
    public function getToAddressList(): array
    {
        return $this->data['to'] === null || $this->data['to'] === '' ? [] : explode(';', $this->data['to']);
    }
    public function addToAddress(string $address): self
    {
        $list = $this->getToAddressList();
        $list[] = $address;
        $this->data['to'] = implode(';', $list);
        return $this;
    }
}
