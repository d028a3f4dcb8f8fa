// Test support: a small rule set written for the engine tests, so they do not change meaning
// when the built-in rules are tuned.
#pragma once

#include <memory>

#include "rules/rule_database.h"
#include "rules/rule_loader.h"

namespace keysweep::testing {

inline constexpr const char* kTestRules = R"toml(
[[rules]]
id = "test-github-pat"
name = "Test GitHub token"
provider = "GitHub"
severity = "high"
pattern = '''\b(?P<secret>ghp_[A-Za-z0-9]{36})\b'''
keywords = ["ghp_"]
min_entropy = 3.0
references = ["https://docs.github.com/"]
examples = ['''t = "ghp_Zq3r8LmN0pXv5Yt2Wb7Kc9Hd4Jf6Gs1Ae0Ro"''']
negative_examples = ['''ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx''']

[[rules]]
id = "test-generic-password"
name = "Test password assignment"
provider = "Generic"
severity = "medium"
pattern = '''(?i)password[\w]{0,10}\s{0,3}[:=]\s{0,3}["'](?P<secret>[^"'\s]{8,64})["']'''
keywords = ["password"]
min_entropy = 3.0
generic = true
references = ["https://cheatsheetseries.owasp.org/"]
examples = ['''password = "q8Zr!v2LmX0p#Tn4"''']
negative_examples = ['''password = "password_confirmation"''']

[[rules]]
id = "test-pem-key"
name = "Test private key"
provider = "PEM"
severity = "critical"
pattern = '''-----BEGIN PRIVATE KEY-----\r?\n(?P<secret>(?:[A-Za-z0-9+/=]{16,80}\r?\n){2,12})-----END PRIVATE KEY-----'''
keywords = ["private key"]
references = ["https://www.rfc-editor.org/rfc/rfc7468"]
examples = ["-----BEGIN PRIVATE KEY-----\nQUJDREVGR0hJSktMTU5PUFFSU1RVVldY\nWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2\n-----END PRIVATE KEY-----"]
negative_examples = ["-----BEGIN PRIVATE KEY-----"]
)toml";

inline std::unique_ptr<RuleDatabase> test_database() {
  return RuleDatabase::build(parse_rules(kTestRules, "test-rules.toml"), CacheOptions{false, {}});
}

}  // namespace keysweep::testing
