// The scan as a list of stages: enumerate → read → match and confirm → ordered output.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "keysweep/finding.h"
#include "keysweep/options.h"
#include "keysweep/skip.h"
#include "rules/rule_database.h"
#include "source/dir_walker.h"

namespace keysweep {

struct ScanResult {
  std::vector<Finding> findings;  // ordered by path, line, column, rule id
  std::vector<Skip> skips;
  uint64_t files = 0;             // blobs scanned
  uint64_t bytes = 0;             // bytes scanned
};

// Reads and scans `files` on `threads` workers (0: all cores). Files that cannot be read, are
// binary or exceed `max_file_size` become skips; nothing here throws for a bad input file.
ScanResult scan_files(const RuleDatabase& db, const std::vector<FileRef>& files,
                      uint64_t max_file_size, unsigned threads);

// Scans one in-memory blob (standard input) as `display_path`.
ScanResult scan_bytes(const RuleDatabase& db, std::string_view bytes, const std::string& display_path);

// Sorts skips by path, for reports that do not depend on walk or thread order.
void sort_skips(std::vector<Skip>* skips);

// Sorts findings into report order: path, line, column, rule id.
void sort_findings(std::vector<Finding>* findings);

}  // namespace keysweep
