// The match stage shared by every pipeline: one blob in, its findings out (Hyperscan, RE2,
// value filters, decoded base64, inline allow markers, line and column, placement).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "keysweep/finding.h"
#include "match/matcher.h"
#include "rules/rule_database.h"

namespace keysweep {

// Not thread-safe: one per worker (it owns a Matcher and its scratch).
class BlobScanner {
 public:
  explicit BlobScanner(const RuleDatabase& db) : db_(db), matcher_(db, Matcher::Options{.dedupe = false}) {}
  // Appends the findings in `bytes`, reported under `path` and placed there
  // (finding/placement.h).
  void scan(std::string_view bytes, const std::string& path, std::vector<Finding>* out);
  // Appends every candidate finding in `bytes`, before placement: for a blob whose paths are
  // not known yet (history sweeps); call place_findings() per path later.
  void scan_unplaced(std::string_view bytes, std::vector<Finding>* out);

 private:
  const RuleDatabase& db_;
  Matcher matcher_;
  std::vector<Match> matches_;
};

}  // namespace keysweep
