// `keysweep env` as a library call: walk the roots, read every file an env rule or the env-file
// parser applies to (in parallel), check env files with the secret rules, and fold it all into
// the inventory.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "envvars/env_engine.h"
#include "envvars/inventory.h"
#include "keysweep/skip.h"
#include "rules/rule_loader.h"

namespace keysweep {

struct EnvScanOptions {
  std::vector<std::string> roots;  // files or folders
  bool no_ignore = false;          // read git-ignored files too
  // The one example file that documents the variables (--example); empty: every example file
  // (.env.example, .env.sample, .env.template, ...) found under the roots.
  std::string example;
  uint64_t max_file_size = 50ull << 20;
  unsigned threads = 0;  // 0: all cores
  CacheOptions cache;
  std::vector<RuleText> secret_rules;  // for the env-file checks; empty: the built-in secret rules
};

struct EnvScanResult {
  EnvInventory inventory;
  std::vector<Skip> skips;  // the walk's, then files that could not be read, sorted by path
};

// Throws Error(root, ...) for a missing or unreadable root (as walk_roots does),
// Error(example, "no such file") for a missing --example file, and Error when the secret rules
// do not compile. Files that cannot be read are skips, never errors.
EnvScanResult scan_env(const EnvEngine& engine, const EnvScanOptions& options);

}  // namespace keysweep
