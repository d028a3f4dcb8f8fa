// The git scan pipeline: the same stages as a file scan, with git blobs as input. Many blobs are
// read straight from the packs, delta forest by delta forest (pack_reader.h); the rest through
// libgit2, each worker with its own repository handle, as libgit2's threading rules require.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <git2.h>

#include "keysweep/provenance.h"
#include "pipeline/scan_pipeline.h"

namespace keysweep {

struct BlobJob {
  git_oid oid;
  std::shared_ptr<const BlobProvenance> provenance;
  // Staged and range scans: only findings touching these 1-based line ranges (inclusive) count.
  // Empty with `all_lines` false means nothing was added: the blob is not read at all.
  std::vector<std::pair<uint64_t, uint64_t>> added_lines;
  bool all_lines = true;
};

// Scans every job's blob from the repository at `git_dir`. Missing, oversized, binary and LFS
// pointer blobs become skips; nothing here throws for a bad object.
ScanResult scan_blobs(const RuleDatabase& db, const std::string& git_dir, const std::vector<BlobJob>& jobs,
                      uint64_t max_size, unsigned threads);

// The history sweep: `list_jobs` (the commit walk) runs on its own thread while every packed blob
// is read and scanned; the two are then joined by blob id. Blobs the walk lists that no pack holds
// (loose objects, damage) go through scan_blobs(); packed blobs the walk does not list
// (unreachable) are dropped. `list_jobs` must not use libgit2 handles the caller uses meanwhile.
ScanResult sweep_history(const RuleDatabase& db, const std::string& git_dir, uint64_t max_size, unsigned threads,
                         const std::function<std::vector<BlobJob>()>& list_jobs);

}  // namespace keysweep
