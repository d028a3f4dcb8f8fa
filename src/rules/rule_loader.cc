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

std::string where(const std::string& origin, const toml::node& n) {
  return origin + ":" + std::to_string(n.source().begin.line);
}

class RuleReader {
 public:
  RuleReader(const std::string& origin, const toml::table& t) : origin_(origin), t_(t) {}

  std::string string(const char* key, bool required) {
    const toml::node* n = t_.get(key);
    if (!n) {
      if (required) throw Error(where(origin_, t_), "rule " + id_ + " is missing '" + key + "'");
      return {};
    }
    auto v = n->value<std::string>();
    if (!v) throw Error(where(origin_, *n), "'" + std::string(key) + "' must be a string");
    return *v;
  }

  std::vector<std::string> strings(const toml::table& t, const char* key) {
    std::vector<std::string> out;
    const toml::node* n = t.get(key);
    if (!n) return out;
    const toml::array* a = n->as_array();
    if (!a) throw Error(where(origin_, *n), "'" + std::string(key) + "' must be an array of strings");
    for (const toml::node& e : *a) {
      auto v = e.value<std::string>();
      if (!v) throw Error(where(origin_, e), "'" + std::string(key) + "' must hold only strings");
      out.push_back(*v);
    }
    return out;
  }

  Rule read() {
    static const std::set<std::string> kKeys = {
        "id", "name", "provider", "description", "severity", "pattern", "keywords",
        "min_entropy", "generic", "allowlist", "references", "examples", "negative_examples"};
    for (auto&& [k, v] : t_) {
      if (!kKeys.count(std::string(k.str())))
        throw Error(where(origin_, v), "unknown key '" + std::string(k.str()) + "' in rule");
    }
    Rule r;
    r.origin = where(origin_, t_);
    id_ = "(unnamed)";
    r.id = string("id", true);
    id_ = r.id;
    if (r.id.empty() || !std::all_of(r.id.begin(), r.id.end(), [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        }))
      throw Error(r.origin, "rule id '" + r.id + "' must be kebab-case (a-z, 0-9, -)");
    r.name = string("name", true);
    r.provider = string("provider", false);
    if (r.provider.empty()) r.provider = r.name;
    r.description = string("description", false);
    r.pattern = string("pattern", true);
    std::string sev = string("severity", false);
    if (!sev.empty() && !parse_severity(sev, &r.severity))
      throw Error(where(origin_, *t_.get("severity")),
                  "rule " + r.id + ": severity '" + sev +
                      "' is not one of info, low, medium, high, critical");
    r.keywords = strings(t_, "keywords");
    for (auto& k : r.keywords) std::transform(k.begin(), k.end(), k.begin(), ::tolower);
    if (const toml::node* n = t_.get("min_entropy")) {
      auto v = n->value<double>();
      if (!v || *v < 0 || *v > 8)
        throw Error(where(origin_, *n), "rule " + r.id + ": min_entropy must be a number from 0 to 8");
      r.min_entropy = *v;
    }
    if (const toml::node* n = t_.get("generic")) {
      auto v = n->value<bool>();
      if (!v) throw Error(where(origin_, *n), "rule " + r.id + ": generic must be true or false");
      r.generic = *v;
    }
    if (const toml::node* n = t_.get("allowlist")) {
      const toml::table* a = n->as_table();
      if (!a) throw Error(where(origin_, *n), "rule " + r.id + ": allowlist must be a table");
      for (auto&& [k, v] : *a) {
        if (k.str() != "regexes" && k.str() != "stopwords")
          throw Error(where(origin_, v), "unknown key '" + std::string(k.str()) + "' in allowlist");
      }
      r.allowlist.regexes = strings(*a, "regexes");
      r.allowlist.stopwords = strings(*a, "stopwords");
      for (auto& s : r.allowlist.stopwords) std::transform(s.begin(), s.end(), s.begin(), ::tolower);
    }
    r.references = strings(t_, "references");
    r.examples = strings(t_, "examples");
    r.negative_examples = strings(t_, "negative_examples");
    return r;
  }

 private:
  const std::string& origin_;
  const toml::table& t_;
  std::string id_;
};

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
      throw Error(where(origin, v), "unknown top-level key '" + std::string(k.str()) +
                                        "' (rule files hold [[rules]] tables)");
  }
  const toml::node* n = doc.get("rules");
  if (!n) return rules;
  const toml::array* arr = n->as_array();
  if (!arr) throw Error(where(origin, *n), "'rules' must be an array of tables ([[rules]])");
  for (const toml::node& e : *arr) {
    const toml::table* t = e.as_table();
    if (!t) throw Error(where(origin, e), "'rules' must be an array of tables ([[rules]])");
    rules.push_back(RuleReader(origin, *t).read());
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
