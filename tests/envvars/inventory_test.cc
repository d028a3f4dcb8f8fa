// The inventory and its problems, on plain per-file results: one case per problem kind and per
// rule that keeps a problem from firing.
#include <doctest/doctest.h>

#include <algorithm>

#include "envvars/inventory.h"

using namespace keysweep;

namespace {

CodeFile code(const std::string& path, std::vector<EnvRef> refs, const std::string& lang = "python") {
  CodeFile f;
  f.path = path;
  f.language = lang;
  f.env.refs = std::move(refs);
  return f;
}

EnvFile env_file(const std::string& path, EnvFileKind kind, std::vector<DotenvEntry> entries,
                 std::vector<EnvFileSecret> secrets = {}) {
  return EnvFile{path, kind, kind == EnvFileKind::kExample, std::move(entries), std::move(secrets)};
}

DotenvEntry entry(const std::string& name, uint32_t line) { return {name, line, line, true}; }

std::vector<std::string> problems(const EnvInventory& inv) {
  std::vector<std::string> out;
  for (const auto& p : inv.problems)
    out.push_back(std::string(problem_kind_name(p.kind)) + " " + p.name + " " + p.path + ":" + std::to_string(p.line));
  return out;
}

const EnvVariable& var(const EnvInventory& inv, const std::string& name) {
  auto it = std::find_if(inv.variables.begin(), inv.variables.end(), [&](const EnvVariable& v) { return v.name == name; });
  REQUIRE(it != inv.variables.end());
  return *it;
}

using V = std::vector<std::string>;

}  // namespace

TEST_SUITE("env inventory") {
  TEST_CASE("a variable read without a default and missing from the example file is undocumented") {
    auto inv = build_inventory({code("app.py", {{"DB_URL", 3, false, 0}, {"LEVEL", 4, true, 0}})},
                               {env_file(".env.example", EnvFileKind::kExample, {entry("OTHER", 1)})});
    CHECK(problems(inv) == V{"undocumented DB_URL app.py:3", "unused_documented OTHER .env.example:1"});
    CHECK(inv.problems[0].message == "DB_URL is read without a default at app.py:3 but .env.example does not list it");
    CHECK(var(inv, "DB_URL").required);
    CHECK_FALSE(var(inv, "LEVEL").required);
  }

  TEST_CASE("without an example file every required variable is undocumented") {
    auto inv = build_inventory({code("app.py", {{"DB_URL", 3, false, 0}})}, {});
    REQUIRE(inv.problems.size() == 1);
    CHECK(inv.problems[0].message ==
          "DB_URL is read without a default at app.py:3 and there is no example file (.env.example, .env.sample, "
          ".env.template) to document it");
  }

  TEST_CASE("documented, platform-provided, env-file-defined and workflow-only reads are not undocumented") {
    CodeFile ci = code(".github/workflows/ci.yml", {{"NPM_TOKEN", 9, false, 0}}, "github-actions");
    ci.counts_for_example = false;
    auto inv = build_inventory(
        {code("app.py", {{"DB_URL", 1, false, 0}, {"HOME", 2, false, 0}, {"LOCAL_ONLY", 3, false, 0}}), ci},
        {env_file(".env.example", EnvFileKind::kExample, {entry("DB_URL", 1)}),
         env_file(".env.development", EnvFileKind::kEnv, {entry("LOCAL_ONLY", 1)})});
    CHECK(problems(inv).empty());
    CHECK(var(inv, "DB_URL").documented);
    CHECK(var(inv, "NPM_TOKEN").required);
  }

  TEST_CASE("a variable listed in the example file and read nowhere is a warning") {
    auto inv = build_inventory({}, {env_file(".env.example", EnvFileKind::kExample, {entry("OLD_FLAG", 2)})});
    CHECK(problems(inv) == V{"unused_documented OLD_FLAG .env.example:2"});
    CHECK_FALSE(problem_fails_check(inv.problems[0].kind));
  }

  TEST_CASE("a secret-like variable with a client prefix is client_exposed_secret") {
    auto inv = build_inventory({code("web/app.tsx", {{"NEXT_PUBLIC_STRIPE_SECRET_KEY", 4, true, 0},
                                                      {"NEXT_PUBLIC_API_URL", 5, true, 0}}, "typescript")},
                               {});
    CHECK(problems(inv) == V{"client_exposed_secret NEXT_PUBLIC_STRIPE_SECRET_KEY web/app.tsx:4"});
    CHECK(var(inv, "NEXT_PUBLIC_API_URL").client_exposed);
    CHECK_FALSE(var(inv, "NEXT_PUBLIC_API_URL").secret_like);
  }

  TEST_CASE("a committed env file holding a flagged value is committed_secret_value") {
    auto inv = build_inventory(
        {}, {env_file(".env", EnvFileKind::kEnv, {entry("A", 1), {"KEY", 2, 4, true}},
                      {{3, "private-key", "Private key"}})});
    CHECK(problems(inv) == V{"committed_secret_value KEY .env:3"});
    CHECK(inv.problems[0].message ==
          ".env is not ignored by git and gives KEY a value the secret rule private-key flags; move it out of the "
          "repository and rotate it");
  }

  TEST_CASE("an example file holding a flagged value is example_has_real_secret") {
    auto inv = build_inventory({code("a.py", {{"GITHUB_TOKEN", 1, false, 0}})},
                               {env_file(".env.example", EnvFileKind::kExample, {entry("GITHUB_TOKEN", 1)},
                                         {{1, "github-classic-pat", "GitHub personal access token"}})});
    CHECK(problems(inv) == V{"example_has_real_secret GITHUB_TOKEN .env.example:1"});
  }

  TEST_CASE("references and definitions are sorted by place, variables by name") {
    CodeFile b = code("b.py", {{"X", 9, false, 0}});
    b.env.defs = {{"Y", 2, 0}};
    auto inv = build_inventory({b, code("a.py", {{"X", 5, false, 0}, {"X", 1, true, 0}})}, {});
    REQUIRE(inv.variables.size() == 2);
    CHECK(inv.variables[0].name == "X");
    CHECK(inv.variables[0].references[0].path == "a.py");
    CHECK(inv.variables[0].references[0].line == 1);
    CHECK(inv.variables[0].references[2].path == "b.py");
    CHECK(inv.variables[1].definitions[0].path == "b.py");
  }
}
