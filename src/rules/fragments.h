// Named pattern fragments: rule files define a piece of regex once ([fragments] name = '...')
// and patterns reference it as (?&name), so a shared vocabulary is one line to change.
#pragma once

#include <map>
#include <string>

namespace keysweep {

struct Fragment {
  std::string text;   // regex text, may itself reference other fragments
  std::string where;  // "<file>:<line>" of its definition
};

using FragmentTable = std::map<std::string, Fragment>;

// Replaces every (?&name) in `pattern` with (?:<fragment text>), recursively. Throws
// Error(where, ...) for an unknown name or a fragment that references itself (directly or not).
// `where` names the rule for messages.
std::string expand_fragments(const std::string& pattern, const FragmentTable& fragments, const std::string& where);

}  // namespace keysweep
