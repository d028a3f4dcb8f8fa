// Where staged and commit-range blobs come from: the new side of each changed file, with the
// line ranges the change adds. Renames are detected, so a moved file adds nothing.
#pragma once

#include <string>
#include <vector>

#include <git2.h>

#include "keysweep/skip.h"
#include "pipeline/blob_pipeline.h"

namespace keysweep {

struct ChangeSet {
  std::vector<BlobJob> jobs;
  std::vector<Skip> skips;
  uint64_t commits = 0;
};

// What `git commit` would add: the index against HEAD's tree (the empty tree when HEAD is
// unborn). Throws Error(repo_label, ...) when the index cannot be read.
ChangeSet staged_changes(git_repository* repo, const std::string& repo_label);

// The commits reachable from B and not from A ("A..B"), each diffed against its first parent
// (a root commit against the empty tree). Throws Error("--range", ...) when the range is
// malformed or an end is missing, naming it (and saying so when the clone is shallow).
ChangeSet range_changes(git_repository* repo, const std::string& range);

}  // namespace keysweep
