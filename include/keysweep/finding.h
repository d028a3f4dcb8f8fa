// What the scan produces: matches (re2-confirmed hits inside one blob) become findings
// (a match placed in its provenance, with line/column and a fingerprint).
#pragma once

#include <cstdint>
#include <string>

#include "keysweep/provenance.h"
#include "keysweep/rule.h"

namespace keysweep {

// A hit confirmed by RE2, with the secret extracted. Offsets are bytes into the blob.
struct Match {
  uint32_t rule_index = 0;
  uint64_t start = 0;  // secret start
  uint64_t end = 0;    // secret end (exclusive)
  uint64_t match_start = 0, match_end = 0;  // the whole pattern match, context included
  std::string secret;
  double entropy = 0.0;
};

struct Finding {
  const Rule* rule = nullptr;
  std::string path;  // relative to the scanned root; "-" for standard input
  uint64_t line = 0, column = 0, end_line = 0, end_column = 0;  // 1-based; column in bytes
  std::string secret;
  double entropy = 0.0;
  std::string fingerprint;  // from rule id and secret only: stable across moves and rebases
  // Git scans only: the blob and the commit that introduced it (null for working-tree files).
  std::shared_ptr<const BlobProvenance> provenance;
};

}  // namespace keysweep
