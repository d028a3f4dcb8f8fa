// fork/exec of the real binary, with stdout and stderr captured through temporary files (no
// pipe deadlocks on large outputs).
#include "support/run_cli.h"

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace keysweep::testing {
namespace {

// One cache for the whole test run, shared by every test process: the first CLI test compiles
// the built-in rules, the rest load them. Entries are replaced by rename and checksummed, so
// processes filling it at once each see a whole entry or none.
const std::string& cache_dir() {
  static const std::string dir = KEYSWEEP_TEST_CACHE_DIR;
  return dir;
}

}  // namespace

CliProcess::CliProcess(const std::vector<std::string>& args, const CliOptions& opts) : io_(new TempDir()) {
  const TempDir& io = *io_;
  std::string out = io / "stdout", err = io / "stderr";
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
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  pid_ = fork();
  if (pid_ == 0) {
    // The test framework's crash handlers must not run in the child if a signal arrives before
    // exec: the child is keysweep from the first instruction on.
    for (int sig = 1; sig < NSIG; ++sig) signal(sig, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    int fo = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666), fe = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    dup2(pipe_fds[0], 0);
    dup2(fo, 1);
    dup2(fe, 2);
    if (!opts.cwd.empty() && chdir(opts.cwd.c_str()) != 0) _exit(126);
    setenv("KEYSWEEP_CACHE_DIR", cache.c_str(), 1);
    unsetenv("NO_COLOR");
    for (const auto& [k, v] : opts.env) setenv(k.c_str(), v.c_str(), 1);
    if (opts.file_size_limit) {
      signal(SIGXFSZ, SIG_IGN);  // a write past the limit then fails with EFBIG, as on a full disk
      struct rlimit lim{opts.file_size_limit, opts.file_size_limit};
      setrlimit(RLIMIT_FSIZE, &lim);
    }
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
  close(pipe_fds[0]);
  stdin_fd_ = pipe_fds[1];
  if (!opts.stdin_data.empty()) send(opts.stdin_data);
}

CliProcess::~CliProcess() {
  if (!waited_) {
    ::kill(pid_, SIGKILL);
    wait();
  }
}

void CliProcess::send(const std::string& bytes) {
  // SIGPIPE would end the test process if the child exited early: ignore it here.
  struct sigaction ign{}, old{};
  ign.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &ign, &old);
  for (size_t at = 0; at < bytes.size();) {
    ssize_t n = write(stdin_fd_, bytes.data() + at, bytes.size() - at);
    if (n <= 0) break;
    at += size_t(n);
  }
  sigaction(SIGPIPE, &old, nullptr);
}

void CliProcess::close_stdin() {
  if (stdin_fd_ >= 0) close(stdin_fd_);
  stdin_fd_ = -1;
}

void CliProcess::kill(int sig) { ::kill(pid_, sig); }

CliResult CliProcess::wait() {
  close_stdin();
  int wstatus = 0;
  while (waitpid(pid_, &wstatus, 0) < 0 && errno == EINTR) {
  }
  waited_ = true;
  CliResult r;
  r.status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
  r.out = slurp(*io_ / "stdout");
  r.err = slurp(*io_ / "stderr");
  return r;
}

CliResult run_cli(const std::vector<std::string>& args, const CliOptions& opts) {
  return CliProcess(args, opts).wait();
}

}  // namespace keysweep::testing
