// SHA-256 (FIPS 180-4), for content fingerprints and the rule-cache key. Not constant-time:
// it hashes secrets we already hold in memory, never compares MACs.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace keysweep {

class Sha256 {
 public:
  Sha256();
  // Feeds more bytes; may be called any number of times before digest().
  void update(std::string_view data);
  // Finishes the hash. The object must not be updated afterwards.
  std::array<uint8_t, 32> digest();

 private:
  void block(const uint8_t* p);
  uint32_t h_[8];
  uint8_t buf_[64];
  size_t buf_len_ = 0;
  uint64_t total_ = 0;
};

// Lower-case hex of the SHA-256 of `data`.
std::string sha256_hex(std::string_view data);
std::string to_hex(const uint8_t* bytes, size_t n);

}  // namespace keysweep
