// Git's raw tree format, parsed by our own code (the history walk reads trees straight out of
// packs): "<octal mode> <name>\0<20-byte id>" repeated, entries sorted in git's order.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <git2.h>

namespace keysweep {

struct TreeEntry {
  std::string_view name;  // points into the raw tree
  git_oid oid;
  git_object_t kind;  // GIT_OBJECT_TREE, GIT_OBJECT_COMMIT (a submodule) or GIT_OBJECT_BLOB
};

// Parses `raw` into `*out`. Returns false when an entry is cut short or its mode is not octal;
// never reads outside `raw`. Names are not judged here: see display_entry_name().
bool parse_tree(std::string_view raw, std::vector<TreeEntry>* out);

// Git sorts tree entries by name, with a folder's name compared as if it ended in '/'.
int tree_order(const TreeEntry& a, const TreeEntry& b);

// The name as one path segment of a report: git never writes a name that is empty, ".", ".." or
// holds a '/', but a crafted tree can, and printed raw it would pose as another path ("../x",
// "a/b" at the wrong depth). Such names come back with those characters written as \x2f, \x2e
// (and an empty name as \x00), so the path stays one unambiguous segment; others unchanged.
std::string display_entry_name(std::string_view name);

}  // namespace keysweep
