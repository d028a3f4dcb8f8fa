// Which rules a command runs with: built-in, replaced (--rules) or extended (--add-rules).
#include <vector>

#include "app/commands.h"
#include "app/rule_source.h"
#include "rules/rule_loader.h"

namespace keysweep::app {

std::vector<Rule> load_rules(const RuleSource& src) {
  std::vector<Rule> rules;
  if (src.replace.empty()) {
    rules = builtin_rules();
  } else {
    for (const auto& p : src.replace) {
      auto more = load_rules_from_path(p);
      rules.insert(rules.end(), more.begin(), more.end());
    }
  }
  for (const auto& p : src.add) {
    auto more = load_rules_from_path(p);
    rules.insert(rules.end(), more.begin(), more.end());
  }
  check_unique_ids(rules);
  return rules;
}

}  // namespace keysweep::app
