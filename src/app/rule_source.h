// Loads the rules a command runs with.
#pragma once

#include <vector>

#include "app/commands.h"
#include "keysweep/rule.h"

namespace keysweep::app {

// Built-in rules unless `src.replace` names files; plus `src.add`. Throws Error on bad files or
// duplicate ids.
std::vector<Rule> load_rules(const RuleSource& src);

}  // namespace keysweep::app
