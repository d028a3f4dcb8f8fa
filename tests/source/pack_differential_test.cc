// Differential check of the pack reader: every object of a repository with deep delta chains,
// trees and commits as well as blobs, read through our reader and through libgit2, must be the
// same bytes; and a history sweep with the pack reader switched off must find exactly the same.
#include <doctest/doctest.h>

#include <cstdlib>

#include <nlohmann/json.hpp>

#include "source/pack_check.h"
#include "support/git_fixture.h"
#include "support/run_cli.h"

using keysweep::testing::CliOptions;
using keysweep::testing::fake_github_token;
using keysweep::testing::GitRepo;
using keysweep::testing::random_chars;
using keysweep::testing::run_cli;
using keysweep::testing::TempDir;

namespace {

// Two packs (one aggressively deltified) plus loose objects, secrets across many versions, a
// renamed folder, a branch and a tag.
GitRepo layered_repo(const TempDir& d) {
  GitRepo g(d);
  std::string text;
  for (int i = 0; i < 150; ++i) text += "line " + std::to_string(i) + "\n";
  for (int v = 0; v < 40; ++v) {
    text.insert(text.size() / 3, "edit " + std::to_string(v) + " " + random_chars(keysweep::testing::kBase62, 24, v) + "\n");
    g.write("src/app/big.txt", text);
    if (v % 5 == 0) g.write("src/app/cfg.env", "TOKEN=" + fake_github_token(900 + v) + "\n");
    g.git("add -A");
    g.commit_file("src/app/v.txt", std::to_string(v) + "\n", "v" + std::to_string(v));
    if (v == 20) g.git("gc -q --aggressive");
  }
  g.git("checkout -q -b side");
  g.git("mv src/app src/moved");
  g.git("commit -q -m move");
  g.git("tag -a v1 -m release");
  g.git("checkout -q main");
  g.git("repack -dq");  // a second pack of what the first lacks
  g.commit_file("loose.env", "K=" + fake_github_token(990) + "\n", "loose");
  return g;
}

nlohmann::json findings_of(const std::string& out) {
  auto doc = nlohmann::json::parse(out);
  doc["scan"].erase("duration_ms");
  return doc;
}

}  // namespace

TEST_SUITE("pack differential") {
  TEST_CASE("every object reads the same through the pack reader and through libgit2") {
    TempDir d;
    GitRepo g = layered_repo(d);
    keysweep::PackCheck c = keysweep::check_pack_reader(g.path());
    CHECK(c.mismatches.empty());
    CHECK(c.objects > 150);
    CHECK(c.through_store + 3 >= c.objects);  // all but the last commit's loose objects
    CHECK(c.blobs_streamed > 80);
    // The switch the second case relies on really takes the pack reader out.
    setenv("KEYSWEEP_NO_PACK_READER", "1", 1);
    keysweep::PackCheck off = keysweep::check_pack_reader(g.path());
    unsetenv("KEYSWEEP_NO_PACK_READER");
    CHECK(off.through_store == 0);
    CHECK(off.blobs_streamed == 0);
  }

  TEST_CASE("a history sweep finds the same with the pack reader switched off") {
    TempDir d;
    GitRepo g = layered_repo(d);
    auto with = run_cli({"scan", "--history", "--format", "json", g.path()});
    CliOptions off;
    off.env = {{"KEYSWEEP_NO_PACK_READER", "1"}};
    auto without = run_cli({"scan", "--history", "--format", "json", g.path()}, off);
    REQUIRE(with.status == 1);
    CHECK(without.status == 1);
    auto a = findings_of(with.out), b = findings_of(without.out);
    CHECK(a["findings"].size() >= 9);
    CHECK(a == b);
    auto ra = run_cli({"scan", "--range", "main~30..side", "--format", "json", g.path()});
    auto rb = run_cli({"scan", "--range", "main~30..side", "--format", "json", g.path()}, off);
    CHECK(findings_of(ra.out) == findings_of(rb.out));
  }
}
