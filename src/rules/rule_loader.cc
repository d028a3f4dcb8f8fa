// TOML → Rule. Strict: an unknown key is an error, so a typo in a rule file never silently turns
// a check off.
#include "rules/rule_loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <unordered_map>

#include <toml++/toml.h>

#include "keysweep/error.h"
#include "rules/embedded_rules.h"
#include "rules/fragments.h"
#include "util/toml_table.h"

namespace keysweep {
namespace fs = std::filesystem;

constexpr std::string_view kSharedFile = "shared.toml";

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::kInfo: return "info";
    case Severity::kLow: return "low";
    case Severity::kMedium: return "medium";
    case Severity::kHigh: return "high";
    case Severity::kCritical: return "critical";
  }
  return "high";
}

bool parse_severity(std::string_view name, Severity* out) {
  for (Severity s : {Severity::kInfo, Severity::kLow, Severity::kMedium, Severity::kHigh,
                     Severity::kCritical}) {
    if (severity_name(s) == name) {
      *out = s;
      return true;
    }
  }
  return false;
}

std::string_view confidence_name(Confidence c) {
  switch (c) {
    case Confidence::kLow: return "low";
    case Confidence::kMedium: return "medium";
    case Confidence::kHigh: return "high";
  }
  return "high";
}

bool parse_confidence(std::string_view name, Confidence* out) {
  for (Confidence c : {Confidence::kLow, Confidence::kMedium, Confidence::kHigh}) {
    if (confidence_name(c) == name) {
      *out = c;
      return true;
    }
  }
  return false;
}

std::string_view encoding_name(Encoding e) {
  switch (e) {
    case Encoding::kNone: return "";
    case Encoding::kBase64: return "base64";
    case Encoding::kPercent: return "percent";
  }
  return "";
}

namespace {

std::vector<std::string> lowered(std::vector<std::string> v) {
  for (auto& w : v) std::transform(w.begin(), w.end(), w.begin(), ::tolower);
  return v;
}

// An allowlist's lists, from [rules.allowlist] or [allowlists.NAME].
void read_allowlist_lists(TomlTable& al, RuleAllowlist* out) {
  for (auto [key, list] : {std::pair{"regexes", &out->regexes}, {"weak", &out->weak}, {"names", &out->names}}) {
    auto more = al.strings(key);
    list->insert(list->end(), more.begin(), more.end());
  }
  auto words = lowered(al.strings("stopwords"));
  out->stopwords.insert(out->stopwords.end(), words.begin(), words.end());
}

// examples = ['text', {text = '...', path = '.netrc', secret = '...', confidence = 'low'}]
std::vector<RuleExample> read_examples(const std::string& origin, const toml::table& t, const char* key,
                                       bool positive) {
  std::vector<RuleExample> out;
  const toml::node* n = t.get(key);
  if (!n) return out;
  const toml::array* a = n->as_array();
  if (!a) throw Error(toml_where(origin, *n), std::string("'") + key + "' must be an array");
  for (const toml::node& e : *a) {
    RuleExample ex;
    if (auto v = e.value<std::string>()) {
      ex.text = *v;
    } else if (const toml::table* et = e.as_table()) {
      TomlTable r(origin, *et, std::string("an entry of '") + key + "'");
      if (positive) r.allow_only({"text", "path", "secret", "confidence"});
      else r.allow_only({"text", "path"});
      ex.text = r.string("text", true);
      ex.path = r.string("path", false);
      if (positive) {
        ex.secret = r.string("secret", false);
        ex.confidence = r.string("confidence", false);
        Confidence c;
        if (!ex.confidence.empty() && !parse_confidence(ex.confidence, &c))
          throw Error(r.where("confidence"), "confidence '" + ex.confidence + "' is not one of low, medium, high");
      }
    } else {
      throw Error(toml_where(origin, e), std::string("'") + key + "' entries must be strings or tables");
    }
    out.push_back(std::move(ex));
  }
  return out;
}

template <typename Enum>
Enum read_choice(const TomlTable& r, const char* key, const std::string& rule_id,
                 std::initializer_list<std::pair<const char*, Enum>> choices, Enum absent) {
  std::string v = r.string(key, false);
  if (v.empty()) return absent;
  std::string names;
  for (auto& [name, value] : choices) {
    if (v == name) return value;
    names += (names.empty() ? "" : ", ") + std::string(name);
  }
  throw Error(r.where(key), "rule " + rule_id + ": " + key + " '" + v + "' is not one of " + names);
}

Rule read_rule(const std::string& origin, const toml::table& t, const RuleShared& shared) {
  TomlTable r(origin, t, "rule");
  r.allow_only({"id", "name", "provider", "description", "severity", "pattern", "keywords", "min_entropy", "generic",
                "confidence", "weak_values", "encoding", "paths", "block_end", "allowlist", "references",
                "examples", "negative_examples"});
  Rule rule;
  rule.origin = r.here();
  r.set_what("rule (unnamed)");
  rule.id = r.string("id", true);
  if (rule.id.empty() || !std::all_of(rule.id.begin(), rule.id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
      }))
    throw Error(rule.origin, "rule id '" + rule.id + "' must be kebab-case (a-z, 0-9, -)");
  r.set_what("rule " + rule.id);
  rule.name = r.string("name", true);
  rule.provider = r.string("provider", false);
  if (rule.provider.empty()) rule.provider = rule.name;
  rule.description = r.string("description", false);
  rule.pattern = expand_fragments(r.string("pattern", true), shared.fragments, r.where("pattern"));
  std::string sev = r.string("severity", false);
  if (!sev.empty() && !parse_severity(sev, &rule.severity))
    throw Error(r.where("severity"),
                "rule " + rule.id + ": severity '" + sev + "' is not one of info, low, medium, high, critical");
  rule.keywords = lowered(r.strings("keywords"));
  if (const toml::node* n = t.get("min_entropy")) {
    auto v = n->value<double>();
    if (!v || *v < 0 || *v > 8)
      throw Error(toml_where(origin, *n), "rule " + rule.id + ": min_entropy must be a number from 0 to 8");
    rule.min_entropy = *v;
  }
  rule.generic = r.boolean("generic");
  rule.confidence = read_choice(r, "confidence", rule.id,
                                {{"low", Confidence::kLow}, {"medium", Confidence::kMedium}, {"high", Confidence::kHigh}},
                                rule.generic ? Confidence::kMedium : Confidence::kHigh);
  rule.weak_values = read_choice(
      r, "weak_values", rule.id,
      {{"never", WeakValues::kNever}, {"config-files", WeakValues::kConfig},
       {"credential-files", WeakValues::kCredentialFiles}},
      WeakValues::kNever);
  rule.encoding = read_choice(r, "encoding", rule.id,
                              {{"base64", Encoding::kBase64}, {"percent", Encoding::kPercent}}, Encoding::kNone);
  rule.paths = r.strings("paths");
  rule.block_end = r.string("block_end", false);
  if (const toml::node* n = t.get("allowlist")) {
    const toml::table* a = n->as_table();
    if (!a) throw Error(toml_where(origin, *n), "rule " + rule.id + ": allowlist must be a table");
    TomlTable al(origin, *a, "allowlist");
    al.allow_only({"use", "regexes", "weak", "stopwords", "names"});
    for (auto& [name, at] : al.strings_at("use")) {
      auto it = shared.allowlists.find(name);
      if (it == shared.allowlists.end()) throw Error(at, "rule " + rule.id + ": unknown allowlist '" + name + "'");
      const RuleAllowlist& s = it->second;
      for (auto [from, to] : {std::pair{&s.regexes, &rule.allowlist.regexes}, {&s.weak, &rule.allowlist.weak},
                              {&s.stopwords, &rule.allowlist.stopwords}, {&s.names, &rule.allowlist.names}})
        to->insert(to->end(), from->begin(), from->end());
    }
    read_allowlist_lists(al, &rule.allowlist);
  }
  rule.references = r.strings("references");
  rule.examples = read_examples(origin, t, "examples", true);
  rule.negative_examples = read_examples(origin, t, "negative_examples", false);
  return rule;
}

toml::table parse_document(std::string_view toml_text, const std::string& origin) {
  try {
    return toml::parse(toml_text, origin);
  } catch (const toml::parse_error& e) {
    throw Error(origin + ":" + std::to_string(e.source().begin.line), std::string(e.description()));
  }
}

// Collects one document's [fragments] and [allowlists.NAME] into `shared`.
void read_shared(const std::string& origin, const toml::table& doc, RuleShared* shared) {
  for (auto&& [k, v] : doc) {
    std::string key(k.str());
    if (key != "rules" && key != "fragments" && key != "allowlists")
      throw Error(toml_where(origin, v), "unknown top-level key '" + key +
                                        "' (rule files hold [[rules]], [fragments] and [allowlists.NAME] tables)");
  }
  if (const toml::node* n = doc.get("fragments")) {
    const toml::table* t = n->as_table();
    if (!t) throw Error(toml_where(origin, *n), "'fragments' must be a table of name = 'regex'");
    for (auto&& [k, v] : *t) {
      std::string name(k.str());
      auto text = v.value<std::string>();
      if (!text) throw Error(toml_where(origin, v), "fragment '" + name + "' must be a string");
      if (name.empty() || !std::all_of(name.begin(), name.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
          }))
        throw Error(toml_where(origin, v), "fragment name '" + name + "' must be snake_case (a-z, 0-9, _)");
      auto [it, fresh] = shared->fragments.try_emplace(name, Fragment{*text, toml_where(origin, v)});
      // The same definition read twice (the built-in shared file checked beside itself) is harmless.
      if (!fresh && it->second.text != *text)
        throw Error(toml_where(origin, v), "fragment '" + name + "' is already defined at " + it->second.where);
    }
  }
  if (const toml::node* n = doc.get("allowlists")) {
    const toml::table* t = n->as_table();
    if (!t) throw Error(toml_where(origin, *n), "'allowlists' must hold [allowlists.NAME] tables");
    for (auto&& [k, v] : *t) {
      std::string name(k.str());
      const toml::table* at = v.as_table();
      if (!at) throw Error(toml_where(origin, v), "allowlist '" + name + "' must be a table");
      TomlTable al(origin, *at, "allowlist " + name);
      al.allow_only({"regexes", "weak", "stopwords", "names"});
      RuleAllowlist list;
      read_allowlist_lists(al, &list);
      auto [it, fresh] = shared->allowlists.try_emplace(name, list);
      if (!fresh && (it->second.regexes != list.regexes || it->second.weak != list.weak ||
                     it->second.stopwords != list.stopwords || it->second.names != list.names))
        throw Error(toml_where(origin, v), "allowlist '" + name + "' is defined twice");
    }
  }
}

std::vector<Rule> read_rules(const std::string& origin, const toml::table& doc, const RuleShared& shared) {
  std::vector<Rule> rules;
  const toml::node* n = doc.get("rules");
  if (!n) return rules;
  const toml::array* arr = n->as_array();
  if (!arr) throw Error(toml_where(origin, *n), "'rules' must be an array of tables ([[rules]])");
  for (const toml::node& e : *arr) {
    const toml::table* t = e.as_table();
    if (!t) throw Error(toml_where(origin, e), "'rules' must be an array of tables ([[rules]])");
    rules.push_back(read_rule(origin, *t, shared));
  }
  return rules;
}

}  // namespace

std::vector<Rule> parse_rules(std::string_view toml_text, const std::string& origin) {
  return parse_rule_texts({RuleText{origin, std::string(toml_text), {}}});
}

std::vector<RuleText> read_rule_texts(const std::string& path) {
  std::error_code ec;
  auto st = fs::status(path, ec);
  if (ec || !fs::exists(st)) throw Error(path, "no such file or directory");
  std::vector<fs::path> files;
  if (fs::is_directory(st)) {
    for (auto it = fs::directory_iterator(path, ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
      if (it->path().extension() == ".toml") files.push_back(it->path());
    }
    if (ec) throw Error(path, "cannot read directory: " + ec.message());
    if (files.empty()) throw Error(path, "no .toml rule files in this directory");
    std::sort(files.begin(), files.end());
  } else {
    files.push_back(path);
  }
  std::vector<RuleText> texts;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    if (!in) throw Error(f.string(), "cannot read file");
    texts.push_back({f.string(), ss.str(), {}});
  }
  return texts;
}

std::vector<RuleText> builtin_rule_texts() {
  static const std::set<std::string_view> kShapeFiles = {"generic.toml", "jwt.toml", "private-keys.toml",
                                                         "url-credentials.toml"};
  std::vector<RuleText> texts = {builtin_shared_text()};
  for (bool shape : {false, true})
    for (const EmbeddedFile& f : embedded_rule_files())
      if (f.name != kSharedFile && kShapeFiles.count(f.name) == size_t(shape))
        texts.push_back({"rules/" + std::string(f.name), std::string(f.text), std::string(f.digest)});
  return texts;
}

RuleText builtin_shared_text() {
  for (const EmbeddedFile& f : embedded_rule_files())
    if (f.name == kSharedFile) return {"rules/" + std::string(f.name), std::string(f.text), std::string(f.digest)};
  return {"rules/shared.toml", "", ""};
}

std::vector<Rule> parse_rule_texts(const std::vector<RuleText>& texts) {
  // Shared pieces first, from every file, so a rule may use a fragment defined in any of them.
  std::vector<toml::table> docs;
  RuleShared shared;
  for (const RuleText& t : texts) {
    docs.push_back(parse_document(t.text, t.origin));
    read_shared(t.origin, docs.back(), &shared);
  }
  std::vector<Rule> rules;
  for (size_t i = 0; i < texts.size(); ++i) {
    auto more = read_rules(texts[i].origin, docs[i], shared);
    rules.insert(rules.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  }
  return rules;
}

std::vector<RuleText> with_builtin_shared(std::vector<RuleText> texts) {
  RuleText shared = builtin_shared_text();
  for (const RuleText& t : texts)
    if (t.text == shared.text) return texts;
  texts.insert(texts.begin(), std::move(shared));
  return texts;
}

std::vector<Rule> load_rules_from_path(const std::string& path) {
  return parse_rule_texts(with_builtin_shared(read_rule_texts(path)));
}

std::vector<Rule> builtin_rules() { return parse_rule_texts(builtin_rule_texts()); }

void check_unique_ids(const std::vector<Rule>& rules) {
  std::unordered_map<std::string, const Rule*> seen;
  for (const Rule& r : rules) {
    auto [it, fresh] = seen.emplace(r.id, &r);
    if (!fresh)
      throw Error(r.origin, "duplicate rule id '" + r.id + "' (first defined at " + it->second->origin + ")");
  }
}

}  // namespace keysweep
