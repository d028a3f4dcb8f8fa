// Which rules a command runs with: built-in, replaced (--rules) or extended (--add-rules).
#include "app/rule_source.h"

namespace keysweep::app {

std::vector<RuleText> rule_texts(const RuleSource& src) {
  std::vector<RuleText> texts;
  if (src.replace.empty()) {
    texts = builtin_rule_texts();
  } else {
    for (const auto& p : src.replace) {
      auto more = read_rule_texts(p);
      texts.insert(texts.end(), more.begin(), more.end());
    }
  }
  for (const auto& p : src.add) {
    auto more = read_rule_texts(p);
    texts.insert(texts.end(), more.begin(), more.end());
  }
  // Replacement rules may still use the shared fragments and allowlists.
  return with_builtin_shared(std::move(texts));
}

std::vector<Rule> load_rules(const RuleSource& src) {
  std::vector<Rule> rules = parse_rule_texts(rule_texts(src));
  check_unique_ids(rules);
  return rules;
}

}  // namespace keysweep::app
