// Parsing config files with toml++; every value is checked here so a scan never starts with a
// half-understood configuration. A repository's file first loses the keys only a trusted config
// may set.
#include "config/config.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include <re2/re2.h>
#include <toml++/toml.h>

#include "keysweep/error.h"
#include "util/file_bytes.h"
#include "keysweep/rule.h"
#include "util/size.h"
#include "util/toml_table.h"

namespace keysweep {
namespace fs = std::filesystem;

namespace {

// Which keys a scanned repository's .keysweep.toml may set. It may narrow what is reported; it may
// never widen what keysweep does: anything that adds rules, changes where or how findings are
// shown, reaches the network or writes files is trusted-only (the user's config, --config, the
// command line). A new config key gets a line here; "*" covers a whole table.
struct KeyTrust {
  const char* table;
  const char* key;
  bool trusted_only;
  const char* why;  // said in the warning when a repository sets it
};
constexpr KeyTrust kKeyTrust[] = {
    {"rules", "extra", true, "it adds rules of the repository's choosing"},
    {"rules", "disable", false, ""},
    {"allowlist", "paths", false, ""},
    {"allowlist", "values", false, ""},
    {"scan", "max_file_size", false, ""},   // may only lower the limit (config_layers.cc)
    {"scan", "min_confidence", false, ""},  // may only raise the floor (config_layers.cc)
    {"scan", "format", true, "json and jsonl print secrets in clear where text redacts them"},
    {"verify", "*", true, "it turns on network verification or changes its endpoints"},
};

const KeyTrust* key_trust(std::string_view table, std::string_view key) {
  for (const KeyTrust& k : kKeyTrust)
    if (table == k.table && (key == k.key || std::string_view(k.key) == "*")) return &k;
  return nullptr;
}

// Removes from a repository's document every key it may not set, noting each.
void drop_untrusted(const std::string& path, toml::table* doc, std::vector<std::string>* warnings) {
  auto refuse = [&](const toml::node& at, const std::string& name, const char* why) {
    warnings->push_back(toml_where(path, at) + ": ignored '" + name + "': a repository's .keysweep.toml may only narrow " +
                        "what is reported, and " + why + " (pass --config " + path + " to trust this file)");
  };
  std::vector<std::string> drop_tables;
  for (auto&& [tname, tnode] : *doc) {
    std::string t(tname.str());
    const KeyTrust* whole = key_trust(t, "*");
    if (whole && whole->trusted_only && std::string_view(whole->key) == "*") {
      refuse(tnode, "[" + t + "]", whole->why);
      drop_tables.push_back(t);
      continue;
    }
    toml::table* tt = tnode.as_table();
    if (!tt) continue;
    std::vector<std::string> drop_keys;
    for (auto&& [kname, knode] : *tt) {
      const KeyTrust* k = key_trust(t, kname.str());
      if (k && k->trusted_only) {
        refuse(knode, t + "." + std::string(kname.str()), k->why);
        drop_keys.push_back(std::string(kname.str()));
      }
    }
    for (const auto& k : drop_keys) tt->erase(k);
  }
  for (const auto& t : drop_tables) doc->erase(t);
}

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

Config load_config(const std::string& path, ConfigTrust trust) {
  std::string text;
  std::string err;
  FileBytes bytes;
  if (bytes.load(path, 16 << 20, &err, /*detect_binary=*/false) != FileBytes::Status::kOk)
    throw Error(path, "cannot read config file");
  return parse_config(bytes.view(), path, trust);
}

Config parse_config(std::string_view text, const std::string& path, ConfigTrust trust) {
  toml::table doc;
  try {
    doc = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    throw Error(path + ":" + std::to_string(std::max<uint32_t>(e.source().begin.line, 1)), std::string(e.description()));
  }
  Config c;
  c.path = path;
  if (trust == ConfigTrust::kRepository) drop_untrusted(path, &doc, &c.warnings);
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
      c.max_file_size_where = v->where;
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
      c.min_confidence_where = v->where;
    }
  }
  return c;
}

Config find_config(const std::string& root) {
  std::error_code ec;
  std::string candidate = (fs::path(root) / ".keysweep.toml").string();
  if (fs::is_regular_file(candidate, ec)) return load_config(candidate, ConfigTrust::kRepository);
  return {};
}

}  // namespace keysweep
