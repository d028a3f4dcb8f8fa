// UTF-8 decoding for output: which bytes form valid characters. Nothing here knows what a secret is.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace keysweep {

// The length (1-4) of the valid UTF-8 sequence starting at s[i], with its code point in `*cp`;
// 0 when the bytes there are not valid UTF-8 (a stray continuation byte, a truncated or overlong
// sequence, a surrogate, or a code point past U+10FFFF). Requires i < s.size().
size_t utf8_sequence(std::string_view s, size_t i, uint32_t* cp);

bool is_valid_utf8(std::string_view s);

// `s` with each byte that is not part of a valid sequence replaced by U+FFFD.
std::string to_valid_utf8(std::string_view s);

}  // namespace keysweep
