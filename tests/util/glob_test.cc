#include <doctest/doctest.h>

#include "util/glob.h"

using keysweep::glob_match;

TEST_SUITE("glob") {
  TEST_CASE("a star stays within one path segment") {
    CHECK(glob_match("src/*.py", "src/app.py"));
    CHECK_FALSE(glob_match("src/*.py", "src/sub/app.py"));
  }
  TEST_CASE("a double star crosses segments, including none") {
    CHECK(glob_match("fixtures/**", "fixtures/a/b/c.txt"));
    CHECK(glob_match("**/test_*.py", "test_x.py"));
    CHECK(glob_match("**/test_*.py", "a/b/test_x.py"));
    CHECK(glob_match("src/**/secret.txt", "src/secret.txt"));
    CHECK_FALSE(glob_match("fixtures/**", "src/fixtures.txt"));
  }
  TEST_CASE("a pattern without a slash matches the base name at any depth") {
    CHECK(glob_match("*.pem", "certs/dev/server.pem"));
    CHECK(glob_match(".env", "services/api/.env"));
    CHECK_FALSE(glob_match(".env", "services/api/.env.example"));
  }
  TEST_CASE("a trailing slash means everything below that folder, at any depth without other slashes") {
    CHECK(glob_match("vendor/", "vendor/lib/x.go"));
    CHECK(glob_match("vendor/", "third/vendor/x.go"));
    CHECK(glob_match("/vendor/", "vendor/x.go"));
    CHECK_FALSE(glob_match("/vendor/", "third/vendor/x.go"));
    CHECK_FALSE(glob_match("vendor/", "vendor.go"));
  }
  TEST_CASE("a question mark is one character, never a slash") {
    CHECK(glob_match("a?c", "abc"));
    CHECK_FALSE(glob_match("a?c", "a/c"));
  }
}
