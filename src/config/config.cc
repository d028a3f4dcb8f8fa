// Parsing .keysweep.toml with toml++; every value is checked here so a scan never starts with a
// half-understood configuration.
#include "config/config.h"

#include <filesystem>
#include <set>

#include <re2/re2.h>
#include <toml++/toml.h>

#include "keysweep/error.h"
#include "keysweep/rule.h"
#include "util/size.h"
#include "util/toml_table.h"

namespace keysweep {
namespace fs = std::filesystem;

namespace {

const toml::table* table(const std::string& path, const toml::table& doc, const char* name) {
  const toml::node* n = doc.get(name);
  if (!n) return nullptr;
  if (!n->is_table()) throw Error(toml_where(path, *n), std::string("'") + name + "' must be a table ([" + name + "])");
  return n->as_table();
}

std::vector<ConfigValue> strings(const TomlTable& t, const char* key) {
  std::vector<ConfigValue> out;
  for (auto& [v, at] : t.strings_at(key)) out.push_back({std::move(v), std::move(at)});
  return out;
}

std::optional<ConfigValue> string(const TomlTable& t, const char* key) {
  if (!t.table().get(key)) return std::nullopt;
  return ConfigValue{t.string(key, false), t.where(key)};
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
  TomlTable(path, doc, "the config (expected [rules], [allowlist] or [scan])").allow_only({"rules", "allowlist", "scan"});
  fs::path dir = fs::path(path).parent_path();
  if (const toml::table* rt = table(path, doc, "rules")) {
    TomlTable r(path, *rt, "[rules] (expected extra, disable)");
    r.allow_only({"extra", "disable"});
    for (auto& v : strings(r, "extra")) c.extra_rules.push_back(fs::path(v.value).is_absolute() ? v.value : (dir / v.value).string());
    c.disabled_rules = strings(r, "disable");
  }
  if (const toml::table* at = table(path, doc, "allowlist")) {
    TomlTable a(path, *at, "[allowlist] (expected paths, values)");
    a.allow_only({"paths", "values"});
    c.allow_paths = a.strings("paths");
    for (auto& v : strings(a, "values")) {
      RE2 re(v.value, RE2::Quiet);
      if (!re.ok()) throw Error(v.where, "allowlist value regex does not compile: " + re.error());
      c.allow_values.push_back(v.value);
    }
  }
  if (const toml::table* st = table(path, doc, "scan")) {
    TomlTable s(path, *st, "[scan] (expected max_file_size, format, min_confidence)");
    s.allow_only({"max_file_size", "format", "min_confidence"});
    if (auto v = string(s, "max_file_size")) {
      try {
        parse_size(v->value);
      } catch (const Error& e) {
        throw Error(v->where, "max_file_size " + e.message());
      }
      c.max_file_size = v->value;
    }
    if (auto v = string(s, "format")) {
      static const std::set<std::string> kFormats = {"text", "json", "jsonl", "sarif"};
      if (!kFormats.count(v->value))
        throw Error(v->where, "format '" + v->value + "' is not one of text, json, jsonl, sarif");
      c.format = v->value;
    }
    if (auto v = string(s, "min_confidence")) {
      Confidence level;
      if (!parse_confidence(v->value, &level))
        throw Error(v->where, "min_confidence '" + v->value + "' is not one of low, medium, high");
      c.min_confidence = v->value;
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
