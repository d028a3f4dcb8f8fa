// Repositories for git-mode tests, built with the git CLI.
#include "support/git_fixture.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <sys/wait.h>

namespace keysweep::testing {

std::string sh(const std::string& command) {
  std::string out;
  FILE* p = popen(("(" + command + ") 2>/dev/null").c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int status = pclose(p);
  bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  REQUIRE_MESSAGE(ok, "command failed: " << command);
  return out;
}

GitRepo::GitRepo(const TempDir& dir, const std::string& name) : path_(dir / name) {
  sh("mkdir -p '" + path_ + "' && git -C '" + path_ + "' init -q -b main");
}

std::string GitRepo::git(const std::string& args) const {
  int t = 1700000000 + 60 * ++clock_;
  std::string env = "GIT_CONFIG_NOSYSTEM=1 KEYSWEEP_CACHE_DIR='" KEYSWEEP_TEST_CACHE_DIR "' HOME='" + path_ + "/..' GIT_AUTHOR_DATE='" + std::to_string(t) +
                    " +0000' GIT_COMMITTER_DATE='" + std::to_string(t) + " +0000' ";
  return sh(env + "git -C '" + path_ + "' -c user.name='Ann Dev' -c user.email=ann@example.org -c commit.gpgsign=false " + args);
}

void GitRepo::write(const std::string& rel, const std::string& content) const {
  sh("mkdir -p \"$(dirname '" + path_ + "/" + rel + "')\"");
  std::ofstream(path_ + "/" + rel, std::ios::binary | std::ios::trunc) << content;
}

std::string GitRepo::commit_file(const std::string& rel, const std::string& content, const std::string& message) const {
  write(rel, content);
  git("add -- '" + rel + "'");
  git("commit -q -m '" + message + "'");
  std::string id = git("rev-parse HEAD");
  return id.substr(0, id.find('\n'));
}

}  // namespace keysweep::testing
