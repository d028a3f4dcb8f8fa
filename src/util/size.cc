// Size parsing shared by flags and config.
#include "util/size.h"

#include <stdexcept>

#include "keysweep/error.h"

namespace keysweep {

uint64_t parse_size(const std::string& text) {
  size_t used = 0;
  unsigned long long n = 0;
  try {
    n = std::stoull(text, &used);
  } catch (const std::exception&) {
    throw Error("--max-file-size", "'" + text + "' is not a size (e.g. 50M, 1G, 4096)");
  }
  std::string unit = text.substr(used);
  uint64_t mult = 1;
  if (unit == "" || unit == "B") mult = 1;
  else if (unit == "k" || unit == "K" || unit == "KiB") mult = 1ull << 10;
  else if (unit == "m" || unit == "M" || unit == "MiB") mult = 1ull << 20;
  else if (unit == "g" || unit == "G" || unit == "GiB") mult = 1ull << 30;
  else throw Error("--max-file-size", "'" + text + "' is not a size (e.g. 50M, 1G, 4096)");
  uint64_t bytes = n * mult;
  // Hyperscan scans at most 4 GiB in one call.
  if (bytes == 0 || bytes >= (4ull << 30) || bytes / mult != n)
    throw Error("--max-file-size", "'" + text + "' must be between 1 byte and 4 GiB");
  return bytes;
}

}  // namespace keysweep
