// Which env-rule languages a file may be written in, from its path alone, so files no rule
// applies to are never read.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "envvars/env_rule.h"

namespace keysweep {

class LanguageClassifier {
 public:
  explicit LanguageClassifier(const std::vector<EnvLanguage>& languages);

  // Indexes of the languages with a glob matching `path`, most specific first: the glob with the
  // most literal characters wins (`docker-compose*.yml` before `*.yml`); on a tie a language with
  // a detect regex comes first, then the one loaded first. Globs match case-insensitively, on the
  // base name, or on the path's last components when they contain '/'. Thread-safe.
  std::vector<uint32_t> candidates(std::string_view path) const;

 private:
  struct Glob {
    uint32_t language;
    std::string pattern;  // lower-case
    int literal;          // characters that are not wildcards
    int components;       // path components the glob spans (1: base name only)
  };
  std::unordered_map<std::string, std::vector<Glob>> by_extension_;  // "*.ext" globs, keyed ".ext"
  std::vector<Glob> others_;
  std::vector<bool> has_detect_;
};

}  // namespace keysweep
