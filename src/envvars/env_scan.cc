// The env-inventory driver: walk → per file (in parallel, one result slot per file so the output
// does not depend on scheduling) language pick and extraction, or the .env parser → secret rules
// over env files → inventory.
#include "envvars/env_scan.h"

#include <algorithm>
#include <filesystem>
#include <optional>

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "keysweep/error.h"
#include "pipeline/blob_scanner.h"
#include "source/dir_walker.h"
#include "util/file_bytes.h"

namespace keysweep {
namespace {

// What reading one file produced.
struct Slot {
  bool read = false;
  uint64_t bytes = 0;
  std::optional<Skip> skip;
  std::optional<CodeFile> code;
  std::optional<EnvFile> env;
  std::string env_text;  // kept for the secret rules, which run after the parallel stage
};

std::string canonical(const std::string& path) {
  std::error_code ec;
  auto p = std::filesystem::weakly_canonical(path, ec);
  return ec ? path : p.string();
}

// `example`: the file --example names, read as an env file whatever its name.
void read_one(const EnvEngine& engine, const FileRef& f, bool example, uint64_t max_size,
              EnvEngine::Scratch* scratch, Slot* out) {
  EnvFileKind kind = example ? EnvFileKind::kExample : env_file_kind(f.display_path);
  std::vector<uint32_t> candidates = example ? std::vector<uint32_t>{} : engine.candidates(f.display_path);
  if (candidates.empty() && kind == EnvFileKind::kNone) return;  // never read
  FileBytes bytes;
  std::string err;
  switch (bytes.load(f.fs_path, max_size, &err)) {
    case FileBytes::Status::kOk: break;
    case FileBytes::Status::kBinary: out->skip = Skip{f.display_path, SkipReason::kBinary, ""}; return;
    case FileBytes::Status::kTooLarge: out->skip = Skip{f.display_path, SkipReason::kTooLarge, ""}; return;
    case FileBytes::Status::kError: out->skip = Skip{f.display_path, SkipReason::kUnreadable, err}; return;
  }
  out->read = true;
  out->bytes = bytes.view().size();
  int lang = candidates.empty() ? -1 : engine.pick_language(candidates, bytes.view());
  if (lang >= 0) {
    const EnvLanguage& l = engine.language(uint32_t(lang));
    out->code = CodeFile{f.display_path, l.name, l.counts_for_example, engine.extract(uint32_t(lang), bytes.view(), scratch)};
  } else if (kind != EnvFileKind::kNone) {
    out->env = EnvFile{f.display_path, kind, example, parse_dotenv(bytes.view()), {}};
    out->env_text.assign(bytes.view());
  }
}

// Runs the secret rules over every env file; builds their database only when there is one.
void find_secrets(const EnvScanOptions& opts, std::vector<Slot>* slots) {
  bool any = std::any_of(slots->begin(), slots->end(), [](const Slot& s) { return s.env && !s.env_text.empty(); });
  if (!any) return;
  auto db = RuleDatabase::build_from_texts(opts.secret_rules.empty() ? builtin_rule_texts() : opts.secret_rules, opts.cache);
  // The scan's own match stage, so an env file is judged as `keysweep scan` judges it (an example
  // file's "changeme" and "admin123" are not secrets; a real .env's "admin123" is).
  BlobScanner scanner(*db);
  std::vector<Finding> found;
  for (Slot& s : *slots) {
    if (!s.env) continue;
    found.clear();
    scanner.scan(s.env_text, s.env->path, &found);
    for (const Finding& f : found) s.env->secrets.push_back({uint32_t(f.line), f.rule->id, f.rule->name});
  }
}

}  // namespace

EnvScanResult scan_env(const EnvEngine& engine, const EnvScanOptions& opts) {
  WalkResult walk = walk_roots(opts.roots, opts.no_ignore);
  std::vector<FileRef> files = std::move(walk.files);
  size_t example_at = files.size();  // index of the --example file, if any
  if (!opts.example.empty()) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(opts.example, ec)) throw Error(opts.example, "no such file");
    std::string want = canonical(opts.example);
    auto base = std::filesystem::path(opts.example).filename();
    for (size_t i = 0; i < files.size(); ++i)
      if (std::filesystem::path(files[i].fs_path).filename() == base && canonical(files[i].fs_path) == want) {
        example_at = i;
        break;
      }
    if (example_at == files.size()) files.push_back({opts.example, opts.example});
  }

  std::vector<Slot> slots(files.size());
  tbb::enumerable_thread_specific<EnvEngine::Scratch> scratch([&] { return EnvEngine::Scratch(engine); });
  auto work = [&] {
    tbb::parallel_for(tbb::blocked_range<size_t>(0, files.size(), 16), [&](const tbb::blocked_range<size_t>& r) {
      EnvEngine::Scratch& s = scratch.local();
      for (size_t i = r.begin(); i != r.end(); ++i)
        read_one(engine, files[i], i == example_at, opts.max_file_size, &s, &slots[i]);
    });
  };
  if (opts.threads > 0)
    tbb::task_arena(int(opts.threads)).execute(work);
  else
    work();

  // Without --example, every example-named env file documents the variables.
  if (opts.example.empty())
    for (Slot& s : slots)
      if (s.env) s.env->documents = s.env->kind == EnvFileKind::kExample;
  find_secrets(opts, &slots);

  EnvScanResult result;
  result.skips = std::move(walk.skips);
  std::vector<CodeFile> code;
  std::vector<EnvFile> env_files;
  for (Slot& s : slots) {
    if (s.skip) result.skips.push_back(std::move(*s.skip));
    if (s.read) ++result.inventory.files;
    result.inventory.bytes += s.bytes;
    if (s.code) code.push_back(std::move(*s.code));
    if (s.env) env_files.push_back(std::move(*s.env));
  }
  std::stable_sort(result.skips.begin(), result.skips.end(), [](const Skip& a, const Skip& b) { return a.path < b.path; });
  size_t files_read = result.inventory.files;
  uint64_t bytes_read = result.inventory.bytes;
  result.inventory = build_inventory(code, env_files);
  result.inventory.files = files_read;
  result.inventory.bytes = bytes_read;
  return result;
}

}  // namespace keysweep
