// Where working-tree blobs come from: the files under each root, in a stable order, minus what
// .gitignore excludes, with every file we will not scan recorded as a skip.
#pragma once

#include <string>
#include <vector>

#include "keysweep/skip.h"

namespace keysweep {

struct FileRef {
  std::string fs_path;       // what to open
  std::string display_path;  // what reports show: relative to the scanned root
};

struct WalkResult {
  std::vector<FileRef> files;  // sorted by display path
  std::vector<Skip> skips;
};

// Lists the regular files under `roots` (files or directories). Inside a git work tree, paths
// git ignores are left out unless `no_ignore`. Never follows a symlink; a symlink to a file in
// the tree is left out (its target is listed at its own path), one that dangles or leaves the
// tree is a skip. `.git` is a skip. Throws Error(root, ...) when a root does not exist or is an
// unreadable directory; anything unreadable below a root is a skip.
WalkResult walk_roots(const std::vector<std::string>& roots, bool no_ignore);

}  // namespace keysweep
