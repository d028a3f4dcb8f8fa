// The built-in rules are tested data: they must load, pass their own examples in both engines,
// cover the providers we promise, and stay silent on the decoys real repositories are full of.
#include <doctest/doctest.h>

#include <set>

#include "match/matcher.h"
#include "rules/rule_check.h"
#include "rules/rule_database.h"
#include "rules/rule_loader.h"
#include "support/temp_dir.h"
#include "support/test_rules.h"

using namespace keysweep;

namespace {
const RuleDatabase& builtin_db() {
  static auto db = RuleDatabase::build(builtin_rules(), CacheOptions{false, {}}, RuleDatabase::Options{.base64_runs = true});
  return *db;
}

// What a scan reports in `text` as the file at `path`, as "rule-id 'secret'".
std::vector<std::string> findings_in(const std::string& text, const std::string& path = "src/app.py") {
  std::vector<std::string> ids;
  for (const Finding& f : testing::scan_at(builtin_db(), text, path)) ids.push_back(f.rule->id + " '" + f.secret + "'");
  return ids;
}
}  // namespace

TEST_SUITE("builtin rules") {
  TEST_CASE("every built-in rule passes its examples and negative examples") {
    RuleCheckReport rep = check_rules(builtin_rules());
    for (const auto& f : rep.failures) FAIL_CHECK(f.origin << ": " << f.rule_id << ": " << f.message);
    CHECK(rep.examples >= rep.rules);
    CHECK(rep.negative_examples >= rep.rules);
  }

  TEST_CASE("cover at least 150 rules from at least 120 providers") {
    auto rules = builtin_rules();
    std::set<std::string> providers;
    for (const auto& r : rules) providers.insert(r.provider);
    CHECK(rules.size() >= 150);
    CHECK(providers.size() >= 120);
  }

  TEST_CASE("every rule documents itself and links its provider's docs") {
    for (const auto& r : builtin_rules()) {
      CHECK_MESSAGE(!r.description.empty(), r.id);
      CHECK_MESSAGE(!r.provider.empty(), r.id);
      for (const auto& ref : r.references) CHECK_MESSAGE(ref.rfind("https://", 0) == 0, r.id << ": " << ref);
    }
  }

  TEST_CASE("generic rules stay silent on identifiers, references and placeholders") {
    const char* decoys[] = {
        "api_key = \"123e4567-e89b-12d3-a456-426614174000\"",
        "token: da39a3ee5e6b4b0d3255bfef95601890afd80709",
        "secret = \"${API_SECRET}\"",
        "password: \"{{ .Values.db.password }}\"",
        "API_TOKEN=$(cat /run/secrets/token)",
        "const apiKey = process.env.API_KEY;",
        "password = os.environ[\"DB_PASSWORD\"]",
        "token: ${{ secrets.GITHUB_TOKEN }}",
        "password = \"your-password-here\"",
        "api_key = \"xxxxxxxxxxxxxxxxxxxx\"",
        "secret_key = \"changeme\"",
        "password = \"aaaaaaaaaaaaaaaa\"",
        "token = \"abcdefghijklmnop1234567890\"",
        "password_field = \"password_confirmation\"",
        "\"integrity\": \"sha512-Dv7GmzHcMq3H6RjS4kTnVzB9XwYq2LpN8aEfRu5oIc1KbTgW0xJhZlAy7sMeP3dQv6FiOnUrC4tYk9GbHs2w==\"",
        "password = getPassword()",
        "password: string;",
        "token_type = \"bearer\"",
        "public_key = \"MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\"",
        "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\n4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u\n-----END PUBLIC KEY-----",
        "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\nRTESMBAGA1UEChMJQmFsdGltb3JlMRMwEQYDVQQLEwpDeWJlclRydXN0MSIwIAYD\n-----END CERTIFICATE-----",
        "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7vbqajDhA3E5w9f2mK8yQ deploy@host",
        "icon = \"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAGXRFWHRTb2Z0\"",
        "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    };
    for (const char* d : decoys) {
      CHECK_MESSAGE(findings_in(d).empty(), std::string(d), " → ", findings_in(d).front());
      CHECK_MESSAGE(findings_in(d, "config/settings.yml").empty(), std::string(d), " → ", findings_in(d, "config/settings.yml").front());
    }
  }

  TEST_CASE("generic rules catch a random secret in each assignment syntax") {
    std::string v = testing::random_chars(testing::kBase62, 28, 99);
    const std::string lines[] = {
        "{\"api_key\": \"" + v + "\"}",
        "api_key: " + v,
        "API_KEY=" + v,
        "export API_SECRET=\"" + v + "\"",
        "api_key = \"" + v + "\"",
        "const apiKey = '" + v + "';",
        "apiKey := \"" + v + "\"",
        "private static final String API_SECRET = \"" + v + "\";",
        "$apiKey = '" + v + "';",
        "'api_key' => '" + v + "',",
        ":api_key => '" + v + "'",
        "<password>" + v + "</password>",
        "<add key=\"ApiKey\" value=\"" + v + "\" />",
    };
    for (const auto& l : lines) {
      auto f = findings_in(l);
      bool found = false;
      for (const auto& s : f) found |= s.find(v) != std::string::npos;
      CHECK_MESSAGE(found, l);
    }
  }

  TEST_CASE("any credential-shaped name in snake, kebab, camel and Pascal case") {
    std::string v = testing::random_chars(testing::kBase62, 30, 98);
    for (const char* name : {"PASTEBIN_KEY", "pastebin-key", "pastebinKey", "PastebinKey", "MAILER_SECRET", "mailerSecret",
                             "DEPLOY_TOKEN", "deployToken", "SMTP_PASS", "smtpPassword", "LdapBindPassword", "dbPasswd",
                             "DB_PWD", "SERVICE_CREDENTIALS", "SECRET_KEY_BASE"}) {
      auto f = findings_in(std::string(name) + "=" + v + "\n");
      CHECK_MESSAGE(f.size() == 1, std::string(name));
    }
    for (const char* name : {"PUBLIC_KEY", "sortKey", "nextPageToken", "TOKEN_TYPE", "PASSWORD_FILE", "monkey", "hotkey"})
      CHECK_MESSAGE(findings_in(std::string(name) + "=" + v + "\n").empty(), std::string(name));
  }

  TEST_CASE("a 40- or 64-hex value under a credential name is a finding, under a digest name it is not") {
    std::string h40 = testing::random_chars(testing::kHexLower, 40, 97), h64 = testing::random_chars(testing::kHexLower, 64, 96);
    CHECK(findings_in("access_token: " + h40 + "\n").size() == 1);
    CHECK(findings_in("API_SECRET=" + h64 + "\n").size() == 1);
    CHECK(findings_in("commit_sha: " + h40 + "\n").empty());
    CHECK(findings_in("checksum = \"" + h64 + "\"\n").empty());
  }

  TEST_CASE("ordinary passwords count in real config files, and not in code, tests or examples") {
    const std::string env = "APP_ENV=production\nDB_PASSWORD=admin123\nMAIL_PASSWORD=mailpass99\n";
    CHECK(findings_in(env, ".env").size() == 2);
    CHECK(findings_in(env, "deploy/.env.production").size() == 2);
    CHECK(findings_in(env, ".env.example").empty());
    CHECK(findings_in(env, "tests/fixtures/.env").empty());
    CHECK(findings_in(env, "bin/setup.sh").empty());
    CHECK(findings_in("$dbpasswd = 'pass123';\n", "config.php").size() == 1);
    CHECK(findings_in("$dbpasswd = 'pass123';\n", "lib/db.php").empty());
    CHECK(findings_in("{\"password\": \"hunter22\"}\n", "deploy/config.json").size() == 1);
    // Bare default words of local development setups stay quiet outside credential files.
    CHECK(findings_in("POSTGRES_PASSWORD: postgres\n", "docker-compose.yml").empty());
  }
}
