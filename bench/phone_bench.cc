// Phone normalization speed: crmguard's C core against libphonenumber (C++),
// same inputs, one thread.  Prints numbers per second of each and the ratio,
// and how often the two agree.
//
//   phone_bench INPUT_FILE [--region RU] [--min-seconds S] [--lib-max N] [--results FILE]
//
// --results FILE writes key=value lines (cg_per_s, lib_per_s, ratio, agreement,
// ...) for bench/normalize.php and bench/run.

#include <phonenumbers/logger.h>
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

extern "C" {
#include "phone.h"
}

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

struct Span {
  const char *p;
  size_t n;
};

static double now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

int main(int argc, char **argv) {
  const char *path = nullptr, *results = nullptr;
  std::string region = "RU";
  double min_seconds = 2.0;
  size_t lib_max = 0;
  for (int i = 1; i < argc; i++) {
    std::string a = argv[i];
    if (a == "--region" && i + 1 < argc) region = argv[++i];
    else if (a == "--min-seconds" && i + 1 < argc) min_seconds = atof(argv[++i]);
    else if (a == "--lib-max" && i + 1 < argc) lib_max = strtoull(argv[++i], nullptr, 10);
    else if (a == "--results" && i + 1 < argc) results = argv[++i];
    else if (!path && a[0] != '-') path = argv[i];
    else {
      fprintf(stderr, "usage: phone_bench INPUT_FILE [--region RU] [--min-seconds S] [--lib-max N] [--results FILE]\n");
      return 2;
    }
  }
  if (!path) {
    fprintf(stderr, "usage: phone_bench INPUT_FILE [...]\n");
    return 2;
  }

  // The whole file in memory, one span per line.
  FILE *f = fopen(path, "rb");
  if (!f) { perror(path); return 2; }
  std::string data;
  char chunk[1 << 16];
  size_t got;
  while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) data.append(chunk, got);
  fclose(f);
  std::vector<Span> lines;
  for (size_t b = 0, i = 0; i <= data.size(); i++) {
    if (i == data.size() || data[i] == '\n') {
      if (i > b) lines.push_back({data.data() + b, i - b});
      b = i + 1;
    }
  }
  const size_t n = lines.size();
  if (n == 0) { fprintf(stderr, "%s: no inputs\n", path); return 2; }
  const int cg_region = cg_region_find(region.data(), region.size());
  if (cg_region < 0) { fprintf(stderr, "cg_region_find(%s) failed\n", region.c_str()); return 2; }

  // (a) crmguard C core: whole passes until min_seconds; the best pass counts.
  std::vector<char> cg_out(n * CG_E164_SIZE);
  double cg_best = 1e30, cg_total = 0;
  int passes = 0;
  size_t cg_valid = 0;
  while (cg_total < min_seconds || passes < 3) {
    size_t valid = 0;
    double t = now();
    for (size_t i = 0; i < n; i++) {
      char *o = &cg_out[i * CG_E164_SIZE];
      if (cg_phone_normalize(lines[i].p, lines[i].n, cg_region, o) == 0) o[0] = 0;
      else valid++;
    }
    t = now() - t;
    cg_total += t;
    if (t < cg_best) cg_best = t;
    cg_valid = valid;
    passes++;
  }
  double cg_rate = (double)n / cg_best;

  // (b) libphonenumber: Parse + IsValidNumber + Format(E164), one pass.
  PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
  util->SetLogger(new i18n::phonenumbers::NullLogger());
  size_t ln = lib_max && lib_max < n ? lib_max : n;
  std::vector<std::string> lib_out(ln);
  std::string input;
  PhoneNumber num;
  size_t lib_valid = 0;
  double t = now();
  for (size_t i = 0; i < ln; i++) {
    input.assign(lines[i].p, lines[i].n);
    num.Clear();
    if (util->Parse(input, region, &num) == PhoneNumberUtil::NO_PARSING_ERROR && util->IsValidNumber(num)) {
      util->Format(num, PhoneNumberUtil::E164, &lib_out[i]);
      lib_valid++;
    }
  }
  double lib_time = now() - t;
  double lib_rate = (double)ln / lib_time;

  size_t agree = 0;
  for (size_t i = 0; i < ln; i++)
    if (lib_out[i] == &cg_out[i * CG_E164_SIZE]) agree++;
  double agreement = 100.0 * (double)agree / (double)ln;

  printf("inputs: %zu (region %s); crmguard valid %zu, libphonenumber valid %zu of %zu\n", n, region.c_str(), cg_valid,
         lib_valid, ln);
  printf("crmguard C core   cg_phone_normalize: %12.0f numbers/s  (best of %d passes, %.3f s each)\n", cg_rate, passes,
         cg_best);
  printf("libphonenumber    Parse+IsValid+E164: %12.0f numbers/s  (%zu inputs, %.2f s)\n", lib_rate, ln, lib_time);
  printf("ratio crmguard / libphonenumber:      %12.1f x\n", cg_rate / lib_rate);
  printf("agreement on E.164 / invalid:         %12.3f %%  (%zu of %zu)%s\n", agreement, agree, ln,
         agreement > 99.0 ? "" : "   ** below 99 % **");
  if (results) {
    FILE *r = fopen(results, "w");
    if (!r) { perror(results); return 2; }
    fprintf(r, "inputs=%zu\ncg_per_s=%.0f\nlib_per_s=%.0f\nlib_inputs=%zu\nratio=%.2f\nagreement=%.4f\n", n, cg_rate,
            lib_rate, ln, cg_rate / lib_rate, agreement);
    fclose(r);
  }
  return agreement > 99.0 ? 0 : 1;
}
