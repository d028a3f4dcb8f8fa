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
#include "finding/finding_builder.h"
#include "finding/placement.h"
#include "match/encoded.h"
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
  return allowlist_problem(r);
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

std::string at_path(const RuleExample& ex) { return ex.path.empty() ? "" : " at " + ex.path; }

// What a scan reports for rule `rule` in the example, as a file at its path: the direct
// matches in `*found` (the matcher's last scan of ex.text), what decoded base64 holds, and
// placement, but no cross-rule dedupe (every rule is proved alone).
std::vector<Finding> placed_findings(const RuleDatabase& db, Matcher& matcher, const RuleExample& ex,
                                     std::vector<Match>* found, uint32_t rule) {
  scan_encoded(matcher, ex.text, found);
  std::stable_sort(found->begin(), found->end(), [](const Match& a, const Match& b) { return a.start < b.start; });
  std::vector<Finding> all, mine;
  build_findings(db, ex.text, ex.path, *found, &all);
  place_findings(db, ex.path, &all, /*dedupe=*/false);
  for (Finding& f : all)
    if (f.rule_index == rule) mine.push_back(std::move(f));
  return mine;
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
    db = RuleDatabase::build(usable, CacheOptions{false, {}}, RuleDatabase::Options{.base64_runs = true});
  } catch (const Error& e) {
    rep.failures.push_back({"", "", e.what()});
    return rep;
  }
  Matcher matcher(*db, Matcher::Options{.dedupe = false});
  std::vector<Match> found, rejected;
  for (uint32_t i = 0; i < db->rules().size(); ++i) {
    const Rule& r = db->rule(i);
    for (const RuleExample& ex : r.examples) {
      ++rep.examples;
      if (!has_keyword(r, ex.text)) fail(r, "example contains none of the keywords: " + short_text(ex.text));
      rejected.clear();
      matcher.scan(ex.text, &found, &rejected);
      auto direct = spans_of(found, i);
      std::vector<Finding> mine = placed_findings(*db, matcher, ex, &found, i);
      if (mine.empty()) {
        std::string why = "example yields no finding" + at_path(ex) + ": " + short_text(ex.text);
        for (const Match& m : rejected)
          if (m.rule_index == i)
            why += " (matched '" + m.secret + "' but rejected: " +
                   std::string(reject_reason(*db, i, m.secret, m.entropy)) + ", entropy " +
                   std::to_string(m.entropy).substr(0, 4) + ")";
        if (!direct.empty()) why += " (matched, but not kept at this path: weak value or a path the rule skips)";
        fail(r, why);
        continue;
      }
      if (direct != spans_of(re2_only_matches(*db, i, ex.text), i))
        fail(r, "Hyperscan and RE2 disagree on example: " + short_text(ex.text));
      if (!ex.secret.empty() &&
          std::none_of(mine.begin(), mine.end(), [&](const Finding& f) { return f.secret == ex.secret; }))
        fail(r, "example yields '" + mine[0].secret + "', not the expected secret '" + ex.secret + "': " +
                    short_text(ex.text));
      if (!ex.confidence.empty() && std::none_of(mine.begin(), mine.end(), [&](const Finding& f) {
            return confidence_name(f.confidence) == ex.confidence;
          }))
        fail(r, "example yields confidence " + std::string(confidence_name(mine[0].confidence)) + ", not " +
                    ex.confidence + at_path(ex) + ": " + short_text(ex.text));
    }
    for (const RuleExample& ex : r.negative_examples) {
      ++rep.negative_examples;
      matcher.scan(ex.text, &found);
      std::vector<Finding> mine = placed_findings(*db, matcher, ex, &found, i);
      if (!mine.empty())
        fail(r, "negative example yields a finding ('" + mine[0].secret + "')" + at_path(ex) + ": " +
                    short_text(ex.text));
    }
  }
  return rep;
}

}  // namespace keysweep
