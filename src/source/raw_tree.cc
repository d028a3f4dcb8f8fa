// Raw tree parsing for the history walk: bounds-checked, since trees come from repositories we do
// not control.
#include "source/raw_tree.h"

#include <algorithm>
#include <cstring>

namespace keysweep {

bool parse_tree(std::string_view raw, std::vector<TreeEntry>* out) {
  out->clear();
  size_t pos = 0;
  while (pos < raw.size()) {
    size_t sp = raw.find(' ', pos);
    size_t nul = sp == std::string_view::npos ? sp : raw.find('\0', sp);
    if (nul == std::string_view::npos || nul + 1 + GIT_OID_RAWSZ > raw.size() || sp == pos || sp - pos > 7) return false;
    unsigned mode = 0;
    for (size_t i = pos; i < sp; ++i) {
      if (raw[i] < '0' || raw[i] > '7') return false;
      mode = mode * 8 + unsigned(raw[i] - '0');
    }
    TreeEntry e;
    e.name = raw.substr(sp + 1, nul - sp - 1);
    std::memcpy(e.oid.id, raw.data() + nul + 1, GIT_OID_RAWSZ);
    e.kind = (mode & 0170000) == 0040000   ? GIT_OBJECT_TREE
             : (mode & 0170000) == 0160000 ? GIT_OBJECT_COMMIT
                                           : GIT_OBJECT_BLOB;
    out->push_back(e);
    pos = nul + 1 + GIT_OID_RAWSZ;
  }
  return true;
}

int tree_order(const TreeEntry& a, const TreeEntry& b) {
  size_t n = std::min(a.name.size(), b.name.size());
  int c = std::memcmp(a.name.data(), b.name.data(), n);
  if (c) return c;
  auto next = [](const TreeEntry& e, size_t i) -> int {
    if (i < e.name.size()) return static_cast<unsigned char>(e.name[i]);
    return e.kind == GIT_OBJECT_TREE ? '/' : 0;
  };
  return next(a, n) - next(b, n);
}

std::string display_entry_name(std::string_view name) {
  if (name.empty()) return "\\x00";
  if (name == "." || name == "..") return name.size() == 1 ? "\\x2e" : "\\x2e\\x2e";
  if (name.find('/') == std::string_view::npos) return std::string(name);
  std::string out;
  for (char c : name) {
    if (c == '/') out += "\\x2f";
    else out += c;
  }
  return out;
}

}  // namespace keysweep
