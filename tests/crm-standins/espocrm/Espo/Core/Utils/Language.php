<?php
// Stand-in for EspoCRM application/Espo/Core/Utils/Language.php: the user's language code.
namespace Espo\Core\Utils;

class Language
{
    public function __construct(private string $language = 'en_US') {}

    public function getLanguage(): string
    {
        return $this->language;
    }
}
