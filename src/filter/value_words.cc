// The vocabulary behind break_into_words(): placeholder words (documentation and templates) and
// the words people build passwords and default credentials from. A table, not logic: add words
// here, and a test in tests/filter/value_words_test.cc when a word changes a verdict.
#include "filter/value_words.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace keysweep {
namespace {

// Words that mark a value as a stand-in: whatever else it holds, a value made of words with one
// of these in it is not a credential anybody uses.
constexpr std::string_view kPlaceholderWords[] = {
    "example", "examples", "sample", "samples", "placeholder", "changeme", "change", "replace", "replaceme",
    "your", "yours", "here", "dummy", "fake", "mock", "redacted", "todo", "fixme", "notreal", "insert",
    "enter", "put", "xxx", "foo", "bar", "baz", "qux", "lorem", "ipsum", "demo", "test", "tests", "testing",
    "my", "some", "something", "generate", "generated", "random", "goes", "this", "that", "none", "null",
    "nil", "undefined", "empty", "blank", "string", "value", "fill", "unset", "not"};

// Words of human-chosen passwords, default credentials and the nouns placeholders are made of.
// A value made of these alone is weak, never random.
constexpr std::string_view kWeakWords[] = {
    "password", "passwords", "passwd", "pass", "pwd", "passphrase", "passcode", "secret", "secrets", "key",
    "keys", "token", "tokens", "api", "apikey", "auth", "access", "client", "private", "public", "admin",
    "administrator", "root", "toor", "guest", "user", "username", "login", "welcome", "letmein", "qwerty",
    "qwertz", "azerty", "asdf", "asdfgh", "zxcv", "zxcvbn", "hunter", "monkey", "dragon", "master",
    "super", "superuser", "hello", "love", "iloveyou", "sunshine", "princess", "football", "baseball",
    "shadow", "abc", "default", "summer", "winter", "spring", "autumn", "system", "server", "service",
    "database", "db", "mysql", "postgres", "postgresql", "pgsql", "mongo", "mongodb", "redis", "rabbit",
    "rabbitmq", "oracle", "mssql", "sql", "ftp", "sftp", "mail", "smtp", "email", "web", "www", "site",
    "app", "application", "dev", "develop", "development", "local", "localhost", "prod", "production",
    "stage", "staging", "new", "old", "temp", "tmp", "the", "and", "for", "with", "one", "two", "three",
    "strong", "good", "very", "long", "top", "god", "real", "difficult", "simple", "easy", "jwt", "session", "cookie", "hash", "salt", "id"};

bool is_separator(char c) {
  return c == '_' || c == '-' || c == '.' || c == ':' || c == '/' || c == '@' || c == '!' || c == '#' ||
         c == '$' || c == '%' || c == '^' || c == '&' || c == '*' || c == '+' || c == '=' || c == '~' ||
         c == ' ' || c == ',' || c == '?';
}

// Reachability over prefixes: state bit 1 = reachable with only weak words so far, bit 2 =
// reachable with a placeholder word somewhere.
WordBreak break_lowered(const std::string& s, const std::vector<std::string>* extra) {
  std::vector<uint8_t> reach(s.size() + 1, 0);
  reach[0] = 1;
  bool any_digit_or_sep = false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (!reach[i]) continue;
    char c = s[i];
    if (std::isdigit(static_cast<unsigned char>(c)) || is_separator(c)) {
      any_digit_or_sep = true;
      reach[i + 1] |= reach[i];
      // A word may still start here: documented example values begin with digits.
    }
    auto try_word = [&](std::string_view w, bool placeholder) {
      // A placeholder word marks the path; a weak word carries whatever marks it had.
      if (s.compare(i, w.size(), w) == 0) reach[i + w.size()] |= placeholder ? uint8_t(2) : reach[i];
    };
    for (auto w : kPlaceholderWords) try_word(w, true);
    for (auto w : kWeakWords) try_word(w, false);
    if (extra)
      for (const auto& w : *extra)
        if (!w.empty()) try_word(w, true);
  }
  WordBreak out;
  uint8_t end = reach[s.size()];
  if (end & 2) out.makeup = WordMakeup::kPlaceholder;
  else if (end & 1) out.makeup = WordMakeup::kWords;
  out.letters_only = out.makeup == WordMakeup::kWords && !any_digit_or_sep;
  return out;
}

char unleet(char c) {
  switch (c) {
    case '0': return 'o';
    case '1': return 'i';
    case '3': return 'e';
    case '4': return 'a';
    case '5': return 's';
    case '7': return 't';
    case '@': return 'a';
    case '$': return 's';
    default: return c;
  }
}

}  // namespace

WordBreak break_into_words(std::string_view value, const std::vector<std::string>* extra_placeholders) {
  if (value.empty()) return {};
  std::string lower(value);
  for (char& c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
  WordBreak plain = break_lowered(lower, extra_placeholders);
  if (plain.makeup == WordMakeup::kPlaceholder) return plain;
  // Only a digit or symbol next to a letter stands for a letter: "p4ss", not the "2024" after it.
  std::string leet = lower;
  auto letter = [&](size_t i) { return i < lower.size() && std::isalpha(static_cast<unsigned char>(lower[i])); };
  for (size_t i = 0; i < leet.size(); ++i)
    if ((i > 0 && letter(i - 1)) || letter(i + 1)) leet[i] = unleet(lower[i]);
  if (leet == lower) return plain;
  WordBreak read_as_letters = break_lowered(leet, extra_placeholders);
  if (read_as_letters.makeup == WordMakeup::kNotWords) return plain;
  if (plain.makeup == WordMakeup::kNotWords || read_as_letters.makeup == WordMakeup::kPlaceholder) {
    // "p4ssw0rd" has digits, so it is not letters-only as written.
    read_as_letters.letters_only = false;
    return read_as_letters;
  }
  return plain;
}

}  // namespace keysweep
