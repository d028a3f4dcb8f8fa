// Temporary file + fsync + rename, with the temporary's name registered where an interrupt
// handler can find it without locks or allocation.
#include "util/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>

#include "keysweep/error.h"

namespace keysweep {
namespace {

// Few files are ever being written at once (a report, a baseline, a cache entry).
constexpr int kSlots = 16;
std::atomic<char*> g_pending[kSlots];

class PendingFile {
 public:
  explicit PendingFile(const std::string& path) : path_(strdup(path.c_str())) {
    for (int i = 0; i < kSlots && slot_ < 0; ++i) {
      char* expected = nullptr;
      if (g_pending[i].compare_exchange_strong(expected, path_)) slot_ = i;
    }
  }
  ~PendingFile() {
    if (slot_ >= 0) g_pending[slot_].store(nullptr);
    std::free(path_);
  }
  PendingFile(const PendingFile&) = delete;
  PendingFile& operator=(const PendingFile&) = delete;

 private:
  char* path_;
  int slot_ = -1;
};

std::string reason(int err) { return std::string("cannot write: ") + std::strerror(err); }

bool write_all(int fd, std::string_view content) {
  while (!content.empty()) {
    ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    content.remove_prefix(size_t(n));
  }
  return true;
}

void write_directly(const std::string& path, std::string_view content) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) throw Error(path, reason(errno));
  bool ok = write_all(fd, content);
  int err = errno;
  if (::close(fd) != 0 && ok) ok = false, err = errno;
  if (!ok) throw Error(path, reason(err));
}

mode_t default_mode() {
  mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

}  // namespace

void remove_pending_files() noexcept {
  for (auto& slot : g_pending)
    if (char* p = slot.load()) ::unlink(p);
}

void write_file_atomically(const std::string& path, std::string_view content, mode_t mode) {
  std::string target = path;
  struct stat st;
  bool exists = ::stat(path.c_str(), &st) == 0;
  if (exists && !S_ISREG(st.st_mode)) return write_directly(path, content);
  if (exists) {
    char real[PATH_MAX];
    if (::realpath(path.c_str(), real)) target = real;  // write beside the file a symlink names
    if (mode == 0) mode = st.st_mode & 07777;
  }
  if (mode == 0) mode = default_mode();

  size_t slash = target.rfind('/');
  std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : target.substr(0, slash);
  std::string base = slash == std::string::npos ? target : target.substr(slash + 1);
  std::string tmp = dir + "/." + base + ".keysweep-XXXXXX";
  int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
  if (fd < 0) throw Error(path, reason(errno));
  PendingFile pending(tmp);
  bool ok = write_all(fd, content) && ::fchmod(fd, mode) == 0 && ::fsync(fd) == 0;
  int err = errno;
  if (::close(fd) != 0 && ok) ok = false, err = errno;
  if (ok && ::rename(tmp.c_str(), target.c_str()) != 0) ok = false, err = errno;
  if (!ok) {
    ::unlink(tmp.c_str());
    throw Error(path, reason(err));
  }
}

}  // namespace keysweep
