// Applies configured suppressions to findings.
#include "filter/finding_filter.h"

#include <algorithm>

#include "filter/baseline.h"
#include "keysweep/error.h"
#include "util/glob.h"

namespace keysweep {

FindingFilter::FindingFilter(const Config& config, const std::unordered_set<std::string>& known_rules,
                             const std::string& ignore_path, const std::string& baseline_path)
    : allow_paths_(config.allow_paths), ignore_(IgnoreFile::load(ignore_path, /*optional=*/true)) {
  for (const ConfigValue& d : config.disabled_rules) {
    if (!known_rules.count(d.value)) throw Error(d.where, "unknown rule id '" + d.value + "' in [rules] disable");
    disabled_.insert(d.value);
  }
  for (const auto& v : config.allow_values) allow_values_.push_back(std::make_unique<RE2>(v));
  if (!baseline_path.empty()) baseline_ = load_baseline(baseline_path);
}

void FindingFilter::apply(std::vector<Finding>* findings, std::vector<Finding>* before_baseline) {
  findings->erase(std::remove_if(findings->begin(), findings->end(),
                                 [&](const Finding& f) {
                                   if (disabled_.count(f.rule->id)) return true;
                                   for (const auto& g : allow_paths_)
                                     if (glob_match(g, f.path)) return true;
                                   for (const auto& re : allow_values_)
                                     if (RE2::PartialMatch(f.secret, *re)) return true;
                                   return false;
                                 }),
                  findings->end());
  ignore_.apply(findings);
  if (before_baseline) *before_baseline = *findings;
  drop_baselined(baseline_, findings);
}

}  // namespace keysweep
