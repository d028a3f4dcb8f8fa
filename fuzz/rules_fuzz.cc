// The TOML rule loader over arbitrary text: either rules or one Error naming file and line. Short
// patterns of the rules it accepts also go through pattern_problem() (RE2 and Hyperscan's
// analysis, the width bound), which must answer rather than crash.
#include "fuzz_support.h"
#include "keysweep/error.h"
#include "rules/rule_database.h"
#include "rules/rule_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<keysweep::Rule> rules;
  try {
    rules = keysweep::parse_rules(keysweep::fuzz::bytes(data, size), "fuzz.toml");
  } catch (const keysweep::Error& e) {
    FUZZ_CHECK(!e.where().empty());
    return 0;
  }
  int checked = 0;
  for (const auto& r : rules) {
    if (r.pattern.size() > 200 || ++checked > 4) continue;
    uint32_t width = 0;
    std::string problem = keysweep::pattern_problem(r.pattern, false, &width);
    if (problem.empty()) FUZZ_CHECK(width <= keysweep::kMaxPatternWidth);
  }
  return 0;
}
