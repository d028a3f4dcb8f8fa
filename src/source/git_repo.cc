// Opening repositories and reading objects with libgit2, every status checked here.
#include "source/git_repo.h"

#include <cstdio>
#include <ctime>

#include "keysweep/error.h"

namespace keysweep {

std::string git_error_text(const char* fallback) {
  const git_error* e = git_error_last();
  return e && e->message ? e->message : fallback;
}

RepoHandle open_repository(const std::string& path) {
  git_init_once();
  git_repository* repo = nullptr;
  if (git_repository_open_ext(&repo, path.c_str(), 0, nullptr) != 0) {
    int klass = git_error_last() ? git_error_last()->klass : 0;
    if (klass == GIT_ERROR_REPOSITORY || klass == GIT_ERROR_OS || klass == 0)
      throw Error(path, "not a git repository (or any parent up to /)");
    throw Error(path, "cannot open git repository: " + git_error_text());
  }
  return RepoHandle(repo);
}

std::string oid_hex(const git_oid& oid) {
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof buf, &oid);
  return buf;
}

CommitInfo commit_info(git_commit* c, uint64_t order) {
  CommitInfo info;
  info.oid = oid_hex(*git_commit_id(c));
  info.order = order;
  if (const git_signature* a = git_commit_author(c)) {
    info.author = a->name ? a->name : "";
    info.email = a->email ? a->email : "";
    time_t t = time_t(a->when.time) + time_t(a->when.offset) * 60;
    struct tm tm;
    gmtime_r(&t, &tm);
    char buf[96];  // sized for the widest values gmtime_r could give, so nothing is cut
    int off = a->when.offset;
    char sign = off < 0 ? '-' : '+';
    if (off < 0) off = -off;
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, sign, off / 60, off % 60);
    info.date = buf;
  }
  const char* summary = git_commit_summary(c);
  info.message = summary ? summary : "";
  return info;
}

BlobRead read_blob(git_odb* odb, const git_oid& oid, uint64_t max_size, OdbObjectHandle* out,
                   std::string* detail) {
  size_t len = 0;
  git_object_t type = GIT_OBJECT_INVALID;
  if (git_odb_read_header(&len, &type, odb, &oid) != 0) {
    *detail = git_error_text("object not found");
    return BlobRead::kMissing;
  }
  if (len > max_size) return BlobRead::kTooLarge;
  git_odb_object* obj = nullptr;
  if (git_odb_read(&obj, odb, &oid) != 0) {
    *detail = git_error_text("object cannot be read");
    return BlobRead::kMissing;
  }
  out->reset(obj);
  return BlobRead::kOk;
}

bool is_lfs_pointer(std::string_view bytes) {
  constexpr std::string_view kHead = "version https://git-lfs.github.com/spec/";
  return bytes.size() < 1024 && bytes.substr(0, kHead.size()) == kHead;
}

}  // namespace keysweep
