// One secret, one finding: when rules report overlapping bytes, which reports stand aside.
// Shared by the matcher (raw matches) and placement (findings, after path decisions).
#pragma once

#include <cstdint>
#include <vector>

#include "rules/rule_database.h"

namespace keysweep {

struct ReportSpan {
  uint32_t rule = 0;
  uint64_t start = 0, end = 0;    // the secret's bytes
  uint64_t context_length = 0;    // the whole pattern match's length
};

// `spans` sorted by start. Returns, per span, whether it is shadowed: a provider rule beats a
// generic rule whose span overlaps it; between rules of the same kind reporting the same span,
// the longer whole match wins (it proved more context, e.g. "workos" before an sk_live_ key),
// then the rule loaded first. Different secrets that merely overlap are both kept.
std::vector<bool> shadowed_spans(const RuleDatabase& db, const std::vector<ReportSpan>& spans);

}  // namespace keysweep
