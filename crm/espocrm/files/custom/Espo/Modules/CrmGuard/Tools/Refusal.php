<?php
declare(strict_types=1);

namespace Espo\Modules\CrmGuard\Tools;

use Espo\Core\Exceptions\BadRequest;
use Espo\Core\Exceptions\Error\Body;
use Espo\Core\Exceptions\Forbidden;

/**
 * A crmguard message (plain text: a refusal quoting what the user typed, or a name from the CRM)
 * as an EspoCRM error.  EspoCRM's client shows an error body's "message" as Markdown: it appends
 * it to "Error 400\n" (client/src/app.js 1321-1391, _processErrorAlert), and Espo.Ui.notify turns
 * that into HTML with marked and DOMPurify and inserts it (client/src/ui.js 1265-1297).  So a
 * stage typed as `**x**`, `[link](http://x)`, `![i](http://x)` or `<img src=x>` would be shown
 * bold, as a link, or as an image loaded from anywhere.  The body carries the text escaped for
 * Markdown instead, so that it renders as exactly the text; the exception's own message (the log,
 * the X-Status-Reason header the client reads only when the body has no message) stays plain.
 */
final class Refusal
{
    /**
     * $plain as Markdown that renders as $plain, with CommonMark's backslash escapes (which marked
     * follows) on only the characters that would start something, so that the message stays
     * readable for API clients too:
     * - anywhere: \ ` * _ ~ (emphasis, code, strikethrough), [ ] (links, images), < > & (HTML,
     *   autolinks, entities), | (tables), @ (e-mail autolinks), the ':' of "://" and the '.' of
     *   "www." (GFM's bare-URL autolinks);
     * - at the start of a line (after up to three spaces): # > - + = (headings, quotes, lists,
     *   setext underlines) and the '.' or ')' after leading digits (ordered lists).
     */
    public static function markdownText(string $plain): string
    {
        $text = (string) preg_replace(['/[\\\\`*_~\[\]<>&|@]/', '~:(?=//)~', '/\b(www)\./i'], ['\\\\$0', '\\\\:', '$1\\\\.'], $plain);
        return (string) preg_replace(['/^( {0,3})([#>+=-])/m', '/^( {0,3}\d+)([.)])/m'], '$1\\\\$2', $text);
    }

    public static function badRequest(string $plain): BadRequest
    {
        return BadRequest::createWithBody($plain, Body::create()->withMessage(self::markdownText($plain)));
    }

    public static function forbidden(string $plain): Forbidden
    {
        return Forbidden::createWithBody($plain, Body::create()->withMessage(self::markdownText($plain)));
    }
}
