// Rules are tested data: this runs each rule's examples through the same engine a scan uses, so
// a rule that passes here behaves the same way on real input.
#include "rules/rule_check.h"

#include <algorithm>
#include <cstdlib>
#include <set>
#include <unordered_map>

#include <hs/hs.h>

#include "filter/value_filters.h"
#include "keysweep/error.h"
#include "match/matcher.h"
#include "rules/rule_database.h"

namespace keysweep {
namespace {

std::string short_text(const std::string& s) {
  std::string t = s.size() > 60 ? s.substr(0, 57) + "..." : s;
  for (char& c : t)
    if (c == '\n' || c == '\r') c = ' ';
  return "'" + t + "'";
}

// The pattern alone in both engines, then its allowlist: the problem, or "" when usable.
std::string engine_problem(const Rule& r) {
  if (std::string p = pattern_problem(r.pattern, /*compile_hyperscan=*/true); !p.empty()) return p;
  for (const auto& a : r.allowlist.regexes) {
    RE2 ar(a, byte_regex_options());
    if (!ar.ok()) return "allowlist regex does not compile in RE2: " + ar.error();
  }
  return {};
}

bool has_keyword(const Rule& r, const std::string& text) {
  if (r.keywords.empty()) return true;
  std::string l = text;
  std::transform(l.begin(), l.end(), l.begin(), ::tolower);
  return std::any_of(r.keywords.begin(), r.keywords.end(),
                     [&](const std::string& k) { return l.find(k) != std::string::npos; });
}

std::set<std::pair<uint64_t, uint64_t>> spans_of(const std::vector<Match>& ms, uint32_t rule) {
  std::set<std::pair<uint64_t, uint64_t>> out;
  for (const Match& m : ms)
    if (m.rule_index == rule) out.insert({m.start, m.end});
  return out;
}

}  // namespace

RuleCheckReport check_rules(const std::vector<Rule>& rules) {
  RuleCheckReport rep;
  rep.rules = rules.size();
  auto fail = [&](const Rule& r, std::string msg) { rep.failures.push_back({r.id, r.origin, std::move(msg)}); };

  std::vector<Rule> usable;
  std::unordered_map<std::string, const Rule*> seen;
  for (const Rule& r : rules) {
    if (auto [it, fresh] = seen.emplace(r.id, &r); !fresh) {
      fail(r, "duplicate rule id (first defined at " + it->second->origin + ")");
      continue;
    }
    if (r.references.empty()) fail(r, "no references (the provider's token docs and revocation page)");
    if (r.examples.empty()) fail(r, "no examples");
    if (r.negative_examples.empty()) fail(r, "no negative examples");
    if (std::string p = engine_problem(r); !p.empty()) {
      fail(r, p);
      continue;
    }
    usable.push_back(r);
  }
  if (usable.empty()) return rep;

  std::unique_ptr<RuleDatabase> db;
  try {
    db = RuleDatabase::build(usable, CacheOptions{false, {}});
  } catch (const Error& e) {
    rep.failures.push_back({"", "", e.what()});
    return rep;
  }
  Matcher matcher(*db, Matcher::Options{.dedupe = false});
  std::vector<Match> found, rejected;
  for (uint32_t i = 0; i < db->rules().size(); ++i) {
    const Rule& r = db->rule(i);
    for (const std::string& ex : r.examples) {
      ++rep.examples;
      if (!has_keyword(r, ex)) fail(r, "example contains none of the keywords: " + short_text(ex));
      rejected.clear();
      matcher.scan(ex, &found, &rejected);
      auto engine = spans_of(found, i);
      if (engine.empty()) {
        std::string why = "example yields no finding: " + short_text(ex);
        for (const Match& m : rejected)
          if (m.rule_index == i)
            why += " (matched '" + m.secret + "' but rejected: " +
                   std::string(reject_reason(*db, i, m.secret, m.entropy)) + ", entropy " +
                   std::to_string(m.entropy).substr(0, 4) + ")";
        fail(r, why);
        continue;
      }
      if (engine != spans_of(re2_only_matches(*db, i, ex), i))
        fail(r, "Hyperscan and RE2 disagree on example: " + short_text(ex));
    }
    for (const std::string& ex : r.negative_examples) {
      ++rep.negative_examples;
      matcher.scan(ex, &found);
      for (const Match& m : found)
        if (m.rule_index == i) {
          fail(r, "negative example yields a finding ('" + m.secret + "'): " + short_text(ex));
          break;
        }
    }
  }
  return rep;
}

}  // namespace keysweep
