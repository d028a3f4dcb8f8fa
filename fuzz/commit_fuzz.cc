// Commit objects as a hostile repository can write them, through libgit2's parser (an in-memory
// object database) and our commit_info(), which formats author, date and summary.
#include <git2.h>
#include <git2/sys/mempack.h>
#include <git2/sys/repository.h>

#include "fuzz_support.h"
#include "source/git_handle.h"
#include "source/git_repo.h"

namespace {

struct MemRepo {
  git_odb* odb = nullptr;
  git_odb_backend* mempack = nullptr;
  git_repository* repo = nullptr;
  MemRepo() {
    keysweep::git_init_once();
    git_odb_new(&odb);
    git_mempack_new(&mempack);
    git_odb_add_backend(odb, mempack, 1);
    git_repository_wrap_odb(&repo, odb);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static MemRepo mem;
  git_oid id;
  if (git_odb_write(&id, mem.odb, data, size, GIT_OBJECT_COMMIT) != 0) return 0;
  git_commit* c = nullptr;
  if (git_commit_lookup(&c, mem.repo, &id) == 0) {
    keysweep::CommitInfo info = keysweep::commit_info(c, 0);
    FUZZ_CHECK(info.oid.size() == 40);
    FUZZ_CHECK(info.message.find('\n') == std::string::npos);
    for (unsigned i = 0; i < git_commit_parentcount(c); ++i) (void)git_commit_parent_id(c, i);
    git_commit_free(c);
  }
  git_mempack_reset(mem.mempack);
  return 0;
}
