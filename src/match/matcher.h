// The match stage: one Hyperscan pass over a blob for all rules, then RE2 confirmation of each
// hit on a bounded window, secret extraction, and the value filters.
#pragma once

#include <string_view>
#include <vector>

#include <hs/hs.h>

#include "keysweep/finding.h"
#include "rules/rule_database.h"

namespace keysweep {

// A Hyperscan report: rule `rule` has a match ending at byte `end`.
struct Hit {
  uint32_t rule;
  uint64_t end;
};

// Not thread-safe: each worker owns one (it holds Hyperscan scratch). Cheap to scan with,
// costly to create.
class Matcher {
 public:
  struct Options {
    bool dedupe = true;         // false: every rule reports its own matches (`rules check`)
    bool value_filters = true;  // false: keep every RE2 match (non-secret uses of the engine)
  };
  explicit Matcher(const RuleDatabase& db) : Matcher(db, Options{}) {}
  Matcher(const RuleDatabase& db, Options options);
  ~Matcher();
  Matcher(const Matcher&) = delete;
  Matcher& operator=(const Matcher&) = delete;

  // Finds every secret in `blob`. Replaces `*out` with the matches, sorted by start offset then
  // rule. With Options::dedupe, one per secret (match/shadowing.h); scans that decide by path
  // later dedupe after that (finding/placement.h). Weak and trivial values are kept, marked, for
  // rules that accept them somewhere (weak_values). Rejected candidates (placeholders,
  // identifiers, allowlists) are dropped; with `rejected` non-null they are appended there
  // instead, for `rules check` diagnostics.
  void scan(std::string_view blob, std::vector<Match>* out, std::vector<Match>* rejected = nullptr);

  // Where base64 runs ended in the last scan() (sorted byte offsets just past each run's
  // terminator), when the database detects them (RuleDatabase::Options::base64_runs).
  const std::vector<uint64_t>& base64_run_ends() const { return runs_; }

 private:
  const RuleDatabase& db_;
  Options options_;
  hs_scratch_t* scratch_ = nullptr;
  std::vector<Hit> hits_;
  std::vector<uint64_t> runs_;
};

// Runs rule `rule`'s RE2 over blob[begin, end) (the whole blob is context for \b and ^),
// appending every non-overlapping match: decoded per the rule's encoding, classified by the value
// filters (when `filter`), extended to the block end for block rules. Matches the filters drop go
// to `rejected` when non-null. Thread-safe.
void extract_matches(const RuleDatabase& db, uint32_t rule, std::string_view blob, size_t begin, size_t end,
                     bool filter, std::vector<Match>* out, std::vector<Match>* rejected);

// RE2 only, over the whole blob, for one rule: what the Hyperscan path must agree with.
// Applies the same value filters. Slow; for `rules check` and tests.
std::vector<Match> re2_only_matches(const RuleDatabase& db, uint32_t rule, std::string_view blob);

}  // namespace keysweep
