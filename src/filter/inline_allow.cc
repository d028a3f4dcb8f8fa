// Inline allow markers, checked only around matches so a scan pays nothing for clean lines.
#include "filter/inline_allow.h"

#include <algorithm>

namespace keysweep {

bool has_allow_marker(std::string_view line) {
  for (std::string_view m : {"keysweep:allow", "gitleaks:allow", "pragma: allowlist secret"})
    if (line.find(m) != std::string_view::npos) return true;
  return false;
}

namespace {

// A marker on the line before counts only when that line is a comment of its own
// ("# keysweep:allow" above the secret); a marker trailing code there covers that code only.
bool is_comment_line(std::string_view line) {
  size_t i = line.find_first_not_of(" \t");
  if (i == std::string_view::npos) return false;
  line.remove_prefix(i);
  for (std::string_view c : {"#", "//", "/*", "*", "--", ";", "<!--", "%", "'", "REM ", "rem "})
    if (line.substr(0, c.size()) == c) return true;
  return false;
}

std::string_view line_at(std::string_view blob, size_t pos, size_t* start) {
  size_t b = blob.rfind('\n', pos == 0 ? 0 : pos - 1);
  b = (b == std::string_view::npos || pos == 0) ? 0 : b + 1;
  if (pos > 0 && blob[pos - 1] == '\n') b = pos;
  size_t e = blob.find('\n', pos);
  if (e == std::string_view::npos) e = blob.size();
  *start = b;
  return blob.substr(b, e - b);
}

}  // namespace

void drop_inline_allowed(std::string_view blob, std::vector<Match>* matches) {
  matches->erase(std::remove_if(matches->begin(), matches->end(),
                                [&](const Match& m) {
                                  size_t start;
                                  if (has_allow_marker(line_at(blob, m.match_start, &start))) return true;
                                  if (start == 0) return false;
                                  size_t prev;
                                  std::string_view before = line_at(blob, start - 1, &prev);
                                  return is_comment_line(before) && has_allow_marker(before);
                                }),
                 matches->end());
}

}  // namespace keysweep
