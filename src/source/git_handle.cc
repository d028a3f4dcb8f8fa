// libgit2 lifetime: initialised once per process, never shut down (the process exits first).
#include "source/git_handle.h"

#include <mutex>

namespace keysweep {

void git_init_once() {
  static std::once_flag once;
  std::call_once(once, [] { git_libgit2_init(); });
}

}  // namespace keysweep
