// `keysweep hook install`: puts hooks/pre-commit (embedded in the binary) into a repository's
// hooks folder, pointing at this very binary, without clobbering someone else's hook.
#include <sys/stat.h>
#include <unistd.h>

#include <climits>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/commands.h"
#include "app/output.h"
#include "keysweep/error.h"
#include "source/git_repo.h"
#include "util/atomic_file.h"
#include "util/terminal_text.h"

namespace keysweep {
extern const std::string_view kPreCommitHook;
}

namespace keysweep::app {
namespace fs = std::filesystem;

namespace {

std::string self_path() {
  char buf[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return "keysweep";
  return std::string(buf, size_t(n));
}

// The hooks folder git will run: core.hooksPath (relative to the work tree) or <gitdir>/hooks.
fs::path hooks_dir(git_repository* repo) {
  git_config* cfg = nullptr;
  fs::path dir;
  if (git_repository_config_snapshot(&cfg, repo) == 0) {
    git_buf buf = GIT_BUF_INIT;
    if (git_config_get_path(&buf, cfg, "core.hooksPath") == 0) {
      dir = buf.ptr;
      git_buf_dispose(&buf);
      if (dir.is_relative()) {
        const char* wd = git_repository_workdir(repo);
        dir = fs::path(wd ? wd : git_repository_path(repo)) / dir;
      }
    }
    git_config_free(cfg);
  }
  // Hooks live in the common git folder: a linked worktree runs the main one's.
  if (dir.empty()) dir = fs::path(git_repository_commondir(repo)) / "hooks";
  return dir;
}

}  // namespace

std::string hook_script(const std::string& binary) {
  std::string text(kPreCommitHook);
  const std::string from = "KEYSWEEP=\"${KEYSWEEP:-keysweep}\"";
  size_t at = text.find(from);
  if (at != std::string::npos) text.replace(at, from.size(), "KEYSWEEP=\"${KEYSWEEP:-" + binary + "}\"");
  return text;
}

int run_hook_install(const std::string& repo_path, bool force) {
  RepoHandle repo = open_repository(repo_path);
  fs::path dir = hooks_dir(repo.get());
  fs::path hook = dir / "pre-commit";
  std::string script = hook_script(self_path());
  std::error_code ec;
  if (fs::exists(hook, ec)) {
    std::ifstream in(hook, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    if (ss.str() == script) {
      write_output("", "keysweep: pre-commit hook already installed at " + terminal_safe(hook.string()) + "\n");
      return 0;
    }
    if (!force) throw Error(hook.string(), "a different pre-commit hook is already installed; use --force to replace it");
  }
  fs::create_directories(dir, ec);
  write_file_atomically(hook.string(), script, 0755);
  write_output("", "keysweep: installed pre-commit hook at " + terminal_safe(hook.string()) + "\n");
  return 0;
}

}  // namespace keysweep::app
