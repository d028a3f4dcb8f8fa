// RAII for libgit2 handles, and libgit2's one-time initialisation.
#pragma once

#include <memory>

#include <git2.h>

namespace keysweep {

// Initialises libgit2 on first call; safe to call from any thread, any number of times.
void git_init_once();

struct RepoDeleter {
  void operator()(git_repository* r) const { git_repository_free(r); }
};
using RepoHandle = std::unique_ptr<git_repository, RepoDeleter>;

}  // namespace keysweep
