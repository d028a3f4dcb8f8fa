// Loads one file for scanning; large files are mapped so the kernel pages them in lazily.
#include "util/file_bytes.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace keysweep {

FileBytes::~FileBytes() { release(); }

void FileBytes::release() {
  if (map_) munmap(map_, size_);
  map_ = nullptr;
  owned_.clear();
  data_ = "";
  size_ = 0;
}

char* FileBytes::reserve(size_t n) {
  if (n > capacity_) {
    size_t cap = std::max(n, capacity_ * 2);
    std::unique_ptr<char[]> bigger(new char[cap]);
    buffer_.swap(bigger);
    capacity_ = cap;
  }
  return buffer_.get();
}

void FileBytes::trim(size_t max_capacity) {
  if (capacity_ <= max_capacity) return;
  release();
  buffer_.reset();
  capacity_ = 0;
}

void FileBytes::assign(std::string bytes) {
  release();
  owned_ = std::move(bytes);
  data_ = owned_.data();
  size_ = owned_.size();
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
  size_t cap = size + 1;
  reserve(cap);
  size_t got = 0;
  for (;;) {
    if (got == cap) {
      // Grew since fstat: keep what we have in a larger buffer.
      std::unique_ptr<char[]> bigger(new char[cap * 2]);
      std::memcpy(bigger.get(), buffer_.get(), got);
      buffer_.swap(bigger);
      capacity_ = cap = cap * 2;
    }
    ssize_t n = ::read(fd, buffer_.get() + got, cap - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      *error = std::strerror(errno);
      ::close(fd);
      return Status::kError;
    }
    if (n == 0) break;
    size_t before = got;
    got += size_t(n);
    if (got > max_size) {
      ::close(fd);
      return Status::kTooLarge;
    }
    // Decide "binary" as soon as the first 8 KiB are in, before reading the rest.
    if (detect_binary && before < 8192 && (got >= 8192 || got == size) &&
        looks_binary(std::string_view(buffer_.get(), got))) {
      ::close(fd);
      return Status::kBinary;
    }
  }
  ::close(fd);
  data_ = buffer_.get();
  size_ = got;
  return detect_binary && looks_binary(view()) ? (release(), Status::kBinary) : Status::kOk;
}

bool looks_binary(std::string_view bytes) {
  size_t n = bytes.size() < 8192 ? bytes.size() : 8192;
  return std::memchr(bytes.data(), 0, n) != nullptr;
}

}  // namespace keysweep
