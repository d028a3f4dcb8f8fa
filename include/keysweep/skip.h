// An input we could not, or chose not to, scan. Every skip is counted and listed in reports.
#pragma once

#include <string>
#include <string_view>

namespace keysweep {

enum class SkipReason {
  kBinary,             // NUL byte in the first 8 KiB
  kTooLarge,           // over --max-file-size
  kUnreadable,         // open/read/stat failed (permissions, I/O error)
  kBrokenSymlink,      // link whose target does not exist
  kSymlinkOutsideTree, // link that points out of the scanned root: never followed
  kNotRegularFile,     // fifo, socket, device
  kGitDirectory,       // .git/ is repository metadata, not content
  kMissingObject,      // git object absent (partial clone, corruption) or unreadable
  kSubmodule,          // gitlink: the content lives in another repository
  kLfsPointer,         // Git LFS pointer: the content lives on the LFS server
};

std::string_view skip_reason_name(SkipReason r);

struct Skip {
  std::string path;
  SkipReason reason;
  std::string detail;  // e.g. the OS error, for -v output
};

}  // namespace keysweep
