// `keysweep rules list` and `keysweep rules check`.
#include <cstdio>
#include <set>
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/commands.h"
#include "app/output.h"
#include "app/rule_source.h"
#include "keysweep/error.h"
#include "rules/rule_check.h"
#include "rules/rule_loader.h"
#include "util/terminal_text.h"

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
    write_output("", arr.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n");
    return 0;
  }
  // Ids and names come from rule files (--add-rules, a config's extra rules): escaped.
  size_t w = 0;
  for (const Rule& r : rules) w = std::max(w, terminal_safe(r.id).size());
  std::string text;
  for (const Rule& r : rules) {
    std::string id = terminal_safe(r.id), sev(severity_name(r.severity));
    text += id + std::string(w - id.size() + 2, ' ') + sev + std::string(sev.size() < 8 ? 10 - sev.size() : 2, ' ') +
            terminal_safe(r.name) + "\n";
  }
  std::set<std::string> providers;
  for (const Rule& r : rules) providers.insert(r.provider);
  text += std::to_string(rules.size()) + " rules, " + std::to_string(providers.size()) + " providers\n";
  write_output("", text);
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
    write_output("", terminal_safe((f.origin.empty() ? "rules" : f.origin) + ": " + (f.rule_id.empty() ? "-" : f.rule_id) +
                                   ": " + f.message) + "\n");
  std::printf("%zu rules, %zu examples, %zu negative examples: %s\n", rep.rules, rep.examples,
              rep.negative_examples,
              rep.failures.empty() ? "all pass" : (std::to_string(rep.failures.size()) + " failures").c_str());
  return rep.failures.empty() ? 0 : 1;
}

}  // namespace keysweep::app
