// The value filters every match passes through after RE2 extracts the secret. Hard rejections
// come first (placeholders, identifier shapes, allowlists), then how random the value looks.
#include "filter/value_filters.h"

#include "filter/value_words.h"
#include "match/encoded.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace keysweep {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool all_of(std::string_view s, int (*pred)(int)) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [&](char c) { return pred(static_cast<unsigned char>(c)) != 0; });
}

bool is_uuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

// Lengths of MD5, SHA-1, SHA-224, SHA-256, SHA-384 and SHA-512 in hex, one case.
bool is_hex_digest(std::string_view s) {
  if (s.size() != 32 && s.size() != 40 && s.size() != 56 && s.size() != 64 && s.size() != 96 && s.size() != 128)
    return false;
  bool lo = all_of(s, [](int c) { return int(std::isdigit(c) || (c >= 'a' && c <= 'f')); });
  bool up = all_of(s, [](int c) { return int(std::isdigit(c) || (c >= 'A' && c <= 'F')); });
  return lo || up;
}

// The name says the value is a digest of something, not a credential.
bool names_a_digest(std::string_view name) {
  static constexpr std::array<std::string_view, 11> kWords = {"sha", "md5", "commit", "rev", "hash", "digest",
                                                              "checksum", "integrity", "etag", "fingerprint", "crc"};
  std::string l = lower(name);
  for (auto w : kWords)
    if (l.find(w) != std::string::npos) return true;
  return false;
}

bool starts_with_any(std::string_view s, std::initializer_list<std::string_view> prefixes) {
  for (auto p : prefixes)
    if (s.substr(0, p.size()) == p) return true;
  return false;
}

// "rust_openssl.hpke.MLKEM768X25519PrivateKey", "x25519.X25519PrivateKey": a qualified name,
// module parts (lower-case letters, digits, _) then a final attribute. Random values with a dot
// ("tbPWHJ4whQZw.pry") fail the module-part test.
bool is_dotted_identifier(std::string_view s) {
  size_t dot = s.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == s.size()) return false;
  std::string_view last = s.substr(dot + 1);
  if (!(std::isalpha(static_cast<unsigned char>(last[0])) || last[0] == '_')) return false;
  for (char c : last)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  size_t start = 0;
  while (start < dot) {
    size_t end = s.find('.', start);
    std::string_view part = s.substr(start, end - start);
    if (part.empty() || !(std::islower(static_cast<unsigned char>(part[0])) || part[0] == '_')) return false;
    for (char c : part)
      if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_'))
        return false;
    start = end + 1;
  }
  return true;
}

// Template syntax and the stand-ins documentation writes, anywhere in the value.
bool has_placeholder_marker(std::string_view secret) {
  static constexpr std::array<std::string_view, 13> kMarkers = {
      "xxxx", "****", "....", "${", "{{", "%(", "$(", "#{", "<%", "placeholder", "redacted", "changeme", "example"};
  std::string l = lower(secret);
  for (auto m : kMarkers)
    if (l.find(m) != std::string::npos) return true;
  if (l.find('<') != std::string::npos && l.find('>') != std::string::npos) return true;
  // "your-api-key-here", "YOUR_TOKEN_HERE", "yourpasswordhere" hold other words too.
  size_t your = l.find("your");
  return your != std::string::npos && l.find("here", your) != std::string::npos;
}

}  // namespace

bool is_placeholder(std::string_view secret) {
  return has_placeholder_marker(secret) || break_into_words(secret).makeup == WordMakeup::kPlaceholder;
}

bool is_low_randomness(std::string_view s) {
  if (s.size() < 2) return true;
  // Neighbouring bytes that repeat or step by one: high for "aaaa", "abcdef", "123456", "zyx",
  // about 5% for random base62 and under 20% for random hex.
  // Case is ignored, so "defGHijk" counts as the run it is.
  size_t steps = 0;
  for (size_t i = 1; i < s.size(); ++i) {
    int d = std::tolower(static_cast<unsigned char>(s[i])) - std::tolower(static_cast<unsigned char>(s[i - 1]));
    if (d >= -1 && d <= 1) ++steps;
  }
  return steps * 10 >= (s.size() - 1) * 6;
}

std::string_view identifier_shape(std::string_view s, std::string_view name) {
  if (is_uuid(s)) return "uuid";
  if (is_hex_digest(s) && (name.empty() ? s.size() == 40 : names_a_digest(name))) return "digest";
  if (starts_with_any(s, {"sha1-", "sha256-", "sha384-", "sha512-"})) return "integrity-hash";
  if (starts_with_any(s, {"data:"})) return "data-uri";
  if (starts_with_any(s, {"MIIBIjANBgkqhkiG9w0BAQEFAAOC", "MIICIjANBgkqhkiG9w0BAQEFAAOC",
                          "MFkwEwYHKoZIzj0CAQYI", "MHYwEAYHKoZIzj0CAQYF", "ssh-rsa", "ssh-ed25519",
                          "ecdsa-sha2-"}))
    return "public-key-or-certificate";
  // DER certificates open with two long-form SEQUENCEs, "MII???CC" in base64; private keys
  // (an INTEGER version after the first SEQUENCE, "MII???IBA") do not.
  if (s.size() > 8 && s.substr(0, 3) == "MII" && s.substr(6, 2) == "CC") return "public-key-or-certificate";
  if (starts_with_any(s, {"http://", "https://", "/", "./", "../", "~/"})) return "path-or-url";
  if (starts_with_any(s, {"arn:aws:", "arn:aws-"})) return "aws-arn";
  // "password_confirmation", "serverlessrepo:applicationId", "aws/s3": words, not secrets.
  bool letters_only = std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == ':' || c == '/';
  });
  if (letters_only) return "identifier";
  if (is_dotted_identifier(s)) return "identifier";
  return {};
}

ValueVerdict classify_value(const RuleDatabase& db, uint32_t rule, std::string_view secret, double entropy,
                            std::string_view name) {
  const Rule& r = db.rule(rule);
  auto rejected = [](std::string_view why) { return ValueVerdict{ValueClass::kRejected, why}; };
  if (secret.empty()) return rejected("empty");
  if (has_placeholder_marker(secret)) return rejected("placeholder");
  if (r.generic) {
    if (auto shape = identifier_shape(secret, name); !shape.empty()) return rejected(shape);
  }
  for (const auto& re : db.name_regexes(rule))
    if (RE2::PartialMatch(name, *re)) return rejected("allowlist-name");
  for (const auto& re : db.allow_regexes(rule))
    if (RE2::PartialMatch(secret, *re)) return rejected("allowlist-regex");
  WordBreak words = break_into_words(secret, &r.allowlist.stopwords);
  if (words.makeup == WordMakeup::kPlaceholder) return rejected("placeholder");
  // A generic value that is base64 of text is judged by what it says: "dXNlcjpwYXNzd29yZA=="
  // is "user:password" (the password after the first colon, as in Basic auth).
  if (r.generic && r.encoding == Encoding::kNone && secret.size() >= 8) {
    if (auto decoded = decode_base64_text(secret)) {
      std::string_view said = *decoded;
      if (size_t colon = said.find(':'); colon != std::string_view::npos) said.remove_prefix(colon + 1);
      if (has_placeholder_marker(said)) return rejected("placeholder");
      WordBreak inner = break_into_words(said, &r.allowlist.stopwords);
      if (inner.makeup == WordMakeup::kPlaceholder) return rejected("placeholder");
      if (inner.makeup == WordMakeup::kWords) return {ValueClass::kWeak, "encoded-words"};
    }
  }
  // Below here the value is a credential of some kind; how random it looks decides where it counts.
  if (words.letters_only) return {ValueClass::kTrivial, "word"};
  if (is_low_randomness(secret)) return {ValueClass::kTrivial, "low-randomness"};
  if (words.makeup == WordMakeup::kWords) return {ValueClass::kWeak, "words"};
  if (entropy < r.min_entropy) return {ValueClass::kWeak, "low-entropy"};
  for (const auto& re : db.weak_regexes(rule))
    if (RE2::PartialMatch(secret, *re)) return {ValueClass::kWeak, "human-chosen"};
  return {};
}

std::string_view reject_reason(const RuleDatabase& db, uint32_t rule, std::string_view secret, double entropy,
                               std::string_view name) {
  return classify_value(db, rule, secret, entropy, name).reason;
}

}  // namespace keysweep
