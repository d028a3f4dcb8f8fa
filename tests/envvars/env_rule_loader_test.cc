// Env rule files: strict loading, with the file and line in every error.
#include <doctest/doctest.h>

#include "envvars/env_rule_loader.h"
#include "keysweep/error.h"

using namespace keysweep;

namespace {

const char* kGood = R"toml(
[[languages]]
name = "toy"
files = ["*.toy"]
comments = ["--"]

[[rules]]
id = "toy-read"
name = "read(NAME)"
languages = ["toy"]
kind = "read"
pattern = '''\bread\(([A-Z_]{1,20})\)'''
optional = true
examples = ["read(X)"]
negative_examples = ["write(X)"]
)toml";

std::string error_of(const std::string& text) {
  try {
    parse_env_rule_texts({{"t.toml", text, ""}});
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_SUITE("env rule loader") {
  TEST_CASE("reads languages and rules") {
    EnvRuleSet set = parse_env_rule_texts({{"t.toml", kGood, ""}});
    REQUIRE(set.languages.size() == 1);
    CHECK(set.languages[0].files == std::vector<std::string>{"*.toy"});
    CHECK(set.languages[0].counts_for_example);
    REQUIRE(set.rules.size() == 1);
    CHECK(set.rules[0].kind == EnvKind::kRead);
    CHECK(set.rules[0].optional);
    CHECK(set.rules[0].origin == "t.toml:7");
  }

  TEST_CASE("an unknown key names the file and line") {
    std::string bad = std::string(kGood) + "patern = 'x'\n";
    CHECK(error_of(bad) == "t.toml:16: unknown key 'patern' in rule");
  }

  TEST_CASE("a bad kind is rejected") {
    std::string bad = kGood;
    bad.replace(bad.find("kind = \"read\""), 13, "kind = \"peek\"");
    CHECK(error_of(bad) == "t.toml:11: kind 'peek' is not one of read, dynamic, write, local, definition");
  }

  TEST_CASE("a rule naming an unknown language is rejected") {
    std::string bad = kGood;
    bad.replace(bad.find("languages = [\"toy\"]"), 19, "languages = [\"tox\"]");
    CHECK(error_of(bad) == "t.toml:7: rule toy-read names unknown language 'tox'");
  }

  TEST_CASE("duplicate rule ids are rejected") {
    std::string text = std::string(kGood) + std::string(kGood).substr(std::string(kGood).find("[[rules]]"));
    CHECK(error_of(text) == "t.toml:16: duplicate rule id 'toy-read' (first defined at t.toml:7)");
  }

  TEST_CASE("malformed TOML names the line") {
    CHECK(error_of("[[rules]]\nid = \n").rfind("t.toml:2: ", 0) == 0);
  }

  TEST_CASE("a helper regex RE2 rejects is an error at load time") {
    std::string bad = std::string(kGood) + "not_after = '''(?<=x)'''\n";
    CHECK(error_of(bad).rfind("t.toml:16: 'not_after' does not compile in RE2: ", 0) == 0);
  }

  TEST_CASE("block and items go together") {
    std::string bad = std::string(kGood) + "block = \"yaml\"\n";
    CHECK(error_of(bad) == "t.toml:7: rule toy-read: 'block' and 'items' go together");
  }

  TEST_CASE("the built-in env rules load and stay apart from the secret rules") {
    EnvRuleSet set = builtin_env_rules();
    CHECK(set.rules.size() > 50);
    for (const RuleText& t : builtin_rule_texts()) CHECK(t.origin.find("rules/env/") == std::string::npos);
  }
}
