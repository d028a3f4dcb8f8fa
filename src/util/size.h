// Human sizes for flags and config: "50M", "1G", "512k", "4096".
#pragma once

#include <cstdint>
#include <string>

namespace keysweep {

// Bytes in `text`. Throws Error("--max-file-size", ...) when it is not a size from 1 byte to
// under 4 GiB (Hyperscan scans at most 4 GiB at once).
uint64_t parse_size(const std::string& text);

}  // namespace keysweep
