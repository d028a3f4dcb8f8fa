// Test support: a scratch folder that removes itself, and fake secrets made at test time so no
// credential-shaped literal has to live in the repository.
#pragma once

#include <filesystem>
#include <random>
#include <string>

namespace keysweep::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // Writes `content` to path()/rel, creating parent folders. Returns the full path.
  std::string write(const std::string& rel, const std::string& content) const;
  std::string operator/(const std::string& rel) const { return path_ + "/" + rel; }

 private:
  std::string path_;
};

// The whole content of the file at `path` ("" when it cannot be read).
std::string slurp(const std::string& path);

// `n` characters drawn from `alphabet` by a generator seeded with `seed`: deterministic, random
// looking, and never a real credential.
std::string random_chars(const std::string& alphabet, size_t n, uint32_t seed);
inline const std::string kBase62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
inline const std::string kHexLower = "0123456789abcdef";

// A fake GitHub classic token: ghp_ + 36 base62 characters.
std::string fake_github_token(uint32_t seed);

}  // namespace keysweep::testing
