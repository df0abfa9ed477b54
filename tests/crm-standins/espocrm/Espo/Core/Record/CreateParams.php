<?php
// Stand-in for EspoCRM application/Espo/Core/Record/CreateParams.php (9.2.7 37-63): the skip-duplicate-check
// flag that CreateParamsFetcher sets from the X-Skip-Duplicate-Check header or the legacy _skipDuplicateCheck.
namespace Espo\Core\Record;

class CreateParams
{
    private bool $skipDuplicateCheck = false;

    public static function create(): self
    {
        return new self();
    }

    public function withSkipDuplicateCheck(bool $skipDuplicateCheck = true): self
    {
        $obj = clone $this;
        $obj->skipDuplicateCheck = $skipDuplicateCheck;
        return $obj;
    }

    public function skipDuplicateCheck(): bool
    {
        return $this->skipDuplicateCheck;
    }
}
