#include <doctest/doctest.h>

#include <fstream>

#include "keysweep/error.h"
#include "rules/rule_database.h"
#include "rules/rule_loader.h"
#include "support/temp_dir.h"
#include "support/test_rules.h"

using namespace keysweep;

namespace {
std::string build_error(const std::string& pattern) {
  std::string toml = "[[rules]]\nid = \"bad-rule\"\nname = \"Bad\"\npattern = '''" + pattern + "'''\n";
  try {
    RuleDatabase::build(parse_rules(toml, "r.toml"), CacheOptions{false, {}});
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}
}  // namespace

TEST_SUITE("rule_database") {
  TEST_CASE("a pattern RE2 rejects is an error naming the rule") {
    CHECK(build_error("a(?=b)c") == "rule bad-rule: pattern does not compile in RE2: invalid perl operator: (?=");
  }

  TEST_CASE("a pattern with unbounded width is an error naming the rule") {
    CHECK(build_error("token=[a-z]+") ==
          "rule bad-rule: pattern can match more than 8192 bytes; bound every repetition (e.g. {0,64} instead of * or +)");
  }

  TEST_CASE("the secret group is the named group, else the first") {
    auto db = testing::test_database();
    CHECK(db->secret_group(0) == 1);
    auto plain = RuleDatabase::build(
        parse_rules("[[rules]]\nid = \"p\"\nname = \"P\"\npattern = '''(?:k=)(v[0-9]{3})'''\n", "p.toml"),
        CacheOptions{false, {}});
    CHECK(plain->secret_group(0) == 1);
  }

  TEST_CASE("a second build of the same rules loads the compiled database from the cache") {
    testing::TempDir cache;
    auto rules = parse_rules(testing::kTestRules, "t.toml");
    auto first = RuleDatabase::build(rules, CacheOptions{true, cache.path()});
    CHECK_FALSE(first->loaded_from_cache());
    auto second = RuleDatabase::build(rules, CacheOptions{true, cache.path()});
    CHECK(second->loaded_from_cache());
    for (uint32_t i = 0; i < rules.size(); ++i) CHECK(second->max_width(i) == first->max_width(i));
  }

  TEST_CASE("changing a pattern misses the cache") {
    testing::TempDir cache;
    auto rules = parse_rules(testing::kTestRules, "t.toml");
    RuleDatabase::build(rules, CacheOptions{true, cache.path()});
    rules[0].pattern = R"(\b(?P<secret>ghp_[A-Za-z0-9]{30,36})\b)";
    CHECK_FALSE(RuleDatabase::build(rules, CacheOptions{true, cache.path()})->loaded_from_cache());
  }

  TEST_CASE("a corrupt cache file is ignored and replaced") {
    testing::TempDir cache;
    auto rules = parse_rules(testing::kTestRules, "t.toml");
    RuleDatabase::build(rules, CacheOptions{true, cache.path()});
    for (auto& e : std::filesystem::directory_iterator(cache.path())) {
      std::ofstream(e.path(), std::ios::trunc) << "garbage";
    }
    auto db = RuleDatabase::build(rules, CacheOptions{true, cache.path()});
    CHECK_FALSE(db->loaded_from_cache());
    CHECK(RuleDatabase::build(rules, CacheOptions{true, cache.path()})->loaded_from_cache());
  }
}

TEST_SUITE("rule_database texts") {
  TEST_CASE("a warm start from rule texts restores the rules without parsing them") {
    testing::TempDir cache;
    std::vector<RuleText> texts = {{"t.toml", testing::kTestRules, ""}};
    auto first = RuleDatabase::build_from_texts(texts, CacheOptions{true, cache.path()});
    CHECK_FALSE(first->loaded_from_cache());
    auto second = RuleDatabase::build_from_texts(texts, CacheOptions{true, cache.path()});
    REQUIRE(second->loaded_from_cache());
    REQUIRE(second->rules().size() == first->rules().size());
    for (size_t i = 0; i < first->rules().size(); ++i) {
      const Rule& a = first->rule(uint32_t(i));
      const Rule& b = second->rule(uint32_t(i));
      CHECK(a.id == b.id);
      CHECK(a.pattern == b.pattern);
      CHECK(a.severity == b.severity);
      CHECK(a.generic == b.generic);
      CHECK(a.min_entropy == b.min_entropy);
      CHECK(a.origin == b.origin);
      CHECK(a.allowlist.stopwords == b.allowlist.stopwords);
      CHECK(a.references == b.references);
    }
  }

  TEST_CASE("editing a rule file's text misses the cache, and a broken edit is still reported") {
    testing::TempDir cache;
    std::vector<RuleText> texts = {{"t.toml", testing::kTestRules, ""}};
    RuleDatabase::build_from_texts(texts, CacheOptions{true, cache.path()});
    texts[0].text += "\n[[rules]]\nid = \"x\"\n";
    CHECK_THROWS_WITH_AS(RuleDatabase::build_from_texts(texts, CacheOptions{true, cache.path()}),
                         "t.toml:98: rule x is missing 'name'", Error);
  }
}
