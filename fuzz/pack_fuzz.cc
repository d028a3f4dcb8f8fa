// The pack reader over an arbitrary .idx and .pack pair. Input: u32 (little-endian) length of the
// idx, the idx bytes, then the pack bytes. Every reader entry point runs on them: the delta forest
// walk over all blobs, wanted-list reads, and random access through the delta cache. They must
// not crash, hang or read outside the files, whatever the bytes.
#include <cstring>
#include <vector>

#include "fuzz_support.h"
#include "source/pack_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 4) return 0;
  uint32_t idx_len;
  std::memcpy(&idx_len, data, 4);
  std::string_view rest = keysweep::fuzz::bytes(data + 4, size - 4);
  if (idx_len > rest.size()) return 0;
  keysweep::fuzz::write_scratch("objects/pack/pack-x.idx", rest.substr(0, idx_len));
  keysweep::fuzz::write_scratch("objects/pack/pack-x.pack", rest.substr(idx_len));
  std::string objects = keysweep::fuzz::scratch_dir() + "/objects";

  std::vector<git_oid> ids;
  keysweep::read_all_packed_blobs(objects, 1, [&](const git_oid& id, std::string_view content) {
    FUZZ_CHECK(content.size() <= (uint64_t(1) << 32));
    if (ids.size() < 64) ids.push_back(id);
  });
  // Ids straight from the idx too (they need not be blobs, or parse at all).
  std::string_view idx = rest.substr(0, idx_len);
  if (idx.size() >= 8 + 1024 + 20)
    for (size_t at = 8 + 1024; at + 20 <= idx.size() && ids.size() < 128; at += 20) {
      git_oid o;
      std::memcpy(o.id, idx.data() + at, 20);
      ids.push_back(o);
    }
  std::vector<int> seen(ids.size(), 0);
  auto done = keysweep::read_packed_blobs(objects, ids, 1, [&](size_t w, std::string_view) {
    FUZZ_CHECK(w < ids.size());
    ++seen[w];
  });
  for (size_t w = 0; w < ids.size(); ++w) FUZZ_CHECK(seen[w] <= 1 && (seen[w] == 1) == bool(done[w]));
  keysweep::PackedObjectStore store(objects, 1 << 16);
  for (const git_oid& id : ids) {
    int type = 0;
    if (auto content = store.read(id, &type)) FUZZ_CHECK(type >= 1 && type <= 4);
  }
  return 0;
}
