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
#include "util/toml_table.h"

namespace keysweep {
namespace fs = std::filesystem;

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

namespace {

Rule read_rule(const std::string& origin, const toml::table& t) {
  TomlTable r(origin, t, "rule");
  r.allow_only({"id", "name", "provider", "description", "severity", "pattern", "keywords", "min_entropy", "generic",
                "allowlist", "references", "examples", "negative_examples"});
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
  rule.pattern = r.string("pattern", true);
  std::string sev = r.string("severity", false);
  if (!sev.empty() && !parse_severity(sev, &rule.severity))
    throw Error(r.where("severity"),
                "rule " + rule.id + ": severity '" + sev + "' is not one of info, low, medium, high, critical");
  rule.keywords = r.strings("keywords");
  for (auto& k : rule.keywords) std::transform(k.begin(), k.end(), k.begin(), ::tolower);
  if (const toml::node* n = t.get("min_entropy")) {
    auto v = n->value<double>();
    if (!v || *v < 0 || *v > 8)
      throw Error(toml_where(origin, *n), "rule " + rule.id + ": min_entropy must be a number from 0 to 8");
    rule.min_entropy = *v;
  }
  rule.generic = r.boolean("generic");
  if (const toml::node* n = t.get("allowlist")) {
    const toml::table* a = n->as_table();
    if (!a) throw Error(toml_where(origin, *n), "rule " + rule.id + ": allowlist must be a table");
    TomlTable al(origin, *a, "allowlist");
    al.allow_only({"regexes", "stopwords"});
    rule.allowlist.regexes = al.strings("regexes");
    rule.allowlist.stopwords = al.strings("stopwords");
    for (auto& w : rule.allowlist.stopwords) std::transform(w.begin(), w.end(), w.begin(), ::tolower);
  }
  rule.references = r.strings("references");
  rule.examples = r.strings("examples");
  rule.negative_examples = r.strings("negative_examples");
  return rule;
}

}  // namespace

std::vector<Rule> parse_rules(std::string_view toml_text, const std::string& origin) {
  toml::table doc;
  try {
    doc = toml::parse(toml_text, origin);
  } catch (const toml::parse_error& e) {
    throw Error(origin + ":" + std::to_string(e.source().begin.line), std::string(e.description()));
  }
  std::vector<Rule> rules;
  for (auto&& [k, v] : doc) {
    if (k.str() != "rules")
      throw Error(toml_where(origin, v), "unknown top-level key '" + std::string(k.str()) +
                                        "' (rule files hold [[rules]] tables)");
  }
  const toml::node* n = doc.get("rules");
  if (!n) return rules;
  const toml::array* arr = n->as_array();
  if (!arr) throw Error(toml_where(origin, *n), "'rules' must be an array of tables ([[rules]])");
  for (const toml::node& e : *arr) {
    const toml::table* t = e.as_table();
    if (!t) throw Error(toml_where(origin, e), "'rules' must be an array of tables ([[rules]])");
    rules.push_back(read_rule(origin, *t));
  }
  return rules;
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
  std::vector<RuleText> texts;
  for (bool shape : {false, true})
    for (const EmbeddedFile& f : embedded_rule_files())
      if (kShapeFiles.count(f.name) == size_t(shape))
        texts.push_back({"rules/" + std::string(f.name), std::string(f.text), std::string(f.digest)});
  return texts;
}

std::vector<Rule> parse_rule_texts(const std::vector<RuleText>& texts) {
  std::vector<Rule> rules;
  for (const RuleText& t : texts) {
    auto more = parse_rules(t.text, t.origin);
    rules.insert(rules.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  }
  return rules;
}

std::vector<Rule> load_rules_from_path(const std::string& path) { return parse_rule_texts(read_rule_texts(path)); }

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
