<?php
/*
 * Compiles libphonenumber's metadata (the JSON that dump-metadata prints)
 * into ext/core/phone_meta_data.c, the tables described in
 * ext/core/phone_meta.h.  Every pattern is a regular expression over the
 * digits 0-9; each becomes a deterministic automaton, and all automata are
 * minimised together so that regions share their common states.
 *
 * Usage: php compile-tables.php META.json LIBPHONENUMBER_VERSION > phone_meta_data.c
 * (tools/phonemeta/regenerate runs the whole chain).
 */

declare(strict_types=1);

const DIGITS = 10;
const ALL_DIGITS = 0x3FF;
const MAX_NSN = 17;
const F_GENERAL = 1;
const F_VALID = 2;
const F_LEADING = 4;
/* GetNumberType of a valid number: the first type that matches, in TYPES order; FIXED_LINE
 * sets F_FIXED (and F_MOBILE too when the mobile pattern matches as well or the region has
 * same_mobile_and_fixed_line_pattern: FIXED_LINE_OR_MOBILE), MOBILE sets F_MOBILE, any other
 * type (toll free, VoIP ...) neither. */
const F_MOBILE = 8;
const F_FIXED = 16;
const F_MATCH = 1;
/* The number types GetNumberTypeHelper tries; any match makes a number valid. */
const TYPES = ['premium_rate', 'toll_free', 'shared_cost', 'voip', 'personal_number', 'pager',
    'uan', 'voicemail', 'fixed_line', 'mobile'];

/* ---- regular expressions over digits ----------------------------------- */

final class RegexParser
{
    private int $pos = 0;
    private int $groups = 0;

    public function __construct(private string $re)
    {
    }

    /** AST: ['set', mask] ['cat', [..]] ['alt', [..]] ['rep', node, min, max|-1] ['group', node, n] ['end'] */
    public function parse(): array
    {
        $node = $this->alternation();
        if ($this->pos !== strlen($this->re)) {
            $this->fail('unexpected ' . $this->re[$this->pos]);
        }
        return $node;
    }

    public function groupCount(): int
    {
        return $this->groups;
    }

    private function fail(string $why): never
    {
        throw new RuntimeException("pattern /{$this->re}/ at {$this->pos}: $why");
    }

    private function peek(): ?string
    {
        return $this->pos < strlen($this->re) ? $this->re[$this->pos] : null;
    }

    private function alternation(): array
    {
        $items = [$this->concatenation()];
        while ($this->peek() === '|') {
            $this->pos++;
            $items[] = $this->concatenation();
        }
        return count($items) === 1 ? $items[0] : ['alt', $items];
    }

    private function concatenation(): array
    {
        $items = [];
        while (($c = $this->peek()) !== null && $c !== '|' && $c !== ')') {
            $items[] = $this->quantified($this->atom());
        }
        return count($items) === 1 ? $items[0] : ['cat', $items];
    }

    private function atom(): array
    {
        $c = $this->re[$this->pos++];
        if ($c >= '0' && $c <= '9') {
            return ['set', 1 << (int)$c];
        }
        if ($c === '\\') {
            $e = $this->re[$this->pos++] ?? '';
            if ($e === 'd') {
                return ['set', ALL_DIGITS];
            }
            $this->fail("escape \\$e");
        }
        if ($c === '$') {
            return ['end'];
        }
        if ($c === '[') {
            return ['set', $this->charClass()];
        }
        if ($c === '(') {
            $capture = 0;
            if (substr($this->re, $this->pos, 2) === '?:') {
                $this->pos += 2;
            } else {
                $capture = ++$this->groups;
            }
            $inner = $this->alternation();
            if ($this->peek() !== ')') {
                $this->fail('missing )');
            }
            $this->pos++;
            return ['group', $inner, $capture];
        }
        $this->fail("unsupported '$c'");
    }

    private function charClass(): int
    {
        $mask = 0;
        while (($c = $this->peek()) !== ']') {
            if ($c === null) {
                $this->fail('missing ]');
            }
            $this->pos++;
            if ($c === '\\' && $this->peek() === 'd') {
                $this->pos++;
                $mask |= ALL_DIGITS;
                continue;
            }
            if ($c < '0' || $c > '9') {
                $this->fail("class member '$c'");
            }
            $hi = $c;
            if ($this->peek() === '-' && ($this->re[$this->pos + 1] ?? ']') !== ']') {
                $hi = $this->re[$this->pos + 1];
                $this->pos += 2;
            }
            for ($d = (int)$c; $d <= (int)$hi; $d++) {
                $mask |= 1 << $d;
            }
        }
        $this->pos++;
        return $mask;
    }

    private function quantified(array $atom): array
    {
        for (;;) {
            $c = $this->peek();
            if ($c === '?') {
                $atom = ['rep', $atom, 0, 1];
            } elseif ($c === '*') {
                $atom = ['rep', $atom, 0, -1];
            } elseif ($c === '+') {
                $atom = ['rep', $atom, 1, -1];
            } elseif ($c === '{') {
                if (!preg_match('/\G\{(\d+)(,(\d*))?\}/', $this->re, $m, 0, $this->pos)) {
                    $this->fail('bad {}');
                }
                $this->pos += strlen($m[0]) - 1;
                $min = (int)$m[1];
                $max = isset($m[2]) ? ($m[3] === '' ? -1 : (int)$m[3]) : $min;
                $atom = ['rep', $atom, $min, $max];
            } else {
                return $atom;
            }
            $this->pos++;
        }
    }
}

/* ---- automata ------------------------------------------------------------ */

/** A DFA: next[s][d] (-1 = dead), accept[s] bool, start 0. */
final class Dfa
{
    /** @var list<array<int,int>> */
    public array $next = [];
    /** @var list<bool> */
    public array $accept = [];

    public static function fromAst(array $ast): self
    {
        $nfa = new Nfa();
        $start = $nfa->state();
        $end = $nfa->build($ast, $start);
        return $nfa->determinize($start, $end);
    }

    /** Accepting states loop to themselves: "some prefix matched". */
    public function absorbing(): self
    {
        foreach ($this->accept as $s => $a) {
            if ($a) {
                $this->next[$s] = array_fill(0, DIGITS, $s);
            }
        }
        return $this;
    }

    public function matches(string $digits): bool
    {
        $s = 0;
        for ($i = 0, $n = strlen($digits); $i < $n; $i++) {
            $s = $this->next[$s][(int)$digits[$i]];
            if ($s < 0) {
                return false;
            }
        }
        return $this->accept[$s];
    }
}

final class Nfa
{
    /** @var list<list<int>> */
    private array $eps = [];
    /** @var list<list<array{int,int}>> */
    private array $edges = [];

    public function state(): int
    {
        $this->eps[] = [];
        $this->edges[] = [];
        return count($this->eps) - 1;
    }

    public function build(array $node, int $from): int
    {
        switch ($node[0]) {
            case 'set':
                $to = $this->state();
                $this->edges[$from][] = [$node[1], $to];
                return $to;
            case 'cat':
                foreach ($node[1] as $item) {
                    $from = $this->build($item, $from);
                }
                return $from;
            case 'alt':
                $to = $this->state();
                foreach ($node[1] as $item) {
                    $start = $this->state();
                    $this->eps[$from][] = $start;
                    $this->eps[$this->build($item, $start)][] = $to;
                }
                return $to;
            case 'group':
                return $this->build($node[1], $from);
            case 'end':
                return $from; /* '$' is handled where it is allowed: prefix alternatives */
            case 'rep':
                [, $inner, $min, $max] = $node;
                for ($i = 0; $i < $min; $i++) {
                    $from = $this->build($inner, $from);
                }
                if ($max < 0) {
                    $loop = $this->state();
                    $this->eps[$from][] = $loop;
                    $this->eps[$this->build($inner, $loop)][] = $loop;
                    return $loop;
                }
                $to = $this->state();
                $this->eps[$from][] = $to;
                for ($i = $min; $i < $max; $i++) {
                    $from = $this->build($inner, $from);
                    $this->eps[$from][] = $to;
                }
                return $to;
        }
        throw new RuntimeException('bad node ' . $node[0]);
    }

    /** @param list<int> $set */
    private function closure(array $set): array
    {
        $seen = array_fill_keys($set, true);
        $stack = $set;
        while ($stack) {
            $s = array_pop($stack);
            foreach ($this->eps[$s] as $t) {
                if (!isset($seen[$t])) {
                    $seen[$t] = true;
                    $stack[] = $t;
                }
            }
        }
        $keys = array_keys($seen);
        sort($keys);
        return $keys;
    }

    public function determinize(int $start, int $end): Dfa
    {
        $dfa = new Dfa();
        $first = $this->closure([$start]);
        $ids = [implode(',', $first) => 0];
        $sets = [$first];
        for ($i = 0; $i < count($sets); $i++) {
            $set = $sets[$i];
            $row = array_fill(0, DIGITS, -1);
            for ($d = 0; $d < DIGITS; $d++) {
                $targets = [];
                foreach ($set as $s) {
                    foreach ($this->edges[$s] as [$mask, $to]) {
                        if ($mask >> $d & 1) {
                            $targets[$to] = true;
                        }
                    }
                }
                if (!$targets) {
                    continue;
                }
                $closed = $this->closure(array_keys($targets));
                $key = implode(',', $closed);
                if (!isset($ids[$key])) {
                    $ids[$key] = count($sets);
                    $sets[] = $closed;
                }
                $row[$d] = $ids[$key];
            }
            $dfa->next[$i] = $row;
            $dfa->accept[$i] = in_array($end, $set, true);
        }
        return $dfa;
    }
}

/* ---- the global state table ---------------------------------------------- */

final class StateTable
{
    /** @var list<array<int,int>> global rows; state 0 is dead */
    public array $next = [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0]];
    /** @var list<int> */
    public array $flags = [0];

    /** Adds a DFA whose states carry $flagOf($dfaState); returns the global start. */
    public function addDfa(Dfa $dfa, int $flag): int
    {
        $base = count($this->next);
        foreach ($dfa->next as $s => $row) {
            $this->next[] = array_map(fn (int $t) => $t < 0 ? 0 : $base + $t, $row);
            $this->flags[] = $dfa->accept[$s] ? $flag : 0;
        }
        return $base;
    }

    /** Adds an automaton given as global-ready rows (already 0 for dead). */
    public function addRows(array $rows, array $flags): int
    {
        $base = count($this->next);
        foreach ($rows as $s => $row) {
            $this->next[] = array_map(fn (int $t) => $t === 0 ? 0 : $base + $t - 1, $row);
            $this->flags[] = $flags[$s];
        }
        return $base;
    }

    /** Moore refinement over every state at once; returns old id => new id. */
    public function minimize(): array
    {
        $n = count($this->next);
        $class = $this->flags;
        $count = -1;
        for (;;) {
            $ids = [];
            $new = [];
            for ($s = 0; $s < $n; $s++) {
                $sig = $class[$s];
                foreach ($this->next[$s] as $t) {
                    $sig .= ',' . $class[$t];
                }
                $new[$s] = $ids[$sig] ??= count($ids);
            }
            $class = $new;
            if (count($ids) === $count) {
                break;
            }
            $count = count($ids);
        }
        /* Number classes in order of first appearance, the dead state's first (0). */
        $order = [];
        $map = [];
        $deadClass = $class[0];
        $order[$deadClass] = 0;
        for ($s = 0; $s < $n; $s++) {
            $order[$class[$s]] ??= count($order);
            $map[$s] = $order[$class[$s]];
        }
        $next = [];
        $flags = [];
        for ($s = 0; $s < $n; $s++) {
            $t = $map[$s];
            if (!isset($next[$t])) {
                $next[$t] = array_map(fn (int $u) => $map[$u], $this->next[$s]);
                $flags[$t] = $this->flags[$s];
            }
        }
        ksort($next);
        ksort($flags);
        $this->next = array_values($next);
        $this->flags = array_values($flags);
        return $map;
    }
}

/* ---- national-number automaton of a region ------------------------------- */

function lengthMask(array $lengths): ?int
{
    if ($lengths === []) {
        return null; /* no constraint */
    }
    $mask = 0;
    foreach ($lengths as $l) {
        if ($l < 0) {
            return 0; /* [-1]: not applicable, matches nothing */
        }
        $mask |= 1 << $l;
    }
    return $mask;
}

/**
 * The product of the general pattern, every number type (each with its
 * lengths), the length so far and leading_digits; returns rows with local
 * ids (0 = dead, 1 = start) and their flags.
 */
function nationalAutomaton(array $region): array
{
    $general = Dfa::fromAst((new RegexParser($region['general']['pattern'] ?? '(?:)'))->parse());
    $generalLengths = lengthMask($region['general']['lengths']) ?? 0;
    $types = [];
    foreach (TYPES as $type) {
        $desc = $region[$type];
        $mask = lengthMask($desc['lengths']);
        if ($desc['pattern'] === null || $mask === 0) {
            continue;
        }
        $types[] = [Dfa::fromAst((new RegexParser($desc['pattern']))->parse()), $mask ?? -1, $type];
    }
    $sameMobileAndFixed = !empty($region['same_mobile_and_fixed_line_pattern']);
    $leading = $region['leading_digits'] !== null
        ? Dfa::fromAst((new RegexParser($region['leading_digits']))->parse())->absorbing() : null;

    /* tuple: [general, type states..., length (capped at MAX_NSN + 1), leading] */
    $start = array_merge([0], array_fill(0, count($types), 0), [0, $leading ? 0 : -1]);
    $ids = [implode(',', $start) => 1];
    $tuples = [1 => $start];
    $rows = [];
    $flags = [];
    $k = count($types);
    for ($id = 1; $id <= count($tuples); $id++) {
        $t = $tuples[$id];
        $len = $t[$k + 1];
        $f = 0;
        if ($t[0] >= 0 && $general->accept[$t[0]]) {
            $f |= F_GENERAL;
            if ($len <= MAX_NSN && ($generalLengths >> $len & 1)) {
                $matches = [];
                for ($i = 0; $i < $k; $i++) {
                    $s = $t[1 + $i];
                    if ($s >= 0 && $types[$i][0]->accept[$s] && ($types[$i][1] === -1 || ($types[$i][1] >> $len & 1))) {
                        $matches[] = $types[$i][2];
                    }
                }
                if ($matches !== []) {
                    $f |= F_VALID | typeFlags($matches, $sameMobileAndFixed);
                }
            }
        }
        if ($leading && $t[$k + 2] >= 0 && $leading->accept[$t[$k + 2]]) {
            $f |= F_LEADING;
        }
        $flags[$id] = $f;
        $row = [];
        for ($d = 0; $d < DIGITS; $d++) {
            $u = [$t[0] >= 0 ? $general->next[$t[0]][$d] : -1];
            for ($i = 0; $i < $k; $i++) {
                $s = $t[1 + $i];
                $u[] = $s >= 0 ? $types[$i][0]->next[$s][$d] : -1;
            }
            $u[] = min($len + 1, MAX_NSN + 1);
            $u[] = $leading && $t[$k + 2] >= 0 ? $leading->next[$t[$k + 2]][$d] : -1;
            $alive = $u[0] >= 0 || ($leading && $u[$k + 2] >= 0);
            if (!$alive) {
                $row[] = 0;
                continue;
            }
            if ($u[0] < 0) {
                /* Only leading_digits is left: types and length no longer matter. */
                for ($i = 1; $i <= $k; $i++) {
                    $u[$i] = -1;
                }
                $u[$k + 1] = MAX_NSN + 1;
            }
            $key = implode(',', $u);
            if (!isset($ids[$key])) {
                $ids[$key] = count($tuples) + 1;
                $tuples[$ids[$key]] = $u;
            }
            $row[] = $ids[$key];
        }
        $rows[$id] = $row;
    }
    return [array_values($rows), array_values($flags)];
}

/* ---- prefix patterns ------------------------------------------------------- */

/** Splits a prefix pattern into alternatives of segments (phone_meta.h). */
function prefixAlternatives(string $pattern): array
{
    $parser = new RegexParser($pattern);
    $ast = $parser->parse();
    $alternatives = [];
    foreach ($ast[0] === 'alt' ? $ast[1] : [$ast] as $alt) {
        foreach (expandItems($alt[0] === 'cat' ? $alt[1] : [$alt]) as $items) {
            $alternatives[] = segmentsOf($items);
        }
    }
    return [$alternatives, $parser->groupCount()];
}

function containsCapture(array $node): bool
{
    return match ($node[0]) {
        'group' => $node[2] > 0 || containsCapture($node[1]),
        'cat', 'alt' => array_reduce($node[1], fn ($c, $n) => $c || containsCapture($n), false),
        'rep' => containsCapture($node[1]),
        default => false,
    };
}

/** Flattens items so captures sit at the top; optional captures become two alternatives. */
function expandItems(array $items): array
{
    $results = [[]];
    foreach ($items as $item) {
        if (!containsCapture($item)) {
            $choices = [[$item]];
        } elseif ($item[0] === 'group' && $item[2] > 0) {
            if (containsCapture($item[1])) {
                throw new RuntimeException('nested capture groups are not supported');
            }
            $choices = [[$item]];
        } elseif ($item[0] === 'group') {
            $inner = $item[1];
            if ($inner[0] === 'alt') {
                throw new RuntimeException('a capture inside an alternation is not supported');
            }
            $choices = expandItems($inner[0] === 'cat' ? $inner[1] : [$inner]);
        } elseif ($item[0] === 'rep' && $item[2] === 0 && $item[3] === 1) {
            $inner = $item[1];
            $with = $inner[0] === 'group' && $inner[2] === 0
                ? expandItems($inner[1][0] === 'cat' ? $inner[1][1] : [$inner[1]])
                : expandItems([$inner]);
            $choices = array_merge($with, [[]]);
        } else {
            throw new RuntimeException('unsupported capture placement');
        }
        $next = [];
        foreach ($results as $r) {
            foreach ($choices as $c) {
                $next[] = array_merge($r, $c);
            }
        }
        $results = $next;
    }
    return $results;
}

/** @return array{segments: list<array{ast: array, group: int}>, anchored: bool} */
function segmentsOf(array $items): array
{
    $anchored = false;
    if ($items && end($items) === ['end']) {
        array_pop($items);
        $anchored = true;
    }
    $segments = [];
    $run = [];
    foreach ($items as $item) {
        if ($item === ['end']) {
            throw new RuntimeException("'\$' before the end of an alternative");
        }
        if ($item[0] === 'group' && $item[2] > 0) {
            if ($run) {
                $segments[] = ['ast' => ['cat', $run], 'group' => 0];
                $run = [];
            }
            $segments[] = ['ast' => $item[1], 'group' => $item[2]];
        } else {
            $run[] = $item;
        }
    }
    if ($run) {
        $segments[] = ['ast' => ['cat', $run], 'group' => 0];
    }
    return ['segments' => $segments, 'anchored' => $anchored];
}

/* ---- self-check against PCRE ----------------------------------------------- */

function samples(?string $example, int $seed): array
{
    mt_srand($seed);
    $out = [];
    $base = $example ?? '';
    for ($i = 0; $i < 300; $i++) {
        $s = $base;
        $op = mt_rand(0, 3);
        if ($op === 0 || $s === '') {
            $len = mt_rand(1, MAX_NSN);
            $s = '';
            for ($j = 0; $j < $len; $j++) {
                $s .= (string)mt_rand(0, 9);
            }
        } elseif ($op === 1) {
            $p = mt_rand(0, strlen($s) - 1);
            $s[$p] = (string)mt_rand(0, 9);
        } elseif ($op === 2) {
            $p = mt_rand(0, strlen($s));
            $s = substr($s, 0, $p) . mt_rand(0, 9) . substr($s, $p);
        } else {
            $p = mt_rand(0, strlen($s) - 1);
            $s = substr($s, 0, $p) . substr($s, $p + 1);
        }
        $out[] = $s;
    }
    if ($example !== null) {
        $out[] = $example;
    }
    return $out;
}

function pcreFull(?string $pattern, string $s): bool
{
    return $pattern !== null && preg_match('/^(?:' . $pattern . ')$/', $s) === 1;
}

/** F_FIXED / F_MOBILE of a valid number whose matching types (in TYPES order) are $matches. */
function typeFlags(array $matches, bool $sameMobileAndFixed): int
{
    return match ($matches[0]) {
        'fixed_line' => F_FIXED | ($sameMobileAndFixed || in_array('mobile', $matches, true) ? F_MOBILE : 0),
        'mobile' => F_MOBILE,
        default => 0,
    };
}

/** The type flags PCRE gives a valid number (0 when it is not valid). */
function pcreTypeFlags(array $region, string $s): int
{
    if (!pcreValid($region, $s)) {
        return 0;
    }
    $len = strlen($s);
    $inLengths = fn (array $l) => $l === [] || in_array($len, $l, true);
    $matches = [];
    foreach (TYPES as $type) {
        $d = $region[$type];
        if ($d['pattern'] !== null && $inLengths($d['lengths']) && pcreFull($d['pattern'], $s)) {
            $matches[] = $type;
        }
    }
    return $matches === [] ? 0 : typeFlags($matches, !empty($region['same_mobile_and_fixed_line_pattern']));
}

function pcreValid(array $region, string $s): bool
{
    $len = strlen($s);
    $inLengths = fn (array $l) => $l === [] || in_array($len, $l, true);
    if (!pcreFull($region['general']['pattern'], $s) || !$inLengths($region['general']['lengths'])) {
        return false;
    }
    foreach (TYPES as $type) {
        $d = $region[$type];
        if ($d['pattern'] !== null && $inLengths($d['lengths']) && pcreFull($d['pattern'], $s)) {
            return true;
        }
    }
    return false;
}

function walkFlags(StateTable $table, int $start, string $s): int
{
    $st = $start;
    for ($i = 0, $n = strlen($s); $i < $n && $st; $i++) {
        $st = $table->next[$st][(int)$s[$i]];
    }
    return $table->flags[$st];
}

/* ---- main ------------------------------------------------------------------- */

function cString(?string $s): string
{
    return $s === null ? 'NULL' : '"' . addcslashes($s, "\"\\") . '"';
}

function main(array $argv): int
{
    if (count($argv) !== 3) {
        fwrite(STDERR, "usage: php compile-tables.php META.json LIBPHONENUMBER_VERSION > phone_meta_data.c\n");
        return 2;
    }
    $meta = json_decode(file_get_contents($argv[1]), true, 512, JSON_THROW_ON_ERROR);
    $version = $argv[2];

    /* libphonenumber's order for each calling code: main country first. */
    $order = array_keys($meta);
    usort($order, function (int $a, int $b) use ($meta) {
        $ma = $meta[$a];
        $mb = $meta[$b];
        return [$ma['country_code'], $ma['main_country_for_code'] ? 0 : 1, $a]
            <=> [$mb['country_code'], $mb['main_country_for_code'] ? 0 : 1, $b];
    });

    $table = new StateTable();
    $regions = [];
    $segments = [];
    $alternatives = [];
    $segmentStarts = [];
    foreach ($order as $i) {
        $r = $meta[$i];
        [$rows, $flags] = nationalAutomaton($r);
        $national = $table->addRows($rows, $flags);
        $prefix = [];
        foreach (['international_prefix', 'national_prefix_for_parsing'] as $field) {
            $pattern = $r[$field] ?? '';
            if ($pattern === '') {
                $prefix[$field] = [count($alternatives), 0, 0];
                continue;
            }
            [$alts, $groups] = prefixAlternatives($pattern);
            $prefix[$field] = [count($alternatives), count($alts), $groups];
            foreach ($alts as $alt) {
                $alternatives[] = [count($segments), count($alt['segments']), $alt['anchored'] ? 1 : 0];
                foreach ($alt['segments'] as $seg) {
                    $dfa = Dfa::fromAst($seg['ast']);
                    $segments[] = [$table->addDfa($dfa, F_MATCH), $seg['group']];
                    $segmentStarts[] = [$dfa, $seg['ast']];
                }
            }
        }
        $lengths = 0;
        foreach ($r['general']['lengths'] as $l) {
            $lengths |= $l > 0 ? 1 << $l : 0;
        }
        $local = 0;
        foreach ($r['general']['local_lengths'] as $l) {
            $local |= 1 << $l;
        }
        $regions[] = ['meta' => $r, 'national' => $national, 'lengths' => $lengths, 'local' => $local,
            'prefix' => $prefix];
    }

    $before = count($table->next);
    $map = $table->minimize();
    $after = count($table->next);
    if ($after >= 65536) {
        throw new RuntimeException("$after states do not fit cg_dfa_state (uint16_t)");
    }
    foreach ($regions as &$region) {
        $region['national'] = $map[$region['national']];
    }
    unset($region);
    foreach ($segments as &$seg) {
        $seg[0] = $map[$seg[0]];
    }
    unset($seg);

    /* Self-check: every automaton against PCRE on the same strings. */
    $checks = 0;
    foreach ($regions as $n => $region) {
        $r = $region['meta'];
        $examples = array_filter(array_map(fn ($t) => $r[$t]['example'], TYPES));
        $examples[] = null;
        foreach ($examples as $k => $example) {
            foreach (samples($example, crc32($r['id'] . $r['country_code'] . $k)) as $s) {
                $f = walkFlags($table, $region['national'], $s);
                $want = (pcreFull($r['general']['pattern'], $s) ? F_GENERAL : 0)
                    | (pcreValid($r, $s) ? F_VALID : 0) | pcreTypeFlags($r, $s)
                    | ($r['leading_digits'] !== null && preg_match('/^(?:' . $r['leading_digits'] . ')/', $s) ? F_LEADING : 0);
                if ($f !== $want) {
                    throw new RuntimeException("{$r['id']}: '$s' gives flags $f, PCRE says $want");
                }
                $checks++;
            }
        }
    }
    fwrite(STDERR, sprintf("%d regions, %d states before and %d after minimisation, %d self-checks passed\n",
        count($regions), $before, $after, $checks));

    echo "/*\n * Generated by tools/phonemeta/regenerate from the metadata of libphonenumber $version\n";
    echo " * (Debian libphonenumber-dev).  Do not edit: run tools/phonemeta/regenerate.\n */\n";
    echo "#include \"phone_meta.h\"\n\n";
    echo "const char cg_phone_meta_source[] = \"libphonenumber $version\";\n\n";
    echo "const size_t cg_dfa_state_count = $after;\n\n";
    echo "const cg_dfa_state cg_dfa_next[][10] = {\n";
    foreach ($table->next as $row) {
        echo '{', implode(',', $row), "},\n";
    }
    echo "};\n\nconst uint8_t cg_dfa_flags[] = {\n";
    foreach (array_chunk($table->flags, 40) as $chunk) {
        echo implode(',', $chunk), ",\n";
    }
    echo "};\n\nconst cg_prefix_segment cg_prefix_segments[] = {\n";
    foreach ($segments as [$start, $group]) {
        echo "{{$start},{$group}},\n";
    }
    echo "{0,0}\n};\n\nconst cg_prefix_alternative cg_prefix_alternatives[] = {\n";
    foreach ($alternatives as [$first, $count, $anchored]) {
        echo "{{$first},{$count},{$anchored}},\n";
    }
    echo "{0,0,0}\n};\n\nconst cg_region cg_regions[] = {\n";
    foreach ($regions as $region) {
        $r = $region['meta'];
        $idd = $region['prefix']['international_prefix'];
        $npfp = $region['prefix']['national_prefix_for_parsing'];
        printf("{%s,%d,%d,%d,%d,0x%x,0x%x,{%d,%d,%d},{%d,%d,%d},%s,%s},\n",
            cString($r['id']), $r['country_code'], $r['main_country_for_code'] ? 1 : 0,
            $r['leading_digits'] !== null ? 1 : 0, $region['national'], $region['lengths'], $region['local'],
            $idd[0], $idd[1], $idd[2], $npfp[0], $npfp[1], $npfp[2],
            cString($r['national_prefix_transform_rule']), cString($r['national_prefix'] ?? ''));
    }
    echo "};\n\nconst size_t cg_region_count = ", count($regions), ";\n";
    return 0;
}

exit(main($argv));
