// Reads environment-variable rules from TOML: the rules/env/*.toml files embedded in the binary,
// a file, or a folder of files. The format is described in rules/env/README.md.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "envvars/env_rule.h"
#include "rules/rule_loader.h"

namespace keysweep {

// Parses one TOML document holding [[languages]] and [[rules]] tables, appending to `*set`.
// `origin` names it in messages. Throws Error("<origin>:<line>", what) on malformed TOML, unknown
// keys, wrong types, missing fields, a bad kind or block, or a helper regex RE2 rejects.
void parse_env_rules(std::string_view toml_text, const std::string& origin, EnvRuleSet* set);

// The rules/env/*.toml files compiled into the binary, sorted by name.
std::vector<RuleText> builtin_env_rule_texts();

// Parses every text in order, then checks the whole set: rule ids and language names are unique,
// every rule names known languages. Throws Error as parse_env_rules() does, or
// Error(rule origin, ...) for a set-level problem.
EnvRuleSet parse_env_rule_texts(const std::vector<RuleText>& texts);

// parse_env_rule_texts(builtin_env_rule_texts()).
EnvRuleSet builtin_env_rules();

}  // namespace keysweep
