// SARIF output: valid against the OASIS schema, free of secrets, and shaped the way GitHub code
// scanning reads it (rules that fired, 1-based regions, the 25,000-result cap, commit properties).
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "report/reporter.h"
#include "support/git_fixture.h"
#include "support/run_cli.h"
#include "support/test_rules.h"

using keysweep::testing::fake_github_token;
using keysweep::testing::random_chars;
using keysweep::testing::run_cli;
using keysweep::testing::TempDir;
using nlohmann::json;

namespace {

// The test rules plus one that never fires, so "only the rules that fired" can fail.
std::string rules_file(const TempDir& d) {
  return d.write("rules/test.toml", std::string(keysweep::testing::kTestRules) + R"toml(
[[rules]]
id = "test-never-fires"
name = "Test unused key"
provider = "Nobody"
description = "A key format nothing in the fixtures uses."
severity = "low"
pattern = '''\b(?P<secret>zzunused_[a-z0-9]{30})\b'''
references = ["https://example.org/docs", "https://example.org/revoke-keys"]
)toml");
}

// A tree where three rules fire, the token rule twice, under subfolders and names with spaces.
// Returns the planted secrets.
std::vector<std::string> plant(const TempDir& d) {
  std::string tok1 = fake_github_token(901), tok2 = fake_github_token(902);
  std::string password = "Qx!" + random_chars(keysweep::testing::kBase62, 17, 903);
  std::string pem_body = random_chars(keysweep::testing::kBase62, 64, 904) + "\n" +
                         random_chars(keysweep::testing::kBase62, 40, 905) + "\n";
  d.write("tree/app/config.py", "import os\n\nGITHUB = '" + tok1 + "'\n");
  d.write("tree/deploy/ci env/prod settings.env", "# prod\nTOKEN=" + tok2 + "\ndb_password = \"" + password + "\"\n");
  d.write("tree/keys/service key.pem", "-----BEGIN PRIVATE KEY-----\n" + pem_body + "-----END PRIVATE KEY-----\n");
  return {tok1, tok2, password, pem_body};
}

std::string schema_path() { return std::string(KEYSWEEP_SOURCE_DIR) + "/fixtures/schemas/sarif-schema-2.1.0.json"; }

// Validates `sarif` with python3-jsonschema; returns "" when valid, else the errors.
std::string schema_errors(const TempDir& d, const std::string& sarif) {
  std::string schema = schema_path();
  REQUIRE_MESSAGE(std::filesystem::exists(schema), "SARIF schema not found at " << schema);
  std::string log = d.write("out.sarif", sarif);
  std::string script = d.write("validate.py", R"py(
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
log = json.load(open(sys.argv[2]))
cls = jsonschema.validators.validator_for(schema)
errors = list(cls(schema, format_checker=jsonschema.FormatChecker()).iter_errors(log))
for e in errors: print("/".join(map(str, e.absolute_path)) + ": " + e.message)
print("validated with " + cls.__name__)
sys.exit(1 if errors else 0)
)py");
  FILE* p = popen(("python3 '" + script + "' '" + schema + "' '" + log + "' 2>&1").c_str(), "r");
  REQUIRE(p != nullptr);
  std::string out;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  int status = pclose(p);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "" : (out.empty() ? "python3 failed" : out);
}

std::string percent_decode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out += char(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

struct Scan {
  std::string sarif_text;
  json sarif, json_doc;
  std::string json_text;
};

Scan scan_tree(const TempDir& d) {
  std::string rules = rules_file(d);
  auto s = run_cli({"scan", "--rules", rules, "--format", "sarif", d / "tree"});
  INFO(s.err);
  REQUIRE(s.status == 1);
  auto j = run_cli({"scan", "--rules", rules, "--format", "json", d / "tree"});
  REQUIRE(j.status == 1);
  return {s.out, json::parse(s.out), json::parse(j.out), j.out};
}

}  // namespace

TEST_SUITE("sarif_reporter") {
  TEST_CASE("SARIF from a fixture tree validates against the SARIF 2.1.0 schema") {
    TempDir d;
    plant(d);
    Scan s = scan_tree(d);
    std::string errors = schema_errors(d, s.sarif_text);
    CHECK_MESSAGE(errors.empty(), errors);
    CHECK(s.sarif["version"] == "2.1.0");
    REQUIRE(s.sarif["runs"].size() == 1);
    const json& run = s.sarif["runs"][0];
    CHECK(run["tool"]["driver"]["name"] == "keysweep");
    CHECK(run["tool"]["driver"]["semanticVersion"].is_string());
    CHECK(run["invocations"][0]["executionSuccessful"] == true);
    CHECK(run["results"].size() == 4);
    std::set<std::string> uris;
    for (const auto& r : run["results"]) {
      const json& loc = r["locations"][0]["physicalLocation"]["artifactLocation"];
      CHECK(loc["uriBaseId"] == "%SRCROOT%");
      uris.insert(loc["uri"].get<std::string>());
    }
    CHECK(uris == std::set<std::string>{"app/config.py", "deploy/ci%20env/prod%20settings.env",
                                        "keys/service%20key.pem"});
  }

  TEST_CASE("no planted secret appears anywhere in the SARIF, while json output holds them all") {
    TempDir d;
    std::vector<std::string> secrets = plant(d);
    Scan s = scan_tree(d);
    std::set<std::string> in_json;
    for (const auto& f : s.json_doc["findings"]) in_json.insert(f["secret"].get<std::string>());
    for (const std::string& secret : secrets) {
      CHECK(in_json.count(secret) == 1);
      // Any 8 consecutive characters of a secret line would betray part of it (a redacted prefix
      // included); windows stop at newlines because JSON escapes them.
      std::istringstream lines(secret);
      for (std::string line; std::getline(lines, line);)
        for (size_t i = 0; i + 8 <= line.size(); ++i) {
          INFO("secret fragment " << line.substr(i, 8));
          CHECK(s.sarif_text.find(line.substr(i, 8)) == std::string::npos);
          CHECK(s.json_text.find(line) != std::string::npos);
        }
    }
  }

  TEST_CASE("driver.rules holds only the rules that fired, each once, and ruleIndex points at ruleId") {
    TempDir d;
    plant(d);
    Scan s = scan_tree(d);
    const json& run = s.sarif["runs"][0];
    const json& rules = run["tool"]["driver"]["rules"];
    std::vector<std::string> ids;
    for (const auto& r : rules) ids.push_back(r["id"]);
    CHECK(ids == std::vector<std::string>{"test-generic-password", "test-github-pat", "test-pem-key"});
    for (const auto& r : run["results"]) {
      size_t i = r["ruleIndex"];
      REQUIRE(i < rules.size());
      CHECK(rules[i]["id"] == r["ruleId"]);
    }
    const json& pem = rules[2];
    CHECK(pem["name"] == "TestPemKey");
    CHECK(pem["shortDescription"]["text"] == "Test private key");
    CHECK(pem["defaultConfiguration"]["level"] == "error");
    CHECK(pem["properties"]["security-severity"] == "9.5");
    CHECK(pem["properties"]["tags"] == json{"security", "secret", "PEM"});
    CHECK(pem["help"]["markdown"].get<std::string>().find("<https://www.rfc-editor.org/rfc/rfc7468>") != std::string::npos);
    CHECK(rules[0]["defaultConfiguration"]["level"] == "warning");
    CHECK(rules[0]["properties"]["security-severity"] == "5.5");
  }

  TEST_CASE("regions are 1-based and match the json findings' lines and columns") {
    TempDir d;
    plant(d);
    Scan s = scan_tree(d);
    const json& results = s.sarif["runs"][0]["results"];
    const json& findings = s.json_doc["findings"];
    REQUIRE(results.size() == findings.size());
    for (size_t i = 0; i < results.size(); ++i) {
      const json& loc = results[i]["locations"][0]["physicalLocation"];
      const json& region = loc["region"];
      const json& f = findings[i];
      CHECK(percent_decode(loc["artifactLocation"]["uri"]) == f["path"]);
      CHECK(results[i]["ruleId"] == f["rule_id"]);
      CHECK(region["startLine"] == f["line"]);
      CHECK(region["startColumn"] == f["column"]);
      CHECK(region["endLine"] == f["end_line"]);
      CHECK(region["endColumn"] == f["end_column"]);
      CHECK(region["startLine"].get<int>() >= 1);
      CHECK(region["startColumn"].get<int>() >= 1);
      CHECK(results[i]["fingerprints"]["keysweep/v1"] == f["fingerprint"]);
    }
    CHECK(results[0]["locations"][0]["physicalLocation"]["region"] ==
          json{{"startLine", 3}, {"startColumn", 11}, {"endLine", 3}, {"endColumn", 51}});
  }

  TEST_CASE("over 25,000 findings the least severe are dropped, with a notification and a notice") {
    keysweep::Rule critical, low;
    critical.id = "crit-rule", critical.name = "Critical thing", critical.provider = "P";
    critical.severity = keysweep::Severity::kCritical;
    low.id = "low-rule", low.name = "Low thing", low.provider = "P", low.severity = keysweep::Severity::kLow;
    keysweep::ScanResult result;
    // 25 low findings first in report order, so dropping by position instead of severity shows.
    for (size_t i = 0; i < 25010; ++i) {
      keysweep::Finding f;
      f.rule = i < 25 ? &low : &critical;
      // snprintf, not "f" + std::to_string(i): GCC 12 warns falsely (-Wrestrict) on the latter.
      char buf[32];
      std::snprintf(buf, sizeof buf, "f%zu", i);
      f.path = buf;
      f.line = f.column = f.end_line = 1;
      f.end_column = 5;
      std::snprintf(buf, sizeof buf, "S3CR3T-%zu", i);
      f.secret = buf;
      std::snprintf(buf, sizeof buf, "fp%zu", i);
      f.fingerprint = buf;
      result.findings.push_back(f);
    }
    std::vector<std::string> notices;
    keysweep::ReportContext ctx;
    ctx.notices = &notices;
    std::ostringstream out;
    keysweep::make_sarif_reporter()->write(result, ctx, out);
    CHECK(out.str().find("S3CR3T-") == std::string::npos);
    json run = json::parse(out.str())["runs"][0];
    const json& results = run["results"];
    REQUIRE(results.size() == 25000);
    std::vector<std::string> kept_low;
    for (const auto& r : results)
      if (r["ruleId"] == "low-rule") kept_low.push_back(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]);
    REQUIRE(kept_low.size() == 15);
    CHECK(kept_low.front() == "f0");  // among equals, report order decides
    CHECK(kept_low.back() == "f14");
    std::string note =
        "SARIF output holds the 25000 most severe of 25010 findings; 10 dropped (GitHub code scanning accepts at most "
        "25000 results per run); use --format json for all of them";
    const json& notes = run["invocations"][0]["toolExecutionNotifications"];
    REQUIRE(notes.size() == 1);
    CHECK(notes[0]["level"] == "warning");
    CHECK(notes[0]["message"]["text"] == note);
    CHECK(notices == std::vector<std::string>{note});
  }

  TEST_CASE("URIs are percent-encoded; absolute paths become file URIs; no cap means no notice") {
    keysweep::Rule rule;
    rule.id = "r", rule.name = "R", rule.provider = "P";
    keysweep::ScanResult result;
    for (std::string path : {"/srv/a b#1.txt", "c:d/%e", "-"}) {
      keysweep::Finding f;
      f.rule = &rule, f.path = path, f.line = f.column = f.end_line = f.end_column = 1;
      result.findings.push_back(f);
    }
    std::vector<std::string> notices;
    keysweep::ReportContext ctx;
    ctx.notices = &notices;
    std::ostringstream out;
    keysweep::make_sarif_reporter()->write(result, ctx, out);
    json run = json::parse(out.str())["runs"][0];
    auto loc = [&](size_t i) { return run["results"][i]["locations"][0]["physicalLocation"]["artifactLocation"]; };
    CHECK(loc(0) == json{{"uri", "file:///srv/a%20b%231.txt"}});
    CHECK(loc(1) == json{{"uri", "c%3Ad/%25e"}, {"uriBaseId", "%SRCROOT%"}});
    CHECK(loc(2) == json{{"uri", "-"}});
    CHECK(run["invocations"][0].contains("toolExecutionNotifications") == false);
    CHECK(notices.empty());
  }

  TEST_CASE("history findings carry their commit in properties, never the commit message") {
    TempDir d;
    std::string rules = rules_file(d);
    keysweep::testing::GitRepo g(d);
    std::string tok = fake_github_token(911);
    g.commit_file("README.md", "hello\n", "first");
    std::string commit = g.commit_file("src/deploy key.txt", "x=" + tok + "\n", "add key " + tok);
    g.commit_file("src/deploy key.txt", "x=removed\n", "remove key");
    auto r = run_cli({"scan", "--history", "--rules", rules, "--format", "sarif", g.path()});
    INFO(r.err);
    REQUIRE(r.status == 1);
    CHECK(r.out.find(tok.substr(4)) == std::string::npos);
    std::string errors = schema_errors(d, r.out);
    CHECK_MESSAGE(errors.empty(), errors);
    json results = json::parse(r.out)["runs"][0]["results"];
    REQUIRE(results.size() == 1);
    const json& props = results[0]["properties"];
    CHECK(props["commit"] == commit);
    CHECK(props["author"] == "Ann Dev");
    CHECK(props["email"] == "ann@example.org");
    CHECK(props["date"].get<std::string>().substr(0, 4) == "2023");
    CHECK(props["blob"].get<std::string>().size() == 40);
    CHECK(props.contains("message") == false);
    CHECK(results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "src/deploy%20key.txt");
    CHECK(results[0]["message"]["text"] ==
          "Test GitHub token found: rotate it (see rule help); introduced in commit " + commit.substr(0, 12));
  }
}
