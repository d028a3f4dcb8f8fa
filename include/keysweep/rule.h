// A detection rule as written in rules/*.toml. Plain data: loading lives in src/rules/,
// matching in src/match/.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace keysweep {

enum class Severity { kInfo, kLow, kMedium, kHigh, kCritical };

std::string_view severity_name(Severity s);
// Returns false when `name` is not one of info, low, medium, high, critical.
bool parse_severity(std::string_view name, Severity* out);

struct RuleAllowlist {
  std::vector<std::string> regexes;    // RE2, searched in the extracted secret
  std::vector<std::string> stopwords;  // lower-case substrings of the secret
};

struct Rule {
  std::string id;  // stable, kebab-case, unique
  std::string name;
  std::string provider;
  std::string description;
  Severity severity = Severity::kHigh;
  std::string pattern;  // one regex both Hyperscan and RE2 accept
  std::vector<std::string> keywords;
  double min_entropy = 0.0;
  bool generic = false;  // also reject identifier-shaped values (UUIDs, digests, ...)
  RuleAllowlist allowlist;
  std::vector<std::string> references;
  std::vector<std::string> examples;
  std::vector<std::string> negative_examples;
  std::string origin;  // "<file>:<line>" the rule was read from, for messages
};

}  // namespace keysweep
