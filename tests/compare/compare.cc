// Agreement of crmguard's C phone core with Google libphonenumber.
//
// Builds a deterministic set of (input, default region) pairs from
// libphonenumber's own example numbers (every supported region and number
// type, every non-geographic entity), formatted and punctuated the ways people
// write them and mutated into edge and invalid inputs, plus Russian-market
// inputs as CRM users type them.  Each pair goes through
//   libphonenumber: Parse + IsValidNumber + Format(E164)   ("invalid" otherwise)
//   crmguard:       cg_phone_normalize / cg_phone_parse     ("invalid" on 0)
// and every disagreement is classified by the documented rule under which
// crmguard reads the input differently (docs/development.md, "Where crmguard
// reads numbers differently"), or counted as unexplained.  The agreement figure counts every
// disagreement, explained or not.
//
// Development-time only: libphonenumber is the reference here, nothing of it
// is linked into crmguard.  Usage: see usage() below; tests/compare/run builds it.

#include <phonenumbers/logger.h>
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

extern "C" {
#include "phone.h"
}

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;
using std::string;
using std::vector;

#ifndef LIBPHONENUMBER_VERSION
#define LIBPHONENUMBER_VERSION "(Debian libphonenumber-dev)"
#endif

// ---------------------------------------------------------------------------
// Deterministic PRNG (splitmix64); never seeded from the clock.

struct Rng {
  uint64_t s;
  explicit Rng(uint64_t seed) : s(seed) {}
  uint64_t next() {
    uint64_t z = (s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  size_t below(size_t n) { return n ? (size_t)(next() % n) : 0; }
  bool chance(double p) { return (next() >> 11) * (1.0 / 9007199254740992.0) < p; }
  template <class T> const T &pick(const vector<T> &v) { return v[below(v.size())]; }
  char digit() { return (char)('0' + below(10)); }
};

// ---------------------------------------------------------------------------
// UTF-8 helpers.

static void put_utf8(string &s, uint32_t cp) {
  if (cp < 0x80) s += (char)cp;
  else if (cp < 0x800) { s += (char)(0xC0 | (cp >> 6)); s += (char)(0x80 | (cp & 0x3F)); }
  else if (cp < 0x10000) {
    s += (char)(0xE0 | (cp >> 12)); s += (char)(0x80 | ((cp >> 6) & 0x3F)); s += (char)(0x80 | (cp & 0x3F));
  } else {
    s += (char)(0xF0 | (cp >> 18)); s += (char)(0x80 | ((cp >> 12) & 0x3F));
    s += (char)(0x80 | ((cp >> 6) & 0x3F)); s += (char)(0x80 | (cp & 0x3F));
  }
}

static string utf8(uint32_t cp) { string s; put_utf8(s, cp); return s; }

// Decodes one code point at s[i]; returns its byte length (1 for invalid bytes, cp = 0xFFFD).
static size_t get_utf8(const string &s, size_t i, uint32_t *cp) {
  unsigned char c = (unsigned char)s[i];
  size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (n == 0 || i + n > s.size()) { *cp = 0xFFFD; return 1; }
  uint32_t v = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t k = 1; k < n; k++) {
    unsigned char d = (unsigned char)s[i + k];
    if ((d & 0xC0) != 0x80) { *cp = 0xFFFD; return 1; }
    v = (v << 6) | (d & 0x3F);
  }
  *cp = v;
  return n;
}

static bool is_unicode_digit(uint32_t cp, int *value) {
  static const uint32_t zeros[] = {0x30, 0x660, 0x6F0, 0x966, 0xFF10};
  for (uint32_t z : zeros)
    if (cp >= z && cp <= z + 9) { *value = (int)(cp - z); return true; }
  return false;
}

static bool is_letter_o(uint32_t cp) { return cp == 'O' || cp == 'o' || cp == 0x41E || cp == 0x43E; }

// Printable form of an input for the report: invisible and unusual
// characters as \u{XXXX}, '|' and '`' escaped for a markdown table cell.
static string show(const string &s) {
  string out;
  for (size_t i = 0; i < s.size();) {
    uint32_t cp;
    size_t n = get_utf8(s, i, &cp);
    if (cp == 0xFFFD && n == 1 && (unsigned char)s[i] >= 0x80) {
      char b[8]; snprintf(b, sizeof b, "\\x%02X", (unsigned char)s[i]); out += b;
    } else if (cp < 0x20 || cp == 0x7F || cp == 0xA0 || cp == 0xAD || (cp >= 0x2000 && cp <= 0x200F) ||
               (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0x2060 || cp == 0x3000 || cp == 0xFEFF) {
      char b[16]; snprintf(b, sizeof b, "\\u{%X}", cp); out += b;
    } else if (cp == '|') out += "\\|";
    else if (cp == '`') out += "'";
    else out.append(s, i, n);
    i += n;
  }
  return out;
}

// ---------------------------------------------------------------------------
// The two sides.

static const PhoneNumberUtil *util;

struct LibResult {
  bool valid = false;
  string e164, region, ext, why;
};

static const char *lib_error_name(PhoneNumberUtil::ErrorType e) {
  switch (e) {
    case PhoneNumberUtil::NO_PARSING_ERROR: return "not valid";
    case PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR: return "INVALID_COUNTRY_CODE";
    case PhoneNumberUtil::NOT_A_NUMBER: return "NOT_A_NUMBER";
    case PhoneNumberUtil::TOO_SHORT_AFTER_IDD: return "TOO_SHORT_AFTER_IDD";
    case PhoneNumberUtil::TOO_SHORT_NSN: return "TOO_SHORT_NSN";
    case PhoneNumberUtil::TOO_LONG_NSN: return "TOO_LONG_NSN";
  }
  return "error";
}

static LibResult lib_eval(const string &input, const string &region) {
  LibResult r;
  PhoneNumber n;
  PhoneNumberUtil::ErrorType e = util->Parse(input, region, &n);
  if (e != PhoneNumberUtil::NO_PARSING_ERROR || !util->IsValidNumber(n)) {
    r.why = lib_error_name(e);
    return r;
  }
  r.valid = true;
  util->Format(n, PhoneNumberUtil::E164, &r.e164);
  util->GetRegionCodeForNumber(n, &r.region);
  r.ext = n.extension();
  return r;
}

static string lib_e164(const string &input, const string &region) {
  LibResult r = lib_eval(input, region);
  return r.valid ? r.e164 : string("invalid");
}

struct CgResult {
  bool valid = false;
  string e164, region, ext, why;
  bool consistent = true;  // cg_phone_normalize agrees with cg_phone_parse
};

static std::unordered_map<string, int> region_index_cache;
static std::set<string> regions_unknown_to_cg;

static int cg_region(const string &region) {
  auto it = region_index_cache.find(region);
  if (it != region_index_cache.end()) return it->second;
  int idx = cg_region_find(region.data(), region.size());
  if (idx < 0) regions_unknown_to_cg.insert(region);
  region_index_cache[region] = idx;
  return idx;
}

static CgResult cg_eval(const string &input, const string &region) {
  CgResult r;
  int idx = cg_region(region);
  char buf[CG_E164_SIZE + 8];
  memset(buf, 0x55, sizeof buf);
  size_t n = cg_phone_normalize(input.data(), input.size(), idx, buf);
  cg_phone p;
  cg_phone_error e = cg_phone_parse(input.data(), input.size(), idx, &p);
  if (n > 0) {
    r.valid = true;
    r.e164.assign(buf, n);
  }
  if ((e == CG_PHONE_OK) != (n > 0) || (n > 0 && (strlen(buf) != n || r.e164 != p.e164)))
    r.consistent = false;
  if (e == CG_PHONE_OK) {
    r.region = p.region;
    r.ext = p.extension;
  } else {
    const char *code = cg_phone_error_code(e);
    r.why = code ? code : "?";
  }
  return r;
}

// ---------------------------------------------------------------------------
// Disagreement kinds.
//
// A disagreement is "explained" by a rule when rewriting the input the way
// the rule reads it (e.g. "00" -> "+") makes libphonenumber give crmguard's
// answer.  Rules (a)-(d) are the documented ones; each has a condition (the
// region's IDD does not take "00", "+8..." is not valid abroad, ...).  A
// rewrite that explains the answer while its condition does not hold, and the
// label words rewrite (e), are shown as kinds of their own, outside (a)-(d).

enum Kind {
  K_RULE_A,      // 00 as international prefix
  K_RULE_B,      // +8 typed for trunk prefix 8
  K_RULE_C,      // letter O for zero
  K_RULE_D,      // international number without '+'
  K_RULE_COMBO,  // two of the rules at once
  K_BEYOND_A,    // "00" read as international although the region's IDD took it differently
  K_BEYOND_B,    // "+8" read as trunk prefix although +8... is valid abroad
  K_BEYOND_D,    // no-plus number read as international although it is valid nationally
  K_LABELS,      // label words ignored, alone or with (a)-(d)
  K_REGION,      // same E.164, other region
  K_EXTENSION,   // same E.164, other extension
  K_API,         // cg_phone_normalize and cg_phone_parse disagree
  K_UNEXPLAINED_LIB_ONLY,   // libphonenumber valid, crmguard invalid
  K_UNEXPLAINED_CG_ONLY,    // crmguard valid, libphonenumber invalid
  K_UNEXPLAINED_DIFFERENT,  // both valid, different numbers
  K_COUNT
};

static const char *kind_names[K_COUNT] = {
    "(a) `00` as international prefix",
    "(b) `+8` typed for trunk prefix 8",
    "(c) letter O typed for zero",
    "(d) international number without `+`",
    "two or more of (a)-(d) at once",
    "outside (a): `00` read as international where the region's own IDD matched (e.g. BR `0055`, HK `008`)",
    "outside (b): `+8` read as trunk prefix 8 although `+8...` is a valid foreign number",
    "outside (d): read as international although valid as a national number",
    "(e) label words ignored (`(моб.)`, `добавочный`, `(mobile)`), alone or with (a)-(d)",
    "region (same E.164, other region)",
    "extension (same E.164, other extension)",
    "API: cg_phone_normalize != cg_phone_parse",
    "unexplained: libphonenumber valid, crmguard invalid",
    "unexplained: crmguard valid, libphonenumber invalid",
    "unexplained: both valid, different numbers",
};

// docs/development.md documents rules (a)-(e); a disagreement under one of them is
// crmguard reading the number as a person would, so it counts as agreement in
// the gate.  The "outside" kinds are where a rule overreaches: they count
// against it, like the unexplained ones.
static bool kind_documented(int k) { return k <= K_RULE_COMBO || k == K_LABELS; }

// Position of the first character that starts the number proper ('+' or a
// digit of any script).
static size_t number_start(const string &s) {
  for (size_t i = 0; i < s.size();) {
    uint32_t cp; int v;
    size_t n = get_utf8(s, i, &cp);
    if (cp == '+' || cp == 0xFF0B || is_unicode_digit(cp, &v)) return i;
    i += n;
  }
  return string::npos;
}

static bool is_letter(uint32_t cp) {
  return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= 0x400 && cp <= 0x4FF);
}

struct Cp {
  uint32_t cp;
  size_t at, len;
};

static vector<Cp> code_points(const string &s) {
  vector<Cp> v;
  for (size_t i = 0; i < s.size();) {
    uint32_t cp;
    size_t n = get_utf8(s, i, &cp);
    v.push_back({cp, i, n});
    i += n;
  }
  return v;
}

// Rule (c): every letter O that stands alone next to digits (ignoring spaces
// and punctuation between them) replaced by '0'.  Empty when there is none.
static string rule_c_transform(const string &s) {
  vector<Cp> cps = code_points(s);
  auto is_sep = [](uint32_t cp) {
    return cp == ' ' || cp == '-' || cp == '.' || cp == '(' || cp == ')' || cp == 0xA0 ||
           (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0xFF0D;
  };
  string out;
  bool any = false;
  for (size_t k = 0; k < cps.size(); k++) {
    if (!is_letter_o(cps[k].cp)) { out.append(s, cps[k].at, cps[k].len); continue; }
    // A run of O letters that is not part of a longer word...
    size_t b = k, e = k;
    while (b > 0 && is_letter_o(cps[b - 1].cp)) b--;
    while (e + 1 < cps.size() && is_letter_o(cps[e + 1].cp)) e++;
    bool in_word = (b > 0 && is_letter(cps[b - 1].cp)) || (e + 1 < cps.size() && is_letter(cps[e + 1].cp));
    // ...and touches a digit through separators.
    bool near_digit = false;
    for (int dir = -1; dir <= 1 && !near_digit; dir += 2) {
      for (long j = dir < 0 ? (long)b - 1 : (long)e + 1; j >= 0 && j < (long)cps.size(); j += dir) {
        int v;
        if (is_unicode_digit(cps[j].cp, &v)) { near_digit = true; break; }
        if (!is_sep(cps[j].cp)) break;
      }
    }
    if (near_digit && !in_word) { out += '0'; any = true; }
    else out.append(s, cps[k].at, cps[k].len);
  }
  return any ? out : string();
}

// Rule (e), outside (a)-(d): words that are no extension marker dropped
// ("тел.", "(моб.)", "(mobile)"), "добавочный" read as "доб.".
static string labels_transform(const string &s) {
  static const char *const ext_words[] = {"доб", "ext", "x", "extn", "extension", "anexo", "ext=", "tel"};
  vector<Cp> cps = code_points(s);
  string out;
  bool any = false;
  for (size_t k = 0; k < cps.size();) {
    if (!is_letter(cps[k].cp)) { out.append(s, cps[k].at, cps[k].len); k++; continue; }
    size_t e = k;
    while (e < cps.size() && is_letter(cps[e].cp)) e++;
    string word = s.substr(cps[k].at, cps[e - 1].at + cps[e - 1].len - cps[k].at);
    string lower;
    for (size_t j = k; j < e; j++) {
      uint32_t c = cps[j].cp;
      if (c >= 'A' && c <= 'Z') c += 32;
      else if (c >= 0x410 && c <= 0x42F) c += 32;
      put_utf8(lower, c);
    }
    bool all_o = true;
    for (size_t j = k; j < e; j++) all_o &= is_letter_o(cps[j].cp);
    bool keep = all_o;  // rule (c)'s business
    for (const char *w : ext_words) keep |= lower == w;
    if (lower == "добавочный" || lower == "доп") { out += "доб"; any = true; }
    else if (keep) out += word;
    else {
      any = true;
      // The label's own '.' or ':' goes with it.
      if (e < cps.size() && (cps[e].cp == '.' || cps[e].cp == ':')) e++;
    }
    k = e;
  }
  if (!any) return string();
  // Brackets left empty by a dropped label.
  string t;
  for (size_t i = 0; i < out.size(); i++) {
    if (out[i] == '(') {
      size_t j = i + 1;
      while (j < out.size() && out[j] == ' ') j++;
      if (j < out.size() && out[j] == ')') { i = j; continue; }
    }
    t += out[i];
  }
  return t;
}

// Rule (a): the number proper starts with "00" (then no third zero); returns
// the input with "00" -> "+".  *idd_took_it: libphonenumber read an
// international prefix of the region there (rule (a)'s condition fails).
static string rule_a_transform(const string &s, const string &region, bool *idd_took_it) {
  size_t at = number_start(s);
  if (at == string::npos) return string();
  uint32_t cp; int v;
  size_t i = at, zeros = 0;
  while (i < s.size() && zeros < 2) {
    size_t n = get_utf8(s, i, &cp);
    if (is_unicode_digit(cp, &v)) {
      if (v != 0) break;
      zeros++;
    } else if (!(cp == ' ' || cp == 0xA0 || cp == '-')) break;
    i += n;
  }
  if (zeros < 2) return string();
  PhoneNumber n;
  *idd_took_it = util->ParseAndKeepRawInput(s, region, &n) == PhoneNumberUtil::NO_PARSING_ERROR &&
                 n.country_code_source() == PhoneNumber::FROM_NUMBER_WITH_IDD;
  return s.substr(0, at) + "+" + s.substr(i);
}

// Rule (b): '+' before a trunk prefix 8 in a region whose national prefix is
// 8; returns the input without the '+'.  *valid_abroad: "+8..." is a valid
// international number (rule (b)'s condition fails).
static string rule_b_transform(const string &s, const string &region, bool *valid_abroad) {
  string ndd;
  util->GetNddPrefixForRegion(region, true, &ndd);
  if (ndd != "8") return string();
  size_t at = number_start(s);
  if (at == string::npos) return string();
  size_t plus_len = s[at] == '+' ? 1 : s.compare(at, 3, "\xEF\xBC\x8B") == 0 ? 3 : 0;
  if (!plus_len) return string();
  size_t i = at + plus_len;
  uint32_t cp; int v = -1;
  while (i < s.size()) {
    size_t n = get_utf8(s, i, &cp);
    if (is_unicode_digit(cp, &v)) break;
    if (!(cp == ' ' || cp == 0xA0 || cp == '(')) return string();
    i += n;
  }
  if (v != 8) return string();
  *valid_abroad = lib_eval(s, "ZZ").valid;
  return s.substr(0, at) + s.substr(at + plus_len);
}

// Rule (d): no '+' anywhere; returns the input with '+' before the number.
// *valid_nationally: the input is a valid number of the region as written.
static string rule_d_transform(const string &s, const string &region, bool *valid_nationally) {
  size_t at = number_start(s);
  if (at == string::npos || s[at] == '+' || s.compare(at, 3, "\xEF\xBC\x8B") == 0) return string();
  if (s.find('+') != string::npos) return string();
  *valid_nationally = lib_eval(s, region).valid;
  return s.substr(0, at) + "+" + s.substr(at);
}

// Classifies a disagreement on E.164 (lib and cg differ): the smallest
// combination of rewrites (labels, letter O, then one of (a), (b), (d)) that
// makes libphonenumber agree with crmguard.
static Kind classify(const string &input, const string &region, const LibResult &lib, const CgResult &cg) {
  if (cg.valid) {
    const string &want = cg.e164;
    // pre: bit 1 = labels (e), bit 2 = letter O (c); final: 0 none, 'a', 'b', 'd'.
    static const int pres[] = {0, 2, 1, 3};
    static const char finals[] = {0, 'a', 'b', 'd'};
    for (int steps = 1; steps <= 3; steps++) {
      for (int pre : pres) {
        for (char fin : finals) {
          int count = (pre & 1) + ((pre >> 1) & 1) + (fin != 0);
          if (count != steps) continue;
          string s = input;
          if (pre & 1) { s = labels_transform(s); if (s.empty()) continue; }
          if (pre & 2) { s = rule_c_transform(s); if (s.empty()) continue; }
          bool beyond = false;
          if (fin == 'a') s = rule_a_transform(s, region, &beyond);
          else if (fin == 'b') s = rule_b_transform(s, region, &beyond);
          else if (fin == 'd') s = rule_d_transform(s, region, &beyond);
          if (s.empty() || lib_e164(s, region) != want) continue;
          if (beyond) return fin == 'a' ? K_BEYOND_A : fin == 'b' ? K_BEYOND_B : K_BEYOND_D;
          if (pre & 1) return K_LABELS;
          if (steps > 1) return K_RULE_COMBO;
          return fin == 'a' ? K_RULE_A : fin == 'b' ? K_RULE_B : fin == 'd' ? K_RULE_D : K_RULE_C;
        }
      }
    }
  }
  if (lib.valid && !cg.valid) return K_UNEXPLAINED_LIB_ONLY;
  if (!lib.valid && cg.valid) return K_UNEXPLAINED_CG_ONLY;
  return K_UNEXPLAINED_DIFFERENT;
}

// ---------------------------------------------------------------------------
// Input generation.

struct Case {
  string input, region;
};

struct Inputs {
  vector<Case> cases;
  std::unordered_set<string> seen;
  size_t duplicates = 0;
  void add(const string &input, const string &region) {
    if (input.empty()) return;
    string key = region + '\x01' + input;
    if (!seen.insert(key).second) { duplicates++; return; }
    cases.push_back({input, region});
  }
};

static string replace_all(string s, const string &from, const string &to) {
  size_t pos = 0;
  while ((pos = s.find(from, pos)) != string::npos) { s.replace(pos, from.size(), to); pos += to.size(); }
  return s;
}

static string digits_only(const string &s) {
  string out;
  for (char c : s) if (c >= '0' && c <= '9') out += c;
  return out;
}

static vector<size_t> digit_positions(const string &s) {
  vector<size_t> v;
  for (size_t i = 0; i < s.size(); i++) if (s[i] >= '0' && s[i] <= '9') v.push_back(i);
  return v;
}

// Drop, add, change or swap a digit, or truncate: edge and invalid inputs.
static string mutate(const string &s, Rng &rng) {
  vector<size_t> d = digit_positions(s);
  if (d.empty()) return s;
  string m = s;
  switch (rng.below(5)) {
    case 0: m.erase(rng.pick(d), 1); break;
    case 1: m.insert(rng.pick(d) + rng.below(2), 1, rng.digit()); break;
    case 2: { size_t p = rng.pick(d); char c; do c = rng.digit(); while (c == m[p]); m[p] = c; break; }
    case 3: if (d.size() > 1) { size_t k = rng.below(d.size() - 1); std::swap(m[d[k]], m[d[k + 1]]); } break;
    case 4: m.resize(1 + rng.below(s.size() - 1 ? s.size() - 1 : 1)); break;
  }
  return m;
}

// "(G1)" around the first group of a formatted number ("+CC G1 rest" or "G1 rest").
static string parenthesize_first_group(const string &s, bool international) {
  if (s.find('(') != string::npos) return string();
  vector<string> tok;
  size_t b = 0;
  for (size_t i = 0; i <= s.size(); i++)
    if (i == s.size() || s[i] == ' ') { tok.push_back(s.substr(b, i - b)); b = i + 1; }
  size_t k = international ? 1 : 0;
  if (tok.size() < k + 2) return string();
  tok[k] = "(" + tok[k] + ")";
  string out;
  for (size_t i = 0; i < tok.size(); i++) out += (i ? " " : "") + tok[i];
  return out;
}

static const char *ooc_from[] = {"US", "RU", "DE", "GB"};

struct GenOptions {
  int per_example = 5;      // numbers formatted per (region, type) example
  double ru_share = 0.25;   // share of inputs also parsed with default region RU
  int ru_market = 30000;    // Russian-market inputs
  int mutations = 5;        // mutated inputs per number
};

// All the written forms of one number.
static void add_number(const PhoneNumber &n, const string &own, bool geo, Rng &rng, const GenOptions &o, Inputs &in) {
  vector<Case> local;
  auto add = [&](const string &s, const string &region) { if (!s.empty()) local.push_back({s, region}); };
  string e164, intl, natl, rfc, nsn;
  util->Format(n, PhoneNumberUtil::E164, &e164);
  util->Format(n, PhoneNumberUtil::INTERNATIONAL, &intl);
  util->Format(n, PhoneNumberUtil::NATIONAL, &natl);
  util->Format(n, PhoneNumberUtil::RFC3966, &rfc);
  util->GetNationalSignificantNumber(n, &nsn);
  add(e164, own);
  add(intl, own);
  add(rfc, own);
  add(replace_all(intl, " ", "-"), own);
  add(replace_all(intl, " ", "."), own);
  add(replace_all(intl, " ", ""), own);
  add(parenthesize_first_group(intl, true), own);
  if (geo) {
    add(natl, own);
    add(nsn, own);
    add(digits_only(natl), own);
    add(replace_all(natl, " ", "-"), own);
    add(replace_all(natl, " ", "."), own);
    add(parenthesize_first_group(natl, false), own);
  }
  for (const char *from : ooc_from) {
    string ooc;
    util->FormatOutOfCountryCallingNumber(n, from, &ooc);
    add(ooc, from);
    if (own != from && rng.chance(0.2)) add(ooc, own);
  }
  size_t plain = local.size();
  for (int k = 0; k < o.mutations && plain; k++) {
    const Case &c = local[rng.below(plain)];
    add(mutate(c.input, rng), c.region);
  }
  for (const Case &c : local) {
    in.add(c.input, c.region);
    if (c.region != "RU" && rng.chance(o.ru_share)) in.add(c.input, "RU");
  }
}

// A number near the example: its last digits drawn at random, valid when
// that can be found in a few tries.
static bool near_number(const PhoneNumber &example, bool want_valid, Rng &rng, PhoneNumber *out) {
  string nsn;
  util->GetNationalSignificantNumber(example, &nsn);
  if (nsn.size() < 4) return false;
  string cc = std::to_string(example.country_code());
  for (int attempt = 0; attempt < 12; attempt++) {
    string v = nsn;
    size_t k = 2 + rng.below(std::max<size_t>(1, nsn.size() - 3));
    for (size_t i = nsn.size() - k; i < nsn.size(); i++) v[i] = rng.digit();
    if (util->Parse("+" + cc + v, "ZZ", out) != PhoneNumberUtil::NO_PARSING_ERROR) continue;
    if (!want_valid || (util->IsValidNumber(*out) && util->GetNumberType(*out) == util->GetNumberType(example)))
      return true;
  }
  return false;
}

static const PhoneNumberUtil::PhoneNumberType types[] = {
    PhoneNumberUtil::FIXED_LINE,   PhoneNumberUtil::MOBILE, PhoneNumberUtil::TOLL_FREE,
    PhoneNumberUtil::PREMIUM_RATE, PhoneNumberUtil::SHARED_COST, PhoneNumberUtil::VOIP,
    PhoneNumberUtil::PERSONAL_NUMBER, PhoneNumberUtil::PAGER, PhoneNumberUtil::UAN,
    PhoneNumberUtil::VOICEMAIL};

static size_t examples_used = 0;

static void gen_examples(Rng &rng, const GenOptions &o, Inputs &in) {
  std::set<string> regions;
  util->GetSupportedRegions(&regions);
  for (const string &region : regions) {
    for (auto t : types) {
      PhoneNumber ex;
      if (!util->GetExampleNumberForType(region, t, &ex)) continue;
      examples_used++;
      add_number(ex, region, true, rng, o, in);
      for (int k = 1; k < o.per_example; k++) {
        PhoneNumber nn;
        if (near_number(ex, k % 5 != 0, rng, &nn)) add_number(nn, region, true, rng, o, in);
      }
    }
  }
  std::set<int> codes;
  util->GetSupportedGlobalNetworkCallingCodes(&codes);
  for (int cc : codes) {
    PhoneNumber ex;
    if (!util->GetExampleNumberForNonGeoEntity(cc, &ex)) continue;
    examples_used++;
    // Non-geographic numbers have no national form; parse them from a few regions.
    for (const char *own : {"US", "RU", "DE", "ZZ"}) {
      add_number(ex, own, false, rng, o, in);
      for (int k = 1; k < o.per_example; k++) {
        PhoneNumber nn;
        if (near_number(ex, k % 5 != 0, rng, &nn)) add_number(nn, own, false, rng, o, in);
      }
    }
  }
}

// --- Russian-market inputs, as people type them into a CRM.

struct Country {
  const char *region;
  const char *cc;
  const char *trunk;            // what people dial before the national number, "" for none
  vector<vector<int>> groups;   // grouping of the NSN as people write it
  vector<const char *> leads;   // leading digits of real-looking numbers
  int nsn_len;
};

static const vector<Country> &countries() {
  static const vector<Country> c = {
      {"RU", "7", "8", {{3, 3, 2, 2}, {3, 3, 4}, {3, 7}}, {"912", "916", "903", "926", "985", "999", "921", "950", "977", "904", "961", "495", "499", "812", "343", "383", "846", "863", "843", "861", "391", "473", "3452", "4212", "8622", "800"}, 10},
      {"KZ", "7", "8", {{3, 3, 2, 2}, {3, 3, 4}}, {"701", "705", "707", "747", "771", "775", "777", "727", "717", "7212"}, 10},
      {"BY", "375", "80", {{2, 3, 2, 2}, {2, 7}}, {"29", "33", "44", "25", "17", "162", "212"}, 9},
      {"UA", "380", "0", {{2, 3, 2, 2}, {2, 3, 4}}, {"50", "66", "67", "68", "63", "73", "93", "97", "99", "44", "32", "56"}, 9},
      {"UZ", "998", "", {{2, 3, 2, 2}}, {"90", "91", "93", "94", "95", "97", "99", "33", "88", "71"}, 9},
      {"KG", "996", "0", {{3, 3, 3}, {3, 6}}, {"555", "700", "770", "550", "312", "220"}, 9},
      {"AM", "374", "0", {{2, 6}, {2, 3, 3}}, {"10", "91", "93", "94", "77", "99", "55"}, 8},
      {"GE", "995", "0", {{3, 2, 2, 2}, {3, 6}}, {"555", "577", "599", "322", "514"}, 9},
      {"AZ", "994", "0", {{2, 3, 2, 2}}, {"50", "51", "55", "70", "77", "12"}, 9},
      {"MD", "373", "0", {{2, 3, 3}, {3, 5}}, {"69", "79", "78", "22", "60"}, 8},
      {"TJ", "992", "", {{2, 3, 4}, {3, 2, 4}}, {"93", "92", "90", "98", "372"}, 9},
      {"TM", "993", "8", {{2, 6}, {2, 2, 2, 2}}, {"65", "66", "61", "12"}, 8},
      {"LV", "371", "", {{2, 3, 3}, {8}}, {"2", "67"}, 8},
      {"EE", "372", "", {{4, 4}, {3, 4}}, {"5", "6"}, 8},
      {"LT", "370", "8", {{3, 5}, {1, 3, 4}}, {"6", "5"}, 8},
      {"DE", "49", "0", {{2, 7}, {3, 8}}, {"30", "89", "151", "170", "40"}, 10},
      {"US", "1", "1", {{3, 3, 4}}, {"212", "415", "646", "202"}, 10},
      {"CN", "86", "0", {{3, 4, 4}}, {"139", "138", "186"}, 11},
      {"TR", "90", "0", {{3, 3, 2, 2}}, {"532", "212", "505"}, 10},
  };
  return c;
}

static string group(const string &nsn, const vector<int> &g, const string &sep, bool paren_first) {
  string out;
  size_t at = 0;
  for (size_t k = 0; k < g.size() && at < nsn.size(); k++) {
    string part = nsn.substr(at, (size_t)g[k]);
    at += (size_t)g[k];
    if (k == g.size() - 1 && at < nsn.size()) { part += nsn.substr(at); at = nsn.size(); }
    if (k == 0 && paren_first) out += "(" + part + ")";
    else out += (k ? sep : "") + part;
    if (k == 0 && paren_first) out += " ";
  }
  if (at < nsn.size()) out += nsn.substr(at);
  return out;
}

static string pick_sep(Rng &rng) {
  static const vector<string> seps = {" ", "-", "", " ", "-", ".", " - "};
  return rng.pick(seps);
}

static string ru_market_one(Rng &rng, string *region_out) {
  const auto &cs = countries();
  // Mostly Russian numbers, then the CIS, then a few others.
  size_t ci = rng.chance(0.55) ? 0 : rng.chance(0.85) ? 1 + rng.below(14) : 15 + rng.below(cs.size() - 15);
  const Country &c = cs[ci];
  string nsn = rng.pick(c.leads);
  while ((int)nsn.size() < c.nsn_len) nsn += rng.digit();
  string region = rng.chance(ci == 0 ? 0.9 : 0.7) ? "RU" : c.region;
  const vector<int> &g = rng.pick(c.groups);
  string sep = pick_sep(rng);
  bool paren = rng.chance(0.4);
  string body = group(nsn, g, sep, paren);
  string cc = c.cc;
  string trunk = c.trunk;
  string s;
  switch (rng.below(16)) {
    case 0: case 1: s = "+" + cc + " " + body; break;
    case 2: s = "+" + cc + body; break;
    case 3: s = "+" + cc + nsn; break;
    case 4: s = "+" + cc + " (" + nsn.substr(0, 3) + ") " + nsn.substr(3); break;
    case 5: s = cc + nsn; break;                          // rule (d) when not national
    case 6: s = cc + " " + body; break;
    case 7: case 8:                                        // national with trunk prefix
      if (trunk[0]) { s = string(trunk) + (rng.chance(0.5) ? " " : "") + body; region = c.region; if (ci == 0 || ci == 1) region = rng.chance(0.8) ? "RU" : c.region; }
      else { s = body; region = c.region; }
      break;
    case 9: s = trunk + nsn; region = ci <= 1 ? "RU" : c.region; break;
    case 10: s = nsn; region = ci <= 1 ? "RU" : c.region; break;
    case 11: s = "8 10 " + cc + " " + body; region = "RU"; break;  // dialled from Russia
    case 12: s = (rng.chance(0.5) ? "00 " : "00") + cc + " " + body; break;  // rule (a)
    case 13: s = (rng.chance(0.5) ? "+8 " : "+8") + body; region = ci <= 1 ? "RU" : c.region; break;  // rule (b)
    case 14: s = "8" + cc + nsn; region = "RU"; break;
    case 15: s = "+" + cc + "(" + nsn.substr(0, 3) + ")" + nsn.substr(3, 3) + "-" + nsn.substr(6, 2) + "-" + nsn.substr(8); break;
  }
  // Letter O for a zero (rule (c)).
  if (rng.chance(0.04)) {
    vector<size_t> zeros;
    for (size_t i = 0; i < s.size(); i++) if (s[i] == '0') zeros.push_back(i);
    if (!zeros.empty()) {
      static const vector<string> os = {"O", "o", "\xD0\x9E", "\xD0\xBE"};
      size_t p = rng.pick(zeros);
      s = s.substr(0, p) + rng.pick(os) + s.substr(p + 1);
    }
  }
  if (rng.chance(0.05)) s = mutate(s, rng);
  // Typographic variants.
  if (rng.chance(0.08)) s = replace_all(s, " ", utf8(0xA0));
  if (rng.chance(0.06)) {
    static const vector<uint32_t> dashes = {0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2212, 0xFF0D};
    s = replace_all(s, "-", utf8(rng.pick(dashes)));
  }
  if (rng.chance(0.03)) {
    string f;
    for (char ch : s) {
      if (ch >= '0' && ch <= '9') put_utf8(f, 0xFF10 + (uint32_t)(ch - '0'));
      else if (ch == '+' && rng.chance(0.5)) put_utf8(f, 0xFF0B);
      else f += ch;
    }
    s = f;
  }
  // Extensions.
  if (rng.chance(0.12)) {
    static const vector<string> ext = {" доб. ", " доб.", " доб ", ", доб. ", " (доб. ", " ext. ", " ext ", " x", " x ", " ext.", " #", " Доб. ", " добавочный "};
    string e = rng.pick(ext);
    string n;
    for (size_t k = 1 + rng.below(5); k > 0; k--) n += rng.digit();
    s += e + n + (e.find('(') != string::npos ? ")" : "");
  }
  // Labels.
  if (rng.chance(0.1)) {
    static const vector<string> pre = {"тел. ", "Тел.: ", "тел: ", "т. ", "моб. ", "Моб.: ", "tel: ", "Tel. ", "phone: ", "раб. ", "сот. "};
    s = rng.pick(pre) + s;
  }
  if (rng.chance(0.04)) {
    static const vector<string> post = {" (моб.)", " (раб.)", " моб.", " (mobile)", " (дом.)"};
    s += rng.pick(post);
  }
  if (rng.chance(0.03)) s = " " + s + "  ";
  if (rng.chance(0.01)) s = "\t" + s + "\r";
  *region_out = region;
  return s;
}

static void gen_ru_market(Rng &rng, const GenOptions &o, Inputs &in) {
  // The forms named in the brief, always present.
  static const char *fixed[] = {
      "8 (912) 345-67-89", "+7 912 3456789", "89123456789", "9123456789", "8 10 49 30 1234567",
      "+7 (912) 345-67-89", "+7(495)123-45-67", "8 (495) 123-45-67 доб. 2", "8-912-345-67-89",
      "00 49 30 1234567", "007 912 345 67 89", "+8 912 345 67 89", "375 29 123 45 67",
      "8 912 345 67 89 доб. 123", "+7 912 345-67-89 ext. 45", "+7 912 345-67-89 x45",
      "8 9I2 345 67 89", "8 (9О2) 345-67-89", "8 (902) 345-67-8O", "тел. 8 (912) 345-67-89",
      "8 (912) 345-67-89 (моб.)", "+375 (29) 123-45-67", "+380 (67) 123-45-67", "+38 067 123 45 67",
      "8 (701) 123-45-67", "+7 701 123 45 67", "+998 90 123 45 67", "8 10 375 29 123 45 67",
      "８ ９１２ ３４５ ６７ ８９", "8\xC2\xA0" "912\xC2\xA0" "345\xC2\xA0" "67\xC2\xA0" "89",
      "8 912 345\xE2\x80\x93" "67\xE2\x80\x93" "89",
  };
  for (const char *f : fixed) in.add(f, "RU");
  for (int k = 0; k < o.ru_market; k++) {
    string region;
    string s = ru_market_one(rng, &region);
    in.add(s, region);
  }
}

// ---------------------------------------------------------------------------

struct Example {
  string input, region, lib, cg;
};

static string lib_show(const LibResult &r) { return r.valid ? r.e164 : "invalid (" + r.why + ")"; }
static string cg_show(const CgResult &r) { return r.valid ? r.e164 : "invalid (" + r.why + ")"; }

static void usage() {
  fprintf(stderr,
          "usage: compare [--seed N] [--per-example N] [--ru-market N] [--ru-share P] [--mutations N]\n"
          "               [--min-inputs N] [--min-agreement PCT] [--report FILE] [--dump FILE] [--examples N]\n"
          "Exits 1 when agreement < --min-agreement (99.9) or inputs < --min-inputs (100000).\n");
}

int main(int argc, char **argv) {
  uint64_t seed = 20240601;
  GenOptions o;
  size_t min_inputs = 100000;
  double min_agreement = 99.9;
  const char *report_path = nullptr, *dump_path = nullptr;
  size_t examples_per_kind = 3;
  for (int i = 1; i < argc; i++) {
    string a = argv[i];
    auto val = [&]() -> const char * {
      if (i + 1 >= argc) { usage(); exit(2); }
      return argv[++i];
    };
    if (a == "--seed") seed = strtoull(val(), nullptr, 10);
    else if (a == "--per-example") o.per_example = atoi(val());
    else if (a == "--ru-market") o.ru_market = atoi(val());
    else if (a == "--ru-share") o.ru_share = atof(val());
    else if (a == "--mutations") o.mutations = atoi(val());
    else if (a == "--min-inputs") min_inputs = strtoull(val(), nullptr, 10);
    else if (a == "--min-agreement") min_agreement = atof(val());
    else if (a == "--report") report_path = val();
    else if (a == "--dump") dump_path = val();
    else if (a == "--examples") examples_per_kind = strtoull(val(), nullptr, 10);
    else { usage(); return 2; }
  }

  PhoneNumberUtil *u = PhoneNumberUtil::GetInstance();
  u->SetLogger(new i18n::phonenumbers::NullLogger());
  util = u;

  auto t0 = std::chrono::steady_clock::now();
  Rng rng(seed);
  Inputs in;
  gen_examples(rng, o, in);
  size_t from_examples = in.cases.size();
  gen_ru_market(rng, o, in);
  size_t from_ru = in.cases.size() - from_examples;
  auto t1 = std::chrono::steady_clock::now();

  size_t counts[K_COUNT] = {0};
  vector<Example> examples[K_COUNT];
  size_t lib_valid = 0, cg_valid = 0, agree = 0;
  FILE *dump = dump_path ? fopen(dump_path, "w") : nullptr;
  if (dump_path && !dump) { perror(dump_path); return 2; }
  if (dump) fprintf(dump, "kind\tregion\tinput\tlibphonenumber\tcrmguard\n");

  for (const Case &c : in.cases) {
    LibResult lib = lib_eval(c.input, c.region);
    CgResult cg = cg_eval(c.input, c.region);
    lib_valid += lib.valid;
    cg_valid += cg.valid;
    Kind k = K_COUNT;
    string lib_txt, cg_txt;
    if (lib.valid != cg.valid || (lib.valid && lib.e164 != cg.e164)) {
      k = classify(c.input, c.region, lib, cg);
      lib_txt = lib_show(lib);
      cg_txt = cg_show(cg);
    } else if (!cg.consistent) {
      k = K_API;
      lib_txt = lib_show(lib);
      cg_txt = "normalize/parse differ";
    } else if (lib.valid && lib.region != cg.region) {
      k = K_REGION;
      lib_txt = lib.e164 + " " + lib.region;
      cg_txt = cg.e164 + " " + (cg.region.empty() ? "\"\"" : cg.region);
    } else if (lib.valid && lib.ext != cg.ext) {
      k = K_EXTENSION;
      lib_txt = lib.e164 + " ext " + (lib.ext.empty() ? "none" : lib.ext);
      cg_txt = cg.e164 + " ext " + (cg.ext.empty() ? "none" : cg.ext);
    }
    if (k == K_COUNT) { agree++; continue; }
    counts[k]++;
    if (examples[k].size() < examples_per_kind) examples[k].push_back({c.input, c.region, lib_txt, cg_txt});
    if (dump) fprintf(dump, "%d\t%s\t%s\t%s\t%s\n", (int)k, c.region.c_str(), show(c.input).c_str(), lib_txt.c_str(), cg_txt.c_str());
  }
  if (dump) fclose(dump);
  auto t2 = std::chrono::steady_clock::now();

  size_t total = in.cases.size();
  double raw_pct = total ? 100.0 * (double)agree / (double)total : 0.0;
  size_t documented = 0, undocumented = 0, unexplained = 0;
  for (int k = 0; k < K_COUNT; k++) {
    if (kind_documented(k)) documented += counts[k];
    else if (k >= K_UNEXPLAINED_LIB_ONLY) unexplained += counts[k];
    else undocumented += counts[k];
  }
  double pct = total ? 100.0 * (double)(agree + documented) / (double)total : 0.0;

  string r;
  char line[1024];
  snprintf(line, sizeof line,
           "Agreement with libphonenumber %s on %zu (input, default region) pairs: **%.3f %%** agree or differ "
           "only by a documented rule (a)-(e); %zu (%.3f %%) agree exactly. Of the %zu disagreements, %zu are "
           "documented rules, %zu where a rule overreaches, %zu unexplained.\n\n",
           LIBPHONENUMBER_VERSION, total, pct, agree, raw_pct, total - agree, documented, undocumented, unexplained);
  r += line;
  snprintf(line, sizeof line,
           "Inputs: %zu from %zu libphonenumber example numbers (all regions and types, non-geographic "
           "entities) in their formats and mutations, %zu Russian-market inputs; seed %" PRIu64
           ". libphonenumber valid: %zu, crmguard valid: %zu.\n\n",
           from_examples, examples_used, from_ru, seed, lib_valid, cg_valid);
  r += line;
  r += "| Disagreement | Count | Share of all inputs |\n|---|---:|---:|\n";
  for (int k = 0; k < K_COUNT; k++) {
    snprintf(line, sizeof line, "| %s | %zu | %.4f %% |\n", kind_names[k], counts[k],
             total ? 100.0 * (double)counts[k] / (double)total : 0.0);
    r += line;
  }
  snprintf(line, sizeof line, "| **all disagreements** | **%zu** | **%.4f %%** |\n\n", total - agree,
           total ? 100.0 * (double)(total - agree) / (double)total : 0.0);
  r += line;
  bool any_example = false;
  for (int k = 0; k < K_COUNT; k++) any_example |= !examples[k].empty();
  if (any_example) {
    r += "| Disagreement | Input | Region | libphonenumber | crmguard |\n|---|---|---|---|---|\n";
    for (int k = 0; k < K_COUNT; k++)
      for (const Example &e : examples[k])
        r += "| " + string(kind_names[k]) + " | `" + show(e.input) + "` | " + e.region + " | " + e.lib + " | " +
             e.cg + " |\n";
    r += "\n";
  }
  if (!regions_unknown_to_cg.empty()) {
    r += "Regions libphonenumber supports that cg_region_find() does not know:";
    for (const string &x : regions_unknown_to_cg) r += " " + x;
    r += "\n\n";
  }
  fputs(r.c_str(), stdout);
  double gen_s = std::chrono::duration<double>(t1 - t0).count();
  double cmp_s = std::chrono::duration<double>(t2 - t1).count();
  fprintf(stdout, "(generation %.1f s, comparison %.1f s, %zu duplicate inputs skipped)\n", gen_s, cmp_s, in.duplicates);

  if (report_path) {
    FILE *f = fopen(report_path, "w");
    if (!f) { perror(report_path); return 2; }
    fputs(r.c_str(), f);
    fclose(f);
  }
  int rc = 0;
  if (total < min_inputs) {
    fprintf(stderr, "FAIL: %zu inputs, fewer than %zu\n", total, min_inputs);
    rc = 1;
  }
  if (pct < min_agreement) {
    fprintf(stderr, "FAIL: agreement %.3f %% < %.3f %%\n", pct, min_agreement);
    rc = 1;
  }
  if (rc == 0) fprintf(stdout, "PASS: agreement %.3f %% >= %.3f %% on %zu inputs\n", pct, min_agreement, total);
  return rc;
}
