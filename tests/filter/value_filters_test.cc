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
      CHECK_MESSAGE(is_placeholder(p), p);
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
    CHECK(identifier_shape("da39a3ee5e6b4b0d3255bfef95601890afd80709") == "git-sha");
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

  TEST_CASE("entropy below the rule's floor is rejected") {
    auto db = testing::test_database();
    CHECK(reject_reason(*db, 1, "abababab", shannon_entropy("abababab")) == "low-entropy");
  }
}
