// What a file's path says about the values in it: whether its whole purpose is credentials,
// whether it is a config file, a test or fixture, an example or template, a translation. Placement
// (finding/placement.h) uses it to decide where weak values count and how sure a finding is.
#pragma once

#include <string_view>

namespace keysweep {

struct PathContext {
  bool credential_file = false;  // .netrc, .pgpass, .git-credentials, .docker/config.json, sftp-config.json...
  bool config_file = false;      // .env, *.yml, *.ini, *.properties, settings.py, wp-config.php... (and credential files)
  bool test = false;             // under test/, spec/, fixtures/, cassettes/..., or a test file (*_test.go, test_*.py)
  bool example = false;          // an example, sample or template (.env.example, *.dist), or documentation
  bool locale = false;           // translations (locales/, i18n/, *.po): "password" there is a label
};

// Classifies a relative or absolute path with '/' separators, case-insensitively. "-" (standard
// input) and "" classify as nothing. The tables live in path_context.cc. Thread-safe.
PathContext classify_path(std::string_view path);

}  // namespace keysweep
