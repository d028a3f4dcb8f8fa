// The suppressions a team configures, applied to findings after the scan, one reason each:
// disabled rules, allowlisted paths and values (.keysweep.toml), accepted fingerprints
// (.keysweepignore) and an earlier report (--baseline).
#pragma once

#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include <re2/re2.h>

#include "config/config.h"
#include "filter/ignore_file.h"
#include "keysweep/finding.h"

namespace keysweep {

class FindingFilter {
 public:
  // `known_rules` are the ids in force: a disabled id not among them is an error naming the
  // config line (a typo would otherwise silently keep the rule on). `ignore_path` may not exist.
  FindingFilter(const Config& config, const std::unordered_set<std::string>& known_rules,
                const std::string& ignore_path, const std::string& baseline_path);

  // Drops suppressed findings. The baseline is applied last, so `before_baseline` (if non-null)
  // receives what a new baseline should hold.
  void apply(std::vector<Finding>* findings, std::vector<Finding>* before_baseline = nullptr);
  std::vector<std::string> stale_ignores() const { return ignore_.stale(); }

 private:
  std::unordered_set<std::string> disabled_;
  std::vector<std::string> allow_paths_;
  std::vector<std::unique_ptr<RE2>> allow_values_;
  IgnoreFile ignore_;
  std::unordered_set<std::string> baseline_;
};

}  // namespace keysweep
