// Strict typed TOML table reading shared by the rule, env-rule and config loaders.
#include "util/toml_table.h"

#include "keysweep/error.h"

namespace keysweep {

std::string toml_where(const std::string& origin, const toml::node& n) {
  return origin + ":" + std::to_string(n.source().begin.line);
}

void TomlTable::allow_only(const std::set<std::string>& keys) const {
  for (auto&& [k, v] : t_)
    if (!keys.count(std::string(k.str())))
      throw Error(toml_where(origin_, v), "unknown key '" + std::string(k.str()) + "' in " + what_);
}

std::string TomlTable::string(const char* key, bool required) const {
  const toml::node* n = t_.get(key);
  if (!n) {
    if (required) throw Error(here(), what_ + " is missing '" + key + "'");
    return {};
  }
  auto v = n->value<std::string>();
  if (!v) throw Error(toml_where(origin_, *n), "'" + std::string(key) + "' must be a string");
  return *v;
}

std::vector<std::pair<std::string, std::string>> TomlTable::strings_at(const char* key) const {
  std::vector<std::pair<std::string, std::string>> out;
  const toml::node* n = t_.get(key);
  if (!n) return out;
  const toml::array* a = n->as_array();
  if (!a) throw Error(toml_where(origin_, *n), "'" + std::string(key) + "' must be an array of strings");
  for (const toml::node& e : *a) {
    auto v = e.value<std::string>();
    if (!v) throw Error(toml_where(origin_, e), "'" + std::string(key) + "' must hold only strings");
    out.emplace_back(*v, toml_where(origin_, e));
  }
  return out;
}

std::vector<std::string> TomlTable::strings(const char* key) const {
  std::vector<std::string> out;
  for (auto& [v, at] : strings_at(key)) out.push_back(std::move(v));
  return out;
}

bool TomlTable::boolean(const char* key, bool absent) const {
  const toml::node* n = t_.get(key);
  if (!n) return absent;
  auto v = n->value<bool>();
  if (!v) throw Error(toml_where(origin_, *n), "'" + std::string(key) + "' must be true or false");
  return *v;
}

std::string TomlTable::where(const char* key) const {
  const toml::node* n = t_.get(key);
  return n ? toml_where(origin_, *n) : here();
}

}  // namespace keysweep
