// Reading many blobs out of pack files the way `git index-pack` resolves them: each pack's
// delta chains form a forest; walking it depth first inflates every base once and applies every
// delta once, however deep the chains. Reading the same blobs one by one through libgit2 redoes
// chain resolution per object, which dominated history sweeps of well-packed repositories.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <git2.h>

namespace keysweep {

// Produces the content of each of `wanted` that lives in a pack under `objects_dir`/pack, calling
// `sink(index into wanted, content)` exactly once per produced object, from up to `threads`
// worker threads at once. Returns, per wanted object, whether it was produced; the rest (loose
// objects, other pack formats, damaged data) are left to the caller. Never throws for bad data.
std::vector<bool> read_packed_blobs(const std::string& objects_dir, const std::vector<git_oid>& wanted,
                                    unsigned threads,
                                    const std::function<void(size_t, std::string_view)>& sink);

// Produces every blob stored in the packs under `objects_dir` (reachable or not), each once,
// calling `sink(id, content)` from up to `threads` workers. For history sweeps, which can then
// scan while the commit walk is still listing where each blob was introduced.
void read_all_packed_blobs(const std::string& objects_dir, unsigned threads,
                           const std::function<void(const git_oid&, std::string_view)>& sink);

// Random access to packed objects, for walks that need objects one at a time (trees, in
// commit order). Delta chains are resolved with a bounded LRU cache of recent results, so the
// next version of a tree usually finds its base already built. Not thread-safe.
class PackedObjectStore {
 public:
  PackedObjectStore(const std::string& objects_dir, size_t cache_bytes);
  ~PackedObjectStore();
  // The content of `oid` and its type (1 commit, 2 tree, 3 blob, 4 tag), or null when it is not
  // in a readable pack or its data is damaged (the caller falls back to libgit2).
  std::shared_ptr<const std::string> read(const git_oid& oid, int* type);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Applies a git delta to `base`. Returns false when the delta is malformed or does not fit.
bool apply_git_delta(std::string_view base, std::string_view delta, std::string* out);

}  // namespace keysweep
