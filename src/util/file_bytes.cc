// Loads one file for scanning; large files are mapped so the kernel pages them in lazily.
#include "util/file_bytes.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace keysweep {

FileBytes::~FileBytes() { release(); }

void FileBytes::release() {
  if (map_) munmap(map_, size_);
  map_ = nullptr;
  buffer_.clear();
  data_ = "";
  size_ = 0;
}

void FileBytes::assign(std::string bytes) {
  release();
  buffer_ = std::move(bytes);
  data_ = buffer_.data();
  size_ = buffer_.size();
}

FileBytes::Status FileBytes::load(const std::string& path, uint64_t max_size, std::string* error,
                                  bool detect_binary, uint64_t mmap_threshold) {
  release();
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) {
    *error = std::strerror(errno);
    return Status::kError;
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    *error = std::strerror(errno);
    ::close(fd);
    return Status::kError;
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    *error = "not a regular file";
    return Status::kError;
  }
  if (uint64_t(st.st_size) > max_size) {
    ::close(fd);
    return Status::kTooLarge;
  }
  size_t size = size_t(st.st_size);
  if (size >= mmap_threshold) {
    void* m = mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (m != MAP_FAILED) {
      madvise(m, size, MADV_SEQUENTIAL);
      ::close(fd);
      map_ = m;
      data_ = static_cast<const char*>(m);
      size_ = size;
      return detect_binary && looks_binary(view()) ? (release(), Status::kBinary) : Status::kOk;
    }
  }
  // Read until EOF rather than trusting st_size: files can change while we read them.
  buffer_.resize(size + 1);
  size_t got = 0;
  for (;;) {
    if (got == buffer_.size()) buffer_.resize(buffer_.size() * 2 + 4096);
    ssize_t n = ::read(fd, buffer_.data() + got, buffer_.size() - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      *error = std::strerror(errno);
      ::close(fd);
      buffer_.clear();
      return Status::kError;
    }
    if (n == 0) break;
    size_t before = got;
    got += size_t(n);
    // Decide "binary" as soon as the first 8 KiB are in, before reading the rest.
    if (detect_binary && before < 8192 && (got >= 8192 || got == size) &&
        looks_binary(std::string_view(buffer_.data(), got))) {
      ::close(fd);
      buffer_.clear();
      return Status::kBinary;
    }
    if (got > max_size) {
      ::close(fd);
      buffer_.clear();
      return Status::kTooLarge;
    }
  }
  ::close(fd);
  buffer_.resize(got);
  data_ = buffer_.data();
  size_ = got;
  return detect_binary && looks_binary(view()) ? (release(), Status::kBinary) : Status::kOk;
}

bool looks_binary(std::string_view bytes) {
  size_t n = bytes.size() < 8192 ? bytes.size() : 8192;
  return std::memchr(bytes.data(), 0, n) != nullptr;
}

}  // namespace keysweep
