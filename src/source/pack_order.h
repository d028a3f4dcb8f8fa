// Reading blobs in the order they sit in the pack files: sequential I/O, and each delta base is
// still in libgit2's cache when the objects built on it are read.
#pragma once

#include <string>
#include <vector>

#include <git2.h>

namespace keysweep {

// Returns, for each of `oids`, a sort key: (pack number << 40) | offset for packed objects,
// UINT64_MAX for loose or unknown ones. Reads the v2 .idx files under `objects_dir`/pack; an
// unreadable or unknown index just leaves its objects unordered.
std::vector<uint64_t> pack_order_keys(const std::string& objects_dir, const std::vector<git_oid>& oids);

}  // namespace keysweep
