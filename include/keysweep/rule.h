// A detection rule as written in rules/*.toml. Plain data: loading lives in src/rules/,
// matching in src/match/, path-dependent decisions in src/finding/placement.h.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace keysweep {

enum class Severity { kInfo, kLow, kMedium, kHigh, kCritical };

std::string_view severity_name(Severity s);
// Returns false when `name` is not one of info, low, medium, high, critical.
bool parse_severity(std::string_view name, Severity* out);

// How sure keysweep is that a finding is a live credential (README: "Confidence").
enum class Confidence { kLow, kMedium, kHigh };

std::string_view confidence_name(Confidence c);
// Returns false when `name` is not one of low, medium, high.
bool parse_confidence(std::string_view name, Confidence* out);

// Where a weak value (human-chosen: a word with digits, a value below the entropy floor) is
// still reported, at low confidence: never; in config and credential files; or in credential
// files only. Never under test or example paths (finding/placement.h).
enum class WeakValues { kNever, kConfig, kCredentialFiles };

// How the secret group is written: the reported secret is its decoding.
enum class Encoding { kNone, kBase64, kPercent };

std::string_view encoding_name(Encoding e);  // "", "base64", "percent"

struct RuleAllowlist {
  std::vector<std::string> regexes;    // RE2 on the secret: a match is never a secret
  std::vector<std::string> weak;       // RE2 on the secret: a match is a weak (human-chosen) value
  std::vector<std::string> stopwords;  // lower-case words: a secret made of them is a placeholder
  std::vector<std::string> names;      // RE2 on the `name` group: names that hold no credential
};

// One example or negative example: text as if it were the whole file at `path`.
struct RuleExample {
  std::string text;
  std::string path;        // "" = no path context (as standard input)
  std::string secret;      // examples only: the secret the finding must carry ("" = unchecked)
  std::string confidence;  // examples only: the confidence it must have ("" = unchecked)
};

struct Rule {
  std::string id;  // stable, kebab-case, unique
  std::string name;
  std::string provider;
  std::string description;
  Severity severity = Severity::kHigh;
  std::string pattern;  // one regex both Hyperscan and RE2 accept, fragments expanded
  std::vector<std::string> keywords;
  double min_entropy = 0.0;
  bool generic = false;  // also reject identifier-shaped values (UUIDs, digests, ...)
  Confidence confidence = Confidence::kHigh;  // before path context; generic rules default to medium
  WeakValues weak_values = WeakValues::kNever;
  Encoding encoding = Encoding::kNone;
  std::vector<std::string> paths;  // globs: the rule applies only to files matching one (empty: all)
  std::string block_end;           // multi-line blocks: the finding runs to the line holding this
  RuleAllowlist allowlist;
  std::vector<std::string> references;
  std::vector<RuleExample> examples;
  std::vector<RuleExample> negative_examples;
  std::string origin;  // "<file>:<line>" the rule was read from, for messages
};

}  // namespace keysweep
