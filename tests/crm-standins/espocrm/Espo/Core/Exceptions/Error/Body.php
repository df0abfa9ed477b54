<?php
// Stand-in for EspoCRM application/Espo/Core/Exceptions/Error/Body.php: the JSON body the
// frontend (client/src/app.js _processErrorAlert) shows: {"message": ...}.
namespace Espo\Core\Exceptions\Error;

class Body
{
    private ?string $message = null;

    public static function create(): self
    {
        return new self();
    }

    public function withMessage(string $message): self
    {
        $obj = clone $this;
        $obj->message = $message;
        return $obj;
    }

    public function encode(): string
    {
        $data = (object) [];
        if ($this->message) {
            $data->message = $this->message;
        }
        return json_encode($data, JSON_UNESCAPED_UNICODE);
    }
}
