// The pack reader checked against libgit2: every object read both ways must give the same bytes
// and type. For the differential test and bench/pack-differential.sh (large real repositories),
// not for scans.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace keysweep {

struct PackCheck {
  uint64_t objects = 0;         // objects in the object database (libgit2's count)
  uint64_t through_store = 0;   // of those, read by PackedObjectStore (random access)
  uint64_t blobs_streamed = 0;  // blobs produced by read_all_packed_blobs (the history sweep's path)
  uint64_t bytes = 0;           // bytes compared
  double store_ms = 0, stream_ms = 0, libgit2_ms = 0;
  std::vector<std::string> mismatches;  // "<id>: <what differs>", at most 20
};

// Reads every object of the repository at `git_dir` through the pack reader and through
// libgit2 and compares them. Throws Error when the repository cannot be opened.
PackCheck check_pack_reader(const std::string& git_dir);

// True when KEYSWEEP_NO_PACK_READER is set (to anything but ""): the pack reader then reads
// nothing and every object goes through libgit2. A debugging switch, for differential checks.
bool pack_reader_disabled();

}  // namespace keysweep
