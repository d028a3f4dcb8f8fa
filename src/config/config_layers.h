// The configuration a scan runs with, from its layers, lowest first: the user's own config file,
// then a config named by --config or else the scanned repository's .keysweep.toml. Trusted layers
// may set everything; the repository's may only narrow what is reported (config.h).
#pragma once

#include <string>

#include "config/config.h"

namespace keysweep {

// $XDG_CONFIG_HOME/keysweep/config.toml, else ~/.config/keysweep/config.toml; "" when neither
// variable is set.
std::string user_config_path();

// The merged config: lists (extra rules, disabled rules, allowlists) add up across layers;
// format, max_file_size and min_confidence come from the highest trusted layer that sets them,
// except that the repository's max_file_size applies when it lowers the trusted limit (or 50M),
// and its min_confidence when it raises the trusted floor (or low). `flag_config` is
// --config ("" for none); `root` the scanned folder ("" for none). A missing user config is no
// layer; a missing --config file or any malformed one throws Error as load_config() does.
// Warnings (refused repository keys) are in the result's `warnings`.
Config layered_config(const std::string& flag_config, const std::string& root);

}  // namespace keysweep
