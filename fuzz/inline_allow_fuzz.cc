// Inline allow markers over arbitrary blobs, with matches placed by the input itself (its first
// bytes pick each match's span): only matches are dropped, and those that stay are untouched.
#include <algorithm>
#include <cstring>

#include "filter/inline_allow.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 8) return 0;
  std::string_view blob = keysweep::fuzz::bytes(data + 8, size - 8);
  std::vector<keysweep::Match> matches;
  for (int i = 0; i < 4 && !blob.empty(); ++i) {
    uint16_t a, b;
    std::memcpy(&a, data + 2 * i, 2);
    std::memcpy(&b, data + ((2 * i + 5) % 8), 1);
    keysweep::Match m;
    m.start = m.match_start = a % blob.size();
    m.end = m.match_end = std::min<uint64_t>(blob.size(), m.start + 1 + (b & 0xff));
    m.secret = std::string(blob.substr(m.start, m.end - m.start));
    matches.push_back(m);
  }
  std::sort(matches.begin(), matches.end(), [](const auto& x, const auto& y) { return x.start < y.start; });
  auto before = matches;
  keysweep::drop_inline_allowed(blob, &matches);
  FUZZ_CHECK(matches.size() <= before.size());
  for (const auto& m : matches)
    FUZZ_CHECK(std::any_of(before.begin(), before.end(), [&](const auto& b) { return b.start == m.start && b.secret == m.secret; }));
  (void)keysweep::has_allow_marker(blob);
  return 0;
}
