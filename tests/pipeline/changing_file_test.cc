// Files that change while they are scanned (a log being rotated, a build writing its output):
// whatever the timing, the scan reads what is there and never faults. A mapped file cut short
// under the reader would kill the process with SIGBUS, so scanned files are read, never mapped.
#include <doctest/doctest.h>

#include <unistd.h>

#include <atomic>
#include <thread>

#include "pipeline/scan_pipeline.h"
#include "source/dir_walker.h"
#include "support/temp_dir.h"
#include "support/test_rules.h"
#include "util/file_bytes.h"

using namespace keysweep;

TEST_SUITE("changing files") {
  TEST_CASE("a file truncated and rewritten while it is read: each scan sees it whole or cut, never crashes") {
    testing::TempDir d;
    std::string token = testing::fake_github_token(801);
    std::string body = "t = " + token + "\n" + std::string(4 << 20, 'x') + "\nu = " + testing::fake_github_token(802) + "\n";
    std::string path = d.write("growing.log", body);
    auto db = testing::test_database();
    auto walk = walk_roots({d.path()}, false);
    std::atomic<bool> stop{false};
    std::thread writer([&] {
      while (!stop) {
        REQUIRE(truncate(path.c_str(), 100) == 0);
        usleep(300);  // long enough for a reader to be caught mid-file
        d.write("growing.log", body);
      }
    });
    for (int i = 0; i < 40; ++i) {
      auto r = scan_files(*db, walk.files, 64 << 20, 2);
      // Whole (2 findings), cut after the first token (1), or caught empty (0): each is what the
      // file held at some moment; anything else would be a wrong result.
      CHECK(r.findings.size() <= 2);
      for (const auto& f : r.findings) CHECK((f.line == 1 || f.line == 3));
    }
    stop = true;
    writer.join();
  }

  TEST_CASE("a file reporting more bytes than it holds (sysfs) is read as far as it goes") {
    const std::string sys = "/sys/kernel/mm/transparent_hugepage/enabled";
    if (access(sys.c_str(), R_OK) != 0) return;  // not every kernel has it; nothing to check then
    FileBytes f;
    std::string err;
    REQUIRE(f.load(sys, 1 << 20, &err) == FileBytes::Status::kOk);
    CHECK(f.view().size() < 4096);  // st_size says 4096
    CHECK(f.view().find('[') != std::string_view::npos);
  }
}
