// Decides what an extracted value is: a secret, a weak (human-chosen) value, a trivial one
// (a bare word, a run like 12345678), or not a secret at all (placeholder, reference, identifier,
// allowlisted). Weak and trivial values are reported only where the path makes the context
// certain (finding/placement.h); everything here is independent of the path.
#pragma once

#include <string_view>

#include "rules/rule_database.h"

namespace keysweep {

enum class ValueClass {
  kSecret,   // random-looking: reported wherever the rule applies
  kWeak,     // human-chosen ("admin123", "Welcome1!", below the entropy floor): config and credential files
  kTrivial,  // a bare word or a run ("postgres", "secret", "12345678"): credential files only
  kRejected, // never reported
};

struct ValueVerdict {
  ValueClass kind = ValueClass::kSecret;
  std::string_view reason;  // why it is not kSecret: short kebab-case ("placeholder", "low-entropy")
};

// Classifies `secret`, matched by rule `rule` with Shannon entropy `entropy`; `name` is the key
// the rule matched it under (its `name` group), or empty. Thread-safe.
ValueVerdict classify_value(const RuleDatabase& db, uint32_t rule, std::string_view secret, double entropy,
                            std::string_view name = {});

// Why `secret` is not reported as a plain secret, or an empty view when it is one (weak and
// trivial values give their reason too). For messages and tests.
std::string_view reject_reason(const RuleDatabase& db, uint32_t rule, std::string_view secret, double entropy,
                               std::string_view name = {});

// The individual checks, exposed for tests.
// Template and documentation stand-ins: ${X}, {{ x }}, %(x)s, <x>, xxxx, ****, and values made
// of placeholder words ("your-api-key-here", "example-token", "changeme123").
bool is_placeholder(std::string_view secret);
bool is_low_randomness(std::string_view secret);
// Values generic rules should leave alone: UUIDs, digests under a digest-like name (a 40-hex
// value under "api_token" is a credential, under "commit_sha" a digest), integrity hashes, data:
// URIs, public keys, file paths, URLs and plain identifiers (letters and separators only).
std::string_view identifier_shape(std::string_view secret, std::string_view name = {});

}  // namespace keysweep
