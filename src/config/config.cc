// Parsing .keysweep.toml with toml++; every value is checked here so a scan never starts with a
// half-understood configuration.
#include "config/config.h"

#include <filesystem>
#include <set>

#include <re2/re2.h>
#include <toml++/toml.h>

#include "keysweep/error.h"
#include "util/size.h"

namespace keysweep {
namespace fs = std::filesystem;

namespace {

std::string at(const std::string& path, const toml::node& n) {
  return path + ":" + std::to_string(n.source().begin.line);
}

void only_keys(const std::string& path, const toml::table& t, const std::set<std::string>& allowed,
               const std::string& where) {
  for (auto&& [k, v] : t)
    if (!allowed.count(std::string(k.str())))
      throw Error(at(path, v), "unknown key '" + std::string(k.str()) + "'" + where);
}

const toml::table* table(const std::string& path, const toml::table& doc, const char* name) {
  const toml::node* n = doc.get(name);
  if (!n) return nullptr;
  if (!n->is_table()) throw Error(at(path, *n), std::string("'") + name + "' must be a table ([" + name + "])");
  return n->as_table();
}

std::vector<ConfigValue> strings(const std::string& path, const toml::table& t, const char* key) {
  std::vector<ConfigValue> out;
  const toml::node* n = t.get(key);
  if (!n) return out;
  const toml::array* a = n->as_array();
  if (!a) throw Error(at(path, *n), std::string("'") + key + "' must be an array of strings");
  for (const toml::node& e : *a) {
    auto v = e.value<std::string>();
    if (!v) throw Error(at(path, e), std::string("'") + key + "' must hold only strings");
    out.push_back({*v, at(path, e)});
  }
  return out;
}

std::optional<ConfigValue> string(const std::string& path, const toml::table& t, const char* key) {
  const toml::node* n = t.get(key);
  if (!n) return std::nullopt;
  auto v = n->value<std::string>();
  if (!v) throw Error(at(path, *n), std::string("'") + key + "' must be a string");
  return ConfigValue{*v, at(path, *n)};
}

}  // namespace

Config load_config(const std::string& path) {
  toml::table doc;
  try {
    doc = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    if (e.source().begin.line == 0 || !fs::exists(path)) throw Error(path, "cannot read config file");
    throw Error(path + ":" + std::to_string(e.source().begin.line), std::string(e.description()));
  }
  Config c;
  c.path = path;
  only_keys(path, doc, {"rules", "allowlist", "scan"}, " (expected [rules], [allowlist] or [scan])");
  fs::path dir = fs::path(path).parent_path();
  if (const toml::table* r = table(path, doc, "rules")) {
    only_keys(path, *r, {"extra", "disable"}, " in [rules] (expected extra, disable)");
    for (auto& v : strings(path, *r, "extra")) c.extra_rules.push_back(fs::path(v.value).is_absolute() ? v.value : (dir / v.value).string());
    c.disabled_rules = strings(path, *r, "disable");
  }
  if (const toml::table* a = table(path, doc, "allowlist")) {
    only_keys(path, *a, {"paths", "values"}, " in [allowlist] (expected paths, values)");
    for (auto& v : strings(path, *a, "paths")) c.allow_paths.push_back(v.value);
    for (auto& v : strings(path, *a, "values")) {
      RE2 re(v.value, RE2::Quiet);
      if (!re.ok()) throw Error(v.where, "allowlist value regex does not compile: " + re.error());
      c.allow_values.push_back(v.value);
    }
  }
  if (const toml::table* s = table(path, doc, "scan")) {
    only_keys(path, *s, {"max_file_size", "format"}, " in [scan] (expected max_file_size, format)");
    if (auto v = string(path, *s, "max_file_size")) {
      try {
        parse_size(v->value);
      } catch (const Error& e) {
        throw Error(v->where, "max_file_size " + e.message());
      }
      c.max_file_size = v->value;
    }
    if (auto v = string(path, *s, "format")) {
      static const std::set<std::string> kFormats = {"text", "json", "jsonl", "sarif"};
      if (!kFormats.count(v->value))
        throw Error(v->where, "format '" + v->value + "' is not one of text, json, jsonl, sarif");
      c.format = v->value;
    }
  }
  return c;
}

Config find_config(const std::string& root) {
  std::error_code ec;
  std::string candidate = (fs::path(root) / ".keysweep.toml").string();
  if (fs::is_regular_file(candidate, ec)) return load_config(candidate);
  return {};
}

}  // namespace keysweep
