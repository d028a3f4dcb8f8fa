// Escaping for terminal output: one rule for every human-readable printer.
#include "util/terminal_text.h"

#include <cstdint>

#include "util/utf8.h"

namespace keysweep {
namespace {

bool is_control_character(uint32_t cp) {
  return (cp < 0x20 && cp != '\t') || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) || cp == 0x061c || cp == 0x200e ||
         cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

void escape_bytes(std::string_view bytes, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  for (unsigned char c : bytes) {
    *out += "\\x";
    *out += kHex[c >> 4];
    *out += kHex[c & 15];
  }
}

}  // namespace

std::string terminal_safe(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  uint32_t cp = 0;
  for (size_t i = 0; i < s.size();) {
    size_t n = utf8_sequence(s, i, &cp);
    if (n == 0) {
      escape_bytes(s.substr(i, 1), &out);
      ++i;
      continue;
    }
    if (is_control_character(cp))
      escape_bytes(s.substr(i, n), &out);
    else
      out.append(s.substr(i, n));
    i += n;
  }
  return out;
}

}  // namespace keysweep
