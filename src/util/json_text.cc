// Lossless strings in JSON output: U+FFFD for display, base64 beside it for the exact bytes.
#include "util/json_text.h"

#include "util/base64.h"
#include "util/utf8.h"

namespace keysweep {

void set_json_text(nlohmann::ordered_json& obj, const std::string& key, std::string_view value) {
  if (is_valid_utf8(value)) {
    obj[key] = std::string(value);
    return;
  }
  obj[key] = to_valid_utf8(value);
  obj[key + "_base64"] = base64_encode(value);
}

}  // namespace keysweep
