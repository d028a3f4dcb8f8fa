// The built-in rules are tested data: they must load, pass their own examples in both engines,
// cover the providers we promise, and stay silent on the decoys real repositories are full of.
#include <doctest/doctest.h>

#include <set>

#include "match/matcher.h"
#include "rules/rule_check.h"
#include "rules/rule_database.h"
#include "rules/rule_loader.h"
#include "support/temp_dir.h"

using namespace keysweep;

namespace {
const RuleDatabase& builtin_db() {
  static auto db = RuleDatabase::build(builtin_rules(), CacheOptions{false, {}});
  return *db;
}

std::vector<std::string> findings_in(const std::string& text) {
  Matcher m(builtin_db());
  std::vector<Match> out;
  m.scan(text, &out);
  std::vector<std::string> ids;
  for (const auto& x : out) ids.push_back(builtin_db().rule(x.rule_index).id + " '" + x.secret + "'");
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
    for (const char* d : decoys) CHECK_MESSAGE(findings_in(d).empty(), d, " → ", findings_in(d).front());
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
}
