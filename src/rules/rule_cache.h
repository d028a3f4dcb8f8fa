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
  // When set, receives one line per cache entry that was damaged or could not be written (the
  // rules are then compiled in memory, with the same result). The app prints the first.
  std::vector<std::string>* warnings = nullptr;
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

enum class CacheRead {
  kOk,
  kMissing,  // no entry for these rules yet: an ordinary miss
  kDamaged,  // an entry that fails its checks (truncated, corrupt, not ours): never used
};

// Reads `path`, leaving `*out` empty unless kOk. The rules and widths carry a CRC-32 and the
// Hyperscan database is checked by Hyperscan itself (its own CRC), so damage anywhere in the file
// is a miss, never a wrong result. Entries are replaced by rename, never rewritten in place, so a
// reader never sees another process's half-written entry.
CacheRead read_rule_cache(const std::string& path, CachedRules* out);

// Writes the cache atomically (temporary file, then rename). Returns "" on success, else what
// went wrong ("<path>: cannot write: Permission denied"): a read-only or full disk only costs
// the next run a recompile, and the caller says so once.
std::string write_rule_cache(const std::string& path, const std::vector<Rule>& rules,
                             const std::vector<uint32_t>& widths, const hs_database_t* db);

}  // namespace keysweep
