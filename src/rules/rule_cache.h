// The on-disk cache of a compiled rule set: the rules themselves (so a warm start parses no
// TOML), each pattern's maximum width, and the serialized Hyperscan database.
#pragma once

#include <string>
#include <vector>

#include <hs/hs.h>

#include "keysweep/rule.h"

namespace keysweep {

struct CacheOptions {
  bool enabled = true;
  std::string dir;  // empty: $KEYSWEEP_CACHE_DIR, else $XDG_CACHE_HOME/keysweep, else ~/.cache/keysweep
};

// The folder the cache lives in, or "" when no folder can be named.
std::string cache_directory(const CacheOptions& c);

// A digest over everything the compiled bytes depend on besides `content_key`: the cache format,
// Hyperscan's version and the CPU features it targets.
std::string cache_key(const std::string& content_key);

struct CachedRules {
  std::vector<Rule> rules;  // without examples: a scan never needs them
  std::vector<uint32_t> widths;
  hs_database_t* db = nullptr;  // owned by the caller once read
};

// Reads `path`. Returns false, leaving `*out` empty, when it is missing, truncated, from another
// format version, or holds a database this Hyperscan cannot load.
bool read_rule_cache(const std::string& path, CachedRules* out);

// Writes the cache atomically (temporary file, then rename). Best effort: a read-only or full
// disk only costs the next run a recompile.
void write_rule_cache(const std::string& path, const std::vector<Rule>& rules,
                      const std::vector<uint32_t>& widths, const hs_database_t* db);

}  // namespace keysweep
