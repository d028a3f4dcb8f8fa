// .keysweepignore: findings accepted by the team, one content fingerprint per line, optionally
// scoped to a path glob. Fingerprints hash rule id and secret, so entries survive rebases,
// squashes and moved lines, and a different secret on the same line is still reported.
#pragma once

#include <string>
#include <vector>

#include "keysweep/finding.h"

namespace keysweep {

class IgnoreFile {
 public:
  // Reads `path`. Lines: `<fingerprint> [path-glob]`, `#` comments, blank lines. Throws
  // Error("<path>:<line>", ...) for a line that is not a 40-hex fingerprint. A missing file is
  // an empty ignore list only when `optional`.
  static IgnoreFile load(const std::string& path, bool optional);

  // Removes ignored findings and remembers which entries matched.
  void apply(std::vector<Finding>* findings);
  // Entries that matched nothing in the last apply(): "<path>:<line>: <fingerprint> [glob]".
  std::vector<std::string> stale() const;
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::string fingerprint, glob;
    size_t line = 0;
    bool used = false;
  };
  std::string path_;
  std::vector<Entry> entries_;
};

}  // namespace keysweep
