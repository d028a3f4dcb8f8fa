// fork/exec of the real binary, with stdout and stderr captured through temporary files (no
// pipe deadlocks on large outputs).
#include "support/run_cli.h"

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/temp_dir.h"

namespace keysweep::testing {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// One cache for the whole test run, shared by every test process: the first CLI test compiles
// the built-in rules, the rest load them. Writes are atomic renames, so sharing is safe.
const std::string& cache_dir() {
  static const std::string dir = KEYSWEEP_TEST_CACHE_DIR;
  return dir;
}

}  // namespace

CliResult run_cli(const std::vector<std::string>& args, const CliOptions& opts) {
  TempDir io;
  std::string in = io.write("stdin", opts.stdin_data), out = io / "stdout", err = io / "stderr";
  std::string cache = cache_dir();
  std::string bin = KEYSWEEP_BINARY;
  bool drop = opts.drop_root && getuid() == 0;
  if (drop) {
    // "nobody" may not be able to reach the build folder (a clone inside a 0700 folder, as
    // mktemp -d makes), nor write root's cache: give it its own copy of the binary and a cache
    // folder of its own, both in this run's scratch folder, which anyone can enter.
    std::string copy = io / "keysweep";
    std::filesystem::copy_file(bin, copy);
    std::filesystem::permissions(copy, std::filesystem::perms(0755));
    bin = copy;
    cache = io / "cache";
    std::filesystem::create_directory(cache);
    std::filesystem::permissions(cache, std::filesystem::perms(0777));
  }
  pid_t pid = fork();
  if (pid == 0) {
    int fi = open(in.c_str(), O_RDONLY), fo = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666),
        fe = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    dup2(fi, 0);
    dup2(fo, 1);
    dup2(fe, 2);
    if (!opts.cwd.empty() && chdir(opts.cwd.c_str()) != 0) _exit(126);
    setenv("KEYSWEEP_CACHE_DIR", cache.c_str(), 1);
    unsetenv("NO_COLOR");
    if (drop) {
      struct passwd* nobody = getpwnam("nobody");
      if (!nobody || setgroups(0, nullptr) != 0 || setgid(nobody->pw_gid) != 0 || setuid(nobody->pw_uid) != 0)
        _exit(125);
      setenv("HOME", "/nonexistent", 1);
    }
    std::vector<char*> argv;
    argv.push_back(bin.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(bin.c_str(), argv.data());
    _exit(127);
  }
  int wstatus = 0;
  waitpid(pid, &wstatus, 0);
  CliResult r;
  r.status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

}  // namespace keysweep::testing
