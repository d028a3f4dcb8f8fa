// Test support: a small rule set written for the engine tests, so they do not change meaning
// when the built-in rules are tuned.
#pragma once

#include <memory>

#include "pipeline/blob_scanner.h"
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

[[rules]]
id = "test-netrc-password"
name = "Test netrc password"
provider = "netrc"
pattern = '''machine[ \t]{1,8}[^\s]{1,100}[ \t]{1,8}login[ \t]{1,8}[^\s]{1,100}[ \t]{1,8}password[ \t]{1,8}(?P<secret>[^\s]{1,100})'''
keywords = ["machine"]
min_entropy = 3.0
weak_values = "credential-files"
references = ["https://www.gnu.org/software/inetutils/manual/html_node/The-_002enetrc-file.html"]
examples = [{text = "machine api.acme.dev login ci password hunter22", path = ".netrc", confidence = "low"}]
negative_examples = [{text = "machine api.acme.dev login ci password hunter22", path = "deploy.sh"}]

[[rules]]
id = "test-env-password"
name = "Test env password"
provider = "Generic"
severity = "medium"
pattern = '''(?m)^(?P<name>[A-Z_]{0,30}PASSWORD)=(?P<secret>[^\s"']{4,64})'''
keywords = ["password"]
min_entropy = 3.0
generic = true
weak_values = "config-files"
references = ["https://cheatsheetseries.owasp.org/"]
examples = [{text = "DB_PASSWORD=admin123", path = ".env", confidence = "low"}]
negative_examples = [{text = "DB_PASSWORD=admin123", path = "app.py"}]

[[rules]]
id = "test-master-key"
name = "Test master key"
provider = "Rails"
pattern = '''\A(?P<secret>[0-9a-f]{32})\s{0,2}\z'''
min_entropy = 3.0
paths = ["**/config/master.key"]
references = ["https://guides.rubyonrails.org/security.html#custom-credentials"]
examples = [{text = "4a7d1ed414474e4033ac29ccb8653d9b\n", path = "config/master.key"}]
negative_examples = [{text = "4a7d1ed414474e4033ac29ccb8653d9b\n", path = "notes.txt"}]

[[rules]]
id = "test-docker-auth"
name = "Test docker auth"
provider = "Docker"
pattern = '''"auth"[ \t]{0,4}:[ \t]{0,4}"(?P<secret>[A-Za-z0-9+/=]{8,400})"'''
keywords = ["auth"]
encoding = "base64"
weak_values = "credential-files"
references = ["https://docs.docker.com/reference/cli/docker/login/"]
examples = [{text = '{"auths": {"r.io": {"auth": "Y2k6cjFUWjVwMm5xOEx3"}}}', secret = "ci:r1TZ5p2nq8Lw"}]
negative_examples = ['{"auth": "////////////"}']

[[rules]]
id = "test-block-key"
name = "Test block key"
provider = "PEM"
pattern = '''-----BEGIN TEST KEY-----\r?\n(?P<secret>[A-Za-z0-9+/=]{16,80})'''
keywords = ["begin test key"]
block_end = '''-----END TEST KEY-----'''
references = ["https://www.rfc-editor.org/rfc/rfc7468"]
examples = ["-----BEGIN TEST KEY-----\nQUJDREVGR0hJSktMTU5PUFFSU1RVVldY\nWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2\n-----END TEST KEY-----\n"]
negative_examples = ["-----BEGIN TEST KEY-----\n"]
)toml";

// Rule indices in kTestRules.
enum TestRule : uint32_t {
  kGithubPat, kGenericPassword, kPemKey, kNetrcPassword, kEnvPassword, kMasterKey, kDockerAuth, kBlockKey
};

inline std::unique_ptr<RuleDatabase> test_database(RuleDatabase::Options options = {}) {
  return RuleDatabase::build(parse_rules(kTestRules, "test-rules.toml"), CacheOptions{false, {}}, options);
}

// What a scan reports for `text` as a file at `path` (placement included).
inline std::vector<Finding> scan_at(const RuleDatabase& db, const std::string& text,
                                    const std::string& path = "src/blob") {
  BlobScanner scanner(db);
  std::vector<Finding> out;
  scanner.scan(text, path, &out);
  return out;
}

}  // namespace keysweep::testing
