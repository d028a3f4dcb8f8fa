// Env rules are tested data, like the secret rules: this proves each rule's examples through the
// same engine `keysweep env` uses.
#pragma once

#include <string>
#include <vector>

#include "envvars/env_rule.h"

namespace keysweep {

struct EnvRuleCheckFailure {
  std::string rule_id;  // "" for a failure of the whole set
  std::string origin;   // file:line of the rule
  std::string message;
};

struct EnvRuleCheckReport {
  size_t rules = 0;
  size_t examples = 0;
  size_t negative_examples = 0;
  std::vector<EnvRuleCheckFailure> failures;
};

// For each rule: it has a name, examples and negative examples; each example, read as a file of
// each of the rule's languages (with all of that language's rules, so writes and locals act),
// yields a result of this rule (a reference, definition, dynamic read, write or local), and RE2
// alone over the example finds the same matches as Hyperscan; no negative example yields any.
// Never throws: a set that does not compile is one failure.
EnvRuleCheckReport check_env_rules(const EnvRuleSet& set);

}  // namespace keysweep
