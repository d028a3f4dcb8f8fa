// keysweep's config files: the user's own (~/.config/keysweep/config.toml), one named by
// --config, and a repository's .keysweep.toml. Strict, like rule files: an unknown key or a
// malformed value is an error naming file and line, never silently ignored. A repository's file
// is not trusted: it may narrow what is reported, never widen what keysweep does (config.cc's
// kKeyTrust says which keys it may set).
#pragma once

#include <optional>
#include <string>
#include <string_view>
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
  std::string max_file_size_where;  // "<file>:<line>" of max_file_size
  std::optional<std::string> format;
  std::optional<std::string> min_confidence;  // low, medium or high
  std::string min_confidence_where;           // "<file>:<line>" of min_confidence
  // One line per key a repository's file set but may not ("<file>:<line>: ignored ..."), for the
  // app to print as warnings.
  std::vector<std::string> warnings;
};

enum class ConfigTrust {
  kTrusted,     // the user's own config, or one named by --config: every key applies
  kRepository,  // a scanned repository's .keysweep.toml: trusted-only keys are dropped, with a warning
};

// Reads and validates `path`. Throws Error("<path>:<line>", ...) for malformed TOML, unknown
// tables or keys, wrong types, invalid regexes, sizes or formats; Error(path, ...) when unreadable.
// With kRepository, trusted-only keys are removed first (each noted in `warnings`), so they are
// neither used nor validated.
Config load_config(const std::string& path, ConfigTrust trust = ConfigTrust::kTrusted);

// Reads and validates config text (the same as load_config on a file holding `text`).
Config parse_config(std::string_view text, const std::string& path, ConfigTrust trust);

// The repository config for a scan of `root`: root/.keysweep.toml (untrusted) when it exists.
Config find_config(const std::string& root);

}  // namespace keysweep
