// Proof of the env rules' examples: the full engine (Hyperscan, RE2, context checks, blocks,
// writes and locals) on each example, and Hyperscan against RE2 alone on the raw pattern.
#include "envvars/env_rule_check.h"

#include <cstdlib>
#include <set>

#include <hs/hs.h>

#include "envvars/env_engine.h"
#include "keysweep/error.h"

namespace keysweep {
namespace {

std::string short_text(const std::string& s) {
  std::string t = s.size() > 60 ? s.substr(0, 57) + "..." : s;
  for (char& c : t)
    if (c == '\n' || c == '\r') c = ' ';
  return "'" + t + "'";
}

// How many results of rule `rule` the file holds, over every list.
size_t results_of(const FileEnv& f, uint32_t rule) {
  size_t n = 0;
  for (const auto& r : f.refs) n += r.rule == rule;
  for (const auto& r : f.defs) n += r.rule == rule;
  for (const auto& r : f.dynamic) n += r.rule == rule;
  for (const auto& r : f.writes) n += r.rule == rule;
  for (const auto& r : f.locals) n += r.rule == rule;
  return n;
}

// Group-1 spans of the database rule `db_rule` as the Matcher reports them, and as RE2 alone
// finds them over the whole text.
bool engines_agree(const RuleDatabase& db, uint32_t db_rule, const std::vector<Match>& hs, const std::string& text) {
  std::set<std::pair<uint64_t, uint64_t>> a, b;
  for (const Match& m : hs)
    if (m.rule_index == db_rule) a.insert({m.start, m.end});
  const RE2& re = db.re2(db_rule);
  re2::StringPiece g[2];
  re2::StringPiece t(text.data(), text.size());
  size_t pos = 0;
  while (pos <= text.size() && re.Match(t, pos, text.size(), RE2::UNANCHORED, g, 2)) {
    if (g[1].data() && !g[1].empty()) b.insert({uint64_t(g[1].data() - text.data()), uint64_t(g[1].data() - text.data() + g[1].size())});
    size_t end = size_t(g[0].data() - text.data()) + g[0].size();
    pos = end > pos ? end : pos + 1;
  }
  return a == b;
}

// The pattern alone in both engines, and a group for the name: the problem, or "" when usable.
std::string engine_problem(const EnvRule& r) {
  if (std::string p = pattern_problem(r.pattern, /*compile_hyperscan=*/true); !p.empty()) return p;
  if (RE2(r.pattern, byte_regex_options()).NumberOfCapturingGroups() < 1) return "pattern has no capture group for the name";
  return {};
}

}  // namespace

EnvRuleCheckReport check_env_rules(const EnvRuleSet& input) {
  EnvRuleCheckReport rep;
  rep.rules = input.rules.size();
  // Rules whose pattern is broken are reported and left out, so one bad rule does not hide the
  // examples of the others.
  EnvRuleSet set{input.languages, {}};
  for (const EnvRule& r : input.rules) {
    if (std::string p = engine_problem(r); !p.empty())
      rep.failures.push_back({r.id, r.origin, p});
    else
      set.rules.push_back(r);
  }
  std::unique_ptr<EnvEngine> engine;
  try {
    engine = std::make_unique<EnvEngine>(set, CacheOptions{false, {}});
  } catch (const Error& e) {
    rep.failures.push_back({"", "", e.what()});
    return rep;
  }
  EnvEngine::Scratch scratch(*engine);
  for (uint32_t ri = 0; ri < set.rules.size(); ++ri) {
    const EnvRule& r = set.rules[ri];
    auto fail = [&](std::string msg) { rep.failures.push_back({r.id, r.origin, std::move(msg)}); };
    if (r.examples.empty()) fail("no examples");
    if (r.negative_examples.empty()) fail("no negative examples");
    rep.examples += r.examples.size();
    rep.negative_examples += r.negative_examples.size();
    for (uint32_t l = 0; l < set.languages.size(); ++l) {
      const auto& cl = engine->compiled_language(l);
      uint32_t db_rule = 0;
      while (db_rule < cl.rules.size() && cl.rules[db_rule] != ri) ++db_rule;
      if (db_rule == cl.rules.size()) continue;  // the rule does not run on this language
      const std::string& lang = set.languages[l].name;
      for (const std::string& ex : r.examples) {
        if (results_of(engine->extract(l, ex, &scratch), ri) == 0)
          fail("example yields nothing as " + lang + ": " + short_text(ex));
        if (!engines_agree(*cl.db, db_rule, scratch.matches, ex))
          fail("Hyperscan and RE2 disagree on example: " + short_text(ex));
      }
      for (const std::string& ex : r.negative_examples) {
        FileEnv f = engine->extract(l, ex, &scratch);
        size_t n = 0;
        for (const auto& x : f.refs) n += x.rule == ri;
        for (const auto& x : f.defs) n += x.rule == ri;
        for (const auto& x : f.dynamic) n += x.rule == ri;
        if (r.kind == EnvKind::kWrite || r.kind == EnvKind::kLocal) n = results_of(f, ri);
        if (n) fail("negative example yields a result as " + lang + ": " + short_text(ex));
      }
    }
  }
  return rep;
}

}  // namespace keysweep
