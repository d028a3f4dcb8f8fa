// End-to-end tests of the pre-commit hook: installed by `keysweep hook install`, run by a real
// `git commit`.
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <sys/wait.h>

#include "support/git_fixture.h"
#include "support/run_cli.h"

using keysweep::testing::fake_github_token;
using keysweep::testing::GitRepo;
using keysweep::testing::run_cli;
using keysweep::testing::TempDir;

namespace {
std::string slurp(const std::string& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
// Runs `git commit` in `g` and returns git's exit status and combined output.
std::pair<int, std::string> try_commit(const GitRepo& g, const std::string& message) {
  std::string cmd = "cd '" + g.path() + "' && KEYSWEEP_CACHE_DIR='" KEYSWEEP_TEST_CACHE_DIR "' git -c user.name=A "
                    "-c user.email=a@example.org commit -q -m '" + message + "' 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int status = pclose(p);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}
}  // namespace

TEST_SUITE("cli hook") {
  TEST_CASE("the installed hook refuses a commit that adds a secret and lets clean and allowed ones through") {
    TempDir d;
    GitRepo g(d);
    g.commit_file("README", "r\n", "init");
    auto inst = run_cli({"hook", "install", g.path()});
    REQUIRE(inst.status == 0);
    CHECK(inst.out == "keysweep: installed pre-commit hook at " + g.path() + "/.git/hooks/pre-commit\n");

    std::string t = fake_github_token(600);
    g.write("deploy.env", "GH_TOKEN=" + t + "\n");
    g.git("add deploy.env");
    auto [blocked, out] = try_commit(g, "leak");
    CHECK(blocked != 0);
    CHECK(out.find("deploy.env:1:10 github-classic-pat ghp_\u2026") != std::string::npos);
    CHECK(out.find("keysweep: this commit adds the secret(s) listed above, so it was blocked.") != std::string::npos);
    CHECK(out.find(t) == std::string::npos);

    g.write("deploy.env", "GH_TOKEN=from-vault\n");
    g.git("add deploy.env");
    CHECK(try_commit(g, "clean").first == 0);

    g.write("test.env", "GH_TOKEN=" + fake_github_token(601) + "  # keysweep:allow\n");
    g.git("add test.env");
    CHECK(try_commit(g, "allowed fixture").first == 0);
  }

  TEST_CASE("install respects core.hooksPath") {
    TempDir d;
    GitRepo g(d);
    g.git("config core.hooksPath .githooks");
    REQUIRE(run_cli({"hook", "install", g.path()}).status == 0);
    CHECK(slurp(g.path() + "/.githooks/pre-commit").find("keysweep pre-commit hook") != std::string::npos);
  }

  TEST_CASE("install refuses to replace a different hook without --force, and is idempotent") {
    TempDir d;
    GitRepo g(d);
    std::string hook = g.path() + "/.git/hooks/pre-commit";
    g.write(".git/hooks/pre-commit", "#!/bin/sh\nmake lint\n");
    auto r = run_cli({"hook", "install", g.path()});
    CHECK(r.status == 2);
    CHECK(r.err == "keysweep: error: " + hook + ": a different pre-commit hook is already installed; use --force to replace it\n");
    CHECK(slurp(hook) == "#!/bin/sh\nmake lint\n");
    CHECK(run_cli({"hook", "install", "--force", g.path()}).status == 0);
    auto again = run_cli({"hook", "install", g.path()});
    CHECK(again.status == 0);
    CHECK(again.out == "keysweep: pre-commit hook already installed at " + hook + "\n");
  }

  TEST_CASE("the installed hook is hooks/pre-commit with this binary as the default") {
    TempDir d;
    GitRepo g(d);
    REQUIRE(run_cli({"hook", "install", g.path()}).status == 0);
    std::string installed = slurp(g.path() + "/.git/hooks/pre-commit");
    std::string source = slurp(std::string(KEYSWEEP_SOURCE_DIR) + "/hooks/pre-commit");
    std::string from = "KEYSWEEP=\"${KEYSWEEP:-keysweep}\"";
    std::string to = "KEYSWEEP=\"${KEYSWEEP:-" + std::string(KEYSWEEP_BINARY) + "}\"";
    REQUIRE(source.find(from) != std::string::npos);
    source.replace(source.find(from), from.size(), to);
    CHECK(installed == source);
  }
}
