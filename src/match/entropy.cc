// Entropy scoring used to reject low-randomness values after a rule matches.
#include "match/entropy.h"

#include <cmath>
#include <cstdint>

namespace keysweep {

double shannon_entropy(std::string_view s) {
  if (s.empty()) return 0.0;
  uint32_t counts[256] = {};
  for (unsigned char c : s) ++counts[c];
  double n = double(s.size()), h = 0.0;
  for (uint32_t c : counts) {
    if (!c) continue;
    double p = c / n;
    h -= p * std::log2(p);
  }
  return h;
}

}  // namespace keysweep
