// The config parser over arbitrary text, as a trusted file and as a repository's .keysweep.toml:
// a Config or one Error naming the file. From a repository, the keys only trusted configs may set
// never come through.
#include "config/config.h"
#include "fuzz_support.h"
#include "keysweep/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = "repo/.keysweep.toml";
  for (auto trust : {keysweep::ConfigTrust::kTrusted, keysweep::ConfigTrust::kRepository}) {
    try {
      keysweep::Config c = keysweep::parse_config(keysweep::fuzz::bytes(data, size), path, trust);
      if (trust == keysweep::ConfigTrust::kRepository) FUZZ_CHECK(c.extra_rules.empty() && !c.format);
    } catch (const keysweep::Error& e) {
      FUZZ_CHECK(e.where().rfind(path, 0) == 0);
    }
  }
  return 0;
}
