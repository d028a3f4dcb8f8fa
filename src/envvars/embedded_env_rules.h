// The rules/env/*.toml files, compiled into the binary by cmake/embed_rules.cmake.
#pragma once

#include <span>

#include "rules/embedded_rules.h"

namespace keysweep {

std::span<const EmbeddedFile> embedded_env_rule_files();

}  // namespace keysweep
