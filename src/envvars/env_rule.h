// An environment-variable rule as written in rules/env/*.toml, and the languages rules apply to.
// Plain data: loading lives in env_rule_loader, matching in env_engine.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace keysweep {

// What a rule's match means for the variable its first capture group names.
enum class EnvKind {
  kRead,        // the code reads the variable
  kDynamic,     // the code reads a variable whose name is computed: group 1 is the expression
  kWrite,       // the code sets the variable: a read rule matching the same name is cancelled
  kLocal,       // the file assigns a variable of its own (shell): its plain reads are not env reads
  kDefinition,  // a file gives the variable a value (Dockerfile ENV, compose, manifests)
};

std::string_view env_kind_name(EnvKind k);
// Returns false when `name` is not read, dynamic, write, local or definition.
bool parse_env_kind(std::string_view name, EnvKind* out);

// A pattern applied inside a rule's block (see EnvRule::block).
struct EnvItem {
  std::string pattern;  // RE2; group 1 is the name
  EnvKind kind = EnvKind::kDefinition;
};

struct EnvLanguage {
  std::string name;                       // reported as a reference's language
  std::vector<std::string> files;         // globs on the base name, or on the path's last parts when they hold '/'
  std::string detect;                     // optional RE2: the file is this language only if its text matches
  std::vector<std::string> comments;      // line-comment markers: a match on a line starting with one is ignored
  std::vector<std::string> ignore_names;  // names never reported from this language; "X*" is a prefix
  std::string literal_quote;              // quote characters whose contents are literal (shell: ')
  // Quote characters of string literals: a match inside one (judged from the start of its line)
  // is text, not code, unless an interpolation ({, ${, #{, \( in Swift) opened inside it.
  std::string string_quotes;
  // false: reads in this language are configured somewhere other than the env example file
  // (workflow secrets in repository settings, Dockerfile build args), so they never make a
  // variable `undocumented`.
  bool counts_for_example = true;
  std::string origin;                     // "<file>:<line>"
};

struct EnvRule {
  std::string id;  // kebab-case, unique across all env rule files
  std::string name;
  std::string description;
  std::vector<std::string> languages;  // names of EnvLanguage entries the rule runs on
  EnvKind kind = EnvKind::kRead;
  // One regex Hyperscan and RE2 both accept, of bounded width. Group 1 is the variable name (the
  // expression for dynamic rules, the block for block = "group"). Named groups starting with
  // "default" mark a default when they take part in the match; a group named "op" marks an
  // explicit expansion operator (shell ${X:?}), which keeps the read even when X is local.
  std::string pattern;
  // Optional RE2s that veto a match by its surroundings: `not_after` is searched in the 64 bytes
  // before the match (anchor it with $), `not_before` in the 64 bytes after group 1 (anchor it
  // with ^). E.g. not_after = '''[\w.>]$''' rejects obj.getenv(...) and my_getenv(...).
  std::string not_after;
  std::string not_before;
  std::string requires_text;  // optional RE2 the whole file must match (e.g. an import)
  std::vector<std::string> ignore_names;  // as EnvLanguage::ignore_names
  // Every read this rule finds has a default (LookupEnv, option_env!). Where two rules match the
  // same occurrence, either one seeing a default is enough, so a narrow rule can add the default
  // a wider one cannot see (Rust's `if let Ok(v) = env::var("X")`).
  bool optional = false;
  // "" (the match is the reference), "group" (items are searched in group 1's text, or in each
  // piece of it cut at `split`) or "yaml" (items are matched against the direct children of the
  // YAML key the pattern matched).
  std::string block;
  std::string split;
  std::vector<EnvItem> items;
  std::vector<std::string> examples;           // each must yield at least one result of this rule
  std::vector<std::string> negative_examples;  // none may yield a read or definition of this rule
  std::string origin;
};

struct EnvRuleSet {
  std::vector<EnvLanguage> languages;
  std::vector<EnvRule> rules;
};

}  // namespace keysweep
