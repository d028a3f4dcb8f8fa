// The base64 decoder (and percent-decoding) over arbitrary text: what decodes re-encodes to bytes
// that decode the same, a decoded prefix is a prefix of the whole, and nothing reads outside the
// input.
#include "fuzz_support.h"
#include "util/base64.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = keysweep::fuzz::bytes(data, size);
  auto whole = keysweep::base64_decode(text);
  if (whole) {
    FUZZ_CHECK(whole->size() <= text.size());
    auto again = keysweep::base64_decode(keysweep::base64_encode(*whole));
    FUZZ_CHECK(again && *again == *whole);
  }
  size_t max_out = size ? data[0] : 0;
  auto prefix = keysweep::base64_decode_prefix(text, max_out);
  if (prefix) {
    FUZZ_CHECK(prefix->size() <= max_out);
    if (whole) FUZZ_CHECK(whole->compare(0, prefix->size(), *prefix) == 0);
  }
  FUZZ_CHECK(keysweep::percent_decode(text).size() <= text.size());
  return 0;
}
