#include <doctest/doctest.h>

#include <set>

#include "match/matcher.h"
#include "support/temp_dir.h"
#include "rules/rule_loader.h"
#include "support/test_rules.h"

using namespace keysweep;
using testing::fake_github_token;

namespace {
std::vector<std::string> secrets_of(const std::vector<Match>& ms) {
  std::vector<std::string> out;
  for (const auto& m : ms) out.push_back(m.secret);
  return out;
}
}  // namespace

TEST_SUITE("matcher") {
  TEST_CASE("extracts the secret group and its offsets") {
    auto db = testing::test_database();
    Matcher m(*db);
    std::string tok = fake_github_token(1);
    std::string blob = "x = '" + tok + "'\n";
    std::vector<Match> out;
    m.scan(blob, &out);
    REQUIRE(out.size() == 1);
    CHECK(out[0].secret == tok);
    CHECK(out[0].start == 5);
    CHECK(out[0].end == 5 + tok.size());
    CHECK(blob.substr(out[0].start, out[0].end - out[0].start) == tok);
  }

  TEST_CASE("finds adjacent and repeated secrets of one rule separately") {
    auto db = testing::test_database();
    Matcher m(*db);
    std::string a = fake_github_token(2), b = fake_github_token(3);
    std::vector<Match> out;
    m.scan(a + " " + b + "\n" + a, &out);
    CHECK(secrets_of(out) == std::vector<std::string>{a, b, a});
  }

  TEST_CASE("finds secrets at the very start and end of a blob") {
    auto db = testing::test_database();
    Matcher m(*db);
    std::string a = fake_github_token(4);
    std::vector<Match> out;
    m.scan(a, &out);
    CHECK(secrets_of(out) == std::vector<std::string>{a});
  }

  TEST_CASE("a placeholder match is rejected and reported as such on request") {
    auto db = testing::test_database();
    Matcher m(*db);
    std::vector<Match> out, rejected;
    m.scan("ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", &out, &rejected);
    CHECK(out.empty());
    REQUIRE(rejected.size() == 1);
  }

  TEST_CASE("finds a multi-line secret") {
    auto db = testing::test_database();
    Matcher m(*db);
    std::string body = testing::random_chars(testing::kBase62, 64, 5) + "\n" +
                       testing::random_chars(testing::kBase62, 40, 6) + "\n";
    std::vector<Match> out;
    m.scan("prefix\n-----BEGIN PRIVATE KEY-----\n" + body + "-----END PRIVATE KEY-----\n", &out);
    REQUIRE(out.size() == 1);
    CHECK(out[0].secret == body);
  }

  TEST_CASE("Hyperscan never drops what RE2 alone finds on noisy text") {
    auto db = testing::test_database();
    Matcher m(*db);
    // Random text full of near misses, with secrets planted at random places.
    std::string blob;
    std::mt19937 gen(42);
    for (int i = 0; i < 400; ++i) {
      switch (gen() % 6) {
        case 0: blob += fake_github_token(gen()); break;
        case 1: blob += "ghp_" + testing::random_chars(testing::kBase62, gen() % 40, gen()); break;
        case 2: blob += "password = \"" + testing::random_chars(testing::kBase62 + "!#", 4 + gen() % 70, gen()) + "\""; break;
        case 3: blob += "\n"; break;
        default: blob += testing::random_chars(testing::kBase62 + " _=:'\"", gen() % 80, gen());
      }
      if (gen() % 2) blob += " ";
    }
    std::vector<Match> out;
    m.scan(blob, &out);
    for (uint32_t r = 0; r < db->rules().size(); ++r) {
      std::set<std::pair<uint64_t, uint64_t>> engine, re2only;
      for (const auto& x : out)
        if (x.rule_index == r) engine.insert({x.start, x.end});
      for (const auto& x : re2_only_matches(*db, r, blob)) re2only.insert({x.start, x.end});
      CHECK_MESSAGE(engine == re2only, db->rule(r).id);
      if (r == 0) CHECK(engine.size() > 20);
    }
  }
}

TEST_SUITE("matcher dedupe") {
  constexpr const char* kOverlapRules = R"toml(
[[rules]]
id = "acme-token"
name = "ACME token"
pattern = '''\b(?P<secret>acme_[a-z0-9]{24})\b'''
[[rules]]
id = "acme-token-again"
name = "ACME token, second rule"
pattern = '''(?P<secret>acme_[a-z0-9]{24})'''
[[rules]]
id = "any-assignment"
name = "Generic"
generic = true
pattern = '''token\s{0,3}=\s{0,3}"(?P<secret>[^"]{8,64})"'''
)toml";

  TEST_CASE("a provider rule shadows a generic rule on the same secret") {
    auto db = RuleDatabase::build(parse_rules(kOverlapRules, "o.toml"), CacheOptions{false, {}});
    Matcher m(*db);
    std::vector<Match> out;
    m.scan("token = \"acme_q8w7e6r5t4y3u2i1o0p9a8s7\"", &out);
    REQUIRE(out.size() == 1);
    CHECK(db->rule(out[0].rule_index).id == "acme-token");
  }

  TEST_CASE("a generic rule still reports secrets no provider rule covers") {
    auto db = RuleDatabase::build(parse_rules(kOverlapRules, "o.toml"), CacheOptions{false, {}});
    Matcher m(*db);
    std::vector<Match> out;
    m.scan("token = \"Zq3r8LmN0pXv5Yt2Wb7K\"", &out);
    REQUIRE(out.size() == 1);
    CHECK(db->rule(out[0].rule_index).id == "any-assignment");
  }
}

TEST_SUITE("matcher dedupe") {
  TEST_CASE("of two provider rules on one secret, the one that proved more context wins") {
    constexpr const char* kRules = R"toml(
[[rules]]
id = "prefix-only"
name = "Prefix only"
pattern = '''\b(?P<secret>sk_live_[A-Za-z0-9]{24})\b'''
[[rules]]
id = "with-context"
name = "With context"
pattern = '''(?i)workos[\w.]{0,20}\s{0,3}=\s{0,3}['"]?(?P<secret>sk_live_[A-Za-z0-9]{24})\b'''
)toml";
    auto db = RuleDatabase::build(parse_rules(kRules, "c.toml"), CacheOptions{false, {}});
    Matcher m(*db);
    std::vector<Match> out;
    m.scan("WORKOS_API_KEY='sk_live_q8w7e6r5t4y3u2i1o0p9a8s7'", &out);
    REQUIRE(out.size() == 1);
    CHECK(db->rule(out[0].rule_index).id == "with-context");
    m.scan("key = 'sk_live_q8w7e6r5t4y3u2i1o0p9a8s7'", &out);
    REQUIRE(out.size() == 1);
    CHECK(db->rule(out[0].rule_index).id == "prefix-only");
    Matcher all(*db, Matcher::Options{.dedupe = false});
    all.scan("WORKOS_API_KEY='sk_live_q8w7e6r5t4y3u2i1o0p9a8s7'", &out);
    CHECK(out.size() == 2);
  }
}
