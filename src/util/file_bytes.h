// A file's contents in memory: mapped when large, read into a buffer when small. Nothing here
// knows what a secret is.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace keysweep {

class FileBytes {
 public:
  FileBytes() = default;
  FileBytes(const FileBytes&) = delete;
  FileBytes& operator=(const FileBytes&) = delete;
  ~FileBytes();

  enum class Status { kOk, kTooLarge, kBinary, kError };
  // Never map: the default.
  static constexpr uint64_t kNoMap = UINT64_MAX;
  // Opens `path` and loads it, unless it is larger than `max_size` (kTooLarge) or its first
  // 8 KiB hold a NUL byte (kBinary); then nothing more than those 8 KiB is read. kError puts the
  // OS's reason in `*error`. Symlinks are not followed. A file that grows or shrinks while it is
  // read is loaded as far as read() got: a short read is not an error.
  // With `detect_binary` false, kBinary is never returned (for our own binary files).
  // Files of `mmap_threshold` bytes or more are mapped read-only instead of read. Only for files
  // nobody truncates in place (git packs, our cache): touching a mapped page past a new end of
  // file kills the process with SIGBUS, so files being scanned are always read.
  Status load(const std::string& path, uint64_t max_size, std::string* error,
              bool detect_binary = true, uint64_t mmap_threshold = kNoMap);
  // Frees the read buffer when it has grown past `max_capacity` (pooled readers keep theirs
  // between files; one huge file should not pin its buffer for the rest of the scan).
  void trim(size_t max_capacity);
  // Takes ownership of already-read bytes (standard input).
  void assign(std::string bytes);

  std::string_view view() const { return {data_, size_}; }

 private:
  void release();
  // Grows the read buffer without zero-filling it; keeps it across loads (pooled items).
  char* reserve(size_t n);
  std::unique_ptr<char[]> buffer_;
  size_t capacity_ = 0;
  std::string owned_;  // assign()
  const char* data_ = "";
  size_t size_ = 0;
  void* map_ = nullptr;
};

// True when the first 8 KiB hold a NUL byte: the same test git and grep use for "binary".
bool looks_binary(std::string_view bytes);

}  // namespace keysweep
