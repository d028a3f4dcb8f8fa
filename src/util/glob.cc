// A small glob matcher for allowlist and ignore-file paths.
#include "util/glob.h"

#include <string>

namespace keysweep {
namespace {

bool match_here(std::string_view p, std::string_view s) {
  while (!p.empty()) {
    if (p.substr(0, 2) == "**") {
      p.remove_prefix(2);
      if (!p.empty() && p[0] == '/') {
        // "**/" matches zero or more whole segments.
        std::string_view rest = p.substr(1);
        for (size_t i = 0;; ++i) {
          if ((i == 0 || s[i - 1] == '/') && match_here(rest, s.substr(i))) return true;
          if (i == s.size()) return false;
        }
      }
      for (size_t i = 0; i <= s.size(); ++i)
        if (match_here(p, s.substr(i))) return true;
      return false;
    }
    if (p[0] == '*') {
      p.remove_prefix(1);
      for (size_t i = 0; i <= s.size(); ++i) {
        if (match_here(p, s.substr(i))) return true;
        if (i < s.size() && s[i] == '/') return false;
      }
      return false;
    }
    if (s.empty()) return false;
    if (p[0] != '?' ? p[0] != s[0] : s[0] == '/') return false;
    p.remove_prefix(1);
    s.remove_prefix(1);
  }
  return s.empty();
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  if (pattern.substr(0, 2) == "./") pattern.remove_prefix(2);
  bool anchored = !pattern.empty() && pattern[0] == '/';
  if (anchored) pattern.remove_prefix(1);
  bool dir_only = !pattern.empty() && pattern.back() == '/';
  if (dir_only) pattern.remove_suffix(1);
  if (pattern.empty()) return false;
  // As in .gitignore: a pattern with no inner slash matches at any depth.
  std::string p;
  if (!anchored && pattern.find('/') == std::string_view::npos) p = "**/";
  p += pattern;
  if (dir_only) p += "/**";
  return match_here(p, path);
}

}  // namespace keysweep
