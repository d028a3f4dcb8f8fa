// The .env parser over arbitrary text (it never fails), and the env-file name classifier. Entries
// come in order, with lines inside the text.
#include <algorithm>

#include "envvars/dotenv.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = keysweep::fuzz::bytes(data, size);
  auto entries = keysweep::parse_dotenv(text);
  uint32_t lines = uint32_t(1 + std::count(text.begin(), text.end(), '\n'));
  uint32_t last = 0;
  for (const auto& e : entries) {
    FUZZ_CHECK(!e.name.empty());
    FUZZ_CHECK(e.line >= 1 && e.line <= e.end_line && e.end_line <= lines);
    FUZZ_CHECK(e.line >= last);
    last = e.end_line;
  }
  (void)keysweep::env_file_kind(text.substr(0, text.find('\n')));
  return 0;
}
