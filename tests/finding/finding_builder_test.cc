#include <doctest/doctest.h>

#include "finding/finding_builder.h"
#include "match/matcher.h"
#include "support/temp_dir.h"
#include "support/test_rules.h"

using namespace keysweep;

TEST_SUITE("finding_builder") {
  TEST_CASE("lines and columns are 1-based, end column just past the secret") {
    auto db = testing::test_database();
    Matcher m(*db);
    std::string a = testing::fake_github_token(1), b = testing::fake_github_token(2);
    std::string blob = "first line\n\n  tok = " + a + "\nx " + b;
    std::vector<Match> matches;
    m.scan(blob, &matches);
    std::vector<Finding> out;
    build_findings(*db, blob, "dir/f.txt", matches, &out);
    REQUIRE(out.size() == 2);
    CHECK(out[0].path == "dir/f.txt");
    CHECK(out[0].line == 3);
    CHECK(out[0].column == 9);
    CHECK(out[0].end_line == 3);
    CHECK(out[0].end_column == 9 + a.size());
    CHECK(out[1].line == 4);
    CHECK(out[1].column == 3);
  }

  TEST_CASE("a multi-line secret ends on a later line") {
    auto db = testing::test_database();
    Matcher m(*db);
    std::string blob = "-----BEGIN PRIVATE KEY-----\n" + testing::random_chars(testing::kBase62, 64, 3) + "\n" +
                       testing::random_chars(testing::kBase62, 20, 4) + "\n-----END PRIVATE KEY-----\n";
    std::vector<Match> matches;
    m.scan(blob, &matches);
    std::vector<Finding> out;
    build_findings(*db, blob, "k.pem", matches, &out);
    REQUIRE(out.size() == 1);
    CHECK(out[0].line == 2);
    CHECK(out[0].column == 1);
    CHECK(out[0].end_line == 4);
    CHECK(out[0].end_column == 1);
  }

  TEST_CASE("the fingerprint depends on rule and secret, not on position") {
    std::string a = testing::fake_github_token(5), b = testing::fake_github_token(6);
    CHECK(fingerprint("rule-x", a) == fingerprint("rule-x", a));
    CHECK(fingerprint("rule-x", a) != fingerprint("rule-x", b));
    CHECK(fingerprint("rule-x", a) != fingerprint("rule-y", a));
    CHECK(fingerprint("rule-x", a).size() == 40);
  }

  TEST_CASE("redaction keeps the first four characters of long secrets only") {
    CHECK(redact("ghp_abcdefghijklmnopqrstuvwxyz") == "ghp_\u2026");
    CHECK(redact("12345678") == "12\u2026");
    CHECK(redact("abc") == "\u2026");
  }
}
