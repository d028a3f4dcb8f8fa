// The pack reader must produce exactly what libgit2 reads, for every blob of a repository whose
// pack has deep delta chains, and leave damaged objects to the fallback path.
#include <doctest/doctest.h>

#include <map>
#include <mutex>

#include "source/git_repo.h"
#include "source/pack_reader.h"
#include "support/git_fixture.h"

using namespace keysweep;
using testing::GitRepo;
using testing::TempDir;

namespace {
// A file edited 60 times, then packed with long delta chains.
GitRepo packed_repo(const TempDir& d) {
  GitRepo g(d);
  std::string text;
  for (int i = 0; i < 200; ++i) text += "line " + std::to_string(i) + " of a growing file\n";
  for (int v = 0; v < 60; ++v) {
    text.insert(text.size() / 2, "edit " + std::to_string(v) + " " + testing::random_chars(testing::kBase62, 30, uint32_t(v)) + "\n");
    g.commit_file("big.txt", text, "v" + std::to_string(v));
  }
  g.git("gc -q --aggressive");
  return g;
}

std::vector<git_oid> all_blobs(git_repository* repo) {
  git_odb* odb = nullptr;
  REQUIRE(git_repository_odb(&odb, repo) == 0);
  std::vector<git_oid> all, blobs;
  git_odb_foreach(odb, [](const git_oid* id, void* p) { static_cast<std::vector<git_oid>*>(p)->push_back(*id); return 0; }, &all);
  for (const git_oid& id : all) {
    size_t len;
    git_object_t type;
    if (git_odb_read_header(&len, &type, odb, &id) == 0 && type == GIT_OBJECT_BLOB) blobs.push_back(id);
  }
  git_odb_free(odb);
  return blobs;
}
}  // namespace

TEST_SUITE("pack_reader") {
  TEST_CASE("every packed blob comes out identical to libgit2's, each exactly once") {
    TempDir d;
    GitRepo g = packed_repo(d);
    RepoHandle repo = open_repository(g.path());
    auto blobs = all_blobs(repo.get());
    REQUIRE(blobs.size() == 60);
    CHECK(std::stoi(g.git("count-objects -v | grep '^count:' | cut -d' ' -f2")) == 0);  // all packed
    std::map<size_t, std::string> got;
    std::mutex mu;
    auto done = read_packed_blobs(std::string(git_repository_path(repo.get())) + "objects", blobs, 2,
                                  [&](size_t i, std::string_view bytes) {
                                    std::lock_guard<std::mutex> l(mu);
                                    CHECK(got.count(i) == 0);
                                    got[i] = std::string(bytes);
                                  });
    git_odb* odb = nullptr;
    REQUIRE(git_repository_odb(&odb, repo.get()) == 0);
    for (size_t i = 0; i < blobs.size(); ++i) {
      REQUIRE(done[i]);
      git_odb_object* o = nullptr;
      REQUIRE(git_odb_read(&o, odb, &blobs[i]) == 0);
      CHECK(got[i] == std::string(static_cast<const char*>(git_odb_object_data(o)), git_odb_object_size(o)));
      git_odb_object_free(o);
    }
    git_odb_free(odb);
  }

  TEST_CASE("objects that are not in a pack are left to the caller") {
    TempDir d;
    GitRepo g(d);
    g.commit_file("a.txt", "loose\n", "one");
    RepoHandle repo = open_repository(g.path());
    auto blobs = all_blobs(repo.get());
    auto done = read_packed_blobs(std::string(git_repository_path(repo.get())) + "objects", blobs, 1,
                                  [](size_t, std::string_view) { FAIL("nothing is packed"); });
    CHECK(done == std::vector<bool>(blobs.size(), false));
  }

  TEST_CASE("a damaged pack produces no wrong content: damaged objects are left to the caller") {
    TempDir d;
    GitRepo g = packed_repo(d);
    std::string pack = testing::sh("ls '" + g.path() + "'/.git/objects/pack/*.pack").substr(0, std::string::npos);
    pack = pack.substr(0, pack.find('\n'));
    // Overwrite a few spans across the pack, so some blob data (or the bases it needs) is hit.
    for (int tenth : {2, 4, 5, 6, 8})
      testing::sh("chmod u+w '" + pack + "' && head -c 64 /dev/zero | tr '\\0' '\\377' | dd of='" + pack + "' bs=1 seek=$(( $(stat -c %s '" +
                  pack + "') * " + std::to_string(tenth) + " / 10 )) conv=notrunc 2>/dev/null");
    RepoHandle repo = open_repository(g.path());
    auto blobs = all_blobs(repo.get());
    std::map<size_t, std::string> got;
    std::mutex mu;
    auto done = read_packed_blobs(std::string(git_repository_path(repo.get())) + "objects", blobs, 2,
                                  [&](size_t i, std::string_view bytes) {
                                    std::lock_guard<std::mutex> l(mu);
                                    got[i] = std::string(bytes);
                                  });
    size_t produced = 0;
    for (size_t i = 0; i < blobs.size(); ++i) {
      if (!done[i]) continue;
      ++produced;
      // Whatever was produced must hash to its id.
      git_oid check;
      git_odb_hash(&check, got[i].data(), got[i].size(), GIT_OBJECT_BLOB);
      CHECK(git_oid_equal(&check, &blobs[i]));
    }
    CHECK(produced < blobs.size());
  }

  TEST_CASE("a delta that does not fit its base is rejected") {
    std::string out;
    // base size 3, result size 2, copy 2 bytes from offset 2: runs past the base.
    std::string bad = std::string("\x03\x02\x91\x02\x02", 5);
    CHECK_FALSE(apply_git_delta("abc", bad, &out));
    std::string good = std::string("\x03\x02\x91\x01\x02", 5);
    REQUIRE(apply_git_delta("abc", good, &out));
    CHECK(out == "bc");
  }
}

TEST_SUITE("pack_reader store") {
  TEST_CASE("random access through the store gives libgit2's content for every packed object") {
    TempDir d;
    GitRepo g = packed_repo(d);
    RepoHandle repo = open_repository(g.path());
    git_odb* odb = nullptr;
    REQUIRE(git_repository_odb(&odb, repo.get()) == 0);
    std::vector<git_oid> all;
    git_odb_foreach(odb, [](const git_oid* id, void* p) { static_cast<std::vector<git_oid>*>(p)->push_back(*id); return 0; }, &all);
    // A tiny cache forces chains to be rebuilt from scratch as well as from cached bases.
    for (size_t budget : {size_t(1), size_t(64) << 20}) {
      PackedObjectStore store(std::string(git_repository_path(repo.get())) + "objects", budget);
      for (const git_oid& id : all) {
        int type = 0;
        auto content = store.read(id, &type);
        REQUIRE(content);
        git_odb_object* o = nullptr;
        REQUIRE(git_odb_read(&o, odb, &id) == 0);
        CHECK(type == int(git_odb_object_type(o)));
        CHECK(*content == std::string(static_cast<const char*>(git_odb_object_data(o)), git_odb_object_size(o)));
        git_odb_object_free(o);
      }
    }
    git_odb_free(odb);
  }
}
