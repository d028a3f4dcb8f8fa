#include <doctest/doctest.h>

#include "keysweep/error.h"
#include "rules/fragments.h"
#include "rules/rule_loader.h"

using namespace keysweep;

TEST_SUITE("fragments") {
  TEST_CASE("references expand to groups, recursively, and escapes stay literal") {
    FragmentTable t = {{"word", {"[a-z]{1,8}", "f:1"}}, {"pair", {"(?&word)=(?&word)", "f:2"}}};
    CHECK(expand_fragments("^(?&pair)$", t, "rule x") == "^(?:(?:[a-z]{1,8})=(?:[a-z]{1,8}))$");
    CHECK(expand_fragments("\\(?&word)", t, "rule x") == "\\(?&word)");
  }

  TEST_CASE("unknown, malformed and self-referencing fragments are errors naming the rule") {
    FragmentTable t = {{"a", {"x(?&b)", "f.toml:3"}}, {"b", {"(?&a)", "f.toml:4"}}};
    CHECK_THROWS_WITH_AS(expand_fragments("(?&nope)", t, "f.toml:9"), "f.toml:9: unknown fragment 'nope'", Error);
    CHECK_THROWS_WITH_AS(expand_fragments("(?&A)", t, "f.toml:9"),
                         "f.toml:9: malformed fragment reference at '(?&A)' (expected (?&name))", Error);
    CHECK_THROWS_WITH_AS(expand_fragments("(?&a)", t, "f.toml:9"),
                         "f.toml:9: fragment 'a' refers to itself (defined at f.toml:3)", Error);
  }

  TEST_CASE("rule files share fragments and allowlists across files") {
    std::vector<RuleText> texts = {
        {"shared.toml", "[fragments]\nname = '''(?i)pass(?:word)?'''\n[allowlists.common]\nregexes = ['^x']\n"
                        "stopwords = ['Sample']\n", ""},
        {"r.toml", "[[rules]]\nid = 'r'\nname = 'R'\npattern = '''(?&name)=(?P<secret>\\S{8,20})'''\n"
                   "[rules.allowlist]\nuse = ['common']\nregexes = ['^y']\n", ""}};
    auto rules = parse_rule_texts(texts);
    REQUIRE(rules.size() == 1);
    CHECK(rules[0].pattern == "(?:(?i)pass(?:word)?)=(?P<secret>\\S{8,20})");
    CHECK(rules[0].allowlist.regexes == std::vector<std::string>{"^x", "^y"});
    CHECK(rules[0].allowlist.stopwords == std::vector<std::string>{"sample"});
  }

  TEST_CASE("a fragment defined twice differently, or an unknown allowlist, is an error") {
    std::vector<RuleText> twice = {{"a.toml", "[fragments]\nx = 'a'\n", ""}, {"b.toml", "[fragments]\nx = 'b'\n", ""}};
    CHECK_THROWS_WITH_AS(parse_rule_texts(twice), "b.toml:2: fragment 'x' is already defined at a.toml:2", Error);
    std::vector<RuleText> same = {{"a.toml", "[fragments]\nx = 'a'\n", ""}, {"b.toml", "[fragments]\nx = 'a'\n", ""}};
    CHECK_NOTHROW(parse_rule_texts(same));
    std::vector<RuleText> unknown = {
        {"r.toml", "[[rules]]\nid = 'r'\nname = 'R'\npattern = 'x'\n[rules.allowlist]\nuse = ['nope']\n", ""}};
    CHECK_THROWS_WITH_AS(parse_rule_texts(unknown), "r.toml:6: rule r: unknown allowlist 'nope'", Error);
  }
}
