// The path tables behind classify_path(). These are lists a person reads and extends: each
// entry is a glob (util/glob.h: a pattern without '/' matches the base name at any depth).
#include "finding/path_context.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "envvars/dotenv.h"
#include "util/glob.h"

namespace keysweep {
namespace {

// Files whose whole purpose is to hold credentials: a password there is one whatever it looks like.
constexpr std::string_view kCredentialFiles[] = {
    // login stores of command-line tools
    ".netrc", "_netrc", ".pgpass", "pgpass.conf", ".git-credentials", ".my.cnf", ".mylogin.cnf", ".dockercfg",
    ".docker/config.json", ".npmrc", ".yarnrc", ".yarnrc.yml", ".pypirc", ".esmtprc", ".msmtprc", "msmtprc",
    ".muttrc", ".fetchmailrc", ".s3cfg", ".boto", ".aws/credentials", ".gem/credentials", ".cargo/credentials",
    ".cargo/credentials.toml", ".config/hub", ".config/gh/hosts.yml", ".composer/auth.json", "auth.json",
    ".terraformrc", "credentials.tfrc.json", ".kube/config", "kubeconfig", ".config/rclone/rclone.conf",
    "rclone.conf", ".tugboat", ".purple/accounts.xml", ".m2/settings-security.xml", ".gradle/gradle.properties",
    ".lftp/bookmarks", ".irssi/config", "proftpdpasswd", "ftpd.passwd",
    // password files and hashes
    ".htpasswd", "htpasswd", "*.htpasswd", "etc/shadow", "shadow", "shadow-", "gshadow", "etc/passwd", "passwd",
    // saved connections of desktop tools
    "filezilla.xml", "sitemanager.xml", "recentservers.xml", "**/.idea/webservers.xml", "**/.idea/datasources.xml",
    "**/.idea/datasources.local.xml", "*data-sources.xml", "**/.dbeaver/data-sources*.json", "credentials-config.json", "robomongo.json", "robo3t.json",
    "studio3t.json", "**/.3t/**/*.json", "sftp-config.json", ".vscode/sftp.json", ".ftpconfig", ".remote-sync.json",
    "deployment-config.json", "ventrilo_srv.ini", "winscp.ini", "**/.dbeaver/credentials-config.json",
    // application secret stores
    "secrets.yml", "secrets.yaml", "secrets.json", "secrets.toml", ".secrets", "credentials.json", "credentials.yml",
    "credentials.yaml", ".credentials", "**/config/master.key", "**/config/credentials/*.key", "*.keystore.properties"};

// Config files: where an ordinary password is still a committed credential.
constexpr std::string_view kConfigFiles[] = {
    "*.ini", "*.cfg", "*.conf", "*.cnf", "*.config", "*.properties", "*.yml", "*.yaml", "*.toml", "*.json",
    "*.json5", "*.xml", "*.plist", "*.tfvars", "*.neon", "dockerfile", "*.dockerfile", "containerfile",
    "procfile", ".bashrc", ".bash_profile", ".zshrc", ".zprofile", ".profile", ".envrc",
    // code that is configuration by name
    "config.php", "wp-config.php", "configuration.php", "settings.php", "database.php", "parameters.php",
    "local.php", "config.inc.php", "settings.py", "local_settings.py", "*_settings.py", "config.py",
    "**/settings/*.py", "**/config/*.exs", "**/config/**/*.rb", "**/config/*.php", "**/config/*.js",
    "config.js", "config.ts", "*.config.php"};

// Not config even where the extension says so: generated, vendored or data.
constexpr std::string_view kNotConfig[] = {
    "package-lock.json", "npm-shrinkwrap.json", "composer.lock", "yarn.lock", "pnpm-lock.yaml", "*.lock",
    "package.json", "tsconfig*.json", "jsconfig.json", ".eslintrc*", "*.schema.json", "openapi.*", "swagger.*",
    "*.min.js", "node_modules/", "vendor/", "bower_components/"};

// Test code and data.
constexpr std::string_view kTestDirs[] = {"test", "tests", "testing", "__tests__", "spec", "specs", "testdata",
                                          "test-data", "test_data", "testfixtures", "fixtures", "fixture",
                                          "__fixtures__", "mocks", "__mocks__", "mock", "cassettes",
                                          "vcr_cassettes", "e2e", "unittest", "unittests", "test-resources"};
constexpr std::string_view kTestFiles[] = {"*_test.*", "test_*.py", "*.test.*", "*.spec.*", "*_spec.rb",
                                           "*test.java", "*tests.java", "*test.kt", "*tests.cs", "*test.cs",
                                           "*spec.groovy", "*test.php", "conftest.py", "*.snap"};

// Examples, templates and documentation.
constexpr std::string_view kExampleDirs[] = {"example", "examples", "sample", "samples", "demo", "demos", "docs",
                                             "doc", "documentation", "tutorial", "tutorials"};
constexpr std::string_view kExampleFiles[] = {"*.md", "*.markdown", "*.rst", "*.adoc", "*.txt", "*.ipynb"};

// Translations.
constexpr std::string_view kLocaleDirs[] = {"locale", "locales", "i18n", "l10n", "lang", "langs", "translations",
                                            "translation", "messages"};
constexpr std::string_view kLocaleFiles[] = {"*.po", "*.pot", "*.xliff", "*.xlf", "**/res/values*/strings.xml",
                                             "messages*.properties", "*.resx"};

template <size_t N>
bool any_glob(const std::string_view (&globs)[N], std::string_view path) {
  return std::any_of(std::begin(globs), std::end(globs), [&](std::string_view g) { return glob_match(g, path); });
}

// Any directory segment of `path` (not its base name) is one of `names`.
template <size_t N>
bool any_dir(const std::string_view (&names)[N], std::string_view path) {
  size_t start = 0;
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] != '/') continue;
    std::string_view seg = path.substr(start, i - start);
    if (std::find(std::begin(names), std::end(names), seg) != std::end(names)) return true;
    start = i + 1;
  }
  return false;
}

// A part of the base name (split at '.', '-', '_') says example or template: config.example.php,
// database.yml.sample, wp-config-sample.php, settings.py.dist.
bool example_name(std::string_view base) {
  static constexpr std::string_view kWords[] = {"example", "examples", "sample", "samples", "template",
                                                "templates", "tmpl", "tpl", "dist", "skel", "skeleton", "default",
                                                "defaults"};
  size_t start = 0;
  for (size_t i = 0; i <= base.size(); ++i) {
    if (i == base.size() || base[i] == '.' || base[i] == '-' || base[i] == '_') {
      std::string_view part = base.substr(start, i - start);
      if (std::find(std::begin(kWords), std::end(kWords), part) != std::end(kWords)) return true;
      start = i + 1;
    }
  }
  return false;
}

}  // namespace

PathContext classify_path(std::string_view raw) {
  PathContext c;
  if (raw.empty() || raw == "-") return c;
  std::string path(raw);
  std::transform(path.begin(), path.end(), path.begin(), [](unsigned char ch) { return char(std::tolower(ch)); });
  size_t slash = path.rfind('/');
  std::string_view base = std::string_view(path).substr(slash == std::string::npos ? 0 : slash + 1);
  // The tables are lower case and so is `path`: webServers.xml and WebServers.xml are one file.
  auto glob_any = [&](const auto& globs) { return any_glob(globs, path); };

  c.test = any_dir(kTestDirs, path) || glob_any(kTestFiles);
  c.example = any_dir(kExampleDirs, path) || glob_any(kExampleFiles) || example_name(base) ||
              env_file_kind(path) == EnvFileKind::kExample;
  c.locale = any_dir(kLocaleDirs, path) || glob_any(kLocaleFiles);
  c.credential_file = glob_any(kCredentialFiles);
  bool config = env_file_kind(path) == EnvFileKind::kEnv || glob_any(kConfigFiles);
  c.config_file = c.credential_file || (config && !c.locale && !glob_any(kNotConfig));
  return c;
}

}  // namespace keysweep
