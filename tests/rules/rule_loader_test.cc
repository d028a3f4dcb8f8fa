#include <doctest/doctest.h>

#include "keysweep/error.h"
#include "rules/rule_loader.h"
#include "support/temp_dir.h"
#include "support/test_rules.h"

using namespace keysweep;

namespace {
std::string error_of(const std::string& toml) {
  try {
    parse_rules(toml, "r.toml");
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}
}  // namespace

TEST_SUITE("rule_loader") {
  TEST_CASE("reads every field of a rule") {
    auto rules = parse_rules(testing::kTestRules, "t.toml");
    REQUIRE(rules.size() == 8);
    const Rule& r = rules[1];
    CHECK(r.id == "test-generic-password");
    CHECK(r.provider == "Generic");
    CHECK(r.severity == Severity::kMedium);
    CHECK(r.generic);
    CHECK(r.min_entropy == doctest::Approx(3.0));
    CHECK(r.keywords == std::vector<std::string>{"password"});
    CHECK(r.examples.size() == 1);
    CHECK(r.origin == "t.toml:14");
  }

  TEST_CASE("malformed TOML names the file and line") {
    CHECK(error_of("[[rules]]\nid = \"a\"\nname = \n") == "r.toml:3: Error while parsing key-value pair: expected value, saw '\\n'");
  }

  TEST_CASE("an unknown key is an error naming it") {
    CHECK(error_of("[[rules]]\nid = \"a\"\nname = \"A\"\npattern = 'x'\npatern = 'y'\n") ==
          "r.toml:5: unknown key 'patern' in rule");
  }

  TEST_CASE("a missing required field names the rule") {
    CHECK(error_of("[[rules]]\nid = \"a-b\"\nname = \"A\"\n") == "r.toml:1: rule a-b is missing 'pattern'");
  }

  TEST_CASE("a bad severity lists the allowed ones") {
    CHECK(error_of("[[rules]]\nid = \"a\"\nname = \"A\"\npattern = 'x'\nseverity = \"urgent\"\n") ==
          "r.toml:5: rule a: severity 'urgent' is not one of info, low, medium, high, critical");
  }

  TEST_CASE("ids must be kebab-case") {
    CHECK(error_of("[[rules]]\nid = \"Bad_Id\"\nname = \"A\"\npattern = 'x'\n") ==
          "r.toml:1: rule id 'Bad_Id' must be kebab-case (a-z, 0-9, -)");
  }

  TEST_CASE("duplicate ids are rejected with both places") {
    auto rules = parse_rules("[[rules]]\nid = \"a\"\nname = \"A\"\npattern = 'x'\n[[rules]]\nid = \"a\"\nname = \"B\"\npattern = 'y'\n", "d.toml");
    try {
      check_unique_ids(rules);
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(std::string(e.what()) == "d.toml:5: duplicate rule id 'a' (first defined at d.toml:1)");
    }
  }

  TEST_CASE("a folder loads every .toml file in name order") {
    testing::TempDir dir;
    dir.write("b.toml", "[[rules]]\nid = \"b\"\nname = \"B\"\npattern = 'y'\n");
    dir.write("a.toml", "[[rules]]\nid = \"a\"\nname = \"A\"\npattern = 'x'\n");
    dir.write("notes.txt", "not a rule file");
    auto rules = load_rules_from_path(dir.path());
    REQUIRE(rules.size() == 2);
    CHECK(rules[0].id == "a");
    CHECK(rules[1].id == "b");
  }

  TEST_CASE("a missing rules path is an error naming it") {
    CHECK_THROWS_WITH_AS(load_rules_from_path("/no/such/rules.toml"),
                         "/no/such/rules.toml: no such file or directory", Error);
  }
}
