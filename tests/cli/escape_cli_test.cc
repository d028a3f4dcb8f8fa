// Output a hostile repository cannot turn against its reader: names that hold terminal escape
// sequences or invalid UTF-8 are escaped in text, markdown and stderr, kept exact in JSON, and
// percent-encoded in SARIF URIs.
#include <doctest/doctest.h>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "support/run_cli.h"
#include "support/temp_dir.h"
#include "support/test_rules.h"

using keysweep::testing::fake_github_token;
using keysweep::testing::run_cli;
using keysweep::testing::TempDir;

namespace {
const std::string kHostile = "x\x1b[2J\x1b[31mred.txt";
const std::string kShown = "x\\x1b[2J\\x1b[31mred.txt";

bool has_control_bytes(const std::string& s) {
  for (unsigned char c : s)
    if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) return true;
  return false;
}
}  // namespace

TEST_SUITE("cli escaping") {
  TEST_CASE("text output escapes a file name that holds terminal escape sequences") {
    TempDir d;
    std::string rules = d.write("rules.toml", keysweep::testing::kTestRules);
    d.write("tree/" + kHostile, "t = '" + fake_github_token(41) + "'\n");
    auto r = run_cli({"scan", "--rules", rules, d / "tree"});
    CHECK(r.status == 1);
    CHECK(r.out.rfind(kShown + "\n  " + kShown + ":1:6 test-github-pat ghp_\u2026 (high, high confidence, Test GitHub token)\n", 0) == 0);
    CHECK_FALSE(has_control_bytes(r.out));
  }

  TEST_CASE("json keeps the name exactly and stays valid; sarif percent-encodes it") {
    TempDir d;
    std::string rules = d.write("rules.toml", keysweep::testing::kTestRules);
    d.write("tree/" + kHostile, "t = '" + fake_github_token(42) + "'\n");
    auto j = run_cli({"scan", "--rules", rules, "--format", "json", d / "tree"});
    auto doc = nlohmann::json::parse(j.out);
    CHECK(doc["findings"][0]["path"] == kHostile);
    CHECK_FALSE(doc["findings"][0].contains("path_base64"));
    auto s = run_cli({"scan", "--rules", rules, "--format", "sarif", d / "tree"});
    auto sarif = nlohmann::json::parse(s.out);
    CHECK(sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
          "x%1B%5B2J%1B%5B31mred.txt");
  }

  TEST_CASE("a name that is not UTF-8 is escaped in text and kept losslessly in json") {
    TempDir d;
    std::string rules = d.write("rules.toml", keysweep::testing::kTestRules);
    d.write("tree/caf\xe9.txt", "t = '" + fake_github_token(43) + "'\n");
    auto t = run_cli({"scan", "--rules", rules, d / "tree"});
    CHECK(t.out.rfind("caf\\xe9.txt\n", 0) == 0);
    auto j = run_cli({"scan", "--rules", rules, "--format", "json", d / "tree"});
    auto doc = nlohmann::json::parse(j.out);  // throws if the document is not valid UTF-8
    CHECK(doc["findings"][0]["path"] == "caf\xef\xbf\xbd.txt");
    CHECK(doc["findings"][0]["path_base64"] == "Y2Fm6S50eHQ=");
  }

  TEST_CASE("stderr lines naming hostile paths are escaped") {
    TempDir d;
    std::string rules = d.write("rules.toml", keysweep::testing::kTestRules);
    d.write("tree/ok.txt", "nothing\n");
    REQUIRE(symlink("missing\x1b[2J", (d / ("tree/" + kHostile)).c_str()) == 0);
    auto r = run_cli({"scan", "--rules", rules, d / "tree"});
    CHECK(r.err == "keysweep: skipped " + kShown + ": broken-symlink: No such file or directory\n");
    auto e = run_cli({"scan", "--rules", rules, d / ("no\x1b]0;pwned\x07")});
    CHECK(e.status == 2);
    CHECK(e.err == "keysweep: error: " + d.path() + "/no\\x1b]0;pwned\\x07: no such file or directory\n");
  }

  TEST_CASE("rule ids and names from an --add-rules file are escaped in rules list and scan output") {
    TempDir d;
    std::string rules = d.write("hostile.toml",
                                "[[rules]]\nid = \"acme-key\"\nname = \"ACME \\u001b[2J key\"\n"
                                "pattern = '''\\b(?P<secret>acme_[a-z0-9]{20})\\b'''\n");
    auto list = run_cli({"rules", "list", "--rules", rules});
    CHECK(list.out == "acme-key  high      ACME \\x1b[2J key\n1 rules, 1 providers\n");
    d.write("tree/k.txt", "k = acme_q8w7e6r5t4y3u2i1o0p9\n");
    auto scan = run_cli({"scan", "--rules", rules, d / "tree"});
    CHECK(scan.out.find(" confidence, ACME \\x1b[2J key)") != std::string::npos);
    CHECK_FALSE(has_control_bytes(scan.out));
  }

  TEST_CASE("env text and markdown escape hostile file names") {
    TempDir d;
    d.write("tree/.env.\x1b[2J", "API_TOKEN=\n");
    auto text = run_cli({"env", d / "tree"});
    CHECK(text.status == 0);
    CHECK(text.out.find(".env.\\x1b[2J:1") != std::string::npos);
    CHECK_FALSE(has_control_bytes(text.out));
    auto md = run_cli({"env", "--format", "markdown", d / "tree"});
    CHECK(md.out.find("`.env.\\x1b[2J:1`") != std::string::npos);
    CHECK_FALSE(has_control_bytes(md.out));
    auto json = run_cli({"env", "--format", "json", d / "tree"});
    CHECK(nlohmann::json::parse(json.out)["variables"][0]["definitions"][0]["path"] == ".env.\x1b[2J");
  }
}
