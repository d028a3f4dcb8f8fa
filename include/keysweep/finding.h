// What the scan produces: matches (re2-confirmed hits inside one blob) become findings
// (a match placed in its provenance, with line/column and a fingerprint).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "keysweep/provenance.h"
#include "keysweep/rule.h"

namespace keysweep {

// How random a matched value looks (filter/value_filters.h decides; placement decides whether
// a weak or trivial one counts at the path it was found at).
enum class ValueStrength : uint8_t { kRandom, kWeak, kTrivial };

// A hit confirmed by RE2, with the secret extracted. Offsets are bytes into the blob; a match
// found in decoded bytes carries the span of the encoded text it came from.
struct Match {
  uint32_t rule_index = 0;
  uint64_t start = 0;  // secret start
  uint64_t end = 0;    // secret end (exclusive)
  uint64_t match_start = 0, match_end = 0;  // the whole pattern match, context included
  std::string secret;  // decoded when the value was encoded
  double entropy = 0.0;
  ValueStrength strength = ValueStrength::kRandom;
  Encoding encoding = Encoding::kNone;  // kBase64: found in, or as, base64-decoded bytes
};

struct Finding {
  const Rule* rule = nullptr;
  uint32_t rule_index = 0;
  std::string path;  // relative to the scanned root; "-" for standard input
  uint64_t line = 0, column = 0, end_line = 0, end_column = 0;  // 1-based; column in bytes
  uint64_t offset = 0, end_offset = 0;  // byte span of the secret (or of its encoded text)
  uint64_t context_length = 0;          // bytes of the whole pattern match: more proof of the provider
  std::string secret;
  double entropy = 0.0;
  ValueStrength strength = ValueStrength::kRandom;
  Encoding encoding = Encoding::kNone;
  Confidence confidence = Confidence::kHigh;  // set by placement, from the rule and the path
  std::string fingerprint;  // from rule id and secret only: stable across moves and rebases
  // Git scans only: the blob and the commit that introduced it (null for working-tree files).
  std::shared_ptr<const BlobProvenance> provenance;
};

}  // namespace keysweep
