// `keysweep env`: flags → env rules and engine → scan_env → report, then the exit status.
#include "app/env_command.h"

#include "app/output.h"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "envvars/env_engine.h"
#include "envvars/env_report.h"
#include "envvars/env_rule_loader.h"
#include "envvars/env_scan.h"
#include "keysweep/error.h"

namespace keysweep::app {

int run_env(const EnvFlags& flags) {
  check_env_format(flags.format);
  std::vector<RuleText> texts;
  if (flags.rules.empty()) texts = builtin_env_rule_texts();
  for (const auto* list : {&flags.rules, &flags.add_rules})
    for (const std::string& p : *list) {
      auto more = read_rule_texts(p);
      texts.insert(texts.end(), more.begin(), more.end());
    }
  std::vector<std::string> cache_warnings;
  CacheOptions cache{true, {}, &cache_warnings};
  EnvEngine engine(parse_env_rule_texts(texts), cache);

  EnvScanOptions opts;
  opts.roots = flags.paths.empty() ? std::vector<std::string>{"."} : flags.paths;
  opts.no_ignore = flags.no_ignore;
  opts.example = flags.example;
  opts.cache = cache;
  EnvScanResult result = scan_env(engine, opts);
  if (!cache_warnings.empty()) warn(cache_warnings.front());
  for (const Skip& s : result.skips)
    if (s.reason == SkipReason::kUnreadable || s.reason == SkipReason::kBrokenSymlink) note(skip_message(s));

  std::ostringstream report;
  write_env_report(flags.format, result.inventory, report);
  write_output(flags.output, report.str());
  if (!flags.check) return 0;
  for (const EnvProblem& p : result.inventory.problems)
    if (problem_fails_check(p.kind)) return 1;
  return 0;
}

}  // namespace keysweep::app
