// TOML → EnvRuleSet. Strict like the secret-rule loader: an unknown key is an error, so a typo in
// an env rule file never silently turns a rule off.
#include "envvars/env_rule_loader.h"

#include "util/toml_table.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include <re2/re2.h>
#include <toml++/toml.h>

#include "envvars/embedded_env_rules.h"
#include "keysweep/error.h"
#include "rules/rule_database.h"
#include "util/toml_table.h"

namespace keysweep {

std::string_view env_kind_name(EnvKind k) {
  switch (k) {
    case EnvKind::kRead: return "read";
    case EnvKind::kDynamic: return "dynamic";
    case EnvKind::kWrite: return "write";
    case EnvKind::kLocal: return "local";
    case EnvKind::kDefinition: return "definition";
  }
  return "read";
}

bool parse_env_kind(std::string_view name, EnvKind* out) {
  for (EnvKind k : {EnvKind::kRead, EnvKind::kDynamic, EnvKind::kWrite, EnvKind::kLocal, EnvKind::kDefinition}) {
    if (env_kind_name(k) == name) {
      *out = k;
      return true;
    }
  }
  return false;
}

namespace {

// The env-specific field types, read through the shared strict TOML reader.
class TableReader : public TomlTable {
 public:
  TableReader(const std::string& origin, const toml::table& t, const char* what) : TomlTable(origin, t, what) {}

  EnvKind kind(const char* key) const {
    std::string k = string(key, true);
    EnvKind out;
    if (!parse_env_kind(k, &out))
      throw Error(where(key), "kind '" + k + "' is not one of read, dynamic, write, local, definition");
    return out;
  }

  // A helper regex must compile in RE2 now, so a scan never meets a broken one.
  void regex(const std::string& text, const char* key) const {
    if (text.empty()) return;
    RE2 re(text, byte_regex_options());
    if (!re.ok()) throw Error(where(key), "'" + std::string(key) + "' does not compile in RE2: " + re.error());
  }
};

EnvLanguage read_language(const std::string& origin, const toml::table& t) {
  TableReader r(origin, t, "language");
  r.allow_only({"name", "files", "detect", "comments", "ignore_names", "literal_quote", "string_quotes",
                "counts_for_example"});
  EnvLanguage l;
  l.origin = r.here();
  l.name = r.string("name", true);
  l.files = r.strings("files");
  if (l.files.empty()) throw Error(l.origin, "language " + l.name + " has no 'files' globs");
  l.detect = r.string("detect", false);
  r.regex(l.detect, "detect");
  l.comments = r.strings("comments");
  l.ignore_names = r.strings("ignore_names");
  l.literal_quote = r.string("literal_quote", false);
  l.string_quotes = r.string("string_quotes", false);
  l.counts_for_example = r.boolean("counts_for_example", true);
  return l;
}

std::vector<EnvItem> read_items(const std::string& origin, const toml::table& t, const std::string& id) {
  std::vector<EnvItem> items;
  const toml::node* n = t.get("items");
  if (!n) return items;
  const toml::array* a = n->as_array();
  if (!a) throw Error(toml_where(origin, *n), "rule " + id + ": 'items' must be an array of tables ([[rules.items]])");
  for (const toml::node& e : *a) {
    const toml::table* it = e.as_table();
    if (!it) throw Error(toml_where(origin, e), "rule " + id + ": 'items' must be an array of tables ([[rules.items]])");
    TableReader r(origin, *it, "item");
    r.allow_only({"pattern", "kind"});
    EnvItem item;
    item.pattern = r.string("pattern", true);
    r.regex(item.pattern, "pattern");
    item.kind = r.kind("kind");
    if (item.kind == EnvKind::kDynamic) throw Error(r.here(), "rule " + id + ": an item cannot be dynamic");
    items.push_back(std::move(item));
  }
  return items;
}

EnvRule read_rule(const std::string& origin, const toml::table& t) {
  TableReader r(origin, t, "rule");
  r.allow_only({"id", "name", "description", "languages", "kind", "pattern", "not_after", "not_before",
                "requires", "ignore_names", "optional", "block", "split", "items", "examples",
                "negative_examples"});
  EnvRule rule;
  rule.origin = r.here();
  rule.id = r.string("id", true);
  if (rule.id.empty() || !std::all_of(rule.id.begin(), rule.id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
      }))
    throw Error(rule.origin, "rule id '" + rule.id + "' must be kebab-case (a-z, 0-9, -)");
  rule.name = r.string("name", true);
  rule.description = r.string("description", false);
  rule.languages = r.strings("languages");
  if (rule.languages.empty()) throw Error(rule.origin, "rule " + rule.id + " has no 'languages'");
  rule.kind = r.kind("kind");
  rule.pattern = r.string("pattern", true);
  rule.not_after = r.string("not_after", false);
  r.regex(rule.not_after, "not_after");
  rule.not_before = r.string("not_before", false);
  r.regex(rule.not_before, "not_before");
  rule.requires_text = r.string("requires", false);
  r.regex(rule.requires_text, "requires");
  rule.ignore_names = r.strings("ignore_names");
  rule.optional = r.boolean("optional");
  rule.block = r.string("block", false);
  if (!rule.block.empty() && rule.block != "group" && rule.block != "yaml")
    throw Error(toml_where(origin, *t.get("block")), "rule " + rule.id + ": block '" + rule.block + "' is not one of group, yaml");
  rule.split = r.string("split", false);
  rule.items = read_items(origin, t, rule.id);
  if (rule.block.empty() != rule.items.empty())
    throw Error(rule.origin, "rule " + rule.id + ": 'block' and 'items' go together");
  rule.examples = r.strings("examples");
  rule.negative_examples = r.strings("negative_examples");
  return rule;
}

// The tables of array `key` in `doc`, or none.
const toml::array* tables(const std::string& origin, const toml::table& doc, const char* key) {
  const toml::node* n = doc.get(key);
  if (!n) return nullptr;
  const toml::array* arr = n->as_array();
  bool ok = arr && std::all_of(arr->begin(), arr->end(), [](const toml::node& e) { return e.is_table(); });
  if (!ok) throw Error(toml_where(origin, *n), "'" + std::string(key) + "' must be an array of tables ([[" + key + "]])");
  return arr;
}

}  // namespace

void parse_env_rules(std::string_view toml_text, const std::string& origin, EnvRuleSet* set) {
  toml::table doc;
  try {
    doc = toml::parse(toml_text, origin);
  } catch (const toml::parse_error& e) {
    throw Error(origin + ":" + std::to_string(e.source().begin.line), std::string(e.description()));
  }
  for (auto&& [k, v] : doc)
    if (k.str() != "rules" && k.str() != "languages")
      throw Error(toml_where(origin, v), "unknown top-level key '" + std::string(k.str()) +
                                        "' (env rule files hold [[languages]] and [[rules]] tables)");
  if (const toml::array* langs = tables(origin, doc, "languages"))
    for (const toml::node& e : *langs) set->languages.push_back(read_language(origin, *e.as_table()));
  if (const toml::array* rules = tables(origin, doc, "rules"))
    for (const toml::node& e : *rules) set->rules.push_back(read_rule(origin, *e.as_table()));
}

std::vector<RuleText> builtin_env_rule_texts() {
  std::vector<RuleText> texts;
  for (const EmbeddedFile& f : embedded_env_rule_files())
    texts.push_back({"rules/env/" + std::string(f.name), std::string(f.text), std::string(f.digest)});
  return texts;
}

EnvRuleSet parse_env_rule_texts(const std::vector<RuleText>& texts) {
  EnvRuleSet set;
  for (const RuleText& t : texts) parse_env_rules(t.text, t.origin, &set);
  std::unordered_map<std::string, const EnvLanguage*> langs;
  for (const EnvLanguage& l : set.languages)
    if (auto [it, fresh] = langs.emplace(l.name, &l); !fresh)
      throw Error(l.origin, "duplicate language '" + l.name + "' (first defined at " + it->second->origin + ")");
  std::unordered_map<std::string, const EnvRule*> ids;
  for (const EnvRule& r : set.rules) {
    if (auto [it, fresh] = ids.emplace(r.id, &r); !fresh)
      throw Error(r.origin, "duplicate rule id '" + r.id + "' (first defined at " + it->second->origin + ")");
    for (const std::string& l : r.languages)
      if (!langs.count(l)) throw Error(r.origin, "rule " + r.id + " names unknown language '" + l + "'");
  }
  if (set.rules.empty()) throw Error(texts.empty() ? "env rules" : texts.front().origin, "no env rules");
  return set;
}

EnvRuleSet builtin_env_rules() { return parse_env_rule_texts(builtin_env_rule_texts()); }

}  // namespace keysweep
