// Faults while writing and running: full disks, read-only folders, closed pipes, interrupts and
// a damaged or contended rule cache never leave a truncated report or give a wrong result.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/git_fixture.h"
#include "support/run_cli.h"
#include "support/temp_dir.h"
#include "support/test_rules.h"

using keysweep::testing::CliOptions;
using keysweep::testing::CliProcess;
using keysweep::testing::fake_github_token;
using keysweep::testing::run_cli;
using keysweep::testing::sh;
using keysweep::testing::slurp;
using keysweep::testing::TempDir;

namespace {

// Every entry in `dir`, by name.
std::vector<std::string> listing(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

// A tree with `n` fake tokens in one file, and the test rules beside it.
std::string planted(const TempDir& d, int n) {
  std::string text;
  for (int i = 0; i < n; ++i) text += "token_" + std::to_string(i) + " = '" + fake_github_token(5000 + i) + "'\n";
  d.write("tree/tokens.txt", text);
  return d.write("rules/test.toml", keysweep::testing::kTestRules);
}

CliOptions with_cache(const std::string& dir) {
  CliOptions o;
  o.env = {{"KEYSWEEP_CACHE_DIR", dir}};
  return o;
}

}  // namespace

TEST_SUITE("cli faults") {
  TEST_CASE("-o into a read-only folder is exit 2 naming the file, and leaves nothing behind") {
    TempDir d;
    std::string rules = planted(d, 3);
    std::filesystem::create_directory(d / "ro");
    chmod((d / "ro").c_str(), 0555);
    CliOptions o;
    o.drop_root = true;  // root writes anywhere
    auto r = run_cli({"scan", "--rules", rules, "--format", "json", "-o", d / "ro/out.json", d / "tree"}, o);
    CHECK(r.status == 2);
    CHECK(r.err == "keysweep: error: " + (d / "ro/out.json") + ": cannot write: Permission denied\n");
    CHECK(listing(d / "ro").empty());
  }

  TEST_CASE("-o on a full disk is exit 2 naming the file; the earlier report is left whole") {
    TempDir d;
    std::string rules = planted(d, 50);
    d.write("out/report.json", "{\"earlier\": true}\n");
    CliOptions o;
    o.file_size_limit = 1000;  // the report is larger: its write fails with EFBIG, like ENOSPC
    auto r = run_cli({"scan", "--no-cache", "--rules", rules, "--format", "json", "-o", d / "out/report.json", d / "tree"}, o);
    CHECK(r.status == 2);
    CHECK(r.err == "keysweep: error: " + (d / "out/report.json") + ": cannot write: File too large\n");
    CHECK(slurp(d / "out/report.json") == "{\"earlier\": true}\n");
    CHECK(listing(d / "out") == std::vector<std::string>{"report.json"});
  }

  TEST_CASE("-o to a device is written directly: /dev/full is exit 2 naming it") {
    TempDir d;
    std::string rules = planted(d, 1);
    auto r = run_cli({"scan", "--rules", rules, "-o", "/dev/full", d / "tree"});
    CHECK(r.status == 2);
    CHECK(r.err == "keysweep: error: /dev/full: cannot write: No space left on device\n");
  }

  TEST_CASE("-o keeps the mode of the report it replaces and follows a symlink to it") {
    TempDir d;
    std::string rules = planted(d, 1);
    std::string target = d.write("reports/real.json", "old\n");
    chmod(target.c_str(), 0640);
    REQUIRE(symlink(target.c_str(), (d / "link.json").c_str()) == 0);
    auto r = run_cli({"scan", "--rules", rules, "--format", "json", "-o", d / "link.json", d / "tree"});
    CHECK(r.status == 1);
    CHECK(std::filesystem::is_symlink(d / "link.json"));
    CHECK(nlohmann::json::parse(slurp(target))["findings"].size() == 1);
    struct stat st;
    REQUIRE(stat(target.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0640);
    CHECK(listing(d / "reports") == std::vector<std::string>{"real.json"});
  }

  TEST_CASE("a reader that stops early (| head) ends the output quietly, with the usual status") {
    TempDir d;
    std::string rules = planted(d, 3000);  // a report far larger than a pipe holds
    std::string env = "KEYSWEEP_CACHE_DIR='" KEYSWEEP_TEST_CACHE_DIR "' ";
    std::string scan = sh("bash -c \"" + env + "'" KEYSWEEP_BINARY "' scan --rules '" + rules + "' '" + (d / "tree") +
                          "' 2>'" + (d / "scan.err") + "' | head -n 1 >/dev/null; echo \\${PIPESTATUS[0]}\"");
    CHECK(scan == "1\n");
    CHECK(slurp(d / "scan.err").empty());
    std::string list = sh("bash -c \"" + env + "'" KEYSWEEP_BINARY "' rules list --format json 2>'" + (d / "list.err") +
                          "' | head -c 10 >/dev/null; echo \\${PIPESTATUS[0]}\"");
    CHECK(list == "0\n");
    CHECK(slurp(d / "list.err").empty());
  }

  TEST_CASE("SIGTERM and SIGINT during a scan end it by that signal (143, 130) and leave no report") {
    TempDir d;
    std::string rules = planted(d, 1);
    d.write("out/report.json", "earlier\n");
    for (int sig : {SIGTERM, SIGINT}) {
      // Standard input stays open, so the scan is still running when the signal comes.
      CliProcess p({"scan", "--rules", rules, "--format", "json", "-o", d / "out/report.json", "-"});
      p.send("step 1 GH=" + fake_github_token(77) + "\n");
      p.kill(sig);
      auto r = p.wait();
      CHECK(r.status == 128 + sig);
      CHECK(r.err.empty());
      CHECK(slurp(d / "out/report.json") == "earlier\n");
      CHECK(listing(d / "out") == std::vector<std::string>{"report.json"});
    }
  }

  TEST_CASE("an unwritable rule cache is one warning; the findings are the same as without a cache") {
    TempDir d;
    std::string rules = planted(d, 4);
    d.write("not-a-folder", "x");
    auto uncached = run_cli({"scan", "--no-cache", "--rules", rules, "--format", "jsonl", d / "tree"});
    auto r = run_cli({"scan", "--rules", rules, "--format", "jsonl", d / "tree"}, with_cache(d / "not-a-folder/cache"));
    CHECK(r.status == 1);
    CHECK(r.out == uncached.out);
    CHECK(r.err == "keysweep: warning: rule cache " + (d / "not-a-folder/cache") +
                       ": cannot write: Not a directory: rules compiled in memory (--no-cache skips the cache)\n");
  }

  TEST_CASE("a damaged rule cache entry is one warning, never a wrong result, and is replaced") {
    TempDir d;
    std::string rules = planted(d, 4);
    std::string cache = d / "cache";
    auto first = run_cli({"scan", "--rules", rules, "--format", "jsonl", d / "tree"}, with_cache(cache));
    REQUIRE(first.err.empty());
    auto entries = listing(cache);
    REQUIRE(entries.size() == 1);
    std::string entry = cache + "/" + entries[0];
    std::string good = slurp(entry);
    // Damage in the rules, in the Hyperscan bytes, and a cut-short file.
    for (size_t at : {size_t(40), good.size() - 100, size_t(0)}) {
      std::string bad = at == 0 ? good.substr(0, good.size() / 2) : good;
      if (at) bad[at] = char(bad[at] ^ 0x5a);
      std::ofstream(entry, std::ios::binary | std::ios::trunc) << bad;
      auto r = run_cli({"scan", "--rules", rules, "--format", "jsonl", d / "tree"}, with_cache(cache));
      CHECK(r.out == first.out);
      CHECK(r.err == "keysweep: warning: rule cache " + entry + " was damaged: rules compiled afresh, entry replaced\n");
      CHECK(listing(cache) == entries);
      auto again = run_cli({"scan", "-v", "--rules", rules, "--format", "jsonl", d / "tree"}, with_cache(cache));
      CHECK(again.out == first.out);
      CHECK(again.err.rfind("keysweep: ", 0) == 0);
      CHECK(again.err.find(" rules (compiled rules from cache)\n") != std::string::npos);
      CHECK(std::count(again.err.begin(), again.err.end(), '\n') == 1);
    }
  }

  TEST_CASE("two processes filling an empty cache at once: both correct, one entry, nothing else") {
    TempDir d;
    std::string rules = planted(d, 6);
    auto expected = run_cli({"scan", "--no-cache", "--rules", rules, "--format", "jsonl", d / "tree"});
    for (int round = 0; round < 3; ++round) {
      std::string cache = d / ("cache" + std::to_string(round));
      CliProcess a({"scan", "--rules", rules, "--format", "jsonl", d / "tree"}, with_cache(cache));
      CliProcess b({"scan", "--rules", rules, "--format", "jsonl", d / "tree"}, with_cache(cache));
      auto ra = a.wait(), rb = b.wait();
      CHECK(ra.out == expected.out);
      CHECK(rb.out == expected.out);
      CHECK(ra.err.empty());
      CHECK(rb.err.empty());
      auto entries = listing(cache);
      REQUIRE(entries.size() == 1);
      CHECK(entries[0].size() == 32 + 6);  // <key>.rules, no temporary left
    }
  }
}
