// Cache file format (native byte order; the key covers the platform):
//   magic "KSRULES5" | u64 rule count | rules | u32 width per rule |
//   u32 CRC-32 of everything before it | Hyperscan database bytes (checked by Hyperscan)
// Each rule is a fixed sequence of length-prefixed strings and lists, see put_rule().
#include "rules/rule_cache.h"

#include <zlib.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "keysweep/error.h"
#include "util/atomic_file.h"
#include "util/file_bytes.h"
#include "util/sha256.h"

namespace keysweep {
namespace fs = std::filesystem;

namespace {

constexpr char kMagic[8] = {'K', 'S', 'R', 'U', 'L', 'E', 'S', '5'};

class Writer {
 public:
  void u64(uint64_t v) { out_.append(reinterpret_cast<const char*>(&v), 8); }
  void str(const std::string& s) {
    u64(s.size());
    out_ += s;
  }
  void strs(const std::vector<std::string>& v) {
    u64(v.size());
    for (const auto& s : v) str(s);
  }
  void raw(const void* p, size_t n) { out_.append(static_cast<const char*>(p), n); }
  std::string& bytes() { return out_; }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool u64(uint64_t* v) {
    if (in_.size() - pos_ < 8) return false;
    std::memcpy(v, in_.data() + pos_, 8);
    pos_ += 8;
    return true;
  }
  bool str(std::string* s) {
    uint64_t n;
    if (!u64(&n) || in_.size() - pos_ < n) return false;
    s->assign(in_.data() + pos_, n);
    pos_ += n;
    return true;
  }
  bool strs(std::vector<std::string>* v) {
    uint64_t n;
    if (!u64(&n) || n > in_.size()) return false;
    v->resize(n);
    for (auto& s : *v)
      if (!str(&s)) return false;
    return true;
  }
  bool raw(void* p, size_t n) {
    if (in_.size() - pos_ < n) return false;
    std::memcpy(p, in_.data() + pos_, n);
    pos_ += n;
    return true;
  }
  std::string_view rest() const { return in_.substr(pos_); }
  std::string_view done() const { return in_.substr(0, pos_); }

 private:
  std::string_view in_;
  size_t pos_ = 0;
};

void put_rule(Writer& w, const Rule& r) {
  for (const std::string* s : {&r.id, &r.name, &r.provider, &r.description, &r.pattern, &r.origin}) w.str(*s);
  w.u64(uint64_t(r.severity));
  w.raw(&r.min_entropy, sizeof r.min_entropy);
  w.u64(r.generic ? 1 : 0);
  for (auto e : {uint64_t(r.confidence), uint64_t(r.weak_values), uint64_t(r.encoding)}) w.u64(e);
  w.str(r.block_end);
  for (const auto* v : {&r.keywords, &r.paths, &r.allowlist.regexes, &r.allowlist.weak, &r.allowlist.stopwords,
                        &r.allowlist.names, &r.references})
    w.strs(*v);
}

bool get_rule(Reader& rd, Rule* r) {
  for (std::string* s : {&r->id, &r->name, &r->provider, &r->description, &r->pattern, &r->origin})
    if (!rd.str(s)) return false;
  uint64_t sev, generic;
  if (!rd.u64(&sev) || sev > uint64_t(Severity::kCritical)) return false;
  r->severity = Severity(sev);
  if (!rd.raw(&r->min_entropy, sizeof r->min_entropy) || !rd.u64(&generic)) return false;
  r->generic = generic != 0;
  uint64_t conf, weak, enc;
  if (!rd.u64(&conf) || conf > uint64_t(Confidence::kHigh) || !rd.u64(&weak) || weak > uint64_t(WeakValues::kCredentialFiles) ||
      !rd.u64(&enc) || enc > uint64_t(Encoding::kPercent) || !rd.str(&r->block_end))
    return false;
  r->confidence = Confidence(conf);
  r->weak_values = WeakValues(weak);
  r->encoding = Encoding(enc);
  for (auto* v : {&r->keywords, &r->paths, &r->allowlist.regexes, &r->allowlist.weak, &r->allowlist.stopwords,
                  &r->allowlist.names, &r->references})
    if (!rd.strs(v)) return false;
  return true;
}

}  // namespace

std::string cache_directory(const CacheOptions& c) {
  if (!c.dir.empty()) return c.dir;
  if (const char* d = std::getenv("KEYSWEEP_CACHE_DIR"); d && *d) return d;
  if (const char* d = std::getenv("XDG_CACHE_HOME"); d && *d) return std::string(d) + "/keysweep";
  if (const char* d = std::getenv("HOME"); d && *d) return std::string(d) + "/.cache/keysweep";
  return {};
}

std::string cache_key(const std::string& content_key) {
  Sha256 h;
  h.update(std::string_view(kMagic, sizeof kMagic));
  h.update(hs_version());
  hs_platform_info_t plat{};
  hs_populate_platform(&plat);
  h.update(std::string_view(reinterpret_cast<const char*>(&plat), sizeof plat));
  h.update(content_key);
  auto d = h.digest();
  return to_hex(d.data(), 16);
}

CacheRead read_rule_cache(const std::string& path, CachedRules* out) {
  FileBytes file;
  std::string err;
  std::error_code ec;
  if (!fs::exists(path, ec)) return CacheRead::kMissing;
  if (file.load(path, uint64_t(1) << 32, &err, /*detect_binary=*/false, /*mmap_threshold=*/256 << 10) != FileBytes::Status::kOk)
    return CacheRead::kDamaged;
  Reader rd(file.view());
  char magic[8];
  uint64_t n;
  if (!rd.raw(magic, 8) || std::memcmp(magic, kMagic, 8) != 0 || !rd.u64(&n) || n > file.view().size())
    return CacheRead::kDamaged;
  std::vector<Rule> rules(n);
  for (Rule& r : rules)
    if (!get_rule(rd, &r)) return CacheRead::kDamaged;
  std::vector<uint32_t> widths(n);
  if (!rd.raw(widths.data(), n * 4)) return CacheRead::kDamaged;
  std::string_view checked = rd.done();
  uint32_t crc = 0;
  if (!rd.raw(&crc, 4) ||
      crc != uint32_t(crc32(0, reinterpret_cast<const Bytef*>(checked.data()), uInt(checked.size()))))
    return CacheRead::kDamaged;
  hs_database_t* db = nullptr;
  std::string_view rest = rd.rest();
  if (hs_deserialize_database(rest.data(), rest.size(), &db) != HS_SUCCESS) return CacheRead::kDamaged;
  out->rules = std::move(rules);
  out->widths = std::move(widths);
  out->db = db;
  return CacheRead::kOk;
}

std::string write_rule_cache(const std::string& path, const std::vector<Rule>& rules,
                             const std::vector<uint32_t>& widths, const hs_database_t* db) {
  char* ser = nullptr;
  size_t len = 0;
  if (hs_serialize_database(db, &ser, &len) != HS_SUCCESS) return path + ": Hyperscan cannot serialize the database";
  Writer w;
  w.raw(kMagic, sizeof kMagic);
  w.u64(rules.size());
  for (const Rule& r : rules) put_rule(w, r);
  w.raw(widths.data(), widths.size() * 4);
  uint32_t crc = uint32_t(crc32(0, reinterpret_cast<const Bytef*>(w.bytes().data()), uInt(w.bytes().size())));
  w.raw(&crc, 4);
  w.raw(ser, len);
  std::free(ser);
  std::error_code ec;
  fs::path dir = fs::path(path).parent_path();
  fs::create_directories(dir, ec);
  if (ec) return dir.string() + ": cannot write: " + ec.message();
  try {
    write_file_atomically(path, w.bytes());
  } catch (const Error& e) {
    return e.what();
  }
  return {};
}

}  // namespace keysweep
