// Names of skip reasons as they appear in reports.
#include "keysweep/skip.h"

namespace keysweep {

std::string_view skip_reason_name(SkipReason r) {
  switch (r) {
    case SkipReason::kBinary: return "binary";
    case SkipReason::kTooLarge: return "too-large";
    case SkipReason::kUnreadable: return "unreadable";
    case SkipReason::kBrokenSymlink: return "broken-symlink";
    case SkipReason::kSymlinkOutsideTree: return "symlink-outside-tree";
    case SkipReason::kNotRegularFile: return "not-regular-file";
    case SkipReason::kGitDirectory: return "git-directory";
    case SkipReason::kMissingObject: return "missing-object";
    case SkipReason::kSubmodule: return "submodule";
    case SkipReason::kLfsPointer: return "lfs-pointer";
  }
  return "unknown";
}

}  // namespace keysweep
