// Everything a scan is configured with, after argv has been parsed by src/app/.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace keysweep {

struct ScanOptions {
  std::vector<std::string> roots;  // paths to scan; "-" is standard input
  uint64_t max_file_size = 50ull << 20;
  bool no_ignore = false;  // scan git-ignored files too
  unsigned threads = 0;    // 0: all cores
};

}  // namespace keysweep
