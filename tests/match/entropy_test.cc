#include <doctest/doctest.h>

#include "match/entropy.h"
#include "support/temp_dir.h"

using keysweep::shannon_entropy;

TEST_SUITE("entropy") {
  TEST_CASE("is zero for empty and single-symbol strings") {
    CHECK(shannon_entropy("") == 0.0);
    CHECK(shannon_entropy("aaaaaaaa") == 0.0);
  }
  TEST_CASE("is log2 of the alphabet for uniform strings") {
    CHECK(shannon_entropy("abab") == doctest::Approx(1.0));
    CHECK(shannon_entropy("0123456789abcdef") == doctest::Approx(4.0));
  }
  TEST_CASE("scores random base62 well above words") {
    CHECK(shannon_entropy(keysweep::testing::random_chars(keysweep::testing::kBase62, 40, 7)) > 4.5);
    CHECK(shannon_entropy("password") < 3.0);
  }
}
