// Reads rules from TOML: the files embedded in the binary, a file, or a folder of files.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "keysweep/rule.h"

namespace keysweep {

// Parses one TOML document holding `[[rules]]` tables. `origin` names it in messages.
// Throws Error("<origin>:<line>", what) on malformed TOML, unknown keys, wrong types, missing
// required fields or a bad severity.
std::vector<Rule> parse_rules(std::string_view toml_text, const std::string& origin);

// Loads a .toml file, or every *.toml file in a folder (sorted by name, not recursive).
// Throws Error(path, ...) when the path is missing or unreadable, or holds no rule files.
std::vector<Rule> load_rules_from_path(const std::string& path);

// The rules compiled into the binary from rules/*.toml.
std::vector<Rule> builtin_rules();

// Throws Error(origin, "duplicate rule id ...") when two rules share an id.
void check_unique_ids(const std::vector<Rule>& rules);

}  // namespace keysweep
