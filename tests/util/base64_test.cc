#include <doctest/doctest.h>

#include <random>

#include "util/base64.h"

using namespace keysweep;

TEST_SUITE("base64") {
  TEST_CASE("decodes both alphabets, padded or not") {
    CHECK(base64_decode("aHVudGVyMjI=") == std::optional<std::string>("hunter22"));
    CHECK(base64_decode("aHVudGVyMjI") == std::optional<std::string>("hunter22"));
    CHECK(base64_decode("dXNlcjpwYXNz") == std::optional<std::string>("user:pass"));
    // URL-safe: 0xfb 0xff 0xbf encodes as "-_-_" there and "+/+/" in the standard alphabet.
    CHECK(base64_decode("-_-_") == std::optional<std::string>("\xfb\xff\xbf"));
    CHECK(base64_decode("+/+/") == std::optional<std::string>("\xfb\xff\xbf"));
    CHECK(base64_decode("") == std::optional<std::string>(""));
  }

  TEST_CASE("rejects what no encoder writes") {
    CHECK_FALSE(base64_decode("aGk*"));        // outside the alphabet
    CHECK_FALSE(base64_decode("aG=k"));        // padding inside
    CHECK_FALSE(base64_decode("aGk=="));       // wrong padded length
    CHECK_FALSE(base64_decode("aGVsbG8gd"));   // a lone 6-bit symbol at the end
    CHECK_FALSE(base64_decode("aGVsbG9="));    // "hello" is aGVsbG8=: non-zero unused bits
    CHECK_FALSE(base64_decode("+_ab"));        // alphabets mixed
    CHECK_FALSE(base64_decode("aGVs bG8="));   // whitespace is not skipped
  }

  TEST_CASE("round-trips random bytes of every length") {
    std::mt19937 rng(7);
    for (size_t n = 0; n < 200; ++n) {
      std::string bytes(n, '\0');
      for (char& c : bytes) c = char(rng());
      std::string enc = base64_encode(bytes);
      CHECK(enc.size() == (n + 2) / 3 * 4);
      CHECK(base64_decode(enc) == std::optional<std::string>(bytes));
    }
  }

  TEST_CASE("a prefix decode looks at the first bytes only") {
    std::string enc = base64_encode(std::string(300, 'k') + "\x01");
    auto head = base64_decode_prefix(enc, 30);
    REQUIRE(head);
    CHECK(*head == std::string(30, 'k'));
    CHECK(base64_decode_prefix("aHVudGVyMjI=", 100) == std::optional<std::string>("hunter22"));
    CHECK_FALSE(base64_decode_prefix("aHV*dGVyMjI=aHVudGVyMjI=", 6));
  }

  TEST_CASE("percent-decoding replaces escapes and keeps stray percent signs") {
    CHECK(percent_decode("p%40ss%2Fw0rd") == "p@ss/w0rd");
    CHECK(percent_decode("100%") == "100%");
    CHECK(percent_decode("a%zzb%4") == "a%zzb%4");
    CHECK(percent_decode("a+b%2b") == "a+b+");
  }
}
