#include <doctest/doctest.h>

#include "pipeline/scan_pipeline.h"
#include "source/dir_walker.h"
#include "support/temp_dir.h"
#include "support/test_rules.h"

using namespace keysweep;

namespace {
std::string summary(const ScanResult& r) {
  std::string s;
  for (const auto& f : r.findings)
    s += f.path + ":" + std::to_string(f.line) + ":" + std::to_string(f.column) + " " + f.rule->id + "\n";
  return s;
}
}  // namespace

TEST_SUITE("scan_pipeline") {
  TEST_CASE("output order is the same whatever the thread count") {
    testing::TempDir d;
    for (int i = 0; i < 60; ++i) {
      std::string body;
      for (int j = 0; j < i % 4; ++j) body += "line\nt = " + testing::fake_github_token(i * 10 + j) + "\n";
      d.write("f" + std::to_string(i % 7) + "/file" + std::to_string(i) + ".txt", body);
    }
    auto db = testing::test_database();
    auto walk = walk_roots({d.path()}, false);
    auto one = scan_files(*db, walk.files, 1 << 20, 1);
    auto many = scan_files(*db, walk.files, 1 << 20, 4);
    CHECK(one.findings.size() == 90);
    CHECK(summary(one) == summary(many));
    CHECK(one.files == 60);
  }

  TEST_CASE("binary and oversized files are skips with their reason, and the rest is scanned") {
    testing::TempDir d;
    d.write("bin.dat", std::string("\x7f" "ELF\0\0", 6) + testing::fake_github_token(1));
    d.write("big.txt", std::string(2000, 'a') + testing::fake_github_token(2));
    d.write("ok.txt", testing::fake_github_token(3));
    auto db = testing::test_database();
    auto walk = walk_roots({d.path()}, false);
    auto r = scan_files(*db, walk.files, 1000, 2);
    sort_skips(&r.skips);
    REQUIRE(r.skips.size() == 2);
    CHECK(r.skips[0].path == "big.txt");
    CHECK(r.skips[0].reason == SkipReason::kTooLarge);
    CHECK(r.skips[1].path == "bin.dat");
    CHECK(r.skips[1].reason == SkipReason::kBinary);
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].path == "ok.txt");
  }

  TEST_CASE("a file deleted between walk and read is an unreadable skip, not an abort") {
    testing::TempDir d;
    d.write("gone.txt", "x");
    d.write("kept.txt", testing::fake_github_token(4));
    auto db = testing::test_database();
    auto walk = walk_roots({d.path()}, false);
    std::filesystem::remove(d / "gone.txt");
    auto r = scan_files(*db, walk.files, 1 << 20, 2);
    REQUIRE(r.skips.size() == 1);
    CHECK(r.skips[0].reason == SkipReason::kUnreadable);
    CHECK(r.findings.size() == 1);
  }
}
