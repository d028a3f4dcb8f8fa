// Test support: runs the built keysweep binary and captures what a user would see.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "support/temp_dir.h"

namespace keysweep::testing {

struct CliResult {
  int status = -1;  // exit status; 128+signal when killed
  std::string out, err;
};

struct CliOptions {
  std::string stdin_data;
  std::string cwd;
  bool drop_root = false;  // run as "nobody" when we are root, so permission bits bite
  std::vector<std::pair<std::string, std::string>> env;  // set in the child (after the defaults)
  uint64_t file_size_limit = 0;  // RLIMIT_FSIZE in bytes (0: none): writes past it fail like a full disk
};

// Runs KEYSWEEP_BINARY with `args` and waits for it. The rule cache is the suite's shared one
// unless opts.env sets KEYSWEEP_CACHE_DIR.
CliResult run_cli(const std::vector<std::string>& args, const CliOptions& opts = {});

// A running keysweep whose standard input stays open (a pipe the test holds) until close_stdin()
// or wait(): for tests that signal a process in the middle of its work.
class CliProcess {
 public:
  CliProcess(const std::vector<std::string>& args, const CliOptions& opts = {});
  ~CliProcess();
  CliProcess(const CliProcess&) = delete;
  CliProcess& operator=(const CliProcess&) = delete;

  pid_t pid() const { return pid_; }
  void send(const std::string& bytes);
  void close_stdin();
  void kill(int sig);
  // Waits for the process (closing stdin first) and returns what it did.
  CliResult wait();

 private:
  std::unique_ptr<TempDir> io_;
  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  bool waited_ = false;
};

}  // namespace keysweep::testing
