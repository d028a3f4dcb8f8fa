// Lossless strings in JSON output: U+FFFD for display, base64 beside it for the exact bytes.
#include "util/json_text.h"

#include "util/utf8.h"

namespace keysweep {
namespace {

// RFC 4648 base64 with padding.
std::string base64_encode(std::string_view bytes) {
  static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  auto at = [&](size_t k) { return uint32_t(static_cast<unsigned char>(bytes[k])); };
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t v = at(i) << 16 | at(i + 1) << 8 | at(i + 2);
    for (int s = 18; s >= 0; s -= 6) out += kAlphabet[(v >> s) & 63];
  }
  if (size_t rest = bytes.size() - i) {
    uint32_t v = at(i) << 16 | (rest == 2 ? at(i + 1) << 8 : 0);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += rest == 2 ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

}  // namespace

void set_json_text(nlohmann::ordered_json& obj, const std::string& key, std::string_view value) {
  if (is_valid_utf8(value)) {
    obj[key] = std::string(value);
    return;
  }
  obj[key] = to_valid_utf8(value);
  obj[key + "_base64"] = base64_encode(value);
}

}  // namespace keysweep
