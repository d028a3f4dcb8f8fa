// keysweep's entry point: declares the command line, dispatches to a subcommand, and turns any
// setup error into one line on stderr and exit status 2.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>
#include <iostream>

#include <CLI/CLI.hpp>

#include "app/commands.h"
#include "app/env_command.h"
#include "app/output.h"
#include "keysweep/error.h"
#include "version.h"

namespace ks = keysweep;

namespace {

// Runs the chosen subcommand; any setup error is one line on stderr and exit status 2.
int dispatch(const std::function<int()>& command) {
  try {
    int status = command();
    if (std::fflush(stdout) != 0 && errno != EPIPE) {
      ks::app::print_error(std::string("standard output: write failed: ") + std::strerror(errno));
      return 2;
    }
    return status;
  } catch (const ks::Error& e) {
    ks::app::print_error(e.what());
  } catch (const std::bad_alloc&) {
    ks::app::print_error("out of memory");
  } catch (const std::exception& e) {
    ks::app::print_error(e.what());
  }
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  ks::app::install_signal_handlers();
  CLI::App app{"keysweep: find credentials in files, logs and git repositories"};
  app.set_version_flag("--version", std::string("keysweep ") + ks::kKeysweepVersion);
  app.require_subcommand(1);

  ks::app::ScanFlags scan;
  auto* scan_cmd = app.add_subcommand("scan", "scan files and folders (or - for standard input) for secrets");
  scan_cmd->add_option("paths", scan.paths, "files or folders to scan; - reads standard input")->default_str(".");
  scan_cmd->add_option("--format", scan.format, "text, json, jsonl or sarif (default: the config's, else text)");
  scan_cmd->add_option("-o,--output", scan.output, "write the report to FILE instead of standard output");
  scan_cmd->add_option("--exit-code", scan.exit_code, "exit status when there are findings")->default_str("1");
  scan_cmd->add_option("--min-confidence", scan.min_confidence, "report only findings at least this sure: low, medium or high (default low: all)");
  scan_cmd->add_option("--threads", scan.threads, "worker threads (default: all cores)");
  scan_cmd->add_option("--max-file-size", scan.max_file_size, "skip files larger than this (e.g. 50M, 1G; default 50M)");
  scan_cmd->add_option("--rules", scan.rules.replace, "use the rules in FILE or folder instead of the built-in ones")->allow_extra_args(false);
  scan_cmd->add_option("--add-rules", scan.rules.add, "use the rules in FILE or folder beside the built-in ones")->allow_extra_args(false);
  scan_cmd->add_flag("--no-ignore", scan.no_ignore, "scan files that .gitignore excludes too");
  scan_cmd->add_flag("--redact", scan.redact, "redact secrets in json and jsonl output too");
  scan_cmd->add_flag("--no-cache", scan.no_cache, "compile the rules afresh, ignoring the cache");
  scan_cmd->add_option("--color", scan.color, "auto, always or never")->default_str("auto");
  scan_cmd->add_flag("--history", scan.history, "scan every blob reachable from every ref of the repository at PATH");
  scan_cmd->add_flag("--all-objects", scan.all_objects, "with --history: also unreachable and dangling blobs");
  scan_cmd->add_flag("--staged", scan.staged, "scan what `git commit` would add (pre-commit hook)");
  scan_cmd->add_option("--range", scan.range, "scan the lines added by the commits in BASE..HEAD (CI)");
  scan_cmd->add_flag("--rotation", scan.rotation, "group findings into the list of secrets to rotate");
  scan_cmd->add_option("--config", scan.config, "use this trusted config instead of <root>/.keysweep.toml");
  scan_cmd->add_option("--baseline", scan.baseline, "report only findings whose fingerprint is not in this earlier JSON report or baseline");
  scan_cmd->add_option("--write-baseline", scan.write_baseline, "write the findings' fingerprints (no secrets, no lines) to FILE");
  scan_cmd->add_flag("--report-stale-ignores", scan.report_stale_ignores, "list .keysweepignore entries that matched nothing");
  scan_cmd->add_flag("-q,--quiet", scan.quiet, "print findings only, no summary");
  scan_cmd->add_flag("-v,--verbose", scan.verbose, "list every skipped file and rule-cache use");

  auto* rules_cmd = app.add_subcommand("rules", "list or check detection rules");
  rules_cmd->require_subcommand(1);
  ks::app::RuleSource list_rules;
  std::string list_format = "text";
  auto* list_cmd = rules_cmd->add_subcommand("list", "list the rules in force");
  list_cmd->add_option("--format", list_format, "text or json")->default_str("text");
  list_cmd->add_option("--rules", list_rules.replace, "list the rules in FILE or folder instead")->allow_extra_args(false);
  list_cmd->add_option("--add-rules", list_rules.add, "list these rules beside the built-in ones")->allow_extra_args(false);
  std::vector<std::string> check_files;
  auto* check_cmd = rules_cmd->add_subcommand("check", "prove every rule's examples (exit 1 on a failure)");
  check_cmd->add_option("files", check_files, "rule files or folders (default: the built-in rules)");

  std::string config_path = ".keysweep.toml";
  auto* config_cmd = app.add_subcommand("config", "check a .keysweep.toml");
  config_cmd->require_subcommand(1);
  auto* config_check_cmd = config_cmd->add_subcommand("check", "validate a config file (exit 2 on a problem)");
  config_check_cmd->add_option("file", config_path, "the config (default: ./.keysweep.toml)");

  auto* hook_cmd = app.add_subcommand("hook", "git hooks");
  hook_cmd->require_subcommand(1);
  std::string hook_repo = ".";
  bool hook_force = false;
  auto* hook_install_cmd = hook_cmd->add_subcommand("install", "install the pre-commit hook (respects core.hooksPath)");
  hook_install_cmd->add_option("repo", hook_repo, "the repository (default: .)");
  hook_install_cmd->add_flag("--force", hook_force, "replace a different existing pre-commit hook");

  ks::app::EnvFlags env_flags;
  auto* env_cmd = app.add_subcommand("env", "inventory the environment variables the code reads and sets");
  env_cmd->add_option("paths", env_flags.paths, "files or folders to inventory")->default_str(".");
  env_cmd->add_option("--format", env_flags.format, "text, json or markdown")->default_str("text");
  env_cmd->add_option("-o,--output", env_flags.output, "write the report to FILE instead of standard output");
  env_cmd->add_flag("--check", env_flags.check, "exit 1 when a problem other than unused_documented exists");
  env_cmd->add_option("--example", env_flags.example, "the example file that documents the variables (default: every .env.example, .env.sample, .env.template found)");
  env_cmd->add_flag("--no-ignore", env_flags.no_ignore, "read files that .gitignore excludes too");
  env_cmd->add_option("--rules", env_flags.rules, "use the env rules in FILE or folder instead of the built-in ones")->allow_extra_args(false);
  env_cmd->add_option("--add-rules", env_flags.add_rules, "use the env rules in FILE or folder beside the built-in ones")->allow_extra_args(false);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::string msg = e.what();
    if (msg.empty()) msg = "invalid command line";
    ks::app::print_error(msg + " (see keysweep --help)");
    return 2;
  }

  if (scan_cmd->parsed()) {
    if (scan.paths.empty()) scan.paths.push_back(".");
    return dispatch([&] { return ks::app::run_scan(scan); });
  }
  if (list_cmd->parsed()) return dispatch([&] { return ks::app::run_rules_list(list_rules, list_format); });
  if (check_cmd->parsed()) return dispatch([&] { return ks::app::run_rules_check(check_files); });
  if (config_check_cmd->parsed()) return dispatch([&] { return ks::app::run_config_check(config_path); });
  if (hook_install_cmd->parsed()) return dispatch([&] { return ks::app::run_hook_install(hook_repo, hook_force); });
  if (env_cmd->parsed()) return dispatch([&] { return ks::app::run_env(env_flags); });
  return 2;
}
