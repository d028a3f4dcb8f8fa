// .keysweepignore over arbitrary bytes: entries or one Error naming file and line; applying the
// entries to findings must keep or drop each one, nothing else.
#include "filter/ignore_file.h"
#include "fuzz_support.h"
#include "keysweep/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string path = keysweep::fuzz::write_scratch(".keysweepignore", keysweep::fuzz::bytes(data, size));
  try {
    keysweep::IgnoreFile f = keysweep::IgnoreFile::load(path, false);
    static keysweep::Rule rule = [] {
      keysweep::Rule r;
      r.id = "r";
      return r;
    }();
    std::vector<keysweep::Finding> findings(3);
    const char* paths[] = {"a/b.txt", "test/x", "vendor/deep/y.js"};
    for (int i = 0; i < 3; ++i) {
      findings[i].rule = &rule;
      findings[i].path = paths[i];
      findings[i].fingerprint = std::string(40, "0af"[i]);
    }
    f.apply(&findings);
    FUZZ_CHECK(findings.size() <= 3);
    FUZZ_CHECK(f.stale().size() <= f.size());
  } catch (const keysweep::Error& e) {
    FUZZ_CHECK(e.where().rfind(path, 0) == 0);
  }
  return 0;
}
