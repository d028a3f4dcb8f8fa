// Where history blobs come from: every blob reachable from every ref (branches, tags, remotes,
// notes, refs/pull/*, every stash entry), each listed once with the commit and path that first
// introduced it (parents before children), or every blob in the object database.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include <git2.h>

#include "keysweep/provenance.h"
#include "keysweep/skip.h"

namespace keysweep {

struct HistoryBlob {
  git_oid oid;
  std::shared_ptr<BlobProvenance> provenance;
};

struct HistoryInventory {
  std::vector<HistoryBlob> blobs;  // unique, in order of first introduction
  std::vector<Skip> skips;         // missing objects, submodules: counted, never fatal
  uint64_t refs = 0, commits = 0;
  bool shallow = false;
  std::unordered_set<std::string> head_blobs;  // blob ids in HEAD's tree (for "still present")
  std::string head_commit;                     // empty when HEAD is unborn
};

// Builds the inventory. With `all_objects`, blobs no ref reaches (dangling, unreachable) are
// added too, with a provenance that has no commit. A missing commit, tree or ref target
// becomes a skip naming it; nothing here throws for repository damage.
HistoryInventory inventory_history(git_repository* repo, bool all_objects);

// Blob ids in the tree of `commit_oid` ("" = HEAD), recursively.
std::unordered_set<std::string> tree_blobs(git_repository* repo, const git_oid& tree);

}  // namespace keysweep
