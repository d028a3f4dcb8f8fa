// Differential check of our pack reader against libgit2's object database.
#include "source/pack_check.h"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <unordered_map>

#include "keysweep/error.h"
#include "source/git_repo.h"
#include "source/pack_reader.h"

namespace keysweep {
namespace {

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

bool pack_reader_disabled() {
  const char* v = std::getenv("KEYSWEEP_NO_PACK_READER");
  return v && *v;
}

PackCheck check_pack_reader(const std::string& git_dir) {
  RepoHandle repo = open_repository(git_dir);
  git_odb* raw = nullptr;
  if (git_repository_odb(&raw, repo.get()) != 0) throw Error(git_dir, "cannot open the object database: " + git_error_text());
  OdbHandle odb(raw);
  std::vector<git_oid> ids;
  git_odb_foreach(
      odb.get(), [](const git_oid* id, void* p) { static_cast<std::vector<git_oid>*>(p)->push_back(*id); return 0; }, &ids);
  std::string objects = std::string(git_repository_commondir(repo.get())) + "objects";

  PackCheck out;
  out.objects = ids.size();
  auto mismatch = [&](const git_oid& id, const std::string& what) {
    if (out.mismatches.size() < 20) out.mismatches.push_back(oid_hex(id) + ": " + what);
  };
  // libgit2's view, kept for the streamed comparison: blob id -> content.
  std::unordered_map<std::string, std::string> blobs;
  auto t0 = std::chrono::steady_clock::now();
  std::vector<std::pair<std::string, int>> truth(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) {
    git_odb_object* o = nullptr;
    if (git_odb_read(&o, odb.get(), &ids[i]) != 0) {
      truth[i] = {"", -1};
      continue;
    }
    truth[i] = {std::string(static_cast<const char*>(git_odb_object_data(o)), git_odb_object_size(o)),
                int(git_odb_object_type(o))};
    git_odb_object_free(o);
  }
  out.libgit2_ms = ms_since(t0);

  t0 = std::chrono::steady_clock::now();
  PackedObjectStore store(objects, size_t(64) << 20);
  for (size_t i = 0; i < ids.size(); ++i) {
    int type = 0;
    auto content = store.read(ids[i], &type);
    if (!content) continue;
    ++out.through_store;
    out.bytes += content->size();
    if (truth[i].second < 0) mismatch(ids[i], "libgit2 cannot read it, the pack reader can");
    else if (type != truth[i].second) mismatch(ids[i], "type " + std::to_string(type) + " != " + std::to_string(truth[i].second));
    else if (*content != truth[i].first) mismatch(ids[i], "content differs (" + std::to_string(content->size()) + " bytes)");
    if (truth[i].second == GIT_OBJECT_BLOB) blobs.emplace(oid_hex(ids[i]), truth[i].first);
  }
  out.store_ms = ms_since(t0);

  t0 = std::chrono::steady_clock::now();
  std::mutex mu;
  read_all_packed_blobs(objects, 2, [&](const git_oid& id, std::string_view content) {
    std::lock_guard<std::mutex> g(mu);
    ++out.blobs_streamed;
    out.bytes += content.size();
    auto it = blobs.find(oid_hex(id));
    if (it == blobs.end()) mismatch(id, "streamed as a blob, but not a packed blob libgit2 reads");
    else if (it->second != content) mismatch(id, "streamed content differs");
  });
  out.stream_ms = ms_since(t0);
  return out;
}

}  // namespace keysweep
