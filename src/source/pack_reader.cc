// Pack files (format: git's Documentation/gitformat-pack): "PACK", version, count, then objects,
// each a size/type header, an optional base (offset or id) for deltas, and zlib data. Object
// boundaries come from the .idx offsets; only blobs the caller wants, and the bases they need,
// are inflated.
#include "source/pack_reader.h"

#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <list>
#include <memory>
#include <unordered_map>

#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_for_each.h>

#include "source/pack_check.h"
#include "util/file_bytes.h"

namespace keysweep {
namespace {

constexpr int kOfsDelta = 6, kRefDelta = 7;
constexpr uint32_t kNone = UINT32_MAX;
// Packs are mapped: git replaces them (write, then rename) and never truncates one in place.
constexpr uint64_t kMapFrom = 256 << 10;

uint32_t be32(const unsigned char* p) { return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3]; }

struct Entry {
  uint64_t offset = 0, data = 0, end = 0;  // header start, zlib data start, next object
  uint64_t size = 0;                        // inflated size (delta size for deltas)
  uint32_t base = kNone;                    // index of the base entry, for deltas
  uint32_t first_child = kNone, next_sibling = kNone;
  int type = 0;
  bool useful = false;  // wanted, or a base on the way to something wanted
  std::vector<size_t> wanted;  // indexes into the caller's list
};

class Pack {
 public:
  bool open(const std::string& idx_path, const std::string& pack_path) {
    std::string err;
    if (idx_.load(idx_path, uint64_t(1) << 40, &err, false, kMapFrom) != FileBytes::Status::kOk) return false;
    if (pack_.load(pack_path, uint64_t(1) << 40, &err, false, kMapFrom) != FileBytes::Status::kOk) return false;
    auto idx = reinterpret_cast<const unsigned char*>(idx_.view().data());
    size_t isz = idx_.view().size();
    if (isz < 8 + 1024 || std::memcmp(idx, "\377tOc", 4) != 0 || be32(idx + 4) != 2) return false;
    n_ = be32(idx + 8 + 255 * 4);
    if (n_ > (isz - 8 - 1024) / 28 || isz < 8 + 1024 + size_t(n_) * 28 + 40) return false;
    size_t psz = pack_.view().size();
    auto pack = reinterpret_cast<const unsigned char*>(pack_.view().data());
    if (psz < 32 || std::memcmp(pack, "PACK", 4) != 0 || be32(pack + 8) != n_) return false;
    // The idx records the checksum of the pack it was made for: a stale or foreign idx (one that
    // disagrees with its pack) is not used, and libgit2 reports what it makes of the pair.
    if (std::memcmp(idx + isz - 40, pack + psz - 20, 20) != 0) return false;
    ids_ = idx + 8 + 1024;
    const unsigned char* offs = ids_ + size_t(n_) * 24;
    const unsigned char* large = offs + size_t(n_) * 4;
    // Entries in pack order; by_id_[k] maps the k-th id of the .idx to its entry.
    std::vector<std::pair<uint64_t, uint32_t>> order(n_);
    for (uint32_t k = 0; k < n_; ++k) {
      uint32_t o = be32(offs + size_t(k) * 4);
      uint64_t off = o;
      if (o & 0x80000000u) {
        const unsigned char* l = large + size_t(o & 0x7fffffffu) * 8;
        if (l + 8 > idx + isz) return false;
        off = uint64_t(be32(l)) << 32 | be32(l + 4);
      }
      order[k] = {off, k};
    }
    std::sort(order.begin(), order.end());
    entries_.resize(n_);
    by_id_.resize(n_);
    uint64_t pack_end = pack_.view().size() - 20;  // trailing checksum
    for (uint32_t i = 0; i < n_; ++i)
      if (order[i].first < 12 || order[i].first >= pack_end) return false;  // outside the objects
    for (uint32_t i = 0; i < n_; ++i) {
      entries_[i].offset = order[i].first;
      entries_[i].end = i + 1 < n_ ? order[i + 1].first : pack_end;
      by_id_[order[i].second] = i;
    }
    crcs_ = ids_ + size_t(n_) * 20;
    index_ids();
    for (uint32_t i = 0; i < n_; ++i)
      if (!parse_header(i)) return false;
    for (uint32_t i = n_; i-- > 0;) {  // children lists, in pack order
      Entry& e = entries_[i];
      if (e.base == kNone) continue;
      e.next_sibling = entries_[e.base].first_child;
      entries_[e.base].first_child = i;
    }
    return true;
  }

  // The entry holding `oid`, or kNone.
  uint32_t find(const git_oid& oid) const {
    uint32_t lo = 0, hi = n_;
    while (lo < hi) {
      uint32_t mid = lo + (hi - lo) / 2;
      int c = std::memcmp(ids_ + size_t(mid) * 20, oid.id, 20);
      if (c == 0) return by_id_[mid];
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    return kNone;
  }

  void want(uint32_t entry, size_t index) {
    entries_[entry].wanted.push_back(index);
    for (uint32_t e = entry; e != kNone && !entries_[e].useful; e = entries_[e].base) entries_[e].useful = true;
  }

  std::vector<uint32_t> roots() const {
    std::vector<uint32_t> r;
    for (uint32_t i = 0; i < n_; ++i)
      if (entries_[i].useful && entries_[i].base == kNone && entries_[i].type != 0) r.push_back(i);
    return r;
  }

  // Inflates entry `i`'s data into `out`; false when the data is damaged.
  bool inflate(uint32_t i, z_stream* z, std::string* out) const {
    const Entry& e = entries_[i];
    // The idx holds a CRC-32 of each object's packed bytes: an idx whose offsets or ids disagree
    // with its pack (damage that keeps the pack's checksum) fails here instead of handing out
    // one object's content under another's id.
    const Bytef* raw = reinterpret_cast<const Bytef*>(pack_.view().data() + e.offset);
    if (uint32_t(crc32(0, raw, uInt(e.end - e.offset))) != be32(crcs_ + size_t(id_of_[i]) * 4)) return false;
    // zlib inflates at most ~1032:1, so a header claiming more than that is damage, not a reason
    // to allocate gigabytes.
    if (e.data >= e.end || e.size > (uint64_t(1) << 32) || e.size > (e.end - e.data) * 1032 + 64) return false;
    out->resize(e.size);
    inflateReset(z);
    z->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(pack_.view().data() + e.data));
    z->avail_in = uInt(e.end - e.data);
    z->next_out = reinterpret_cast<Bytef*>(out->data());
    z->avail_out = uInt(e.size);
    int rc = ::inflate(z, Z_FINISH);
    return rc == Z_STREAM_END && z->total_out == e.size;
  }

  const Entry& entry(uint32_t i) const { return entries_[i]; }
  uint32_t size() const { return n_; }

 private:
  bool parse_header(uint32_t i) {
    Entry& e = entries_[i];
    auto p = reinterpret_cast<const unsigned char*>(pack_.view().data());
    uint64_t pos = e.offset;
    if (pos >= e.end) return false;
    unsigned char c = p[pos++];
    e.type = (c >> 4) & 7;
    e.size = c & 15;
    for (int shift = 4; c & 0x80; shift += 7) {
      if (pos >= e.end || shift > 60) return false;
      c = p[pos++];
      e.size |= uint64_t(c & 0x7f) << shift;
    }
    if (e.type == kOfsDelta) {
      if (pos >= e.end) return false;
      c = p[pos++];
      uint64_t back = c & 127;
      while (c & 128) {
        if (pos >= e.end) return false;
        c = p[pos++];
        back = ((back + 1) << 7) | (c & 127);
      }
      if (back == 0 || back > e.offset) return false;
      uint64_t base_off = e.offset - back;
      auto it = std::lower_bound(entries_.begin(), entries_.begin() + i, base_off,
                                 [](const Entry& x, uint64_t o) { return x.offset < o; });
      if (it == entries_.begin() + i || it->offset != base_off) return false;
      e.base = uint32_t(it - entries_.begin());
    } else if (e.type == kRefDelta) {
      if (pos + 20 > e.end) return false;
      git_oid base;
      std::memcpy(base.id, p + pos, 20);
      pos += 20;
      e.base = find(base);  // a thin pack's external base stays kNone: not resolved here
      if (e.base == kNone) e.type = 0;
    } else if (e.type < 1 || e.type > 4) {
      return false;
    }
    e.data = pos;
    return true;
  }

  FileBytes idx_, pack_;
  uint32_t n_ = 0;
  const unsigned char* ids_ = nullptr;
  const unsigned char* crcs_ = nullptr;
  std::vector<Entry> entries_;
  std::vector<uint32_t> by_id_;

 public:
  // Marks every entry whose chain ends in a blob as wanted (its `wanted` holds its own index).
  void want_all_blobs() {
    std::vector<int8_t> root_type(n_, -1);
    for (uint32_t i = 0; i < n_; ++i) {
      std::vector<uint32_t> path;
      uint32_t e = i;
      while (root_type[e] < 0 && entries_[e].base != kNone && path.size() <= n_) {
        path.push_back(e);
        e = entries_[e].base;
      }
      int8_t t = root_type[e] >= 0 ? root_type[e] : int8_t(entries_[e].base == kNone ? entries_[e].type : 0);
      root_type[e] = t;
      for (uint32_t x : path) root_type[x] = t;
      if (t == 3) {
        entries_[i].wanted.push_back(i);
        for (uint32_t x = i; x != kNone && !entries_[x].useful; x = entries_[x].base) entries_[x].useful = true;
      }
    }
  }
  // The id of entry `i`.
  git_oid oid_of(uint32_t i) const {
    git_oid o;
    std::memcpy(o.id, ids_ + size_t(id_of_[i]) * 20, 20);
    return o;
  }
  void index_ids() {
    id_of_.resize(n_);
    for (uint32_t k = 0; k < n_; ++k) id_of_[by_id_[k]] = k;
  }

 private:
  std::vector<uint32_t> id_of_;
};

struct Inflater {
  z_stream z{};
  Inflater() { inflateInit(&z); }
  ~Inflater() { inflateEnd(&z); }
};

uint64_t varint(std::string_view d, size_t* pos, bool* ok) {
  uint64_t v = 0;
  for (int shift = 0;; shift += 7) {
    if (*pos >= d.size() || shift > 63) {
      *ok = false;
      return 0;
    }
    unsigned char c = static_cast<unsigned char>(d[(*pos)++]);
    v |= uint64_t(c & 0x7f) << shift;
    if (!(c & 0x80)) return v;
  }
}

// The object folders to read: `objects_dir`, then those its objects/info/alternates names
// (absolute or relative to the folder naming them), recursively to git's depth limit of 5.
void object_dirs(const std::string& dir, int depth, std::vector<std::string>* out) {
  std::error_code ec;
  std::string real = std::filesystem::weakly_canonical(dir, ec).string();
  if (ec || depth > 5 || std::find(out->begin(), out->end(), real) != out->end()) return;
  out->push_back(real);
  std::ifstream alternates(real + "/info/alternates");
  for (std::string line; std::getline(alternates, line);) {
    if (line.empty() || line[0] == '#') continue;
    object_dirs(line[0] == '/' ? line : real + "/" + line, depth + 1, out);
  }
}

std::vector<std::unique_ptr<Pack>> open_packs(const std::string& objects_dir) {
  if (pack_reader_disabled()) return {};  // everything through libgit2 (differential checks)
  std::vector<std::string> idx_files, dirs;
  object_dirs(objects_dir, 0, &dirs);
  std::error_code ec;
  for (const std::string& dir : dirs) {
    std::vector<std::string> here;
    for (auto it = std::filesystem::directory_iterator(dir + "/pack", ec);
         !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
      if (it->path().extension() == ".idx") here.push_back(it->path().string());
    std::sort(here.begin(), here.end());
    idx_files.insert(idx_files.end(), here.begin(), here.end());
  }
  std::vector<std::unique_ptr<Pack>> packs;
  for (const auto& idx : idx_files) {
    auto pack = std::make_unique<Pack>();
    if (pack->open(idx, idx.substr(0, idx.size() - 4) + ".pack")) packs.push_back(std::move(pack));
  }
  return packs;
}

}  // namespace

bool apply_git_delta(std::string_view base, std::string_view delta, std::string* out) {
  size_t pos = 0;
  bool ok = true;
  uint64_t base_size = varint(delta, &pos, &ok), result_size = varint(delta, &pos, &ok);
  // Each op byte yields at most 127 inserted bytes or one copy from the base: a larger promised
  // size is damage, refused before allocating.
  if (!ok || base_size != base.size() || result_size > (uint64_t(1) << 32) ||
      result_size > uint64_t(delta.size()) * (base.size() + 127))
    return false;
  out->resize(result_size);
  size_t w = 0;
  while (pos < delta.size()) {
    unsigned char op = static_cast<unsigned char>(delta[pos++]);
    if (op & 0x80) {  // copy from base: offset and size bytes present per bit
      uint64_t off = 0, size = 0;
      for (int b = 0; b < 4; ++b)
        if (op & (1 << b)) {
          if (pos >= delta.size()) return false;
          off |= uint64_t(static_cast<unsigned char>(delta[pos++])) << (8 * b);
        }
      for (int b = 0; b < 3; ++b)
        if (op & (0x10 << b)) {
          if (pos >= delta.size()) return false;
          size |= uint64_t(static_cast<unsigned char>(delta[pos++])) << (8 * b);
        }
      if (size == 0) size = 0x10000;
      if (off + size > base.size() || w + size > result_size) return false;
      std::memcpy(out->data() + w, base.data() + off, size);
      w += size;
    } else if (op) {  // insert `op` literal bytes
      if (pos + op > delta.size() || w + op > result_size) return false;
      std::memcpy(out->data() + w, delta.data() + pos, op);
      pos += op;
      w += op;
    } else {
      return false;
    }
  }
  return w == result_size;
}

// Depth-first over each pack's delta forest, roots in parallel: every useful object is built
// once from its base and handed to `emit` while its base is still in memory.
void walk_delta_forests(const std::vector<std::unique_ptr<Pack>>& packs, unsigned threads,
                        const std::function<void(const Pack&, uint32_t, const Entry&, const std::string&)>& emit) {
  struct Root {
    const Pack* pack;
    uint32_t entry;
  };
  std::vector<Root> roots;
  for (const auto& p : packs)
    for (uint32_t r : p->roots()) roots.push_back({p.get(), r});
  oneapi::tbb::global_control limit(oneapi::tbb::global_control::max_allowed_parallelism, std::max(1u, threads));
  oneapi::tbb::enumerable_thread_specific<Inflater> inflaters;
  oneapi::tbb::parallel_for_each(roots.begin(), roots.end(), [&](const Root& root) {
    z_stream* z = &inflaters.local().z;
    struct Frame {
      uint32_t entry;
      std::string content;
      uint32_t next_child;
    };
    std::vector<Frame> stack;
    std::string delta;
    const Pack& pack = *root.pack;
    Frame top{root.entry, {}, pack.entry(root.entry).first_child};
    if (!pack.inflate(root.entry, z, &top.content)) return;
    emit(pack, root.entry, pack.entry(root.entry), top.content);
    stack.push_back(std::move(top));
    while (!stack.empty()) {
      Frame& f = stack.back();
      uint32_t child = f.next_child;
      while (child != kNone && !pack.entry(child).useful) child = pack.entry(child).next_sibling;
      if (child == kNone) {
        stack.pop_back();
        continue;
      }
      f.next_child = pack.entry(child).next_sibling;
      Frame next{child, {}, pack.entry(child).first_child};
      if (!pack.inflate(child, z, &delta) || !apply_git_delta(f.content, delta, &next.content)) continue;
      emit(pack, child, pack.entry(child), next.content);
      stack.push_back(std::move(next));
    }
  });
}

void read_all_packed_blobs(const std::string& objects_dir, unsigned threads,
                           const std::function<void(const git_oid&, std::string_view)>& sink) {
  std::vector<std::unique_ptr<Pack>> packs = open_packs(objects_dir);
  for (auto& p : packs) p->want_all_blobs();
  walk_delta_forests(packs, threads, [&](const Pack& pack, uint32_t i, const Entry& e, const std::string& content) {
    if (!e.wanted.empty()) sink(pack.oid_of(i), content);
  });
}

std::vector<bool> read_packed_blobs(const std::string& objects_dir, const std::vector<git_oid>& wanted,
                                    unsigned threads,
                                    const std::function<void(size_t, std::string_view)>& sink) {
  std::vector<bool> done(wanted.size(), false);
  std::vector<std::unique_ptr<Pack>> packs = open_packs(objects_dir);
  std::vector<bool> claimed(wanted.size(), false);
  for (auto& pack : packs) {
    for (size_t w = 0; w < wanted.size(); ++w) {
      if (claimed[w]) continue;
      uint32_t e = pack->find(wanted[w]);
      if (e == kNone) continue;
      pack->want(e, w);
      claimed[w] = true;
    }
  }

  std::vector<uint8_t> produced(wanted.size(), 0);  // distinct slots per object: no race
  walk_delta_forests(packs, threads, [&](const Pack&, uint32_t, const Entry& e, const std::string& content) {
    for (size_t w : e.wanted) {
      sink(w, content);
      produced[w] = 1;
    }
  });
  for (size_t w = 0; w < wanted.size(); ++w) done[w] = produced[w] != 0;
  return done;
}

struct PackedObjectStore::Impl {
  std::vector<std::unique_ptr<Pack>> packs;
  Inflater inflater;
  size_t budget = 0, used = 0;
  // LRU of resolved objects keyed by (pack, entry): front is most recent.
  using Key = uint64_t;
  struct Item {
    Key key;
    std::shared_ptr<const std::string> content;
    int type;
  };
  std::list<Item> lru;
  std::unordered_map<Key, std::list<Item>::iterator> index;

  const Item* cached(Key k) {
    auto it = index.find(k);
    if (it == index.end()) return nullptr;
    lru.splice(lru.begin(), lru, it->second);
    return &*it->second;
  }
  void put(Key k, std::shared_ptr<const std::string> content, int type) {
    if (index.count(k)) return;
    used += content->size();
    lru.push_front({k, std::move(content), type});
    index[k] = lru.begin();
    while (used > budget && lru.size() > 1) {
      used -= lru.back().content->size();
      index.erase(lru.back().key);
      lru.pop_back();
    }
  }
};

PackedObjectStore::PackedObjectStore(const std::string& objects_dir, size_t cache_bytes) : impl_(new Impl) {
  impl_->packs = open_packs(objects_dir);
  impl_->budget = cache_bytes;
}

PackedObjectStore::~PackedObjectStore() = default;

std::shared_ptr<const std::string> PackedObjectStore::read(const git_oid& oid, int* type) {
  for (size_t p = 0; p < impl_->packs.size(); ++p) {
    const Pack& pack = *impl_->packs[p];
    uint32_t e = pack.find(oid);
    if (e == kNone) continue;
    auto key = [&](uint32_t entry) { return (Impl::Key(p) << 32) | entry; };
    if (const Impl::Item* hit = impl_->cached(key(e))) {
      *type = hit->type;
      return hit->content;
    }
    // Walk down to a cached or full base, then build back up, caching each step.
    std::vector<uint32_t> chain{e};
    std::shared_ptr<const std::string> content;
    int t = 0;
    while (true) {
      const Entry& cur = pack.entry(chain.back());
      if (cur.base == kNone) break;
      if (const Impl::Item* hit = impl_->cached(key(cur.base))) {
        content = hit->content;
        t = hit->type;
        break;
      }
      if (chain.size() > 10000) return nullptr;  // a cycle means damage
      chain.push_back(cur.base);
    }
    if (!content) {
      if (pack.entry(chain.back()).type == 0) return nullptr;  // thin-pack delta: base elsewhere
      auto root = std::make_shared<std::string>();
      if (!pack.inflate(chain.back(), &impl_->inflater.z, root.get())) return nullptr;
      t = pack.entry(chain.back()).type;
      content = root;
      impl_->put(key(chain.back()), content, t);
      chain.pop_back();
    }
    std::string delta;
    while (!chain.empty()) {
      auto next = std::make_shared<std::string>();
      if (!pack.inflate(chain.back(), &impl_->inflater.z, &delta) || !apply_git_delta(*content, delta, next.get()))
        return nullptr;
      content = next;
      impl_->put(key(chain.back()), content, t);
      chain.pop_back();
    }
    *type = t;
    return content;
  }
  return nullptr;
}

}  // namespace keysweep
