// Shannon entropy of a byte string: how random a candidate secret looks.
#pragma once

#include <string_view>

namespace keysweep {

// Bits per byte, from 0 (one repeated byte) to log2(distinct bytes). A random 40-character
// base64 value scores about 5; English words about 2.5-3.
double shannon_entropy(std::string_view s);

}  // namespace keysweep
