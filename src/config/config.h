// .keysweep.toml: a repository's own settings. Strict, like rule files: an unknown key or a
// malformed value is an error naming file and line, never silently ignored.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace keysweep {

struct ConfigValue {
  std::string value;
  std::string where;  // "<file>:<line>", for later errors (e.g. an unknown rule id)
};

struct Config {
  std::string path;                         // "" when there is no config
  std::vector<std::string> extra_rules;     // rule files or folders, resolved against the config's folder
  std::vector<ConfigValue> disabled_rules;  // rule ids
  std::vector<std::string> allow_paths;     // globs: findings in these paths are not reported
  std::vector<std::string> allow_values;    // RE2 regexes searched in the secret
  std::optional<std::string> max_file_size;
  std::optional<std::string> format;
  std::optional<std::string> min_confidence;  // low, medium or high
};

// Reads and validates `path`. Throws Error("<path>:<line>", ...) for malformed TOML, unknown
// tables or keys, wrong types, invalid regexes, sizes or formats; Error(path, ...) when unreadable.
Config load_config(const std::string& path);

// The config that applies to a scan of `root`: root/.keysweep.toml when it exists, else none.
Config find_config(const std::string& root);

}  // namespace keysweep
