// What a variable's name alone says: whether it holds a credential, whether bundlers ship it to
// browsers, and whether the platform (shell, OS, CI runner) provides it. The exact rules are in
// README.md, "Environment-variable inventory".
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace keysweep {

// The name's words, upper-cased: split at '_', '-', '.', and lower→upper case changes
// ("apiKey" → API, KEY).
std::vector<std::string> name_words(std::string_view name);

// The prefix that makes bundlers inline the variable into client code (NEXT_PUBLIC_, VITE_,
// REACT_APP_, EXPO_PUBLIC_, NUXT_PUBLIC_, GATSBY_, VUE_APP_, PUBLIC_), or "" when none.
std::string_view client_prefix(std::string_view name);

// True when the name says the value is a credential: after dropping a client prefix, a word is a
// credential word (SECRET, TOKEN, PASSWORD, PASSWD, PASS, PASSPHRASE, KEY, APIKEY, PRIVATE, DSN,
// CREDENTIAL(S), CREDS, CONNECTION_STRING...; KEY not right after PUBLIC, PUBLISHABLE, PUB, SITE
// or ANON; PWD not alone),
// the name does not start with a switch word (ENABLE, DISABLE, USE, SKIP, ALLOW, REQUIRE, IS, HAS,
// NO) and does not end with a metadata word (ID, NAME, PATH, FILE, URL, TTL, LENGTH, ...).
bool secret_like(std::string_view name);

// True for variables the shell, the OS or a CI runner sets by itself (PATH, HOME, USER, CI,
// GITHUB_*, RUNNER_*, ...): the example file need not document them. Never true for a
// secret-like name: an app that reads GITHUB_TOKEN wants it documented.
bool platform_provided(std::string_view name);

}  // namespace keysweep
