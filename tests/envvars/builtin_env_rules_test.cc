// The built-in env rules are tested data: they load, prove their own examples in both engines,
// and cover every syntax the inventory promises.
#include <doctest/doctest.h>

#include <set>

#include "envvars/env_rule_check.h"
#include "envvars/env_rule_loader.h"

using namespace keysweep;

TEST_SUITE("builtin env rules") {
  TEST_CASE("every built-in env rule passes its examples and negative examples") {
    EnvRuleCheckReport rep = check_env_rules(builtin_env_rules());
    for (const auto& f : rep.failures) FAIL_CHECK(f.origin << ": " << f.rule_id << ": " << f.message);
    CHECK(rep.examples >= rep.rules);
    CHECK(rep.negative_examples >= rep.rules);
  }

  TEST_CASE("cover every language family the inventory promises") {
    std::set<std::string> langs;
    for (const auto& l : builtin_env_rules().languages) langs.insert(l.name);
    for (const char* want : {"javascript", "typescript", "python", "go", "ruby", "php", "java", "kotlin", "csharp",
                             "rust", "c", "cpp", "elixir", "swift", "shell", "dockerfile", "docker-compose",
                             "kubernetes", "github-actions"})
      CHECK_MESSAGE(langs.count(want), want);
  }

  TEST_CASE("every env rule has a name and runs on at least one language") {
    for (const auto& r : builtin_env_rules().rules) {
      CHECK_MESSAGE(!r.name.empty(), r.id);
      CHECK_MESSAGE(!r.languages.empty(), r.id);
    }
  }
}
