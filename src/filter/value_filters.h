// Decides whether an extracted value is really a secret: entropy floor, placeholders, low
// randomness, identifier shapes (generic rules only) and the rule's own allowlist.
#pragma once

#include <string_view>

#include "rules/rule_database.h"

namespace keysweep {

// Returns why `secret` (matched by rule `rule`, with Shannon entropy `entropy`) is not reported,
// or an empty view when it is a finding. Reasons are short kebab-case words, e.g. "placeholder".
// Thread-safe.
std::string_view reject_reason(const RuleDatabase& db, uint32_t rule, std::string_view secret,
                               double entropy);

// The individual checks, exposed for tests.
bool is_placeholder(std::string_view secret);
bool is_low_randomness(std::string_view secret);
// Values generic rules should leave alone: UUIDs, git SHAs, integrity hashes, data: URIs, public
// keys, file paths, URLs and plain identifiers (letters and separators only).
std::string_view identifier_shape(std::string_view secret);

}  // namespace keysweep
