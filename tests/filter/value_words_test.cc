#include <doctest/doctest.h>

#include "filter/value_words.h"
#include "support/temp_dir.h"

using namespace keysweep;

TEST_SUITE("value_words") {
  TEST_CASE("documentation stand-ins are made of placeholder words") {
    for (const char* v : {"your-api-key-here", "YOUR_TOKEN_HERE", "example-token", "changeme123", "insert-key",
                          "my_secret_password", "test-token-1"})
      CHECK_MESSAGE(break_into_words(v).makeup == WordMakeup::kPlaceholder, std::string(v));
  }

  TEST_CASE("human-chosen passwords are made of weak words, leetspeak included") {
    for (const char* v : {"admin123", "Password1!", "p4ssw0rd", "s3cr3t-2024", "hunter22", "root@123"})
      CHECK_MESSAGE(break_into_words(v).makeup == WordMakeup::kWords, std::string(v));
    CHECK(break_into_words("postgres").letters_only);
    CHECK(break_into_words("supersecret").letters_only);
    CHECK_FALSE(break_into_words("admin123").letters_only);
  }

  TEST_CASE("generated values are not words, even with a word inside") {
    for (uint32_t seed = 0; seed < 50; ++seed) {
      std::string v = testing::random_chars(testing::kBase62, 20, seed) + "password" +
                      testing::random_chars(testing::kBase62, 20, seed + 100);
      CHECK_MESSAGE(break_into_words(v).makeup == WordMakeup::kNotWords, std::string(v));
    }
  }

  TEST_CASE("a rule's stopwords count as placeholder words, even ones that start with a digit") {
    std::vector<std::string> stop = {"2yotnfzfejr1zcsicmwpaa"};
    CHECK(break_into_words("2YotnFZFEjr1zCsicMWpAA", &stop).makeup == WordMakeup::kPlaceholder);
    CHECK(break_into_words("2YotnFZFEjr1zCsicMWpAA").makeup == WordMakeup::kNotWords);
  }
}
