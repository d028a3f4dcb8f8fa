// The baseline reader (a baseline or any earlier JSON report) over arbitrary bytes: fingerprints
// or one Error naming the file.
#include "filter/baseline.h"
#include "fuzz_support.h"
#include "keysweep/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string path = keysweep::fuzz::write_scratch("baseline.json", keysweep::fuzz::bytes(data, size));
  try {
    auto fingerprints = keysweep::load_baseline(path);
    FUZZ_CHECK(fingerprints.size() <= size);
  } catch (const keysweep::Error& e) {
    FUZZ_CHECK(e.where() == path);
  }
  return 0;
}
