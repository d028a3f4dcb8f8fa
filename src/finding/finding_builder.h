// Turns a blob's matches into findings: line and column, the content fingerprint, redaction.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "keysweep/finding.h"
#include "rules/rule_database.h"

namespace keysweep {

// Appends one finding per match. `matches` must be sorted by start (Matcher::scan's order);
// lines are counted in one pass over the blob.
void build_findings(const RuleDatabase& db, std::string_view blob, const std::string& path,
                    const std::vector<Match>& matches, std::vector<Finding>* out);

// sha256(rule id, NUL, secret), first 20 bytes as hex. Independent of position, so it survives
// rebases and line moves, and a different secret on the same line gets a different one.
std::string fingerprint(std::string_view rule_id, std::string_view secret);

// What terminal and SARIF output show instead of the secret: its first 4 characters and "…"
// (fewer for short secrets, so that at least three quarters stay hidden).
std::string redact(std::string_view secret);

}  // namespace keysweep
