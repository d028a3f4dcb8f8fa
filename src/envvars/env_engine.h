// The env-rule engine: one Hyperscan database per language (so a Python file is scanned only by
// Python rules), RE2 confirmation through the shared Matcher, then the rule semantics that turn
// raw matches into references, definitions and dynamic reads of one file.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <re2/re2.h>

#include "envvars/env_rule.h"
#include "envvars/language_classifier.h"
#include "keysweep/finding.h"
#include "match/matcher.h"
#include "rules/rule_database.h"

namespace keysweep {

struct EnvRef {
  std::string name;
  uint32_t line = 0;  // 1-based
  bool has_default = false;
  uint32_t rule = 0;  // index into EnvRuleSet::rules
};

struct EnvDef {
  std::string name;
  uint32_t line = 0;
  uint32_t rule = 0;
};

struct EnvDynamic {
  std::string expression;  // the code that computes the name, trimmed to one short line
  uint32_t line = 0;
  uint32_t rule = 0;
};

// What one file says about environment variables, each list sorted by line then name.
struct FileEnv {
  std::vector<EnvRef> refs;
  std::vector<EnvDef> defs;
  std::vector<EnvDynamic> dynamic;
  // Not part of the inventory: the writes that cancelled reads and the names the file assigns
  // itself (shell locals). Kept so `rules check` can prove write and local rules too.
  std::vector<EnvDef> writes;
  std::vector<EnvDef> locals;
};

class EnvEngine {
 public:
  // Compiles every language's rules (or loads them from the cache). Throws Error naming the rule
  // id when a pattern does not compile in Hyperscan or RE2 or has no bounded width.
  EnvEngine(EnvRuleSet rules, const CacheOptions& cache);
  ~EnvEngine();

  const EnvRuleSet& rules() const { return set_; }
  const EnvLanguage& language(uint32_t i) const { return set_.languages[i]; }

  // Languages whose globs match `path`, best first (see LanguageClassifier). Thread-safe.
  std::vector<uint32_t> candidates(std::string_view path) const { return classifier_.candidates(path); }
  // The first candidate without a detect regex or whose detect regex matches `text`; -1 if none.
  int pick_language(const std::vector<uint32_t>& candidates, std::string_view text) const;

  // Per-thread state: Hyperscan scratch for each language met so far. Not thread-safe.
  class Scratch {
   public:
    explicit Scratch(const EnvEngine& engine);
    ~Scratch();
    Matcher& matcher(uint32_t language);
    std::vector<Match> matches;

   private:
    const EnvEngine& engine_;
    std::vector<std::unique_ptr<Matcher>> matchers_;
  };

  // Reads `text` as language `language`. Deterministic; thread-safe given one Scratch per thread.
  FileEnv extract(uint32_t language, std::string_view text, Scratch* scratch) const;

  // Compiled helpers of one rule, built once at construction.
  struct CompiledRule {
    std::unique_ptr<RE2> not_after, not_before, requires_re;
    std::vector<std::unique_ptr<RE2>> items;
    std::unordered_set<std::string> ignore;
    std::vector<std::string> ignore_prefixes;
  };
  struct CompiledLanguage {
    std::unique_ptr<RE2> detect;
    std::unique_ptr<RuleDatabase> db;
    std::vector<uint32_t> rules;  // database rule index -> EnvRuleSet rule index
    std::unordered_set<std::string> ignore;
    std::vector<std::string> ignore_prefixes;
  };
  const CompiledRule& compiled_rule(uint32_t i) const { return rules_[i]; }
  const CompiledLanguage& compiled_language(uint32_t i) const { return languages_[i]; }

 private:
  EnvRuleSet set_;
  LanguageClassifier classifier_;
  std::vector<CompiledRule> rules_;
  std::vector<CompiledLanguage> languages_;
};

// True when `name` is in `exact` or starts with one of `prefixes`.
bool name_ignored(const std::string& name, const std::unordered_set<std::string>& exact,
                  const std::vector<std::string>& prefixes);

}  // namespace keysweep
