#include <doctest/doctest.h>

#include "finding/finding_builder.h"
#include "match/encoded.h"
#include "pipeline/blob_scanner.h"
#include "support/temp_dir.h"
#include "support/test_rules.h"
#include "util/base64.h"

using namespace keysweep;
using testing::random_chars;
using testing::scan_at;

TEST_SUITE("encoded") {
  TEST_CASE("a token inside base64 is found, pointing at the encoded text, with the plain fingerprint") {
    auto db = testing::test_database({.base64_runs = true});
    std::string tok = testing::fake_github_token(41);
    std::string plain_fp = scan_at(*db, "t = '" + tok + "'\n").at(0).fingerprint;
    std::string enc = base64_encode("GITHUB_TOKEN=" + tok + "\n");
    std::string text = "apiVersion: v1\nkind: Secret\ndata:\n  env: " + enc + "\n";
    auto f = scan_at(*db, text);
    REQUIRE(f.size() == 1);
    CHECK(f[0].rule->id == "test-github-pat");
    CHECK(f[0].secret == tok);
    CHECK(f[0].encoding == Encoding::kBase64);
    CHECK(f[0].fingerprint == plain_fp);
    CHECK(f[0].line == 4);
    // The span lies inside the encoded run and covers the token's bytes.
    size_t run = text.find(enc);
    CHECK(f[0].offset >= run);
    CHECK(f[0].end_offset <= run + enc.size());
    CHECK(f[0].end_offset - f[0].offset >= tok.size() * 4 / 3);
  }

  TEST_CASE("base64 inside base64 is found at depth 2, not deeper") {
    auto db = testing::test_database({.base64_runs = true});
    std::string tok = testing::fake_github_token(42);
    std::string once = base64_encode("{\"token\": \"" + tok + "\"}");
    std::string twice = base64_encode("{\"config\": \"" + once + "\"}");
    std::string thrice = base64_encode("{\"outer\": \"" + twice + "\"}");
    CHECK(scan_at(*db, "v: " + twice + "\n").size() == 1);
    CHECK(scan_at(*db, "v: " + thrice + "\n").empty());
  }

  TEST_CASE("an encoded rule reports the decoded value, and data URIs are never decoded") {
    auto db = testing::test_database({.base64_runs = true});
    auto f = scan_at(*db, "{\"auths\": {\"r.io\": {\"auth\": \"" + base64_encode("ci:r1TZ5p2nq8Lw") + "\"}}}");
    REQUIRE(f.size() == 1);
    CHECK(f[0].secret == "ci:r1TZ5p2nq8Lw");
    CHECK(f[0].encoding == Encoding::kBase64);
    std::string tok = testing::fake_github_token(43);
    CHECK(scan_at(*db, "<img src=\"data:text/plain;base64," + base64_encode("x " + tok + " y") + "\">").empty());
  }

  TEST_CASE("binary and non-text runs cost no finding") {
    auto db = testing::test_database({.base64_runs = true});
    std::string bin;
    for (int i = 0; i < 300; ++i) bin.push_back(char(i * 37 + 11));
    CHECK(scan_at(*db, "blob = \"" + base64_encode(bin) + "\"\n").empty());
    CHECK(scan_at(*db, "sha = \"" + random_chars(testing::kHexLower, 64, 44) + "\"\n").empty());
  }

  TEST_CASE("text is printable ASCII, whitespace or well-formed UTF-8") {
    CHECK(looks_like_text("user:pass\r\n\t"));
    CHECK(looks_like_text("caf\xc3\xa9"));
    CHECK_FALSE(looks_like_text("caf\xc3"));
    CHECK_FALSE(looks_like_text(std::string("a\0b", 3)));
    CHECK_FALSE(looks_like_text("\x1b[2J"));
  }

  TEST_CASE("a block secret runs from its BEGIN line to its END line") {
    auto db = testing::test_database();
    std::string block = "-----BEGIN TEST KEY-----\nQUJDREVGR0hJSktMTU5PUFFSU1RVVldY\nWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2\n"
                        "-----END TEST KEY-----";
    auto f = scan_at(*db, "# key\n" + block + "\nrest\n", "key.pem");
    REQUIRE(f.size() == 1);
    CHECK(f[0].secret == block);
    CHECK(f[0].line == 2);
    CHECK(f[0].column == 1);
    CHECK(f[0].end_line == 5);
    CHECK(f[0].end_column == 23);
  }
}
