// Merging config layers: the user's config, then --config or the repository's .keysweep.toml.
#include "config/config_layers.h"

#include <cstdlib>
#include <filesystem>

#include "keysweep/rule.h"
#include "util/size.h"

namespace keysweep {
namespace {

void append(const Config& from, Config* to) {
  to->extra_rules.insert(to->extra_rules.end(), from.extra_rules.begin(), from.extra_rules.end());
  to->disabled_rules.insert(to->disabled_rules.end(), from.disabled_rules.begin(), from.disabled_rules.end());
  to->allow_paths.insert(to->allow_paths.end(), from.allow_paths.begin(), from.allow_paths.end());
  to->allow_values.insert(to->allow_values.end(), from.allow_values.begin(), from.allow_values.end());
  to->warnings.insert(to->warnings.end(), from.warnings.begin(), from.warnings.end());
  if (!from.path.empty()) to->path = to->path.empty() ? from.path : to->path + ", " + from.path;
}

}  // namespace

std::string user_config_path() {
  if (const char* d = std::getenv("XDG_CONFIG_HOME"); d && *d) return std::string(d) + "/keysweep/config.toml";
  if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.config/keysweep/config.toml";
  return {};
}

Config layered_config(const std::string& flag_config, const std::string& root) {
  Config merged;
  std::error_code ec;
  std::string user = user_config_path();
  if (!user.empty() && std::filesystem::exists(user, ec)) {
    Config u = load_config(user, ConfigTrust::kTrusted);
    append(u, &merged);
    merged.format = u.format;
    merged.max_file_size = u.max_file_size;
    merged.min_confidence = u.min_confidence;
  }
  if (!flag_config.empty()) {
    Config f = load_config(flag_config, ConfigTrust::kTrusted);
    append(f, &merged);
    if (f.format) merged.format = f.format;
    if (f.max_file_size) merged.max_file_size = f.max_file_size;
    if (f.min_confidence) merged.min_confidence = f.min_confidence;
    return merged;
  }
  if (root.empty()) return merged;
  Config repo = find_config(root);
  append(repo, &merged);
  if (repo.max_file_size) {
    std::string trusted = merged.max_file_size.value_or("50M");
    if (parse_size(*repo.max_file_size) <= parse_size(trusted))
      merged.max_file_size = repo.max_file_size;
    else
      merged.warnings.push_back(repo.max_file_size_where + ": ignored max_file_size = \"" + *repo.max_file_size +
                                "\": a repository's .keysweep.toml may only lower the limit (" + trusted + ")");
  }
  if (repo.min_confidence) {
    std::string trusted = merged.min_confidence.value_or("low");
    Confidence want = Confidence::kLow, floor = Confidence::kLow;
    parse_confidence(*repo.min_confidence, &want);
    parse_confidence(trusted, &floor);
    if (want >= floor)
      merged.min_confidence = repo.min_confidence;
    else
      merged.warnings.push_back(repo.min_confidence_where + ": ignored min_confidence = \"" + *repo.min_confidence +
                                "\": a repository's .keysweep.toml may only raise it (" + trusted + ")");
  }
  return merged;
}

}  // namespace keysweep
