// Typed, strict reading of one TOML table for our own file formats (rules, env rules, config):
// every error names the file and line, and says what was expected.
#pragma once

#include <set>
#include <string>
#include <vector>

#include <toml++/toml.h>

namespace keysweep {

// "<origin>:<line>" of `n`.
std::string toml_where(const std::string& origin, const toml::node& n);

// Not owning: `origin` and `table` must outlive the reader. Every getter throws
// Error("<origin>:<line>", ...) on a value of the wrong type.
class TomlTable {
 public:
  // `what` names the table in messages ("rule", "language", "[scan] (expected ...)").
  TomlTable(const std::string& origin, const toml::table& table, std::string what)
      : origin_(origin), t_(table), what_(std::move(what)) {}

  // Throws "unknown key 'k' in <what>" for any key not in `keys`.
  void allow_only(const std::set<std::string>& keys) const;
  // Absent: "" (or "<what> is missing 'key'" when `required`).
  std::string string(const char* key, bool required) const;
  // Absent: empty. Each element with the place it was written, for later errors.
  std::vector<std::pair<std::string, std::string>> strings_at(const char* key) const;
  std::vector<std::string> strings(const char* key) const;
  bool boolean(const char* key, bool absent = false) const;

  // Where `key` is written, else where the table starts.
  std::string where(const char* key) const;
  std::string here() const { return toml_where(origin_, t_); }
  const toml::table& table() const { return t_; }
  void set_what(std::string what) { what_ = std::move(what); }

 private:
  const std::string& origin_;
  const toml::table& t_;
  std::string what_;
};

}  // namespace keysweep
