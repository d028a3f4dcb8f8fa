// Test support: runs the built keysweep binary and captures what a user would see.
#pragma once

#include <string>
#include <vector>

namespace keysweep::testing {

struct CliResult {
  int status = -1;  // exit status; 128+signal when killed
  std::string out, err;
};

struct CliOptions {
  std::string stdin_data;
  std::string cwd;
  bool drop_root = false;  // run as "nobody" when we are root, so permission bits bite
};

// Runs KEYSWEEP_BINARY with `args`, with a private rule cache folder.
CliResult run_cli(const std::vector<std::string>& args, const CliOptions& opts = {});

}  // namespace keysweep::testing
