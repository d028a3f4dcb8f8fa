// Compiles the rule set once per content: patterns → Hyperscan database (cached on disk, since
// compiling ~200 patterns takes far longer than scanning a small file), RE2 checked up front and
// built lazily per rule at scan time.
#include "rules/rule_database.h"

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "keysweep/error.h"
#include "rules/rule_loader.h"
#include "util/sha256.h"

namespace keysweep {
namespace fs = std::filesystem;

RE2::Options byte_regex_options() {
  RE2::Options o;
  o.set_encoding(RE2::Options::EncodingLatin1);
  o.set_log_errors(false);
  o.set_max_mem(64 << 20);
  return o;
}

namespace {

std::string cache_dir(const CacheOptions& c) {
  if (!c.dir.empty()) return c.dir;
  if (const char* d = std::getenv("KEYSWEEP_CACHE_DIR"); d && *d) return d;
  if (const char* d = std::getenv("XDG_CACHE_HOME"); d && *d) return std::string(d) + "/keysweep";
  if (const char* d = std::getenv("HOME"); d && *d) return std::string(d) + "/.cache/keysweep";
  return {};
}

// The key covers everything the compiled bytes depend on: the patterns in order, Hyperscan's
// version and the CPU features it targets.
std::string cache_key(const std::vector<Rule>& rules) {
  Sha256 h;
  h.update("keysweep-hsdb-v1\n");
  h.update(hs_version());
  hs_platform_info_t plat{};
  hs_populate_platform(&plat);
  h.update(std::string_view(reinterpret_cast<const char*>(&plat), sizeof plat));
  for (const Rule& r : rules) {
    h.update(r.id);
    h.update(std::string_view("\0", 1));
    h.update(r.pattern);
    h.update(std::string_view("\0", 1));
    // Allowlist regexes are validated only on a cache miss, so they belong in the key too.
    for (const auto& a : r.allowlist.regexes) {
      h.update(a);
      h.update(std::string_view("\0", 1));
    }
  }
  auto d = h.digest();
  return to_hex(d.data(), 16);
}

constexpr char kMagic[8] = {'K', 'S', 'H', 'S', 'D', 'B', '0', '1'};

bool load_cache(const std::string& path, size_t n_rules, std::vector<uint32_t>* widths,
                hs_database_t** db) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  std::string bytes = ss.str();
  size_t head = sizeof kMagic + 8 + n_rules * 4;
  if (bytes.size() < head || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) return false;
  uint64_t n;
  std::memcpy(&n, bytes.data() + sizeof kMagic, 8);
  if (n != n_rules) return false;
  widths->resize(n_rules);
  std::memcpy(widths->data(), bytes.data() + sizeof kMagic + 8, n_rules * 4);
  return hs_deserialize_database(bytes.data() + head, bytes.size() - head, db) == HS_SUCCESS;
}

// Best effort: a read-only home or full disk only costs the next run a recompile.
void store_cache(const std::string& dir, const std::string& path, const std::vector<uint32_t>& widths,
                 const hs_database_t* db) {
  char* ser = nullptr;
  size_t len = 0;
  if (hs_serialize_database(db, &ser, &len) != HS_SUCCESS) return;
  std::error_code ec;
  fs::create_directories(dir, ec);
  std::string tmp = path + ".tmp." + std::to_string(getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    uint64_t n = widths.size();
    out.write(kMagic, sizeof kMagic);
    out.write(reinterpret_cast<const char*>(&n), 8);
    out.write(reinterpret_cast<const char*>(widths.data()), std::streamsize(widths.size() * 4));
    out.write(ser, std::streamsize(len));
    if (!out) {
      std::free(ser);
      fs::remove(tmp, ec);
      return;
    }
  }
  std::free(ser);
  fs::rename(tmp, path, ec);
  if (ec) fs::remove(tmp, ec);
}

uint32_t pattern_width(const Rule& r) {
  hs_expr_info_t* info = nullptr;
  hs_compile_error_t* err = nullptr;
  if (hs_expression_info(r.pattern.c_str(), 0, &info, &err) != HS_SUCCESS) {
    std::string msg = err ? err->message : "unknown error";
    hs_free_compile_error(err);
    throw Error("rule " + r.id, "pattern does not compile in Hyperscan: " + msg);
  }
  uint32_t w = info->max_width;
  std::free(info);
  if (w > kMaxPatternWidth)
    throw Error("rule " + r.id, "pattern can match more than " + std::to_string(kMaxPatternWidth) +
                                    " bytes; bound every repetition (e.g. {0,64} instead of * or +)");
  return w;
}

void check_re2(const Rule& r) {
  RE2 re(r.pattern, byte_regex_options());
  if (!re.ok()) throw Error("rule " + r.id, "pattern does not compile in RE2: " + re.error());
  if (re.ProgramSize() > kMaxRe2ProgramSize)
    throw Error("rule " + r.id, "pattern is too complex for RE2 (program size " + std::to_string(re.ProgramSize()) +
                                    ", limit " + std::to_string(kMaxRe2ProgramSize) + "): shrink large counted repetitions");
  for (const auto& a : r.allowlist.regexes) {
    RE2 ar(a, byte_regex_options());
    if (!ar.ok()) throw Error("rule " + r.id, "allowlist regex does not compile in RE2: " + ar.error());
  }
}

hs_database_t* compile_all(const std::vector<Rule>& rules) {
  std::vector<const char*> exprs;
  std::vector<unsigned> flags, ids;
  for (size_t i = 0; i < rules.size(); ++i) {
    exprs.push_back(rules[i].pattern.c_str());
    flags.push_back(0);
    ids.push_back(unsigned(i));
  }
  hs_database_t* db = nullptr;
  hs_compile_error_t* err = nullptr;
  if (hs_compile_multi(exprs.data(), flags.data(), ids.data(), unsigned(exprs.size()), HS_MODE_BLOCK,
                       nullptr, &db, &err) != HS_SUCCESS) {
    std::string msg = err ? err->message : "unknown error";
    int at = err ? err->expression : -1;
    hs_free_compile_error(err);
    if (at >= 0 && size_t(at) < rules.size())
      throw Error("rule " + rules[size_t(at)].id, "pattern does not compile in Hyperscan: " + msg);
    throw Error("rules", "Hyperscan could not compile the rule set: " + msg);
  }
  return db;
}

}  // namespace

std::unique_ptr<RuleDatabase> RuleDatabase::build(std::vector<Rule> rules, const CacheOptions& cache) {
  check_unique_ids(rules);
  if (rules.empty()) throw Error("rules", "no rules to scan with");
  std::unique_ptr<RuleDatabase> db(new RuleDatabase());
  db->rules_ = std::move(rules);
  db->lazy_ = std::make_unique<Lazy[]>(db->rules_.size());

  std::string dir = cache.enabled ? cache_dir(cache) : std::string();
  std::string path = dir.empty() ? std::string() : dir + "/" + cache_key(db->rules_) + ".hsdb";
  if (!path.empty() && load_cache(path, db->rules_.size(), &db->widths_, &db->db_)) {
    db->from_cache_ = true;
    return db;
  }
  // Cache miss: validate every rule in both engines before compiling the shared database, so
  // the error names the rule rather than an index.
  db->widths_.clear();
  for (const Rule& r : db->rules_) {
    check_re2(r);
    db->widths_.push_back(pattern_width(r));
  }
  db->db_ = compile_all(db->rules_);
  if (!path.empty()) store_cache(dir, path, db->widths_, db->db_);
  return db;
}

RuleDatabase::~RuleDatabase() {
  if (db_) hs_free_database(db_);
}

void RuleDatabase::compile_lazy(uint32_t i) const {
  Lazy& l = lazy_[i];
  std::call_once(l.once, [&] {
    l.re = std::make_unique<RE2>(rules_[i].pattern, byte_regex_options());
    const auto& named = l.re->NamedCapturingGroups();
    auto it = named.find("secret");
    l.group = it != named.end() ? it->second : (l.re->NumberOfCapturingGroups() > 0 ? 1 : 0);
    for (const auto& a : rules_[i].allowlist.regexes)
      l.allow.push_back(std::make_unique<RE2>(a, byte_regex_options()));
  });
}

const RE2& RuleDatabase::re2(uint32_t i) const {
  compile_lazy(i);
  return *lazy_[i].re;
}

int RuleDatabase::secret_group(uint32_t i) const {
  compile_lazy(i);
  return lazy_[i].group;
}

const std::vector<std::unique_ptr<RE2>>& RuleDatabase::allow_regexes(uint32_t i) const {
  compile_lazy(i);
  return lazy_[i].allow;
}

}  // namespace keysweep
