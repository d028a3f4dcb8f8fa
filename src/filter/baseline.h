// Baselines: "report only what is new since this report". A baseline holds fingerprints, rule
// ids and paths only: no secret in clear and no line numbers, so it neither leaks nor churns.
#pragma once

#include <string>
#include <unordered_set>
#include <vector>

#include "keysweep/finding.h"

namespace keysweep {

// Reads the fingerprints of a baseline written by write_baseline(), or of any keysweep JSON
// report (its findings' fingerprints). Throws Error(path, ...) when unreadable or not one of those.
std::unordered_set<std::string> load_baseline(const std::string& path);

// Removes findings whose fingerprint is in `baseline`.
void drop_baselined(const std::unordered_set<std::string>& baseline, std::vector<Finding>* findings);

// Writes a baseline of `findings` to `path` (sorted, one entry per fingerprint and path).
// Throws Error(path, ...) when it cannot be written.
void write_baseline(const std::string& path, const std::vector<Finding>& findings);

}  // namespace keysweep
