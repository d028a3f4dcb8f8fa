// End-to-end tests of `keysweep scan --staged` (pre-commit) and `--range` (CI), and of the
// agreement between every mode on the same content.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "support/git_fixture.h"
#include "support/run_cli.h"

using keysweep::testing::fake_github_token;
using keysweep::testing::GitRepo;
using keysweep::testing::run_cli;
using keysweep::testing::sh;
using keysweep::testing::TempDir;
using nlohmann::json;

namespace {
json scan_json(std::vector<std::string> args) {
  args.insert(args.begin(), {"scan", "--format", "json"});
  auto r = run_cli(args);
  INFO(r.err);
  REQUIRE((r.status == 0 || r.status == 1));
  return json::parse(r.out);
}
}  // namespace

TEST_SUITE("cli staged") {
  TEST_CASE("a staged secret is reported and exits 1") {
    TempDir d;
    GitRepo g(d);
    g.commit_file("app.py", "x = 1\n", "init");
    std::string t = fake_github_token(400);
    g.write("app.py", "x = 1\ntoken = '" + t + "'\n");
    g.git("add app.py");
    auto r = run_cli({"scan", "--staged", g.path()});
    CHECK(r.status == 1);
    auto doc = scan_json({"--staged", g.path()});
    REQUIRE(doc["findings"].size() == 1);
    CHECK(doc["findings"][0]["line"] == 2);
    CHECK(doc["findings"][0]["commit"].is_null());
    CHECK(doc["scan"]["mode"] == "staged");
  }

  TEST_CASE("a secret already committed does not block an unrelated change to the same file") {
    TempDir d;
    GitRepo g(d);
    std::string t = fake_github_token(401);
    g.commit_file("app.py", "token = '" + t + "'\n", "old leak");
    g.write("app.py", "token = '" + t + "'\nprint('hi')\n");
    g.git("add app.py");
    CHECK(run_cli({"scan", "--staged", g.path()}).status == 0);
  }

  TEST_CASE("a rename is not an addition") {
    TempDir d;
    GitRepo g(d);
    g.commit_file("a.env", "T=" + fake_github_token(402) + "\n", "old leak");
    g.git("mv a.env b.env");
    CHECK(run_cli({"scan", "--staged", g.path()}).status == 0);
  }

  TEST_CASE("the first commit of a repository is diffed against the empty tree") {
    TempDir d;
    GitRepo g(d);
    g.write("a.env", "T=" + fake_github_token(403) + "\n");
    g.git("add a.env");
    CHECK(run_cli({"scan", "--staged", g.path()}).status == 1);
  }

  TEST_CASE("unstaged edits are not what git commit would add") {
    TempDir d;
    GitRepo g(d);
    g.commit_file("a.txt", "a\n", "init");
    g.write("a.txt", "a\nT=" + fake_github_token(404) + "\n");
    CHECK(run_cli({"scan", "--staged", g.path()}).status == 0);
  }
}

TEST_SUITE("cli range") {
  TEST_CASE("only the commits in the range are scanned, and only the lines they add") {
    TempDir d;
    GitRepo g(d);
    std::string before = fake_github_token(410), inside = fake_github_token(411), other = fake_github_token(412);
    g.commit_file("a.env", "A=" + before + "\n", "before");
    std::string base = g.git("rev-parse HEAD").substr(0, 40);
    g.git("checkout -q -b other");
    g.commit_file("o.env", "O=" + other + "\n", "other branch");
    g.git("checkout -q main");
    g.commit_file("a.env", "A=" + before + "\nB=" + inside + "\n", "inside");
    auto doc = scan_json({"--range", base + "..main", g.path()});
    REQUIRE(doc["findings"].size() == 1);
    CHECK(doc["findings"][0]["secret"] == inside);
    CHECK(doc["findings"][0]["message"] == "inside");
    CHECK(doc["scan"]["commits"] == 1);
  }

  TEST_CASE("a secret merged in is reported once, at the commit that added it") {
    TempDir d;
    GitRepo g(d);
    g.commit_file("a.txt", "a\n", "init");
    std::string base = g.git("rev-parse HEAD").substr(0, 40);
    g.git("checkout -q -b feature");
    std::string t = fake_github_token(413);
    g.commit_file("f.env", "F=" + t + "\n", "feature leak");
    g.git("checkout -q main");
    g.commit_file("b.txt", "b\n", "main work");
    g.git("merge -q --no-ff -m merge feature");
    auto doc = scan_json({"--range", base + "..main", g.path()});
    REQUIRE(doc["findings"].size() == 1);
    CHECK(doc["findings"][0]["message"] == "feature leak");
  }

  TEST_CASE("a base missing from a shallow clone is an error naming it") {
    TempDir d;
    GitRepo g(d);
    g.commit_file("a.txt", "a\n", "one");
    std::string base = g.git("rev-parse HEAD").substr(0, 40);
    g.commit_file("b.txt", "b\n", "two");
    sh("git clone -q --depth 1 'file://" + g.path() + "' '" + (d / "shallow") + "'");
    auto r = run_cli({"scan", "--range", base + "..HEAD", d / "shallow"});
    CHECK(r.status == 2);
    CHECK(r.err == "keysweep: error: --range: base '" + base +
                       "' is not in this repository (this is a shallow clone: fetch more history, e.g. git fetch "
                       "--unshallow, or actions/checkout with fetch-depth: 0)\n");
  }

  TEST_CASE("a malformed range is one line and exit 2") {
    TempDir d;
    GitRepo g(d);
    g.commit_file("a.txt", "a\n", "one");
    auto r = run_cli({"scan", "--range", "main", g.path()});
    CHECK(r.status == 2);
    CHECK(r.err == "keysweep: error: --range: 'main' is not of the form BASE..HEAD\n");
  }
}

TEST_SUITE("cli agreement") {
  TEST_CASE("files, history, staged and range report the same finding for the same content") {
    TempDir d;
    GitRepo g(d);
    g.commit_file("README", "r\n", "init");
    std::string base = g.git("rev-parse HEAD").substr(0, 40);
    std::string content = "# settings\nexport GH_TOKEN=\"" + fake_github_token(420) + "\"\n";
    g.write("deploy/ci.env", content);
    g.git("add deploy/ci.env");
    auto staged = scan_json({"--staged", g.path()});
    g.git("commit -q -m leak");
    auto files = scan_json({g.path()});
    auto hist = scan_json({"--history", g.path()});
    auto range = scan_json({"--range", base + "..HEAD", g.path()});
    for (const json* doc : {&staged, &hist, &range}) {
      REQUIRE((*doc)["findings"].size() == 1);
      for (const char* k : {"rule_id", "path", "line", "column", "end_line", "end_column", "secret", "fingerprint"})
        CHECK_MESSAGE((*doc)["findings"][0][k] == files["findings"][0][k], k);
    }
  }
}
