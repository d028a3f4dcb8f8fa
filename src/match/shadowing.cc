// Cross-rule dedupe (match/shadowing.h).
#include "match/shadowing.h"

namespace keysweep {

std::vector<bool> shadowed_spans(const RuleDatabase& db, const std::vector<ReportSpan>& v) {
  std::vector<bool> drop(v.size(), false);
  for (size_t i = 0; i < v.size(); ++i) {
    for (size_t j = i + 1; j < v.size() && v[j].start < v[i].end; ++j) {
      const ReportSpan& a = v[i];
      const ReportSpan& b = v[j];
      bool ga = db.rule(a.rule).generic, gb = db.rule(b.rule).generic;
      if (ga != gb) {
        drop[ga ? i : j] = true;
      } else if (a.start == b.start && a.end == b.end) {
        bool keep_a = a.context_length != b.context_length ? a.context_length > b.context_length : a.rule < b.rule;
        drop[keep_a ? j : i] = true;
      }
    }
  }
  return drop;
}

}  // namespace keysweep
