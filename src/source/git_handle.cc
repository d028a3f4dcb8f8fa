// libgit2 lifetime: initialised once per process, never shut down (the process exits first).
#include "source/git_handle.h"

#include <mutex>

namespace keysweep {

void git_init_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    git_libgit2_init();
    // A history walk looks up the same large trees many times; libgit2 caches only trees under
    // 4 KiB by default. Let it keep them, within a bounded cache.
    git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, size_t(1) << 20);
    git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, ssize_t(128) << 20);
  });
}

}  // namespace keysweep
