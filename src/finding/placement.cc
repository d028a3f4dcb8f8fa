// Placement (finding/placement.h): path context in, the findings that hold at that path out.
#include "finding/placement.h"

#include <algorithm>

#include "finding/path_context.h"
#include "match/shadowing.h"
#include "util/glob.h"

namespace keysweep {
namespace {

bool rule_applies(const Rule& r, std::string_view path) {
  if (r.paths.empty()) return true;
  return std::any_of(r.paths.begin(), r.paths.end(), [&](const std::string& g) { return glob_match(g, path); });
}

// Weak values are reported only where the context is certain; trivial ones (a bare word, a run)
// only where the file's whole purpose is credentials.
bool value_counts_here(const Rule& r, ValueStrength s, const PathContext& c) {
  if (s == ValueStrength::kRandom) return true;
  if (c.test || c.example || r.weak_values == WeakValues::kNever) return false;
  if (s == ValueStrength::kTrivial) return c.credential_file;
  return r.weak_values == WeakValues::kConfig ? c.config_file : c.credential_file;
}

}  // namespace

Confidence placed_confidence(const Rule& rule, ValueStrength strength, bool test_path) {
  Confidence c = strength == ValueStrength::kRandom ? rule.confidence : Confidence::kLow;
  if (test_path && c != Confidence::kLow) c = Confidence(int(c) - 1);
  return c;
}

void place_findings(const RuleDatabase& db, std::string_view path, std::vector<Finding>* findings, bool dedupe) {
  if (findings->empty()) return;
  PathContext ctx = classify_path(path);
  std::vector<Finding> kept;
  kept.reserve(findings->size());
  for (Finding& f : *findings) {
    if (!rule_applies(*f.rule, path) || !value_counts_here(*f.rule, f.strength, ctx)) continue;
    f.confidence = placed_confidence(*f.rule, f.strength, ctx.test);
    kept.push_back(std::move(f));
  }
  std::stable_sort(kept.begin(), kept.end(), [](const Finding& a, const Finding& b) {
    return a.offset != b.offset ? a.offset < b.offset : a.rule_index < b.rule_index;
  });
  if (!dedupe) {
    *findings = std::move(kept);
    return;
  }
  std::vector<ReportSpan> spans;
  spans.reserve(kept.size());
  for (const Finding& f : kept) spans.push_back({f.rule_index, f.offset, f.end_offset, f.context_length});
  std::vector<bool> drop = shadowed_spans(db, spans);
  findings->clear();
  for (size_t i = 0; i < kept.size(); ++i)
    if (!drop[i]) findings->push_back(std::move(kept[i]));
}

}  // namespace keysweep
