// Directory enumeration, the first stage of a working-tree scan. Uses libgit2 only to ask
// whether a path is ignored, so .gitignore, .git/info/exclude and core.excludesFile all count.
#include "source/dir_walker.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <memory>

#include <git2.h>

#include "keysweep/error.h"
#include "source/git_handle.h"

namespace keysweep {
namespace {

std::string real_path(const std::string& p) {
  char buf[PATH_MAX];
  return ::realpath(p.c_str(), buf) ? std::string(buf) : std::string();
}

bool inside(const std::string& path, const std::string& root) {
  return path == root || (path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
                          (root == "/" || path[root.size()] == '/'));
}

std::string join(const std::string& a, const std::string& b) {
  if (a.empty() || a == ".") return b;
  return a.back() == '/' ? a + b : a + "/" + b;
}

// True when `dir` or a parent holds a .git entry. Checked before touching libgit2, whose
// initialisation (TLS set-up included) costs more than a small scan.
bool has_git_above(std::string dir) {
  for (;;) {
    if (::access((dir + "/.git").c_str(), F_OK) == 0) return true;
    size_t slash = dir.find_last_of('/');
    if (slash == std::string::npos || dir == "/") return false;
    dir = slash == 0 ? "/" : dir.substr(0, slash);
  }
}

// Answers "does git ignore this path?" for one root, when the root lies in a work tree.
class IgnoreOracle {
 public:
  IgnoreOracle(const std::string& root_real, bool enabled) {
    if (!enabled || !has_git_above(root_real)) return;
    git_init_once();
    git_repository* repo = nullptr;
    if (git_repository_open_ext(&repo, root_real.c_str(), 0, nullptr) != 0) return;
    repo_.reset(repo);
    const char* wd = git_repository_workdir(repo);
    if (!wd) {
      repo_.reset();
      return;
    }
    workdir_ = real_path(wd);
  }
  bool ignored(const std::string& real) {
    if (!repo_ || !inside(real, workdir_) || real == workdir_) return false;
    std::string rel = real.substr(workdir_ == "/" ? 1 : workdir_.size() + 1);
    int out = 0;
    return git_ignore_path_is_ignored(&out, repo_.get(), rel.c_str()) == 0 && out == 1;
  }

 private:
  RepoHandle repo_;
  std::string workdir_;
};

class Walker {
 public:
  Walker(WalkResult* out, bool no_ignore) : out_(out), no_ignore_(no_ignore) {}

  void root(const std::string& root, bool single_dir_root) {
    struct stat st;
    if (::stat(root.c_str(), &st) != 0) {
      if (errno == ENOENT || errno == ENOTDIR) throw Error(root, "no such file or directory");
      throw Error(root, std::strerror(errno));
    }
    if (!S_ISDIR(st.st_mode)) {
      // A file named on the command line is scanned even if git ignores it: the user asked.
      if (S_ISREG(st.st_mode))
        out_->files.push_back({root, root});
      else
        out_->skips.push_back({root, SkipReason::kNotRegularFile, ""});
      return;
    }
    DIR* d = ::opendir(root.c_str());
    if (!d) throw Error(root, std::string("cannot read directory: ") + std::strerror(errno));
    ::closedir(d);
    root_real_ = real_path(root);
    IgnoreOracle oracle(root_real_, !no_ignore_);
    oracle_ = &oracle;
    dir(root, root_real_, single_dir_root ? std::string() : root);
    oracle_ = nullptr;
  }

 private:
  void dir(const std::string& fs_dir, const std::string& real_dir, const std::string& display_dir) {
    DIR* d = ::opendir(fs_dir.c_str());
    if (!d) {
      out_->skips.push_back({display_dir.empty() ? "." : display_dir, SkipReason::kUnreadable,
                             std::strerror(errno)});
      return;
    }
    std::vector<std::pair<std::string, unsigned char>> entries;
    while (dirent* e = ::readdir(d)) {
      if (std::strcmp(e->d_name, ".") == 0 || std::strcmp(e->d_name, "..") == 0) continue;
      entries.emplace_back(e->d_name, e->d_type);
    }
    ::closedir(d);
    std::sort(entries.begin(), entries.end());
    for (auto& [name, type] : entries) {
      std::string fs_path = join(fs_dir, name);
      std::string real = real_dir == "/" ? "/" + name : real_dir + "/" + name;
      std::string display = join(display_dir, name);
      if (type == DT_UNKNOWN) {
        struct stat st;
        if (::lstat(fs_path.c_str(), &st) != 0) {
          out_->skips.push_back({display, SkipReason::kUnreadable, std::strerror(errno)});
          continue;
        }
        type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISLNK(st.st_mode) ? DT_LNK : S_ISREG(st.st_mode) ? DT_REG : DT_FIFO;
      }
      if (name == ".git") {
        out_->skips.push_back({display, SkipReason::kGitDirectory, ""});
        continue;
      }
      if (oracle_->ignored(real)) continue;
      if (type == DT_LNK) {
        symlink(fs_path, display);
        continue;
      }
      if (type == DT_DIR)
        dir(fs_path, real, display);
      else if (type == DT_REG)
        out_->files.push_back({fs_path, display});
      else
        out_->skips.push_back({display, SkipReason::kNotRegularFile, ""});
    }
  }

  void symlink(const std::string& fs_path, const std::string& display) {
    struct stat st;
    if (::stat(fs_path.c_str(), &st) != 0) {
      out_->skips.push_back({display, SkipReason::kBrokenSymlink, std::strerror(errno)});
      return;
    }
    std::string target = real_path(fs_path);
    if (target.empty() || !inside(target, root_real_)) {
      out_->skips.push_back({display, SkipReason::kSymlinkOutsideTree, target});
      return;
    }
    // Inside the tree: the target is (or will be) listed under its own path.
  }

  WalkResult* out_;
  bool no_ignore_;
  std::string root_real_;
  IgnoreOracle* oracle_ = nullptr;
};

}  // namespace

WalkResult walk_roots(const std::vector<std::string>& roots, bool no_ignore) {
  WalkResult out;
  Walker w(&out, no_ignore);
  bool single_dir = roots.size() == 1;
  for (const auto& r : roots) w.root(r, single_dir);
  std::stable_sort(out.files.begin(), out.files.end(),
                   [](const FileRef& a, const FileRef& b) { return a.display_path < b.display_path; });
  return out;
}

}  // namespace keysweep
