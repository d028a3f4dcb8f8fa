// .env files: which names are env files and examples, and what the parser lists.
#include <doctest/doctest.h>

#include "envvars/dotenv.h"

using namespace keysweep;

TEST_SUITE("dotenv") {
  TEST_CASE("env files and example files are told apart by name") {
    CHECK(env_file_kind(".env") == EnvFileKind::kEnv);
    CHECK(env_file_kind("app/.env.local") == EnvFileKind::kEnv);
    CHECK(env_file_kind("deploy/prod.env") == EnvFileKind::kEnv);
    CHECK(env_file_kind(".envrc") == EnvFileKind::kEnv);
    CHECK(env_file_kind(".env.example") == EnvFileKind::kExample);
    CHECK(env_file_kind("web/.env.sample") == EnvFileKind::kExample);
    CHECK(env_file_kind(".env.template") == EnvFileKind::kExample);
    CHECK(env_file_kind(".env.local.example") == EnvFileKind::kExample);
    CHECK(env_file_kind("env.example") == EnvFileKind::kExample);
    CHECK(env_file_kind("example.env") == EnvFileKind::kExample);
    CHECK(env_file_kind(".ENV.EXAMPLE") == EnvFileKind::kExample);
    CHECK(env_file_kind("environment.ts") == EnvFileKind::kNone);
    CHECK(env_file_kind("env.py") == EnvFileKind::kNone);
    CHECK(env_file_kind("dotenv") == EnvFileKind::kNone);
  }

  TEST_CASE("assignments with export, quotes and comments; values are not kept") {
    auto e = parse_dotenv("# comment\n\nA=1\nexport B='two words'\nC=\"x\" # trailing\nD=\nE = spaced\nnot an assignment\n");
    REQUIRE(e.size() == 5);
    CHECK(e[0].name == "A");
    CHECK(e[0].line == 3);
    CHECK(e[0].has_value);
    CHECK(e[1].name == "B");
    CHECK(e[1].line == 4);
    CHECK(e[2].name == "C");
    CHECK(e[3].name == "D");
    CHECK_FALSE(e[3].has_value);
    CHECK(e[4].name == "E");
    CHECK(e[4].line == 7);
  }

  TEST_CASE("a quoted value spanning lines is one entry, and its lines are not assignments") {
    auto e = parse_dotenv("KEY=\"-----BEGIN-----\nAAAA=\nBBBB==\n-----END-----\"\nNEXT=1\n");
    REQUIRE(e.size() == 2);
    CHECK(e[0].name == "KEY");
    CHECK(e[0].line == 1);
    CHECK(e[0].end_line == 4);
    CHECK(e[1].name == "NEXT");
    CHECK(e[1].line == 5);
  }

  TEST_CASE("crlf line endings and an unterminated quote do not derail the parser") {
    auto e = parse_dotenv("A=1\r\nB=\"open\r\n");
    REQUIRE(e.size() == 2);
    CHECK(e[1].name == "B");
  }
}
