// Base64 (RFC 4648: standard and URL-safe alphabets, padding optional) and percent-decoding,
// for secrets that are stored encoded. Nothing here knows what a secret is.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace keysweep {

// True for the 64 symbols of either alphabet (A-Z a-z 0-9 + / - _); '=' is not one.
bool is_base64_symbol(unsigned char c);

// Decodes `text` as base64, standard or URL-safe (not both mixed), with or without '='
// padding. Returns nullopt when a character is outside the alphabet, padding is misplaced,
// the length leaves a lone 6-bit symbol, or the unused trailing bits are not zero (so a random
// run of letters rarely decodes by accident). Whitespace is not skipped. Linear time; thread-safe.
std::optional<std::string> base64_decode(std::string_view text);

// Decodes at most `max_out` bytes from the start of `text` (a prefix whose length is a multiple
// of 4 symbols), for a cheap look at what a long run holds before decoding all of it.
std::optional<std::string> base64_decode_prefix(std::string_view text, size_t max_out);

// Standard alphabet with padding.
std::string base64_encode(std::string_view bytes);

// Replaces every %XX (hex, either case) with its byte; a '%' not followed by two hex digits is
// kept as is. '+' is left alone (it means a space only in form bodies, not in URL userinfo).
std::string percent_decode(std::string_view text);

}  // namespace keysweep
