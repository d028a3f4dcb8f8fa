// `keysweep rules list` and `keysweep rules check`.
#include <cstdio>
#include <set>
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/commands.h"
#include "app/rule_source.h"
#include "keysweep/error.h"
#include "rules/rule_check.h"
#include "rules/rule_loader.h"

namespace keysweep::app {

int run_rules_list(const RuleSource& src, const std::string& format) {
  if (format != "text" && format != "json")
    throw Error("--format", "unknown format '" + format + "' (expected text or json)");
  std::vector<Rule> rules = load_rules(src);
  if (format == "json") {
    nlohmann::ordered_json arr = nlohmann::ordered_json::array();
    for (const Rule& r : rules) {
      arr.push_back({{"id", r.id},
                     {"name", r.name},
                     {"provider", r.provider},
                     {"severity", std::string(severity_name(r.severity))},
                     {"description", r.description},
                     {"keywords", r.keywords},
                     {"references", r.references}});
    }
    std::cout << arr.dump(2) << '\n';
    return 0;
  }
  size_t w = 0;
  for (const Rule& r : rules) w = std::max(w, r.id.size());
  for (const Rule& r : rules)
    std::printf("%-*s  %-8s  %s\n", int(w), r.id.c_str(), std::string(severity_name(r.severity)).c_str(),
                r.name.c_str());
  std::set<std::string> providers;
  for (const Rule& r : rules) providers.insert(r.provider);
  std::printf("%zu rules, %zu providers\n", rules.size(), providers.size());
  return 0;
}

int run_rules_check(const std::vector<std::string>& files) {
  std::vector<Rule> rules;
  if (files.empty()) {
    rules = builtin_rules();
  } else {
    // Read together, so files can use each other's fragments (and the built-in shared ones).
    std::vector<RuleText> texts;
    for (const auto& f : files) {
      auto more = read_rule_texts(f);
      texts.insert(texts.end(), more.begin(), more.end());
    }
    rules = parse_rule_texts(with_builtin_shared(std::move(texts)));
  }
  RuleCheckReport rep = check_rules(rules);
  for (const auto& f : rep.failures)
    std::printf("%s: %s: %s\n", f.origin.empty() ? "rules" : f.origin.c_str(),
                f.rule_id.empty() ? "-" : f.rule_id.c_str(), f.message.c_str());
  std::printf("%zu rules, %zu examples, %zu negative examples: %s\n", rep.rules, rep.examples,
              rep.negative_examples,
              rep.failures.empty() ? "all pass" : (std::to_string(rep.failures.size()) + " failures").c_str());
  return rep.failures.empty() ? 0 : 1;
}

}  // namespace keysweep::app
