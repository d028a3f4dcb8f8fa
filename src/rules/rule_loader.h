// Reads rules from TOML: the files embedded in the binary, a file, or a folder of files.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <map>

#include "keysweep/rule.h"
#include "rules/fragments.h"

namespace keysweep {

// What rule files share by name: pattern fragments ([fragments]) and allowlists
// ([allowlists.NAME], used by a rule as allowlist.use = ["NAME"]). Collected from every file
// before any rule is read.
struct RuleShared {
  FragmentTable fragments;
  std::map<std::string, RuleAllowlist> allowlists;
};

// Parses one TOML document holding `[[rules]]` tables (and the [fragments] and [allowlists]
// they use). `origin` names it in messages. Throws Error("<origin>:<line>", what) on malformed
// TOML, unknown keys, wrong types, missing required fields, a bad severity, or an unknown
// fragment or allowlist.
std::vector<Rule> parse_rules(std::string_view toml_text, const std::string& origin);

// One rule file's text, before parsing.
struct RuleText {
  std::string origin;  // names the file in messages
  std::string text;
  std::string digest;  // SHA-256 of text in hex, when known in advance (built-in files)
};

// Reads a .toml file, or every *.toml file in a folder (sorted by name, not recursive).
// Throws Error(path, ...) when the path is missing or unreadable, or holds no rule files.
std::vector<RuleText> read_rule_texts(const std::string& path);

// The rule files compiled into the binary: the shared file (rules/shared.toml: fragments and
// allowlists, no rules) first, then provider files, and the shape files (jwt, private keys, URL
// credentials, generic) last, so provider rules win ties in the dedupe.
std::vector<RuleText> builtin_rule_texts();

// rules/shared.toml alone: rule files given with --rules may use its fragments and allowlists.
RuleText builtin_shared_text();

// Parses each text in order and concatenates the rules; fragments and allowlists defined in
// any of the texts are visible to all of them (a name defined twice is an error).
std::vector<Rule> parse_rule_texts(const std::vector<RuleText>& texts);

// `texts` with builtin_shared_text() in front, unless one of them already is that file.
std::vector<RuleText> with_builtin_shared(std::vector<RuleText> texts);

// read_rule_texts + with_builtin_shared + parse_rule_texts.
std::vector<Rule> load_rules_from_path(const std::string& path);

// parse_rule_texts(builtin_rule_texts()).
std::vector<Rule> builtin_rules();

// Throws Error(origin, "duplicate rule id ...") when two rules share an id.
void check_unique_ids(const std::vector<Rule>& rules);

}  // namespace keysweep
