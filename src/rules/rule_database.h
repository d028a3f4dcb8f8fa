// The rules compiled for matching: one Hyperscan block-mode database holding every pattern, and
// one RE2 per rule (built on first use) that confirms a hit and extracts the secret.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <hs/hs.h>
#include <re2/re2.h>

#include "keysweep/rule.h"
#include "rules/rule_cache.h"
#include "rules/rule_loader.h"

namespace keysweep {

// Widest match a rule may have; patterns that could match more are rejected at load time so the
// RE2 confirmation window around a hit is always bounded.
constexpr uint32_t kMaxPatternWidth = 8192;
// Largest RE2 program a rule may compile to. Past this, capture extraction falls back to RE2's
// NFA over a huge program and one confirmation can take longer than scanning megabytes.
constexpr int kMaxRe2ProgramSize = 25000;

// Checks one pattern on its own: it compiles in RE2 (byte mode) within kMaxRe2ProgramSize, and
// Hyperscan analyses it with a longest match of at most kMaxPatternWidth bytes; with
// `compile_hyperscan` it is also compiled alone in Hyperscan (slower; `rules check` wants it).
// Returns "" when usable (and the width in `*width`, if given), else the problem, e.g.
// "pattern does not compile in RE2: ...". Thread-safe.
std::string pattern_problem(const std::string& pattern, bool compile_hyperscan, uint32_t* width = nullptr);

// Checks a rule's allowlist regexes compile in RE2 and its keys go together. Returns "" when
// usable, else the problem.
std::string allowlist_problem(const Rule& r);

struct DatabaseOptions {
  // Also report where runs of 32 or more base64 symbols end (Matcher::base64_run_ends), in the
  // same Hyperscan pass, so encoded secrets can be decoded and scanned (match/encoded.h).
  bool base64_runs = false;
};

class RuleDatabase {
 public:
  using Options = DatabaseOptions;
  // Compiles `rules`, or loads the compiled database from the cache when the same rules were
  // compiled before by the same Hyperscan on the same CPU. Throws Error naming the rule id when a
  // pattern does not compile in Hyperscan or RE2, has no bounded width, or when ids repeat.
  static std::unique_ptr<RuleDatabase> build(std::vector<Rule> rules, const CacheOptions& cache,
                                             Options options = {});
  // The same from rule files' text, with base64 runs detected (the secret scan's database). The
  // cache is keyed by the texts' digests, so a warm start neither parses TOML nor compiles
  // patterns. Throws Error as parse_rules() and build() do.
  static std::unique_ptr<RuleDatabase> build_from_texts(const std::vector<RuleText>& texts,
                                                        const CacheOptions& cache);
  ~RuleDatabase();

  const std::vector<Rule>& rules() const { return rules_; }
  const Rule& rule(uint32_t i) const { return rules_[i]; }
  const hs_database_t* hyperscan() const { return db_; }
  // Longest match of rule i's pattern, in bytes.
  uint32_t max_width(uint32_t i) const { return widths_[i]; }
  // RE2 for rule i, compiled on first call. Thread-safe.
  const RE2& re2(uint32_t i) const;
  // Index of the capture group holding the secret (named `secret`, else 1, else 0 = whole match).
  int secret_group(uint32_t i) const;
  // Rule i's allowlist regexes (never a secret), weak regexes (human-chosen values) and name
  // regexes (names that hold no credential), compiled on first use. Thread-safe.
  const std::vector<std::unique_ptr<RE2>>& allow_regexes(uint32_t i) const;
  const std::vector<std::unique_ptr<RE2>>& weak_regexes(uint32_t i) const;
  const std::vector<std::unique_ptr<RE2>>& name_regexes(uint32_t i) const;
  // Index of the capture group named `name` (the key a generic rule matched), or -1.
  int name_group(uint32_t i) const;
  // Rule i's block_end pattern (rules with a block_end only). Thread-safe.
  const RE2& block_end_regex(uint32_t i) const;
  bool detects_base64_runs() const { return options_.base64_runs; }
  bool loaded_from_cache() const { return from_cache_; }

 private:
  struct Lazy {
    std::once_flag once;
    std::unique_ptr<RE2> re;
    int group = 0;
    int name_group = -1;
    std::vector<std::unique_ptr<RE2>> allow, weak, names;
    std::unique_ptr<RE2> block_end;
  };
  RuleDatabase() = default;
  void compile_lazy(uint32_t i) const;
  // Loads the cache entry at `path` into this database; false on a miss. A damaged entry is a
  // miss, noted in `*damaged`.
  bool adopt_cache(const std::string& path, bool* damaged);
  // Validates and compiles rules_, then stores them under `path` (if non-empty); reports a
  // damaged entry or a failed write through `cache.warnings`.
  void compile_and_store(const std::string& path, bool damaged, const CacheOptions& cache);

  std::vector<Rule> rules_;
  std::vector<uint32_t> widths_;
  hs_database_t* db_ = nullptr;
  mutable std::unique_ptr<Lazy[]> lazy_;
  bool from_cache_ = false;
  Options options_;
};

// The base64-run detector's Hyperscan expression: 32+ symbols of one alphabet, optional padding,
// then a byte that cannot continue the run (or the end). Each run reports once, at its end.
extern const char* const kBase64RunPattern;

// RE2 options that make RE2 see bytes the way Hyperscan (without HS_FLAG_UTF8) does.
RE2::Options byte_regex_options();

}  // namespace keysweep
