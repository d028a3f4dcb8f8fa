// Strings into JSON without losing bytes. JSON text must be valid UTF-8, but paths, secrets and
// commit metadata may hold any bytes. The rule (README, "Output"): a field whose value is not
// valid UTF-8 holds it with each invalid byte replaced by U+FFFD, and a sibling field named
// `<field>_base64` holds the exact bytes in base64 (RFC 4648, with padding). Valid values get no
// sibling, so ordinary output is unchanged.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace keysweep {

// Sets obj[key] to `value` (replaced as above) and, when `value` is not valid UTF-8,
// obj[key + "_base64"] to its bytes.
void set_json_text(nlohmann::ordered_json& obj, const std::string& key, std::string_view value);

}  // namespace keysweep
