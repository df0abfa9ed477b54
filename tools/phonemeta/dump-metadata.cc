// Dumps libphonenumber's compiled metadata as JSON on stdout, for compile-tables.php
// (tools/phonemeta/regenerate builds and runs it).
// Development-time only: nothing of libphonenumber is linked into crmguard.
#include <phonenumbers/phonemetadata.pb.h>
#include <cstdio>
#include <string>

namespace i18n { namespace phonenumbers {
int metadata_size();
const void *metadata_get();
} }

using i18n::phonenumbers::PhoneMetadata;
using i18n::phonenumbers::PhoneMetadataCollection;
using i18n::phonenumbers::PhoneNumberDesc;

static std::string json_str(const std::string &s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') { out += '\\'; out += c; }
    else if ((unsigned char)c < 0x20) { char b[8]; snprintf(b, sizeof b, "\\u%04x", c); out += b; }
    else out += c;
  }
  return out + "\"";
}

static std::string desc(const PhoneNumberDesc &d) {
  std::string out = "{\"pattern\":";
  out += d.has_national_number_pattern() ? json_str(d.national_number_pattern()) : "null";
  out += ",\"lengths\":[";
  for (int i = 0; i < d.possible_length_size(); i++)
    out += (i ? "," : "") + std::to_string(d.possible_length(i));
  out += "],\"local_lengths\":[";
  for (int i = 0; i < d.possible_length_local_only_size(); i++)
    out += (i ? "," : "") + std::to_string(d.possible_length_local_only(i));
  out += "],\"example\":";
  out += d.has_example_number() ? json_str(d.example_number()) : "null";
  return out + "}";
}

int main() {
  PhoneMetadataCollection all;
  if (!all.ParseFromArray(i18n::phonenumbers::metadata_get(), i18n::phonenumbers::metadata_size())) {
    fprintf(stderr, "cannot parse libphonenumber metadata\n");
    return 1;
  }
  printf("[\n");
  for (int i = 0; i < all.metadata_size(); i++) {
    const PhoneMetadata &m = all.metadata(i);
    std::string s = "{\"id\":" + json_str(m.id()) + ",\"country_code\":" + std::to_string(m.country_code());
    s += ",\"main_country_for_code\":" + std::string(m.main_country_for_code() ? "true" : "false");
    s += ",\"international_prefix\":" + (m.has_international_prefix() ? json_str(m.international_prefix()) : "null");
    s += ",\"national_prefix\":" + (m.has_national_prefix() ? json_str(m.national_prefix()) : "null");
    s += ",\"national_prefix_for_parsing\":" + (m.has_national_prefix_for_parsing() ? json_str(m.national_prefix_for_parsing()) : "null");
    s += ",\"national_prefix_transform_rule\":" + (m.has_national_prefix_transform_rule() ? json_str(m.national_prefix_transform_rule()) : "null");
    s += ",\"leading_digits\":" + (m.has_leading_digits() ? json_str(m.leading_digits()) : "null");
    s += ",\"same_mobile_and_fixed_line_pattern\":" + std::string(m.same_mobile_and_fixed_line_pattern() ? "true" : "false");
    s += ",\"general\":" + desc(m.general_desc());
    s += ",\"fixed_line\":" + desc(m.fixed_line());
    s += ",\"mobile\":" + desc(m.mobile());
    s += ",\"toll_free\":" + desc(m.toll_free());
    s += ",\"premium_rate\":" + desc(m.premium_rate());
    s += ",\"shared_cost\":" + desc(m.shared_cost());
    s += ",\"personal_number\":" + desc(m.personal_number());
    s += ",\"voip\":" + desc(m.voip());
    s += ",\"pager\":" + desc(m.pager());
    s += ",\"uan\":" + desc(m.uan());
    s += ",\"voicemail\":" + desc(m.voicemail());
    s += "}";
    printf("%s%s\n", s.c_str(), i + 1 < all.metadata_size() ? "," : "");
  }
  printf("]\n");
  return 0;
}
