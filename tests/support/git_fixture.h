// Test support: builds real git repositories with the git command-line tool, so tests exercise
// what users have (shallow and partial clones, stashes, notes), not what libgit2 would write.
// keysweep itself never runs git; only the tests do.
#pragma once

#include <string>

#include "support/temp_dir.h"

namespace keysweep::testing {

class GitRepo {
 public:
  // `git init` in dir/name with a fixed identity and branch main.
  GitRepo(const TempDir& dir, const std::string& name = "repo");
  const std::string& path() const { return path_; }
  // Runs `git <args>` in the repository; fails the test when git exits non-zero. Returns stdout.
  std::string git(const std::string& args) const;
  // Writes a file (relative to the work tree).
  void write(const std::string& rel, const std::string& content) const;
  // write + add + commit with a fixed date (so commit ids are stable): returns the commit id.
  std::string commit_file(const std::string& rel, const std::string& content, const std::string& message) const;

 private:
  std::string path_;
  mutable int clock_ = 0;
};

// Runs a shell command; returns its stdout; fails the test when it exits non-zero.
std::string sh(const std::string& command);

}  // namespace keysweep::testing
