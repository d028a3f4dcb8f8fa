// Output escaping: terminal_safe() leaves no byte that could control a terminal and is valid
// UTF-8; set_json_text() always gives a document that parses back.
#include <nlohmann/json.hpp>

#include "fuzz_support.h"
#include "util/json_text.h"
#include "util/terminal_text.h"
#include "util/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in = keysweep::fuzz::bytes(data, size);
  std::string out = keysweep::terminal_safe(in);
  FUZZ_CHECK(keysweep::is_valid_utf8(out));
  for (unsigned char c : out) FUZZ_CHECK((c >= 0x20 || c == '\t') && c != 0x7f);
  nlohmann::ordered_json j;
  keysweep::set_json_text(j, "path", in);
  auto back = nlohmann::json::parse(j.dump());
  FUZZ_CHECK(back.contains("path") && back.contains("path_base64") != keysweep::is_valid_utf8(in));
  return 0;
}
