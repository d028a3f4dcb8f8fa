#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

#include <git2.h>

#include "keysweep/error.h"
#include "source/dir_walker.h"
#include "source/git_handle.h"
#include "support/temp_dir.h"

using namespace keysweep;

namespace {
std::vector<std::string> listed(const WalkResult& w) {
  std::vector<std::string> out;
  for (const auto& f : w.files) out.push_back(f.display_path);
  return out;
}
std::string skip_reason_of(const WalkResult& w, const std::string& path) {
  for (const auto& s : w.skips)
    if (s.path == path) return std::string(skip_reason_name(s.reason));
  return "(not skipped)";
}
void git_init(const std::string& dir) {
  git_init_once();
  git_repository* repo = nullptr;
  REQUIRE(git_repository_init(&repo, dir.c_str(), 0) == 0);
  git_repository_free(repo);
}
}  // namespace

TEST_SUITE("dir_walker") {
  TEST_CASE("lists files relative to a single root, sorted") {
    testing::TempDir d;
    d.write("b.txt", "b");
    d.write("a/z.txt", "z");
    d.write(".env", "e");
    CHECK(listed(walk_roots({d.path()}, false)) == std::vector<std::string>{".env", "a/z.txt", "b.txt"});
  }

  TEST_CASE("honours .gitignore inside a work tree, and --no-ignore turns it off") {
    testing::TempDir d;
    git_init(d.path());
    d.write(".gitignore", "dist/\n*.log\n");
    d.write("src/app.js", "x");
    d.write("dist/bundle.js", "x");
    d.write("debug.log", "x");
    auto w = walk_roots({d.path()}, false);
    CHECK(listed(w) == std::vector<std::string>{".gitignore", "src/app.js"});
    CHECK(skip_reason_of(w, ".git") == "git-directory");
    CHECK(listed(walk_roots({d.path()}, true)) ==
          std::vector<std::string>{".gitignore", "debug.log", "dist/bundle.js", "src/app.js"});
  }

  TEST_CASE("symlinks are never followed out of the tree, and broken ones are skips") {
    testing::TempDir d, outside;
    std::string secret_outside = outside.write("secret.txt", "x");
    d.write("real.txt", "x");
    REQUIRE(symlink(secret_outside.c_str(), (d / "out-link").c_str()) == 0);
    REQUIRE(symlink("real.txt", (d / "in-link").c_str()) == 0);
    REQUIRE(symlink("missing.txt", (d / "dangling").c_str()) == 0);
    REQUIRE(symlink(outside.path().c_str(), (d / "out-dir").c_str()) == 0);
    auto w = walk_roots({d.path()}, false);
    CHECK(listed(w) == std::vector<std::string>{"real.txt"});
    CHECK(skip_reason_of(w, "out-link") == "symlink-outside-tree");
    CHECK(skip_reason_of(w, "out-dir") == "symlink-outside-tree");
    CHECK(skip_reason_of(w, "dangling") == "broken-symlink");
    CHECK(skip_reason_of(w, "in-link") == "(not skipped)");
  }

  TEST_CASE("a nonexistent root is an error naming it") {
    CHECK_THROWS_WITH_AS(walk_roots({"/no/such/dir"}, false), "/no/such/dir: no such file or directory", Error);
  }

  TEST_CASE("a file root is listed as given, even when several roots are given") {
    testing::TempDir d;
    std::string f = d.write("one.txt", "x");
    d.write("sub/two.txt", "x");
    auto w = walk_roots({f, d / "sub"}, false);
    CHECK(listed(w) == std::vector<std::string>{f, d / "sub/two.txt"});
  }

  TEST_CASE("a fifo is a skip, not a hang") {
    testing::TempDir d;
    REQUIRE(mkfifo((d / "pipe").c_str(), 0644) == 0);
    auto w = walk_roots({d.path()}, false);
    CHECK(skip_reason_of(w, "pipe") == "not-regular-file");
  }
}
