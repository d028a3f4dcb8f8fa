// Fragment expansion for rule patterns: textual, before either engine sees the pattern, so
// Hyperscan and RE2 compile exactly the same regex and the rule cache key (the files' text)
// covers every expansion.
#include "rules/fragments.h"

#include <vector>

#include "keysweep/error.h"

namespace keysweep {
namespace {

bool name_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

void expand(const std::string& pattern, const FragmentTable& fragments, const std::string& where,
            std::vector<std::string>* stack, std::string* out) {
  size_t i = 0;
  while (i < pattern.size()) {
    // An escaped character is copied with its backslash, so "\(?&x)" stays literal text.
    if (pattern[i] == '\\' && i + 1 < pattern.size()) {
      out->append(pattern, i, 2);
      i += 2;
      continue;
    }
    if (pattern.compare(i, 3, "(?&") != 0) {
      out->push_back(pattern[i++]);
      continue;
    }
    size_t j = i + 3;
    while (j < pattern.size() && name_char(pattern[j])) ++j;
    if (j == i + 3 || j >= pattern.size() || pattern[j] != ')')
      throw Error(where, "malformed fragment reference at '" + pattern.substr(i, 24) + "' (expected (?&name))");
    std::string name = pattern.substr(i + 3, j - i - 3);
    auto it = fragments.find(name);
    if (it == fragments.end()) throw Error(where, "unknown fragment '" + name + "'");
    for (const auto& s : *stack)
      if (s == name) throw Error(where, "fragment '" + name + "' refers to itself (defined at " + it->second.where + ")");
    stack->push_back(name);
    out->append("(?:");
    expand(it->second.text, fragments, where, stack, out);
    out->push_back(')');
    stack->pop_back();
    i = j + 1;
  }
}

}  // namespace

std::string expand_fragments(const std::string& pattern, const FragmentTable& fragments, const std::string& where) {
  std::string out;
  std::vector<std::string> stack;
  expand(pattern, fragments, where, &stack, &out);
  return out;
}

}  // namespace keysweep
