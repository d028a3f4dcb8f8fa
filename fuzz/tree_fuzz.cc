// The raw tree parser and the name shown for each entry. Entries must lie inside the input, and a
// shown name is one path segment: no '/', never "." or "..", never empty.
#include <vector>

#include "fuzz_support.h"
#include "source/raw_tree.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view raw = keysweep::fuzz::bytes(data, size);
  std::vector<keysweep::TreeEntry> entries;
  if (!keysweep::parse_tree(raw, &entries)) return 0;
  for (size_t i = 0; i < entries.size(); ++i) {
    const auto& e = entries[i];
    FUZZ_CHECK(e.name.data() >= raw.data() && e.name.data() + e.name.size() <= raw.data() + raw.size());
    FUZZ_CHECK(e.name.find('\0') == std::string_view::npos);
    std::string shown = keysweep::display_entry_name(e.name);
    FUZZ_CHECK(!shown.empty() && shown != "." && shown != ".." && shown.find('/') == std::string::npos);
    if (i) (void)keysweep::tree_order(entries[i - 1], e);
  }
  return 0;
}
