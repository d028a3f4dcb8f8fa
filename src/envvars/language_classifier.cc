// Glob matching for env-rule languages. Most globs are "*.ext", so those go in a hash map keyed by
// extension and a path costs a few lookups; only the rest go through fnmatch.
#include "envvars/language_classifier.h"

#include <fnmatch.h>

#include <algorithm>

namespace keysweep {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return out;
}

bool is_wildcard(char c) { return c == '*' || c == '?' || c == '[' || c == ']'; }

// The last `n` '/'-separated components of `path`.
std::string_view tail_components(std::string_view path, int n) {
  size_t pos = path.size();
  for (int i = 0; i < n; ++i) {
    size_t slash = pos == 0 ? std::string_view::npos : path.rfind('/', pos - 1);
    if (slash == std::string_view::npos) return path;
    pos = slash;
  }
  return path.substr(pos + 1);
}

}  // namespace

LanguageClassifier::LanguageClassifier(const std::vector<EnvLanguage>& languages) {
  for (uint32_t i = 0; i < languages.size(); ++i) {
    has_detect_.push_back(!languages[i].detect.empty());
    for (const std::string& g : languages[i].files) {
      Glob glob{i, lower(g), 0, 1 + int(std::count(g.begin(), g.end(), '/'))};
      glob.literal = int(std::count_if(g.begin(), g.end(), [](char c) { return !is_wildcard(c); }));
      bool simple_ext = g.size() > 2 && g[0] == '*' && g[1] == '.' && glob.components == 1 &&
                        std::none_of(g.begin() + 1, g.end(), is_wildcard);
      if (simple_ext)
        by_extension_[glob.pattern.substr(1)].push_back(glob);
      else
        others_.push_back(glob);
    }
  }
}

std::vector<uint32_t> LanguageClassifier::candidates(std::string_view path) const {
  std::string p = lower(path);
  size_t slash = p.rfind('/');
  std::string_view base = slash == std::string::npos ? std::string_view(p) : std::string_view(p).substr(slash + 1);
  std::vector<std::pair<int, uint32_t>> found;  // (literal, language)
  for (size_t dot = base.find('.'); dot != std::string_view::npos; dot = base.find('.', dot + 1)) {
    auto it = by_extension_.find(std::string(base.substr(dot)));
    if (it == by_extension_.end()) continue;
    for (const Glob& g : it->second) found.push_back({g.literal, g.language});
  }
  for (const Glob& g : others_) {
    std::string subject(g.components == 1 ? base : tail_components(p, g.components));
    if (fnmatch(g.pattern.c_str(), subject.c_str(), g.components > 1 ? FNM_PATHNAME : 0) == 0)
      found.push_back({g.literal, g.language});
  }
  std::sort(found.begin(), found.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first > b.first;
    if (has_detect_[a.second] != has_detect_[b.second]) return bool(has_detect_[a.second]);
    return a.second < b.second;
  });
  std::vector<uint32_t> out;
  for (const auto& f : found)
    if (std::find(out.begin(), out.end(), f.second) == out.end()) out.push_back(f.second);
  return out;
}

}  // namespace keysweep
