// Where a blob was found in git history: the commit that introduced it at a path. Kept apart
// from the blob's content, so each blob is scanned once however many places carry it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace keysweep {

struct CommitInfo {
  std::string oid;      // full hex id
  std::string author;   // author name
  std::string email;    // author email
  std::string date;     // author date, ISO 8601 with offset
  std::string message;  // summary line
  uint64_t order = 0;   // position in topological order, parents first (0 = oldest)
};

struct BlobProvenance {
  std::shared_ptr<const CommitInfo> commit;  // the commit that first introduced the blob here
  std::string path;                          // path inside that commit's tree
  std::string blob;                          // blob id, hex
  uint64_t other_places = 0;                 // other paths carrying the same blob in history
  std::shared_ptr<const CommitInfo> last_commit;  // the last commit that put it at a new path
};

}  // namespace keysweep
