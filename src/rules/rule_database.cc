// Compiles the rule set once per content: patterns → Hyperscan database (cached on disk, since
// compiling ~200 patterns takes far longer than scanning a small file), RE2 checked up front and
// built lazily per rule at scan time.
#include "rules/rule_database.h"

#include <cstdlib>

#include "keysweep/error.h"
#include "rules/rule_loader.h"
#include "util/sha256.h"

namespace keysweep {

RE2::Options byte_regex_options() {
  RE2::Options o;
  o.set_encoding(RE2::Options::EncodingLatin1);
  o.set_log_errors(false);
  o.set_max_mem(64 << 20);
  return o;
}

const char* const kBase64RunPattern = "[A-Za-z0-9+/_-]{32,}={0,2}(?:[^A-Za-z0-9+/_=-]|\\z)";

namespace {

// What the compiled database depends on when rules are given already parsed: ids, patterns and
// allowlist regexes in order (regexes are validated only on a miss, so they count too).
std::string pattern_key(const std::vector<Rule>& rules, const RuleDatabase::Options& options) {
  Sha256 h;
  h.update("patterns\n");
  if (options.base64_runs) h.update(std::string(kBase64RunPattern) + "\n");
  for (const Rule& r : rules) {
    for (const std::string* s : {&r.id, &r.pattern}) {
      h.update(*s);
      h.update(std::string_view("\0", 1));
    }
    for (const auto* list : {&r.allowlist.regexes, &r.allowlist.weak, &r.allowlist.names})
      for (const auto& a : *list) {
        h.update(a);
        h.update(std::string_view("\0", 1));
      }
  }
  auto d = h.digest();
  return to_hex(d.data(), d.size());
}

// The allowlist regexes are validated only on a cache miss, like the patterns.
void check_allowlist(const Rule& r) {
  if (std::string p = allowlist_problem(r); !p.empty()) throw Error("rule " + r.id, p);
}

hs_database_t* compile_all(const std::vector<Rule>& rules, bool base64_runs) {
  std::vector<const char*> exprs;
  std::vector<unsigned> flags, ids;
  for (size_t i = 0; i < rules.size(); ++i) {
    exprs.push_back(rules[i].pattern.c_str());
    flags.push_back(0);
    ids.push_back(unsigned(i));
  }
  if (base64_runs) {
    exprs.push_back(kBase64RunPattern);
    flags.push_back(0);
    ids.push_back(unsigned(rules.size()));
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

std::string allowlist_problem(const Rule& r) {
  for (auto [kind, list] : {std::pair{"allowlist regex", &r.allowlist.regexes}, {"allowlist weak regex", &r.allowlist.weak},
                            {"allowlist name regex", &r.allowlist.names}})
    for (const auto& a : *list) {
      RE2 ar(a, byte_regex_options());
      if (!ar.ok()) return std::string(kind) + " '" + a + "' does not compile in RE2: " + ar.error();
    }
  if (r.encoding != Encoding::kNone && r.block_end.size())
    return "encoding and block_end do not go together";
  if (!r.block_end.empty()) {
    RE2 be(r.block_end, byte_regex_options());
    if (!be.ok()) return "block_end does not compile in RE2: " + be.error();
  }
  for (const auto& p : r.paths)
    if (p.empty()) return "an empty entry in paths";
  return {};
}

std::string pattern_problem(const std::string& pattern, bool compile_hyperscan, uint32_t* width) {
  RE2 re(pattern, byte_regex_options());
  if (!re.ok()) return "pattern does not compile in RE2: " + re.error();
  if (re.ProgramSize() > kMaxRe2ProgramSize)
    return "pattern is too complex for RE2 (program size " + std::to_string(re.ProgramSize()) + ", limit " +
           std::to_string(kMaxRe2ProgramSize) + "): shrink large counted repetitions";
  hs_compile_error_t* err = nullptr;
  auto hs_problem = [&] {
    std::string msg = err && err->message ? err->message : "unknown error";
    hs_free_compile_error(err);
    return "pattern does not compile in Hyperscan: " + msg;
  };
  if (compile_hyperscan) {
    hs_database_t* db = nullptr;
    if (hs_compile(pattern.c_str(), 0, HS_MODE_BLOCK, nullptr, &db, &err) != HS_SUCCESS) return hs_problem();
    hs_free_database(db);
  }
  hs_expr_info_t* info = nullptr;
  if (hs_expression_info(pattern.c_str(), 0, &info, &err) != HS_SUCCESS) return hs_problem();
  uint32_t w = info->max_width;
  std::free(info);
  if (w > kMaxPatternWidth)
    return "pattern can match more than " + std::to_string(kMaxPatternWidth) +
           " bytes; bound every repetition (e.g. {0,64} instead of * or +)";
  if (width) *width = w;
  return {};
}

bool RuleDatabase::adopt_cache(const std::string& path, bool* damaged) {
  CachedRules cached;
  *damaged = false;
  if (path.empty()) return false;
  CacheRead got = read_rule_cache(path, &cached);
  *damaged = got == CacheRead::kDamaged;
  if (got != CacheRead::kOk) return false;
  if (!rules_.empty() && cached.rules.size() != rules_.size()) {
    hs_free_database(cached.db);
    return false;
  }
  if (rules_.empty()) rules_ = std::move(cached.rules);
  widths_ = std::move(cached.widths);
  db_ = cached.db;
  from_cache_ = true;
  return true;
}

void RuleDatabase::compile_and_store(const std::string& path, bool damaged, const CacheOptions& cache) {
  check_unique_ids(rules_);
  if (rules_.empty()) throw Error("rules", "no rules to scan with");
  // Validate every rule in both engines before compiling the shared database, so the error
  // names the rule rather than an index.
  widths_.clear();
  for (const Rule& r : rules_) {
    uint32_t width = 0;
    if (std::string p = pattern_problem(r.pattern, /*compile_hyperscan=*/false, &width); !p.empty())
      throw Error("rule " + r.id, p);
    check_allowlist(r);
    widths_.push_back(width);
  }
  db_ = compile_all(rules_, options_.base64_runs);
  if (!path.empty()) {
    std::vector<Rule> slim = rules_;
    for (Rule& r : slim) {
      r.examples.clear();
      r.negative_examples.clear();
    }
    std::string failed = write_rule_cache(path, slim, widths_, db_);
    if (cache.warnings && damaged && failed.empty())
      cache.warnings->push_back("rule cache " + path + " was damaged: rules compiled afresh, entry replaced");
    else if (cache.warnings && !failed.empty())
      cache.warnings->push_back("rule cache " + (damaged ? path + " was damaged and " : std::string()) + failed +
                                ": rules compiled in memory (--no-cache skips the cache)");
  }
}

std::unique_ptr<RuleDatabase> RuleDatabase::build(std::vector<Rule> rules, const CacheOptions& cache,
                                                  Options options) {
  std::unique_ptr<RuleDatabase> db(new RuleDatabase());
  db->rules_ = std::move(rules);
  db->options_ = options;
  std::string dir = cache.enabled ? cache_directory(cache) : std::string();
  std::string path =
      dir.empty() ? std::string() : dir + "/" + cache_key(pattern_key(db->rules_, options)) + ".rules";
  bool damaged = false;
  if (!db->rules_.empty() && db->adopt_cache(path, &damaged)) {
    db->lazy_ = std::make_unique<Lazy[]>(db->rules_.size());
    return db;
  }
  db->compile_and_store(path, damaged, cache);
  db->lazy_ = std::make_unique<Lazy[]>(db->rules_.size());
  return db;
}

std::unique_ptr<RuleDatabase> RuleDatabase::build_from_texts(const std::vector<RuleText>& texts,
                                                             const CacheOptions& cache) {
  std::unique_ptr<RuleDatabase> db(new RuleDatabase());
  db->options_.base64_runs = true;
  std::string dir = cache.enabled ? cache_directory(cache) : std::string();
  std::string path;
  if (!dir.empty()) {
    Sha256 h;
    h.update("texts\n");
    h.update(std::string(kBase64RunPattern) + "\n");
    for (const RuleText& t : texts) {
      h.update(t.origin);
      h.update(std::string_view("\0", 1));
      h.update(t.digest.empty() ? sha256_hex(t.text) : t.digest);
      h.update(std::string_view("\0", 1));
    }
    auto d = h.digest();
    path = dir + "/" + cache_key(to_hex(d.data(), d.size())) + ".rules";
  }
  bool damaged = false;
  if (!db->adopt_cache(path, &damaged)) {
    db->rules_ = parse_rule_texts(texts);
    db->compile_and_store(path, damaged, cache);
  }
  db->lazy_ = std::make_unique<Lazy[]>(db->rules_.size());
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
    for (const auto& a : rules_[i].allowlist.weak) l.weak.push_back(std::make_unique<RE2>(a, byte_regex_options()));
    for (const auto& a : rules_[i].allowlist.names) l.names.push_back(std::make_unique<RE2>(a, byte_regex_options()));
    if (const auto it = named.find("name"); it != named.end()) l.name_group = it->second;
    if (!rules_[i].block_end.empty()) l.block_end = std::make_unique<RE2>(rules_[i].block_end, byte_regex_options());
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

const std::vector<std::unique_ptr<RE2>>& RuleDatabase::weak_regexes(uint32_t i) const {
  compile_lazy(i);
  return lazy_[i].weak;
}

const std::vector<std::unique_ptr<RE2>>& RuleDatabase::name_regexes(uint32_t i) const {
  compile_lazy(i);
  return lazy_[i].names;
}

const RE2& RuleDatabase::block_end_regex(uint32_t i) const {
  compile_lazy(i);
  return *lazy_[i].block_end;
}

int RuleDatabase::name_group(uint32_t i) const {
  compile_lazy(i);
  return lazy_[i].name_group;
}

}  // namespace keysweep
