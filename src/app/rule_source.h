// Loads the rules a command runs with.
#pragma once

#include <vector>

#include "app/commands.h"
#include "keysweep/rule.h"
#include "rules/rule_loader.h"

namespace keysweep::app {

// The rule files in force: built-in unless `src.replace` names files; plus `src.add`. Throws
// Error on a missing or unreadable path.
std::vector<RuleText> rule_texts(const RuleSource& src);

// rule_texts() parsed. Throws Error on bad files or duplicate ids.
std::vector<Rule> load_rules(const RuleSource& src);

}  // namespace keysweep::app
