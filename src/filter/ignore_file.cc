// Loading and applying .keysweepignore.
#include "filter/ignore_file.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "keysweep/error.h"
#include "util/glob.h"

namespace keysweep {

IgnoreFile IgnoreFile::load(const std::string& path, bool optional) {
  IgnoreFile f;
  f.path_ = path;
  std::ifstream in(path);
  if (!in) {
    if (optional) return f;
    throw Error(path, "cannot read ignore file");
  }
  std::string line;
  for (size_t no = 1; std::getline(in, line); ++no) {
    size_t hash = line.find('#');
    if (hash != std::string::npos) line.resize(hash);
    std::istringstream words(line);
    Entry e;
    e.line = no;
    if (!(words >> e.fingerprint)) continue;
    words >> e.glob;
    std::string extra;
    bool hex = e.fingerprint.size() == 40 && std::all_of(e.fingerprint.begin(), e.fingerprint.end(), [](char c) {
                 return std::isdigit(static_cast<unsigned char>(c)) || (c >= 'a' && c <= 'f');
               });
    if (!hex)
      throw Error(path + ":" + std::to_string(no),
                  "'" + e.fingerprint + "' is not a finding fingerprint (40 lower-case hex digits, as in JSON output)");
    if (words >> extra) throw Error(path + ":" + std::to_string(no), "expected '<fingerprint> [path-glob]', found more");
    f.entries_.push_back(std::move(e));
  }
  return f;
}

void IgnoreFile::apply(std::vector<Finding>* findings) {
  if (entries_.empty()) return;
  findings->erase(std::remove_if(findings->begin(), findings->end(),
                                 [&](const Finding& fi) {
                                   bool ignored = false;
                                   for (Entry& e : entries_) {
                                     if (e.fingerprint == fi.fingerprint && (e.glob.empty() || glob_match(e.glob, fi.path))) {
                                       e.used = true;
                                       ignored = true;
                                     }
                                   }
                                   return ignored;
                                 }),
                  findings->end());
}

std::vector<std::string> IgnoreFile::stale() const {
  std::vector<std::string> out;
  for (const Entry& e : entries_)
    if (!e.used) out.push_back(path_ + ":" + std::to_string(e.line) + ": " + e.fingerprint + (e.glob.empty() ? "" : " " + e.glob));
  return out;
}

}  // namespace keysweep
