#include <doctest/doctest.h>

#include "filter/value_filters.h"
#include "match/entropy.h"
#include "support/temp_dir.h"
#include "support/test_rules.h"

using namespace keysweep;
using testing::random_chars;

TEST_SUITE("value_filters") {
  TEST_CASE("placeholders are recognised in any case") {
    for (const char* p : {"AKIAIOSFODNN7EXAMPLE", "your-api-key-here", "YOUR_TOKEN_HERE", "xxxxxxxxxxxx",
                          "changeme123", "<API_KEY>", "${API_KEY}", "{{ .Values.token }}", "%(password)s",
                          "********", "REDACTED-VALUE", "dummy-secret-1"})
      CHECK_MESSAGE(is_placeholder(p), std::string(p));
    CHECK_FALSE(is_placeholder(random_chars(testing::kBase62, 32, 1)));
  }

  TEST_CASE("repeated and sequential values are low randomness") {
    CHECK(is_low_randomness("aaaaaaaaaaaa"));
    CHECK(is_low_randomness("abcdefgh12345678"));
    CHECK(is_low_randomness("9876543210"));
    CHECK(is_low_randomness("AB1C2defGHijkLMNo3PqQRstUvwxyzaBCDEfghh4ijklMN5opqrStuVWxyzAbCDEfghIJ"));
    CHECK_FALSE(is_low_randomness(random_chars(testing::kBase62, 32, 2)));
    CHECK_FALSE(is_low_randomness(random_chars(testing::kHexLower, 32, 3)));
  }

  TEST_CASE("identifier shapes that generic rules leave alone") {
    CHECK(identifier_shape("123e4567-e89b-12d3-a456-426614174000") == "uuid");
    CHECK(identifier_shape("da39a3ee5e6b4b0d3255bfef95601890afd80709") == "digest");
    CHECK(identifier_shape("sha512-" + random_chars(testing::kBase62, 86, 4) + "==") == "integrity-hash");
    CHECK(identifier_shape("data:image/png;base64,iVBORw0KGgo") == "data-uri");
    CHECK(identifier_shape("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA") == "public-key-or-certificate");
    CHECK(identifier_shape("MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUF") == "public-key-or-certificate");
    CHECK(identifier_shape("password_confirmation") == "identifier");
    CHECK(identifier_shape("serverlessrepo:applicationId") == "identifier");
    CHECK(identifier_shape("rust_openssl.hpke.MLKEM768X25519PrivateKey") == "identifier");
    CHECK(identifier_shape("x25519.X25519PrivateKey") == "identifier");
    CHECK(identifier_shape("arn:aws:kms:region-ID:account-ID:alias/aws/s3") == "aws-arn");
    // A dotted value whose parts start with digits is not a qualified name.
    CHECK(identifier_shape("v1.0.8f3kQ9zT2mLp") == "");
    CHECK(identifier_shape("tbPWHJ4whQZw.pry") == "");
    CHECK(identifier_shape("https://example.org/x") == "path-or-url");
    CHECK(identifier_shape(random_chars(testing::kBase62, 24, 5) + "9") == "");
    // A private key body is not a certificate.
    CHECK(identifier_shape("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC") == "");
  }

  TEST_CASE("generic-only filters do not apply to provider rules") {
    auto db = testing::test_database();
    std::string uuid = "123e4567-e89b-12d3-a456-426614174000";
    // rule 0 is a provider rule, rule 1 is generic
    CHECK(reject_reason(*db, 1, uuid, shannon_entropy(uuid)) == "uuid");
    CHECK(reject_reason(*db, 0, uuid, shannon_entropy(uuid)) == "");
  }

  TEST_CASE("entropy below the rule's floor makes a value weak, not a secret") {
    auto db = testing::test_database();
    ValueVerdict v = classify_value(*db, 1, "ab1ab2ab", shannon_entropy("ab1ab2ab"));
    CHECK(v.kind == ValueClass::kWeak);
    CHECK(v.reason == "low-entropy");
  }

  TEST_CASE("a hex value is a digest only where its name says so") {
    std::string sha1 = random_chars(testing::kHexLower, 40, 11);
    std::string sha256 = random_chars(testing::kHexLower, 64, 12);
    CHECK(identifier_shape(sha1, "api_token") == "");
    CHECK(identifier_shape(sha256, "SECRET_KEY") == "");
    CHECK(identifier_shape(sha1, "commit_sha") == "digest");
    CHECK(identifier_shape(sha256, "fileChecksum") == "digest");
    CHECK(identifier_shape(sha256, "HASH_KEY") == "digest");
    // Without a name (a value in a header or URL), a 40-hex value is still taken for a git SHA.
    CHECK(identifier_shape(sha1) == "digest");
    CHECK(identifier_shape(sha256) == "");
  }

  TEST_CASE("placeholders are values made of placeholder words, not values that contain one") {
    for (const char* p : {"example-token", "put-your-key-here", "insert_token_here", "test123", "my-api-key",
                          "dummy_password_1", "not-real-secret"})
      CHECK_MESSAGE(is_placeholder(p), std::string(p));
    // A long generated password with a word inside is not a placeholder.
    std::string generated = random_chars(testing::kBase62, 27, 13) + "sample" + random_chars(testing::kBase62, 27, 14);
    CHECK_FALSE(is_placeholder(generated));
    CHECK_FALSE(is_placeholder(random_chars(testing::kBase62, 30, 15) + "hook" + random_chars(testing::kBase62, 26, 16)));
  }

  TEST_CASE("generic values are classed as secret, weak, trivial or rejected") {
    auto db = testing::test_database();
    auto kind = [&](const std::string& v, const char* name = "") {
      return classify_value(*db, 1, v, shannon_entropy(v), name).kind;
    };
    CHECK(kind(random_chars(testing::kBase62, 24, 17)) == ValueClass::kSecret);
    CHECK(kind("admin123") == ValueClass::kWeak);
    CHECK(kind("p4ssw0rd!") == ValueClass::kWeak);
    CHECK(kind("12345678") == ValueClass::kTrivial);
    CHECK(kind("changeme123") == ValueClass::kRejected);
    CHECK(kind("${DB_PASSWORD}") == ValueClass::kRejected);
    CHECK(kind("password_confirmation") == ValueClass::kRejected);
    // base64 of "user:password" says what it is.
    CHECK(kind("dXNlcjpwYXNzd29yZA==") == ValueClass::kWeak);
    CHECK(kind("dXNlcjpjaGFuZ2VtZQ==") == ValueClass::kRejected);  // user:changeme
  }
}
