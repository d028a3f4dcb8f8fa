#include <doctest/doctest.h>

#include <string>

#include "finding/path_context.h"

using namespace keysweep;

TEST_SUITE("path_context") {
  TEST_CASE("credential stores are credential files, and so config files") {
    for (const char* p : {".netrc", "home/ci/.pgpass", ".git-credentials", ".docker/config.json", "ops/.dockercfg",
                          ".npmrc", ".pypirc", ".s3cfg", ".boto", "etc/shadow", "web/.htpasswd",
                          "filezilla/recentservers.xml", ".idea/WebServers.xml", "db/dbeaver-data-sources.xml",
                          ".vscode/sftp.json", "config/master.key", "config/credentials/production.key"}) {
      PathContext c = classify_path(p);
      CHECK_MESSAGE(c.credential_file, std::string(p));
      CHECK_MESSAGE(c.config_file, std::string(p));
    }
    CHECK_FALSE(classify_path("src/netrc.c").credential_file);
    CHECK_FALSE(classify_path("app/models/user.rb").credential_file);
  }

  TEST_CASE("config files by extension and by name, but not lockfiles or translations") {
    for (const char* p : {".env", "deploy/.env.production", "config/database.yml", "app.ini", "conf/server.xml",
                          "settings.py", "mysite/settings/production.py", "wp-config.php", "config/prod.exs",
                          "docker-compose.yml", "Dockerfile", ".bashrc"})
      CHECK_MESSAGE(classify_path(p).config_file, std::string(p));
    for (const char* p : {"src/app.js", "lib/db.py", "package-lock.json", "package.json", "config/locales/de.yml",
                          "app/i18n/fr.json", "node_modules/x/config.json", "README.md", "-", ""})
      CHECK_MESSAGE(!classify_path(p).config_file, std::string(p));
  }

  TEST_CASE("tests, fixtures and cassettes are test paths") {
    for (const char* p : {"tests/test_login.py", "spec/fixtures/.env", "pkg/auth/token_test.go", "src/auth.test.ts",
                          "app/__mocks__/api.js", "test/cassettes/stripe.yml", "src/test/java/AuthTest.java",
                          "spec/models/user_spec.rb"})
      CHECK_MESSAGE(classify_path(p).test, std::string(p));
    for (const char* p : {"src/testimonials.js", "contest/app.py", "latest/config.yml"})
      CHECK_MESSAGE(!classify_path(p).test, std::string(p));
  }

  TEST_CASE("examples, templates and documentation are example paths") {
    for (const char* p : {".env.example", "config/database.yml.sample", "wp-config-sample.php", "settings.py.dist",
                          "docs/setup.md", "examples/app/config.yml", "README.md"})
      CHECK_MESSAGE(classify_path(p).example, std::string(p));
    CHECK_FALSE(classify_path("config/database.yml").example);
  }
}
