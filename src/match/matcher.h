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
  // With `dedupe` false every rule reports its own matches, as `rules check` needs.
  explicit Matcher(const RuleDatabase& db, bool dedupe = true);
  ~Matcher();
  Matcher(const Matcher&) = delete;
  Matcher& operator=(const Matcher&) = delete;

  // Finds every secret in `blob`. Replaces `*out` with the matches, sorted by start offset then
  // rule, one per secret: where rules overlap, a provider rule shadows a generic one, and of
  // two rules reporting the same span the one with the longer whole match (then the one loaded
  // first) is kept. Rejected candidates (entropy, placeholders, allowlists) are dropped; with `rejected`
  // non-null they are appended there instead, for `rules check` diagnostics.
  void scan(std::string_view blob, std::vector<Match>* out, std::vector<Match>* rejected = nullptr);

 private:
  const RuleDatabase& db_;
  bool dedupe_;
  hs_scratch_t* scratch_ = nullptr;
  std::vector<Hit> hits_;
};

// RE2 only, over the whole blob, for one rule: what the Hyperscan path must agree with.
// Applies the same value filters. Slow; for `rules check` and tests.
std::vector<Match> re2_only_matches(const RuleDatabase& db, uint32_t rule, std::string_view blob);

}  // namespace keysweep
