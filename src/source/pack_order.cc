// Pack index (.idx version 2) reader: fanout table, sorted object ids, offsets. Only what is
// needed to look up an object's offset; the pack data itself is read by libgit2.
#include "source/pack_order.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <filesystem>

#include "util/file_bytes.h"

namespace keysweep {
namespace {

uint32_t be32(const char* p) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return uint32_t(u[0]) << 24 | uint32_t(u[1]) << 16 | uint32_t(u[2]) << 8 | uint32_t(u[3]);
}

class PackIndex {
 public:
  bool open(const std::string& path) {
    std::string err;
    if (bytes_.load(path, uint64_t(1) << 40, &err, /*detect_binary=*/false) != FileBytes::Status::kOk) return false;
    std::string_view v = bytes_.view();
    if (v.size() < 8 + 1024 || std::memcmp(v.data(), "\377tOc", 4) != 0 || be32(v.data() + 4) != 2) return false;
    n_ = be32(v.data() + 8 + 255 * 4);
    size_t need = 8 + 1024 + size_t(n_) * (20 + 4 + 4);
    if (v.size() < need) return false;
    return true;
  }
  // Offset of `oid` in the pack, or false when the pack does not hold it.
  bool find(const git_oid& oid, uint64_t* offset) const {
    const char* base = bytes_.view().data();
    const char* fan = base + 8;
    uint8_t first = oid.id[0];
    uint32_t lo = first ? be32(fan + (first - 1) * 4) : 0, hi = be32(fan + first * 4);
    const char* ids = base + 8 + 1024;
    while (lo < hi) {
      uint32_t mid = lo + (hi - lo) / 2;
      int c = std::memcmp(ids + size_t(mid) * 20, oid.id, 20);
      if (c == 0) {
        const char* offs = ids + size_t(n_) * 24;
        uint32_t o = be32(offs + size_t(mid) * 4);
        if (o & 0x80000000u) {
          const char* large = offs + size_t(n_) * 4 + size_t(o & 0x7fffffffu) * 8;
          if (large + 8 > base + bytes_.view().size()) return false;
          *offset = uint64_t(be32(large)) << 32 | be32(large + 4);
        } else {
          *offset = o;
        }
        return true;
      }
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    return false;
  }

 private:
  FileBytes bytes_;
  uint32_t n_ = 0;
};

}  // namespace

std::vector<uint64_t> pack_order_keys(const std::string& objects_dir, const std::vector<git_oid>& oids) {
  std::vector<uint64_t> keys(oids.size(), UINT64_MAX);
  std::vector<std::string> idx_files;
  std::error_code ec;
  for (auto it = std::filesystem::directory_iterator(objects_dir + "/pack", ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
    if (it->path().extension() == ".idx") idx_files.push_back(it->path().string());
  std::sort(idx_files.begin(), idx_files.end());
  std::vector<PackIndex> packs(idx_files.size());
  for (size_t p = 0; p < idx_files.size() && p < (1u << 20); ++p) {
    if (!packs[p].open(idx_files[p])) continue;
    for (size_t i = 0; i < oids.size(); ++i) {
      uint64_t off;
      if (keys[i] == UINT64_MAX && packs[p].find(oids[i], &off)) keys[i] = (uint64_t(p) << 40) | off;
    }
  }
  return keys;
}

}  // namespace keysweep
