// Opening repositories and reading objects with libgit2, every status checked here.
#include "source/git_repo.h"

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "keysweep/error.h"

namespace keysweep {

std::string git_error_text(const char* fallback) {
  const git_error* e = git_error_last();
  return e && e->message ? e->message : fallback;
}

namespace {

// The git folder at or above `path` as git would find it: a `.git` folder, a `.git` file's
// "gitdir:" target, or `path` itself when it is a bare repository. "" when there is none.
std::string find_git_dir(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path p = fs::absolute(path, ec);
  for (; !p.empty(); p = p.parent_path()) {
    fs::path dot = p / ".git";
    if (fs::is_directory(dot, ec)) return dot.string();
    if (fs::is_regular_file(dot, ec)) {
      std::ifstream in(dot);
      std::string line;
      std::getline(in, line);
      if (line.rfind("gitdir: ", 0) == 0) {
        fs::path target = line.substr(8);
        return (target.is_absolute() ? target : p / target).string();
      }
    }
    if (fs::is_regular_file(p / "HEAD", ec) && fs::is_directory(p / "objects", ec) && fs::is_regular_file(p / "config", ec))
      return p.string();
    if (p == p.root_path()) break;
  }
  return {};
}

// Why libgit2 refused the repository at `git_dir`, when the reason is a repository format it does
// not support (a newer object format, ref storage or other extension); "" otherwise.
std::string unsupported_format(const std::string& git_dir) {
  git_config* cfg = nullptr;
  std::string config = git_dir + "/config", reason;
  if (git_config_open_ondisk(&cfg, config.c_str()) != 0) return {};
  git_buf buf = GIT_BUF_INIT;
  if (git_config_get_string_buf(&buf, cfg, "extensions.objectformat") == 0) {
    std::string v = buf.ptr;
    git_buf_dispose(&buf);
    if (v != "sha1")
      reason = "it uses the " + std::string(v == "sha256" ? "SHA-256" : v) +
               " object format (extensions.objectFormat), which this build's libgit2 cannot read";
  }
  if (reason.empty() && git_config_get_string_buf(&buf, cfg, "extensions.refstorage") == 0) {
    std::string v = buf.ptr;
    git_buf_dispose(&buf);
    if (v != "files") reason = "it stores refs as " + v + " (extensions.refStorage), which this build's libgit2 cannot read";
  }
  git_config_free(cfg);
  return reason;
}

}  // namespace

RepoHandle open_repository(const std::string& path) {
  git_init_once();
  git_repository* repo = nullptr;
  if (git_repository_open_ext(&repo, path.c_str(), 0, nullptr) != 0) {
    int klass = git_error_last() ? git_error_last()->klass : 0;
    std::string libgit2_says = git_error_text();
    // libgit2 says "not a repository" for formats it does not know; name the format instead.
    if (std::string dir = find_git_dir(path); !dir.empty())
      if (std::string why = unsupported_format(dir); !why.empty()) throw Error(path, "unsupported repository: " + why);
    if (klass == GIT_ERROR_REPOSITORY || klass == GIT_ERROR_OS || klass == 0)
      throw Error(path, "not a git repository (or any parent up to /)");
    throw Error(path, "cannot open git repository: " + libgit2_says);
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
