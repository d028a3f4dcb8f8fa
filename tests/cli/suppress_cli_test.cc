// End-to-end tests of suppression that survives rebases: inline markers, .keysweepignore,
// baselines, and .keysweep.toml configuration.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/run_cli.h"
#include "support/temp_dir.h"
#include "support/test_rules.h"

using keysweep::testing::fake_github_token;
using keysweep::testing::run_cli;
using keysweep::testing::TempDir;
using nlohmann::json;

namespace {
json scan_json(const TempDir& d, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"scan", "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back(d / "tree");
  auto r = run_cli(args);
  INFO(r.err);
  REQUIRE((r.status == 0 || r.status == 1));
  return json::parse(r.out);
}
std::string slurp(const std::string& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

TEST_SUITE("cli suppression") {
  TEST_CASE("inline markers on the line, or in a comment line just before, suppress; elsewhere they do not") {
    TempDir d;
    d.write("tree/a.py",
            "a = '" + fake_github_token(500) + "'  # keysweep:allow\n"
            "# keysweep:allow\n"
            "b = '" + fake_github_token(501) + "'\n"
            "c = '" + fake_github_token(502) + "'  # gitleaks:allow\n"
            "d = '" + fake_github_token(503) + "'  # pragma: allowlist secret\n"
            "e = '" + fake_github_token(504) + "'\n"  // the marker trailing d's line covers d only
            "\n"
            "# keysweep:allow is only about the next line\n");
    auto doc = scan_json(d);
    REQUIRE(doc["findings"].size() == 1);
    CHECK(doc["findings"][0]["secret"] == fake_github_token(504));
  }

  TEST_CASE(".keysweepignore accepts a fingerprint wherever the secret moves, but not a different secret") {
    TempDir d;
    std::string a = fake_github_token(510), b = fake_github_token(511);
    d.write("tree/x.env", "A=" + a + "\n");
    std::string fp = scan_json(d)["findings"][0]["fingerprint"];
    d.write("tree/.keysweepignore", "# accepted: rotated in 2024\n" + fp + "\n");
    CHECK(scan_json(d)["findings"].empty());
    d.write("tree/x.env", "\n\n# moved\nA=" + a + "\n");  // a rebase moved the line
    CHECK(scan_json(d)["findings"].empty());
    d.write("tree/x.env", "A=" + b + "\n");  // same line, different secret
    CHECK(scan_json(d)["findings"].size() == 1);
  }

  TEST_CASE(".keysweepignore entries can be scoped to a path glob") {
    TempDir d;
    std::string a = fake_github_token(512);
    d.write("tree/test/fixture.env", "A=" + a + "\n");
    d.write("tree/src/app.env", "A=" + a + "\n");
    std::string fp = scan_json(d)["findings"][0]["fingerprint"];
    d.write("tree/.keysweepignore", fp + " test/**\n");
    auto doc = scan_json(d);
    REQUIRE(doc["findings"].size() == 1);
    CHECK(doc["findings"][0]["path"] == "src/app.env");
  }

  TEST_CASE("--report-stale-ignores lists entries that matched nothing") {
    TempDir d;
    d.write("tree/x.txt", "clean\n");
    std::string stale(40, 'a');
    d.write("tree/.keysweepignore", "# old\n" + stale + "\n");
    auto r = run_cli({"scan", "--report-stale-ignores", d / "tree"});
    CHECK(r.status == 0);
    CHECK(r.err.find("keysweep: stale ignore entry " + (d / "tree") + "/.keysweepignore:2: " + stale + "\n") != std::string::npos);
  }

  TEST_CASE("a malformed .keysweepignore line is one line naming file and line, exit 2") {
    TempDir d;
    d.write("tree/x.txt", "clean\n");
    d.write("tree/.keysweepignore", "not-a-fingerprint\n");
    auto r = run_cli({"scan", d / "tree"});
    CHECK(r.status == 2);
    CHECK(r.err == "keysweep: error: " + (d / "tree") + "/.keysweepignore:1: 'not-a-fingerprint' is not a finding "
                   "fingerprint (40 lower-case hex digits, as in JSON output)\n");
  }

  TEST_CASE("a baseline holds no secret and no line, and hides only what it lists") {
    TempDir d;
    std::string a = fake_github_token(520), b = fake_github_token(521);
    d.write("tree/x.env", "A=" + a + "\n");
    CHECK(run_cli({"scan", "--write-baseline", d / "base.json", d / "tree"}).status == 1);
    std::string base = slurp(d / "base.json");
    CHECK(base.find(a) == std::string::npos);
    CHECK(base.find("\"line\"") == std::string::npos);
    CHECK(run_cli({"scan", "--baseline", d / "base.json", d / "tree"}).status == 0);
    d.write("tree/y.env", "B=" + b + "\n");
    auto doc = scan_json(d, {"--baseline", d / "base.json"});
    REQUIRE(doc["findings"].size() == 1);
    CHECK(doc["findings"][0]["secret"] == b);
  }

  TEST_CASE("an earlier full JSON report works as a baseline") {
    TempDir d;
    d.write("tree/x.env", "A=" + fake_github_token(522) + "\n");
    run_cli({"scan", "--format", "json", "-o", d / "old.json", d / "tree"});
    CHECK(run_cli({"scan", "--baseline", d / "old.json", d / "tree"}).status == 0);
  }

  TEST_CASE("a baseline that is not a report is one line and exit 2") {
    TempDir d;
    d.write("tree/x.txt", "clean\n");
    d.write("bad.json", "{\"something\": 1}");
    auto r = run_cli({"scan", "--baseline", d / "bad.json", d / "tree"});
    CHECK(r.status == 2);
    CHECK(r.err == "keysweep: error: " + (d / "bad.json") + ": not a keysweep baseline or JSON report (no 'baseline' or 'findings' array)\n");
  }
}

TEST_SUITE("cli config") {
  TEST_CASE("path and value allowlists and disabled rules apply") {
    TempDir d;
    d.write("tree/fixtures/f.env", "A=" + fake_github_token(530) + "\n");
    d.write("tree/src/keep.env", "B=" + fake_github_token(531) + "\n");
    d.write("tree/src/jwt.txt", "t = eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJxOHc3ZTZyNXQ0In0.Zq3r8LmN0pXv5Yt2Wb7Kc9Hd4Jf6Gs1Ae0RoPl2\n");
    d.write("tree/.keysweep.toml", "[rules]\ndisable = [\"jwt\"]\n\n[allowlist]\npaths = [\"fixtures/**\"]\n");
    auto doc = scan_json(d);
    REQUIRE(doc["findings"].size() == 1);
    CHECK(doc["findings"][0]["path"] == "src/keep.env");
    d.write("tree/.keysweep.toml", "[allowlist]\nvalues = ['''^ghp_''']\n[rules]\ndisable = [\"jwt\"]\n");
    CHECK(scan_json(d)["findings"].empty());
  }

  TEST_CASE("a trusted config (--config) sets the default format and extra rules") {
    TempDir d;
    d.write("tree/x.txt", "k = acme_q8w7e6r5t4y3u2i1o0p9\n");
    d.write("tree/ci/acme.toml", "[[rules]]\nid = \"acme-key\"\nname = \"ACME key\"\npattern = '''\\b(?P<secret>acme_[a-z0-9]{20})\\b'''\n");
    d.write("tree/.keysweep.toml", "[scan]\nformat = \"jsonl\"\n[rules]\nextra = [\"ci/acme.toml\"]\n");
    auto r = run_cli({"scan", "--config", d / "tree/.keysweep.toml", d / "tree"});
    CHECK(r.status == 1);
    CHECK(json::parse(r.out)["rule_id"] == "acme-key");
  }

  TEST_CASE("unknown keys, bad values and unknown rule ids name the file and line, exit 2") {
    TempDir d;
    d.write("tree/x.txt", "clean\n");
    std::string cfg = d / "tree/.keysweep.toml";
    d.write("tree/.keysweep.toml", "[scan]\nmax_file_size = \"1M\"\nmax_size = \"1M\"\n");
    auto r = run_cli({"scan", d / "tree"});
    CHECK(r.status == 2);
    CHECK(r.err == "keysweep: error: " + cfg + ":3: unknown key 'max_size' in [scan] (expected max_file_size, format, min_confidence)\n");
    d.write("tree/.keysweep.toml", "[scan]\nformat = \"xml\"\n");
    r = run_cli({"scan", "--config", cfg, d / "tree"});
    CHECK(r.err == "keysweep: error: " + cfg + ":2: format 'xml' is not one of text, json, jsonl, sarif\n");
    d.write("tree/.keysweep.toml", "[rules]\ndisable = [\n  \"no-such-rule\",\n]\n");
    r = run_cli({"scan", d / "tree"});
    CHECK(r.err == "keysweep: error: " + cfg + ":3: unknown rule id 'no-such-rule' in [rules] disable\n");
    d.write("tree/.keysweep.toml", "[allowlist]\nvalues = [\"(unclosed\"]\n");
    r = run_cli({"scan", d / "tree"});
    CHECK(r.status == 2);
    CHECK(r.err.rfind("keysweep: error: " + cfg + ":2: allowlist value regex does not compile: ", 0) == 0);
  }

  TEST_CASE("config check validates a config file") {
    TempDir d;
    std::string good = d.write("good.toml", "[allowlist]\npaths = [\"vendor/\"]\n");
    auto ok = run_cli({"config", "check", good});
    CHECK(ok.status == 0);
    CHECK(ok.out == good + ": ok\n");
    std::string bad = d.write("bad.toml", "[allowlist\n");
    auto r = run_cli({"config", "check", bad});
    CHECK(r.status == 2);
    CHECK(r.err.rfind("keysweep: error: " + bad + ":1: ", 0) == 0);
    auto missing = run_cli({"config", "check", d / "none.toml"});
    CHECK(missing.status == 2);
    CHECK(missing.err == "keysweep: error: " + (d / "none.toml") + ": cannot read config file\n");
  }
}
