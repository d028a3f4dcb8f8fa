// `keysweep rules check`: proves every rule's examples in both engines.
#pragma once

#include <string>
#include <vector>

#include "keysweep/rule.h"

namespace keysweep {

struct RuleCheckFailure {
  std::string rule_id;
  std::string origin;  // file:line of the rule
  std::string message;
};

struct RuleCheckReport {
  size_t rules = 0;
  size_t examples = 0;
  size_t negative_examples = 0;
  std::vector<RuleCheckFailure> failures;
};

// For each rule: the pattern compiles in Hyperscan and in RE2 with a bounded width; it has a
// name, references, examples and negative examples; every example contains a keyword and yields
// a finding of this rule through the full engine (Hyperscan → RE2 → filters), and RE2 alone
// over the whole example finds exactly the same secrets; no negative example yields one.
// Never throws for a bad rule: each problem is a failure in the report.
RuleCheckReport check_rules(const std::vector<Rule>& rules);

}  // namespace keysweep
