// The subcommands, each turning parsed flags into configured objects and an exit status.
// Only src/app/ prints or chooses exit codes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace keysweep::app {

struct RuleSource {
  std::vector<std::string> replace;  // --rules: used instead of the built-in rules
  std::vector<std::string> add;      // --add-rules: used beside them
};

struct ScanFlags {
  std::vector<std::string> paths;
  std::string format;  // empty: the config's, else text
  std::string output;  // -o; empty: stdout
  int exit_code = 1;   // status when there are findings
  unsigned threads = 0;
  bool quiet = false, verbose = false, no_ignore = false, redact = false, no_cache = false;
  std::string max_file_size;  // empty: the config's, else 50M
  std::string color = "auto";
  std::string min_confidence;  // empty: the config's, else low (everything)
  RuleSource rules;
  // Git sources; at most one of history, staged, range.
  bool history = false, all_objects = false, staged = false, rotation = false;
  std::string range;
  // Suppression and configuration.
  std::string config;          // --config; empty: <root>/.keysweep.toml when present
  std::string baseline;        // --baseline: report only findings not in this report
  std::string write_baseline;  // --write-baseline
  bool report_stale_ignores = false;
};

int run_config_check(const std::string& path);
// Installs hooks/pre-commit into the repository at `repo_path`; refuses to replace a different
// existing hook unless `force`.
int run_hook_install(const std::string& repo_path, bool force);
// The pre-commit hook text, with `binary` as the default keysweep to run.
std::string hook_script(const std::string& binary);

int run_scan(const ScanFlags& flags);
int run_rules_list(const RuleSource& rules, const std::string& format);
int run_rules_check(const std::vector<std::string>& files);


}  // namespace keysweep::app
