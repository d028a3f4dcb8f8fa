// End-to-end: `keysweep env` as a developer or a CI gate runs it.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/run_cli.h"
#include "support/temp_dir.h"

using keysweep::testing::run_cli;
using keysweep::testing::TempDir;

namespace {

const std::string kPolyglot = std::string(KEYSWEEP_SOURCE_DIR) + "/fixtures/env/polyglot";

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The JSON report in the compact form fixtures/env/polyglot.expected holds.
std::string listing(const nlohmann::json& d) {
  std::string out;
  for (const auto& v : d["variables"]) {
    std::string name = v["name"];
    for (const auto& r : v["references"])
      out += "ref " + name + " " + r["path"].get<std::string>() + ":" + std::to_string(r["line"].get<int>()) + " " +
             r["language"].get<std::string>() + (r["has_default"].get<bool>() ? " default\n" : " required\n");
    for (const auto& r : v["definitions"])
      out += "def " + name + " " + r["path"].get<std::string>() + ":" + std::to_string(r["line"].get<int>()) + "\n";
  }
  for (const auto& x : d["dynamic_reads"])
    out += "dyn " + x["path"].get<std::string>() + ":" + std::to_string(x["line"].get<int>()) + " " +
           x["language"].get<std::string>() + " " + x["expression"].get<std::string>() + "\n";
  for (const auto& p : d["problems"])
    out += "problem " + p["kind"].get<std::string>() + " " + p["name"].get<std::string>() + " " +
           p["path"].get<std::string>() + ":" + std::to_string(p["line"].get<int>()) + "\n";
  return out;
}

// "kind name" of each problem.
std::string kinds(const std::string& json) {
  std::string out;
  nlohmann::json d = nlohmann::json::parse(json);
  for (const auto& p : d["problems"])
    out += p["kind"].get<std::string>() + " " + p["name"].get<std::string>() + "\n";
  return out;
}

}  // namespace

TEST_SUITE("cli env") {
  TEST_CASE("the polyglot fixture yields exactly the expected inventory") {
    auto r = run_cli({"env", "--format", "json", kPolyglot});
    REQUIRE(r.status == 0);
    CHECK(r.err == "");
    CHECK(listing(nlohmann::json::parse(r.out)) == slurp(kPolyglot + ".expected"));
  }

  TEST_CASE("json follows the documented schema") {
    auto d = nlohmann::json::parse(run_cli({"env", "--format", "json", kPolyglot}).out);
    const auto& v = d["variables"][0];
    for (const char* k : {"name", "secret_like", "required", "documented", "client_exposed", "references", "definitions"})
      CHECK_MESSAGE(v.contains(k), k);
    const auto& p = d["problems"][0];
    for (const char* k : {"kind", "name", "path", "line", "message"}) CHECK_MESSAGE(p.contains(k), k);
    CHECK(d["example_files"] == nlohmann::json::array({".env.example"}));
  }

  TEST_CASE("--check exits 1 on a failing problem and 0 on a clean tree") {
    CHECK(run_cli({"env", "--check", kPolyglot}).status == 1);
    TempDir d;
    d.write("app.py", "import os\nURL = os.environ['SERVICE_URL']\n");
    d.write(".env.example", "SERVICE_URL=https://example.invalid\n");
    auto r = run_cli({"env", "--check", d.path()});
    CHECK(r.status == 0);
    CHECK(r.out.find("SERVICE_URL") != std::string::npos);
  }

  TEST_CASE("undocumented: a required variable the example file does not list fails --check") {
    TempDir d;
    d.write("app.js", "const key = process.env.PAYMENTS_API_KEY;\n");
    d.write(".env.example", "OTHER=1\n");
    auto r = run_cli({"env", "--check", "--format", "json", d.path()});
    CHECK(r.status == 1);
    CHECK(kinds(r.out) == "undocumented PAYMENTS_API_KEY\nunused_documented OTHER\n");
  }

  TEST_CASE("unused_documented alone is a warning: --check still exits 0") {
    TempDir d;
    d.write("app.js", "const url = process.env.API_URL;\n");
    d.write(".env.example", "API_URL=https://example.invalid\nRETIRED_FLAG=0\n");
    auto r = run_cli({"env", "--check", "--format", "json", d.path()});
    CHECK(r.status == 0);
    CHECK(kinds(r.out) == "unused_documented RETIRED_FLAG\n");
  }

  TEST_CASE("client_exposed_secret: a secret-like name with a bundler prefix") {
    TempDir d;
    d.write("web/app.ts", "export const k = import.meta.env.VITE_OPENAI_API_KEY ?? '';\n");
    auto r = run_cli({"env", "--check", "--format", "json", d.path()});
    CHECK(r.status == 1);
    CHECK(kinds(r.out) == "client_exposed_secret VITE_OPENAI_API_KEY\n");
  }

  TEST_CASE("committed_secret_value: a real-looking token in .env, never printed") {
    TempDir d;
    std::string tok = keysweep::testing::fake_github_token(11);
    d.write(".env", "LOG_LEVEL=info\nGITHUB_TOKEN=" + tok + "\n");
    for (const char* format : {"text", "json", "markdown"}) {
      auto r = run_cli({"env", "--check", "--format", format, d.path()});
      CHECK(r.status == 1);
      CHECK(r.out.find(tok) == std::string::npos);
      CHECK(r.out.find("committed_secret_value") != std::string::npos);
    }
    auto j = nlohmann::json::parse(run_cli({"env", "--format", "json", d.path()}).out);
    CHECK(j["problems"][0]["name"] == "GITHUB_TOKEN");
    CHECK(j["problems"][0]["line"] == 2);
  }

  TEST_CASE("example_has_real_secret: an example file with a real-looking value instead of a placeholder") {
    TempDir d;
    std::string tok = keysweep::testing::fake_github_token(12);
    d.write(".env.example", "GITHUB_TOKEN=" + tok + "\nSTRIPE_KEY=sk_live_your_key_here\n");
    d.write("a.py", "import os\nt = os.environ['GITHUB_TOKEN']\nk = os.environ['STRIPE_KEY']\n");
    auto r = run_cli({"env", "--check", "--format", "json", d.path()});
    CHECK(r.status == 1);
    CHECK(kinds(r.out) == "example_has_real_secret GITHUB_TOKEN\n");
    CHECK(r.out.find(tok) == std::string::npos);
  }

  TEST_CASE("--example names the one file that documents the variables") {
    TempDir d;
    d.write("app/main.go", "package main\nimport \"os\"\nvar u = os.Getenv(\"UPSTREAM_URL\")\n");
    d.write("docs/variables.env", "UPSTREAM_URL=\n");
    CHECK(run_cli({"env", "--check", d / "app"}).status == 1);
    CHECK(run_cli({"env", "--check", "--example", d / "docs/variables.env", d / "app"}).status == 0);
  }

  TEST_CASE("markdown prints the handover table") {
    auto r = run_cli({"env", "--format", "markdown", kPolyglot});
    CHECK(r.status == 0);
    CHECK(r.out.find("| Variable | Secret | Required | Documented | Browser-exposed | Read at | Set at |\n") !=
          std::string::npos);
    CHECK(r.out.find("| `DATABASE_URL` | yes | yes | yes | no | ") != std::string::npos);
    CHECK(r.out.find("## Handover checklist") != std::string::npos);
  }

  TEST_CASE("text prints one row per variable and a summary") {
    TempDir d;
    d.write("a.rb", "x = ENV.fetch('QUEUE_URL')\n");
    auto r = run_cli({"env", d.path()});
    CHECK(r.status == 0);
    CHECK(r.out.rfind("VARIABLE   SECRET  REQUIRED  DOCUMENTED  WHERE\nQUEUE_URL  no      yes       no          a.rb:1\n", 0) == 0);
    CHECK(r.out.find("1 variable (0 secret-like, 1 required, 0 documented), 1 reference, 0 dynamic reads, 1 problem "
                     "(1 failing --check) in 1 file\n") != std::string::npos);
  }

  TEST_CASE("-o writes the report to a file") {
    TempDir d;
    d.write("t/a.py", "import os\nos.getenv('A_B')\n");
    auto r = run_cli({"env", "--format", "json", "-o", d / "out.json", d / "t"});
    CHECK(r.status == 0);
    CHECK(r.out == "");
    CHECK(nlohmann::json::parse(slurp(d / "out.json"))["variables"][0]["name"] == "A_B");
  }

  TEST_CASE("a nonexistent path to inventory is one line and exit 2") {
    auto r = run_cli({"env", "/no/such/place"});
    CHECK(r.status == 2);
    CHECK(r.out == "");
    CHECK(r.err == "keysweep: error: /no/such/place: no such file or directory\n");
  }

  TEST_CASE("a missing --example file is one line and exit 2") {
    TempDir d;
    auto r = run_cli({"env", "--example", d / "nope.env", d.path()});
    CHECK(r.status == 2);
    CHECK(r.err == "keysweep: error: " + (d / "nope.env") + ": no such file\n");
  }

  TEST_CASE("a malformed env rule file is one line naming its line, and exit 2") {
    TempDir d;
    std::string f = d.write("rules/bad.toml", "[[languages]]\nname = \"x\"\nfiles = [\"*.x\"]\nflies = 1\n");
    auto r = run_cli({"env", "--rules", f, d.path()});
    CHECK(r.status == 2);
    CHECK(r.err == "keysweep: error: " + f + ":4: unknown key 'flies' in language\n");
  }

  TEST_CASE("an env rule whose pattern does not compile is named by its id, exit 2") {
    TempDir d;
    std::string f = d.write("rules/bad.toml", R"toml(
[[languages]]
name = "toy"
files = ["*.toy"]

[[rules]]
id = "toy-lookahead"
name = "lookahead"
languages = ["toy"]
kind = "read"
pattern = '''read\(([A-Z]{1,9})(?=\))'''
)toml");
    auto r = run_cli({"env", "--rules", f, d.path()});
    CHECK(r.status == 2);
    CHECK(r.err == "keysweep: error: rule toy-lookahead: pattern does not compile in RE2: invalid perl operator: (?=\n");
  }

  TEST_CASE("an unknown env flag is one line and exit 2") {
    auto r = run_cli({"env", "--frobnicate"});
    CHECK(r.status == 2);
    CHECK(r.err == "keysweep: error: The following argument was not expected: --frobnicate (see keysweep --help)\n");
  }

  TEST_CASE("an unknown inventory format is one line and exit 2") {
    auto r = run_cli({"env", "--format", "xml", kPolyglot});
    CHECK(r.status == 2);
    CHECK(r.err == "keysweep: error: --format: unknown format 'xml' (expected text, json or markdown)\n");
  }

  TEST_CASE("--add-rules extends the built-in rules") {
    TempDir d;
    std::string f = d.write("rules/toy.toml", R"toml(
[[languages]]
name = "toy"
files = ["*.toy"]

[[rules]]
id = "toy-read"
name = "read(NAME)"
languages = ["toy"]
kind = "read"
pattern = '''\bread\(([A-Z_]{1,20})\)'''
examples = ["read(X)"]
negative_examples = ["write(X)"]
)toml");
    d.write("src/a.toy", "read(TOY_VAR)\n");
    auto r = run_cli({"env", "--add-rules", f, "--format", "json", d / "src"});
    CHECK(r.status == 0);
    CHECK(nlohmann::json::parse(r.out)["variables"][0]["references"][0]["language"] == "toy");
  }
}
