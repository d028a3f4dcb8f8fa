// What a variable's name says: credential, browser-exposed, platform-provided.
#include <doctest/doctest.h>

#include "envvars/var_names.h"

using namespace keysweep;

TEST_SUITE("var names") {
  TEST_CASE("names that hold credentials are secret-like") {
    for (const char* n : {"API_KEY", "STRIPE_SECRET_KEY", "GITHUB_TOKEN", "DB_PASSWORD", "SMTP_PASS", "SENTRY_DSN",
                          "SSH_PRIVATE_KEY", "AWS_SECRET_ACCESS_KEY", "GOOGLE_APPLICATION_CREDENTIALS",
                          "SECRET_KEY_BASE", "JWT_SECRET", "apiKey", "clientSecret", "DBPASSWORD",
                          "AZURE_STORAGE_CONNECTION_STRING", "NEXT_PUBLIC_STRIPE_SECRET_KEY", "KEY", "DB_PWD"})
      CHECK_MESSAGE(secret_like(n), n);
  }

  TEST_CASE("a datastore's URL is secret-like, other URLs are not") {
    CHECK(keysweep::secret_like("DATABASE_URL"));
    CHECK(keysweep::secret_like("REDIS_URL"));
    CHECK(keysweep::secret_like("MONGODB_URI"));
    CHECK_FALSE(keysweep::secret_like("APP_URL"));
    CHECK_FALSE(keysweep::secret_like("API_BASE_URL"));
  }

  TEST_CASE("names that describe a credential, or hold a public value, are not") {
    for (const char* n : {"AWS_ACCESS_KEY_ID", "TOKEN_URL", "PRIVATE_KEY_PATH", "PASSWORD_MIN_LENGTH",
                          "STRIPE_PUBLISHABLE_KEY", "VAPID_PUBLIC_KEY", "RECAPTCHA_SITE_KEY", "NEXT_PUBLIC_SUPABASE_ANON_KEY", "USE_SECRET_MANAGER",
                          "ENABLE_TOKEN_AUTH_FLAG_ENABLED", "SECRET_NAME", "TOKEN_EXPIRES_IN", "PWD", "KEYCLOAK_URL",
                          "MONKEY", "NODE_ENV", "PORT", "TOKENIZER_PATH"})
      CHECK_MESSAGE(!secret_like(n), n);
  }

  TEST_CASE("client prefixes bundlers ship to browsers") {
    CHECK(client_prefix("NEXT_PUBLIC_API_URL") == "NEXT_PUBLIC_");
    CHECK(client_prefix("VITE_KEY") == "VITE_");
    CHECK(client_prefix("REACT_APP_X") == "REACT_APP_");
    CHECK(client_prefix("EXPO_PUBLIC_X") == "EXPO_PUBLIC_");
    CHECK(client_prefix("NUXT_PUBLIC_X") == "NUXT_PUBLIC_");
    CHECK(client_prefix("GATSBY_X") == "GATSBY_");
    CHECK(client_prefix("PUBLIC_X") == "PUBLIC_");
    CHECK(client_prefix("NEXT_PUBLIC_") == "");
    CHECK(client_prefix("PUBLICATION_ID") == "");
  }

  TEST_CASE("the platform provides shell, OS and CI variables but never credentials") {
    CHECK(platform_provided("HOME"));
    CHECK(platform_provided("LC_ALL"));
    CHECK(platform_provided("GITHUB_SHA"));
    CHECK(platform_provided("CI"));
    CHECK_FALSE(platform_provided("GITHUB_TOKEN"));
    CHECK_FALSE(platform_provided("DATABASE_URL"));
  }

  TEST_CASE("words split at separators and case changes") {
    CHECK(name_words("apiKey") == std::vector<std::string>{"API", "KEY"});
    CHECK(name_words("DB_PASSWORD") == std::vector<std::string>{"DB", "PASSWORD"});
    CHECK(name_words("x-api.key") == std::vector<std::string>{"X", "API", "KEY"});
  }
}
