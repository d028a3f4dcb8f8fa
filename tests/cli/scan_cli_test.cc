// End-to-end: the built binary, as a user or CI step runs it.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/run_cli.h"
#include "support/temp_dir.h"
#include "support/test_rules.h"

using keysweep::testing::CliOptions;
using keysweep::testing::run_cli;
using keysweep::testing::TempDir;

namespace {
// A rule file with the engine-test rules, so these tests do not depend on built-in tuning.
std::string test_rules_file(const TempDir& d) { return d.write("rules/test.toml", keysweep::testing::kTestRules); }
}  // namespace

TEST_SUITE("cli scan") {
  TEST_CASE("exits 0 with no findings and 1 with findings") {
    TempDir d;
    std::string rules = test_rules_file(d);
    d.write("tree/clean.txt", "nothing to see\n");
    auto clean = run_cli({"scan", "--rules", rules, d / "tree"});
    CHECK(clean.status == 0);
    CHECK(clean.out.find("0 findings in 1 file") != std::string::npos);
    d.write("tree/leak.env", "GITHUB_TOKEN=" + keysweep::testing::fake_github_token(1) + "\n");
    auto dirty = run_cli({"scan", "--rules", rules, d / "tree"});
    CHECK(dirty.status == 1);
  }

  TEST_CASE("--exit-code sets the status for findings") {
    TempDir d;
    std::string rules = test_rules_file(d);
    d.write("tree/leak.env", "T=" + keysweep::testing::fake_github_token(2) + "\n");
    CHECK(run_cli({"scan", "--rules", rules, "--exit-code", "0", d / "tree"}).status == 0);
    CHECK(run_cli({"scan", "--rules", rules, "--exit-code", "7", d / "tree"}).status == 7);
  }

  TEST_CASE("text output groups by file and redacts the secret") {
    TempDir d;
    std::string rules = test_rules_file(d);
    std::string tok = keysweep::testing::fake_github_token(3);
    d.write("tree/a/b.py", "x = 1\ntoken = '" + tok + "'\n");
    auto r = run_cli({"scan", "--rules", rules, d / "tree"});
    CHECK(r.out.find("a/b.py\n  a/b.py:2:10 test-github-pat ghp_\u2026 (high, high confidence, Test GitHub token)\n") == 0);
    CHECK(r.out.find(tok) == std::string::npos);
    CHECK(r.out.find("\x1b[") == std::string::npos);  // no colour when not a terminal
  }

  TEST_CASE("json output follows the documented schema") {
    TempDir d;
    std::string rules = test_rules_file(d);
    std::string tok = keysweep::testing::fake_github_token(4);
    d.write("tree/cfg.yml", "github:\n  token: " + tok + "\n");
    d.write("tree/blob.bin", std::string("\0\0\0", 3));
    auto r = run_cli({"scan", "--rules", rules, "--format", "json", d / "tree"});
    REQUIRE(r.status == 1);
    auto j = nlohmann::json::parse(r.out);
    CHECK(j["tool"]["name"] == "keysweep");
    CHECK(j["scan"]["mode"] == "files");
    CHECK(j["scan"]["rules"] == 8);
    CHECK(j["scan"]["files"] == 1);
    CHECK(j["scan"]["skipped"] == 1);
    CHECK(j["scan"]["duration_ms"].is_number());
    REQUIRE(j["findings"].size() == 1);
    auto f = j["findings"][0];
    CHECK(f["rule_id"] == "test-github-pat");
    CHECK(f["rule_name"] == "Test GitHub token");
    CHECK(f["severity"] == "high");
    CHECK(f["path"] == "cfg.yml");
    CHECK(f["line"] == 2);
    CHECK(f["column"] == 10);
    CHECK(f["end_line"] == 2);
    CHECK(f["end_column"] == 50);
    CHECK(f["secret"] == tok);
    CHECK(f["entropy"].get<double>() > 4.0);
    CHECK(f["fingerprint"].get<std::string>().size() == 40);
    CHECK(j["skipped"][0]["path"] == "blob.bin");
    CHECK(j["skipped"][0]["reason"] == "binary");
  }

  TEST_CASE("--redact hides the secret in json, and -o writes the report to a file") {
    TempDir d;
    std::string rules = test_rules_file(d);
    std::string tok = keysweep::testing::fake_github_token(5);
    d.write("tree/x", tok);
    auto r = run_cli({"scan", "--rules", rules, "--format", "json", "--redact", "-o", d / "out.json", d / "tree"});
    CHECK(r.status == 1);
    CHECK(r.out.empty());
    std::ifstream in(d / "out.json");
    auto j = nlohmann::json::parse(in);
    CHECK(j["findings"][0]["secret"] == "ghp_\u2026");
  }

  TEST_CASE("jsonl prints one finding per line") {
    TempDir d;
    std::string rules = test_rules_file(d);
    d.write("tree/x", keysweep::testing::fake_github_token(6) + "\n" + keysweep::testing::fake_github_token(7));
    auto r = run_cli({"scan", "--rules", rules, "--format", "jsonl", d / "tree"});
    CHECK(r.status == 1);
    size_t lines = 0;
    std::istringstream in(r.out);
    for (std::string line; std::getline(in, line); ++lines) CHECK(nlohmann::json::parse(line)["line"] == lines + 1);
    CHECK(lines == 2);
  }

  TEST_CASE("standard input is scanned as a log") {
    TempDir d;
    std::string rules = test_rules_file(d);
    CliOptions o;
    o.stdin_data = "step 1\nstep 2 export GH=" + keysweep::testing::fake_github_token(8) + "\n";
    auto r = run_cli({"scan", "--rules", rules, "--format", "json", "-"}, o);
    CHECK(r.status == 1);
    auto j = nlohmann::json::parse(r.out);
    CHECK(j["scan"]["mode"] == "stdin");
    CHECK(j["findings"][0]["path"] == "-");
    CHECK(j["findings"][0]["line"] == 2);
  }

  TEST_CASE("the same findings come out whatever --threads is") {
    TempDir d;
    std::string rules = test_rules_file(d);
    for (int i = 0; i < 40; ++i)
      d.write("tree/d" + std::to_string(i % 5) + "/f" + std::to_string(i), "k=" + keysweep::testing::fake_github_token(100 + i) + "\n");
    auto one = run_cli({"scan", "--rules", rules, "--format", "jsonl", "--threads", "1", d / "tree"});
    auto four = run_cli({"scan", "--rules", rules, "--format", "jsonl", "--threads", "4", d / "tree"});
    CHECK(one.out == four.out);
    CHECK(std::count(one.out.begin(), one.out.end(), '\n') == 40);
  }

  TEST_CASE("--add-rules adds to the built-in rules; --rules replaces them") {
    TempDir d;
    d.write("extra.toml", "[[rules]]\nid = \"acme-key\"\nname = \"ACME key\"\npattern = '''\\b(?P<secret>acme_[a-z0-9]{20})\\b'''\n");
    d.write("tree/x", "k = acme_q8w7e6r5t4y3u2i1o0p9\n");
    auto added = run_cli({"scan", "--add-rules", d / "extra.toml", "--format", "json", d / "tree"});
    CHECK(added.status == 1);
    auto j = nlohmann::json::parse(added.out);
    CHECK(j["scan"]["rules"].get<int>() > 100);
    auto replaced = run_cli({"scan", "--rules", d / "extra.toml", "--format", "json", d / "tree"});
    CHECK(nlohmann::json::parse(replaced.out)["scan"]["rules"] == 1);
  }
}

TEST_SUITE("cli errors") {
  TEST_CASE("a nonexistent path is one line and exit 2") {
    auto r = run_cli({"scan", "/no/such/place"});
    CHECK(r.status == 2);
    CHECK(r.err == "keysweep: error: /no/such/place: no such file or directory\n");
  }

  TEST_CASE("an unknown flag is one line and exit 2") {
    auto r = run_cli({"scan", "--frobnicate", "."});
    CHECK(r.status == 2);
    CHECK(r.err == "keysweep: error: The following argument was not expected: --frobnicate (see keysweep --help)\n");
  }

  TEST_CASE("an unknown format is one line and exit 2") {
    auto r = run_cli({"scan", "--format", "xml", "."});
    CHECK(r.status == 2);
    CHECK(r.err == "keysweep: error: --format: unknown format 'xml' (expected text, json, jsonl or sarif)\n");
  }

  TEST_CASE("a bad --max-file-size is one line and exit 2") {
    auto r = run_cli({"scan", "--max-file-size", "lots", "."});
    CHECK(r.status == 2);
    CHECK(r.err == "keysweep: error: --max-file-size: 'lots' is not a size (e.g. 50M, 1G, 4096)\n");
  }

  TEST_CASE("malformed TOML in a rule file names file and line") {
    TempDir d;
    std::string f = d.write("bad.toml", "[[rules]]\nid = \"x\"\nname = \"unterminated\n");
    auto r = run_cli({"scan", "--rules", f, d.path()});
    CHECK(r.status == 2);
    CHECK(r.err.rfind("keysweep: error: " + f + ":3: ", 0) == 0);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  }

  TEST_CASE("an invalid regex names the rule id") {
    TempDir d;
    std::string f = d.write("bad.toml", "[[rules]]\nid = \"broken-lookahead\"\nname = \"B\"\npattern = '''a(?=b)'''\n");
    auto r = run_cli({"scan", "--rules", f, d.path()});
    CHECK(r.status == 2);
    CHECK(r.err == "keysweep: error: rule broken-lookahead: pattern does not compile in RE2: invalid perl operator: (?=\n");
  }

  TEST_CASE("an unreadable root directory is one line and exit 2") {
    TempDir d;
    d.write("locked/x", "x");
    chmod((d / "locked").c_str(), 0);
    CliOptions o;
    o.drop_root = true;
    auto r = run_cli({"scan", d / "locked"}, o);
    CHECK(r.status == 2);
    CHECK(r.err == "keysweep: error: " + (d / "locked") + ": cannot read directory: Permission denied\n");
  }

  TEST_CASE("unreadable files and folders inside the tree are skips, not aborts") {
    TempDir d;
    std::string rules = test_rules_file(d);
    chmod(rules.c_str(), 0644);
    chmod((d / "rules").c_str(), 0755);
    d.write("tree/secret.txt", "x");
    d.write("tree/locked/y", "y");
    d.write("tree/ok.txt", keysweep::testing::fake_github_token(9));
    chmod((d / "tree/secret.txt").c_str(), 0);
    chmod((d / "tree/locked").c_str(), 0);
    CliOptions o;
    o.drop_root = true;
    auto r = run_cli({"scan", "--rules", rules, "--format", "json", d / "tree"}, o);
    CHECK(r.status == 1);
    auto j = nlohmann::json::parse(r.out);
    CHECK(j["findings"].size() == 1);
    CHECK(j["scan"]["skipped_by_reason"]["unreadable"] == 2);
    CHECK(r.err.find("keysweep: skipped secret.txt: unreadable: Permission denied\n") != std::string::npos);
  }

  TEST_CASE("standard input cannot be mixed with paths") {
    auto r = run_cli({"scan", "-", "."});
    CHECK(r.status == 2);
    CHECK(r.err == "keysweep: error: -: standard input cannot be scanned together with other paths\n");
  }
}
