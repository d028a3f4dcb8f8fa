// Is a value made of words? A placeholder ("your-api-key-here", "changeme123") and a human-chosen
// password ("admin123", "s3cr3t") are made of vocabulary words, digits and separators; a
// generated secret is not, even when a word happens to sit inside it ("...Xq7sampleT9...").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace keysweep {

enum class WordMakeup {
  kNotWords,     // something besides vocabulary words, digits and separators
  kWords,        // only words, digits and separators, and no placeholder word
  kPlaceholder,  // only words, digits and separators, at least one of them a placeholder word
};

struct WordBreak {
  WordMakeup makeup = WordMakeup::kNotWords;
  bool letters_only = false;  // kWords with no digit or separator ("postgres", "supersecret")
};

// Splits `value` (case-insensitively, and again with leetspeak digits read as letters:
// "p4ssw0rd") into vocabulary words, digit runs and separators. `extra_placeholders` are more
// lower-case words that count as placeholder words (a rule's stopwords). Thread-safe; O(n * w)
// for n bytes and words of length at most w.
WordBreak break_into_words(std::string_view value, const std::vector<std::string>* extra_placeholders = nullptr);

}  // namespace keysweep
