// A libgit2 repository opened for reading, with RAII for the handles keysweep uses and blob
// reads that report what went wrong instead of throwing (a missing object is a skip).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <git2.h>

#include "keysweep/provenance.h"
#include "source/git_handle.h"

namespace keysweep {

template <typename T, void (*Free)(T*)>
struct GitDeleter {
  void operator()(T* p) const { Free(p); }
};
using CommitHandle = std::unique_ptr<git_commit, GitDeleter<git_commit, git_commit_free>>;
using TreeHandle = std::unique_ptr<git_tree, GitDeleter<git_tree, git_tree_free>>;
using OdbHandle = std::unique_ptr<git_odb, GitDeleter<git_odb, git_odb_free>>;
using OdbObjectHandle = std::unique_ptr<git_odb_object, GitDeleter<git_odb_object, git_odb_object_free>>;
using IndexHandle = std::unique_ptr<git_index, GitDeleter<git_index, git_index_free>>;
using DiffHandle = std::unique_ptr<git_diff, GitDeleter<git_diff, git_diff_free>>;
using PatchHandle = std::unique_ptr<git_patch, GitDeleter<git_patch, git_patch_free>>;

// The last libgit2 error message, or `fallback`.
std::string git_error_text(const char* fallback = "unknown libgit2 error");

// Opens the repository at or above `path` (work tree or bare). Throws Error(path, ...) when
// there is none or it cannot be opened.
RepoHandle open_repository(const std::string& path);

std::string oid_hex(const git_oid& oid);

// Reads commit metadata. The summary is the first line of the message.
CommitInfo commit_info(git_commit* c, uint64_t order);

enum class BlobRead { kOk, kMissing, kTooLarge };

// Reads blob `oid` through `odb` (one odb per thread: libgit2 handles are not shared across
// threads). kTooLarge is decided from the header, before inflating. kMissing covers absent
// (e.g. promisor/partial-clone) and corrupt objects; `*detail` says which.
BlobRead read_blob(git_odb* odb, const git_oid& oid, uint64_t max_size, OdbObjectHandle* out,
                   std::string* detail);

// True when `bytes` is a Git LFS pointer file: the content lives elsewhere.
bool is_lfs_pointer(std::string_view bytes);

}  // namespace keysweep
