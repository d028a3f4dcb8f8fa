// `keysweep env`: the environment-variable inventory and its CI gate.
#pragma once

#include <string>
#include <vector>

namespace keysweep::app {

struct EnvFlags {
  std::vector<std::string> paths;  // default: "."
  std::string format = "text";     // text, json or markdown
  std::string output;              // -o; empty: stdout
  bool check = false;              // exit 1 when a problem other than unused_documented exists
  std::string example;             // --example: the example file that documents the variables
  bool no_ignore = false;
  std::vector<std::string> rules;      // --rules: env rule files or folders instead of the built-in ones
  std::vector<std::string> add_rules;  // --add-rules: beside them
};

// Returns the exit status: 0, or 1 with --check when a failing problem exists. Throws Error on
// bad input (unknown format, missing path or example file, malformed env rule file).
int run_env(const EnvFlags& flags);

}  // namespace keysweep::app
