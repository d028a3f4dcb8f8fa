// Building the env-rule engine: languages → Hyperscan databases (through the same RuleDatabase
// and cache the secret rules use) and each rule's helper regexes, compiled once up front so the
// per-file work never compiles anything.
#include "envvars/env_engine.h"

#include "keysweep/error.h"

namespace keysweep {
namespace {

std::unique_ptr<RE2> maybe_regex(const std::string& text) {
  if (text.empty()) return nullptr;
  return std::make_unique<RE2>(text, byte_regex_options());
}

void split_ignores(const std::vector<std::string>& names, std::unordered_set<std::string>* exact,
                   std::vector<std::string>* prefixes) {
  for (const std::string& n : names) {
    if (!n.empty() && n.back() == '*')
      prefixes->push_back(n.substr(0, n.size() - 1));
    else
      exact->insert(n);
  }
}

}  // namespace

bool name_ignored(const std::string& name, const std::unordered_set<std::string>& exact,
                  const std::vector<std::string>& prefixes) {
  if (exact.count(name)) return true;
  for (const std::string& p : prefixes)
    if (name.compare(0, p.size(), p) == 0) return true;
  return false;
}

EnvEngine::EnvEngine(EnvRuleSet rules, const CacheOptions& cache)
    : set_(std::move(rules)), classifier_(set_.languages) {
  rules_.resize(set_.rules.size());
  for (size_t i = 0; i < set_.rules.size(); ++i) {
    const EnvRule& r = set_.rules[i];
    CompiledRule& c = rules_[i];
    c.not_after = maybe_regex(r.not_after);
    c.not_before = maybe_regex(r.not_before);
    c.requires_re = maybe_regex(r.requires_text);
    for (const EnvItem& item : r.items) c.items.push_back(std::make_unique<RE2>(item.pattern, byte_regex_options()));
    split_ignores(r.ignore_names, &c.ignore, &c.ignore_prefixes);
  }
  languages_.resize(set_.languages.size());
  for (uint32_t l = 0; l < set_.languages.size(); ++l) {
    const EnvLanguage& lang = set_.languages[l];
    CompiledLanguage& c = languages_[l];
    c.detect = maybe_regex(lang.detect);
    split_ignores(lang.ignore_names, &c.ignore, &c.ignore_prefixes);
    std::vector<Rule> db_rules;
    for (uint32_t i = 0; i < set_.rules.size(); ++i) {
      const EnvRule& r = set_.rules[i];
      bool runs_here = false;
      for (const std::string& name : r.languages) runs_here |= name == lang.name;
      if (!runs_here) continue;
      Rule rule;
      rule.id = r.id;
      rule.name = r.name;
      rule.pattern = r.pattern;
      rule.origin = r.origin;
      db_rules.push_back(std::move(rule));
      c.rules.push_back(i);
    }
    if (!db_rules.empty()) c.db = RuleDatabase::build(std::move(db_rules), cache);
  }
}

EnvEngine::~EnvEngine() = default;

int EnvEngine::pick_language(const std::vector<uint32_t>& candidates, std::string_view text) const {
  for (uint32_t l : candidates) {
    const CompiledLanguage& c = languages_[l];
    if (!c.db) continue;
    if (!c.detect || RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *c.detect)) return int(l);
  }
  return -1;
}

EnvEngine::Scratch::Scratch(const EnvEngine& engine) : engine_(engine), matchers_(engine.languages_.size()) {}

EnvEngine::Scratch::~Scratch() = default;

Matcher& EnvEngine::Scratch::matcher(uint32_t language) {
  auto& m = matchers_[language];
  if (!m) m = std::make_unique<Matcher>(*engine_.languages_[language].db, Matcher::Options{.dedupe = false, .value_filters = false});
  return *m;
}

}  // namespace keysweep
