// Name heuristics for the inventory. Word lists rather than regexes: each decision can be read
// off a table and explained in one line of README.
#include "envvars/var_names.h"

#include <algorithm>
#include <unordered_set>

namespace keysweep {
namespace {

bool upper(char c) { return c >= 'A' && c <= 'Z'; }
bool lower_or_digit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Words that name a credential on their own.
const std::unordered_set<std::string>& credential_words() {
  static const std::unordered_set<std::string> k = {
      "SECRET", "SECRETS", "TOKEN", "TOKENS", "PASSWORD", "PASSWORDS", "PASSWD", "PASS", "PWD",
      "PASSPHRASE", "KEY", "KEYS", "APIKEY", "APIKEYS", "SECRETKEY", "PRIVATEKEY", "ACCESSKEY",
      "PRIVATE", "DSN", "CREDENTIAL", "CREDENTIALS", "CREDS", "AUTHTOKEN", "CONNECTIONSTRING"};
  return k;
}

// Words before KEY that make it a public value (VAPID_PUBLIC_KEY, RECAPTCHA_SITE_KEY, and
// SUPABASE_ANON_KEY, which row-level security makes safe to ship).
const std::unordered_set<std::string>& public_key_words() {
  static const std::unordered_set<std::string> k = {"PUBLIC", "PUBLISHABLE", "PUB", "SITE", "ANON"};
  return k;
}

// A name ending in one of these describes a credential (where it is, how long it lives), not
// the credential itself: TOKEN_URL, PRIVATE_KEY_PATH, AWS_ACCESS_KEY_ID.
const std::unordered_set<std::string>& metadata_words() {
  static const std::unordered_set<std::string> k = {
      "ID", "IDS", "NAME", "NAMES", "PATH", "PATHS", "FILE", "FILES", "FILENAME", "DIR", "URL", "URLS",
      "URI", "ENDPOINT", "HOST", "PORT", "TTL", "EXPIRY", "EXPIRES", "EXPIRE", "EXPIRATION", "LIFETIME",
      "TIMEOUT", "LENGTH", "LEN", "SIZE", "MIN", "MAX", "HEADER", "FIELD", "PREFIX", "TYPE", "ALGORITHM",
      "ALG", "FORMAT", "ENABLED", "DISABLED", "REQUIRED", "VERSION", "COUNT", "REGION", "ARN", "MODE",
      "POLICY", "SCOPE", "SCOPES", "ISSUER", "AUDIENCE", "USER", "USERNAME", "EMAIL", "LOCATION", "KIND",
      "IN", "AT", "SECONDS", "SECS", "MS", "MINUTES", "HOURS", "DAYS", "RESET", "ROTATION", "FINGERPRINT"};
  return k;
}

// A name starting with one of these is a switch (USE_SECRET_MANAGER), not a credential.
const std::unordered_set<std::string>& switch_words() {
  static const std::unordered_set<std::string> k = {"ENABLE", "DISABLE", "USE", "SKIP", "ALLOW",
                                                     "REQUIRE", "IS", "HAS", "NO"};
  return k;
}

// Credential words that also end compound words: DBPASSWORD, CLIENTSECRET, AUTHTOKEN.
bool compound_credential(const std::string& w) {
  for (std::string_view s : {"PASSWORD", "PASSWD", "SECRET", "TOKEN"})
    if (ends_with(w, s)) return true;
  return false;
}

}  // namespace

std::vector<std::string> name_words(std::string_view name) {
  std::vector<std::string> words;
  std::string cur;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c == '_' || c == '-' || c == '.') {
      if (!cur.empty()) words.push_back(std::move(cur));
      cur.clear();
      continue;
    }
    if (upper(c) && i > 0 && lower_or_digit(name[i - 1]) && !cur.empty()) {
      words.push_back(std::move(cur));
      cur.clear();
    }
    cur += (c >= 'a' && c <= 'z') ? char(c - 'a' + 'A') : c;
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  return words;
}

std::string_view client_prefix(std::string_view name) {
  static constexpr std::string_view kPrefixes[] = {"NEXT_PUBLIC_", "VITE_", "REACT_APP_", "EXPO_PUBLIC_",
                                                   "NUXT_PUBLIC_", "GATSBY_", "VUE_APP_", "PUBLIC_"};
  for (std::string_view p : kPrefixes)
    if (name.size() > p.size() && name.substr(0, p.size()) == p) return p;
  return {};
}

bool secret_like(std::string_view name) {
  std::vector<std::string> words = name_words(name.substr(client_prefix(name).size()));
  // A datastore's URL carries its password (postgres://user:pass@host/db), although URL is
  // otherwise a metadata word (TOKEN_URL names where to get a token, not a token).
  static const std::unordered_set<std::string> kStores = {"DATABASE", "DB", "REDIS", "MONGO", "MONGODB", "POSTGRES",
                                                          "POSTGRESQL", "PG", "MYSQL", "MARIADB", "AMQP", "RABBITMQ",
                                                          "BROKER"};
  if (words.size() >= 2 && (words.back() == "URL" || words.back() == "URI") && kStores.count(words[words.size() - 2]))
    return true;
  if (words.empty() || switch_words().count(words.front()) || metadata_words().count(words.back())) return false;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    bool credential = credential_words().count(w) || compound_credential(w) ||
                      ((w == "CONNECTION" || w == "CONN") && i + 1 < words.size() &&
                       (words[i + 1] == "STRING" || words[i + 1] == "STR"));
    if (!credential) continue;
    if ((w == "KEY" || w == "KEYS") && i > 0 && public_key_words().count(words[i - 1])) continue;
    if (w == "PWD" && words.size() == 1) continue;  // the shell's working directory
    return true;
  }
  return false;
}

bool platform_provided(std::string_view name) {
  static const std::unordered_set<std::string_view> kNames = {
      "PATH", "HOME", "USER", "USERNAME", "LOGNAME", "SHELL", "PWD", "OLDPWD", "TERM", "LANG", "LANGUAGE",
      "TZ", "TMPDIR", "TMP", "TEMP", "HOSTNAME", "EDITOR", "VISUAL", "PAGER", "DISPLAY", "SHLVL", "COLUMNS",
      "LINES", "MAIL", "NO_COLOR", "FORCE_COLOR", "CI", "USERPROFILE", "APPDATA", "LOCALAPPDATA",
      "PROGRAMFILES", "SYSTEMROOT", "WINDIR", "COMPUTERNAME", "HOMEDRIVE", "HOMEPATH", "COMSPEC",
      "PATHEXT", "NUMBER_OF_PROCESSORS", "PROCESSOR_ARCHITECTURE", "OS", "PYTHONPATH", "VIRTUAL_ENV",
      "GOPATH", "GOROOT", "JAVA_HOME", "NODE_OPTIONS", "npm_package_version", "npm_lifecycle_event",
      "BUILD_NUMBER", "JENKINS_URL", "TRAVIS", "CIRCLECI", "GITLAB_CI", "BUILDKITE", "TF_BUILD",
      "KUBERNETES_SERVICE_HOST", "KUBERNETES_SERVICE_PORT"};
  static constexpr std::string_view kPrefixes[] = {"LC_", "XDG_", "GITHUB_", "RUNNER_", "CI_", "GITLAB_",
                                                   "CIRCLE_", "TRAVIS_", "BUILDKITE_", "BITBUCKET_",
                                                   "VERCEL_", "NETLIFY", "npm_config_", "npm_package_"};
  if (secret_like(name)) return false;  // a runner may set GITHUB_TOKEN, but an app reading it wants it documented
  if (kNames.count(name)) return true;
  for (std::string_view p : kPrefixes)
    if (name.substr(0, p.size()) == p) return true;
  return false;
}

}  // namespace keysweep
