// Base64 and percent decoding (util/base64.h): table-driven, one pass, no allocation beyond the
// output.
#include "util/base64.h"

#include <array>
#include <cstdint>

namespace keysweep {
namespace {

constexpr uint8_t kBad = 0xff;

// Symbol values for both alphabets; which alphabet a text uses is checked separately.
constexpr std::array<uint8_t, 256> make_table() {
  std::array<uint8_t, 256> t{};
  for (auto& v : t) v = kBad;
  for (int i = 0; i < 26; ++i) {
    t['A' + i] = uint8_t(i);
    t['a' + i] = uint8_t(26 + i);
  }
  for (int i = 0; i < 10; ++i) t['0' + i] = uint8_t(52 + i);
  t['+'] = 62;
  t['/'] = 63;
  t['-'] = 62;
  t['_'] = 63;
  return t;
}
constexpr std::array<uint8_t, 256> kTable = make_table();

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes the symbols text[0, n) (no padding inside), appending to `out`.
bool decode_symbols(std::string_view text, std::string* out) {
  bool standard = false, url_safe = false;
  uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : text) {
    uint8_t v = kTable[c];
    if (v == kBad) return false;
    if (c == '+' || c == '/') standard = true;
    if (c == '-' || c == '_') url_safe = true;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out->push_back(char((acc >> bits) & 0xff));
    }
  }
  if (standard && url_safe) return false;
  // A lone trailing symbol carries only 6 bits: never a valid encoding.
  if (bits == 6) return false;
  // The unused low bits of the last symbol are zero in any real encoder's output.
  return (acc & ((1u << bits) - 1)) == 0;
}

}  // namespace

bool is_base64_symbol(unsigned char c) { return kTable[c] != kBad; }

std::optional<std::string> base64_decode(std::string_view text) {
  size_t n = text.size();
  size_t pad = 0;
  while (pad < 2 && n > 0 && text[n - 1] == '=') {
    --n;
    ++pad;
  }
  if (pad > 0 && (n + pad) % 4 != 0) return std::nullopt;
  std::string out;
  out.reserve(n / 4 * 3 + 3);
  if (!decode_symbols(text.substr(0, n), &out)) return std::nullopt;
  return out;
}

std::optional<std::string> base64_decode_prefix(std::string_view text, size_t max_out) {
  size_t symbols = (max_out + 2) / 3 * 4;
  if (symbols >= text.size()) return base64_decode(text);
  std::string out;
  if (!decode_symbols(text.substr(0, symbols), &out)) return std::nullopt;
  if (out.size() > max_out) out.resize(max_out);
  return out;
}

std::string base64_encode(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t v = uint32_t(uint8_t(bytes[i])) << 16 | uint32_t(uint8_t(bytes[i + 1])) << 8 | uint8_t(bytes[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out.push_back(kAlphabet[(v >> s) & 63]);
  }
  size_t rest = bytes.size() - i;
  if (rest > 0) {
    uint32_t v = uint32_t(uint8_t(bytes[i])) << 16 | (rest == 2 ? uint32_t(uint8_t(bytes[i + 1])) << 8 : 0);
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(rest == 2 ? kAlphabet[(v >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    int hi, lo;
    if (text[i] == '%' && i + 2 < text.size() && (hi = hex_value(text[i + 1])) >= 0 && (lo = hex_value(text[i + 2])) >= 0) {
      out.push_back(char(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

}  // namespace keysweep
