// Shared helpers for the fuzz targets: a scratch folder per process (the parsers that take a
// path get the input written there) and a failed-invariant abort that libFuzzer reports.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace keysweep::fuzz {

// A folder of this process's own, created on first use (in /dev/shm when there is one).
const std::string& scratch_dir();

// Writes `bytes` to scratch_dir()/name and returns the path.
std::string write_scratch(const std::string& name, std::string_view bytes);

// The input as a string_view.
inline std::string_view bytes(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace keysweep::fuzz

// Aborts (a crash libFuzzer saves) when an invariant of the code under test does not hold.
#define FUZZ_CHECK(cond)                                                          \
  do {                                                                            \
    if (!(cond)) {                                                                \
      std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                               \
    }                                                                             \
  } while (0)
