// The decisions that depend on where a blob was found, made once its path is known: whether a
// rule applies there (its `paths`), whether a weak value counts there (credential and config
// files, never tests or examples), how sure the finding is (confidence), and then one finding
// per secret across rules. A history sweep scans each blob once without a path and places its
// findings at every path that blob is reported at.
#pragma once

#include <string_view>
#include <vector>

#include "keysweep/finding.h"
#include "rules/rule_database.h"

namespace keysweep {

// Drops the findings of one blob that do not hold at `path`, sets each survivor's confidence,
// and keeps one finding per secret (match/shadowing.h). `findings` must be in blob order (as
// the match stage produces them). Thread-safe.
// `dedupe` false keeps every rule's findings (rules check proves each rule alone).
void place_findings(const RuleDatabase& db, std::string_view path, std::vector<Finding>* findings,
                    bool dedupe = true);

// The confidence rule: a random-looking value gets its rule's confidence (provider formats high,
// generic names medium), a weak or trivial one low; under a test path, one level lower.
Confidence placed_confidence(const Rule& rule, ValueStrength strength, bool test_path);

}  // namespace keysweep
