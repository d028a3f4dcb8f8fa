// The rules/*.toml files, compiled into the binary by cmake/embed_rules.cmake.
#pragma once

#include <span>
#include <string_view>

namespace keysweep {

struct EmbeddedFile {
  std::string_view name;
  std::string_view text;
  std::string_view digest;  // SHA-256 of text, hex, computed at build time
};

std::span<const EmbeddedFile> embedded_rule_files();

}  // namespace keysweep
