// Scratch folders and generated fake secrets for tests.
#include "support/temp_dir.h"

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace keysweep::testing {

namespace {

// $TMPDIR when every folder above it lets others through, else /tmp: tests that drop root to
// "nobody" must be able to reach their scratch folders wherever TMPDIR points.
std::filesystem::path scratch_base() {
  std::error_code ec;
  std::filesystem::path base = std::filesystem::temp_directory_path(ec);
  if (ec) return "/tmp";
  for (std::filesystem::path p = base; !p.empty(); p = p.parent_path()) {
    auto perms = std::filesystem::status(p, ec).permissions();
    if (ec || (perms & std::filesystem::perms::others_exec) == std::filesystem::perms::none) return "/tmp";
    if (p == p.root_path()) break;
  }
  return base;
}

}  // namespace

TempDir::TempDir() {
  static const std::filesystem::path base = scratch_base();
  std::string tmpl = (base / "keysweep-test-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
  // Readable by others, so tests that drop root privileges can still enter it.
  std::filesystem::permissions(path_, std::filesystem::perms(0755));
}

TempDir::~TempDir() {
  std::error_code ec;
  // Restore permissions a test may have removed, so cleanup can descend.
  for (auto it = std::filesystem::recursive_directory_iterator(
           path_, std::filesystem::directory_options::skip_permission_denied, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_directory(ec) && !it->is_symlink(ec)) std::filesystem::permissions(it->path(), std::filesystem::perms(0755), ec);
  }
  std::filesystem::remove_all(path_, ec);
}

std::string TempDir::write(const std::string& rel, const std::string& content) const {
  std::filesystem::path p = std::filesystem::path(path_) / rel;
  std::filesystem::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << content;
  return p.string();
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string out((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return out;
}

std::string random_chars(const std::string& alphabet, size_t n, uint32_t seed) {
  std::mt19937 gen(seed);
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1);
  std::string s;
  for (size_t i = 0; i < n; ++i) s += alphabet[pick(gen)];
  return s;
}

std::string fake_github_token(uint32_t seed) { return "ghp_" + random_chars(kBase62, 36, seed); }

}  // namespace keysweep::testing
