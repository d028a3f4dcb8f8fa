// `keysweep scan`: rules → walk → pipeline → reporter, then the exit status.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <sstream>
#include <unordered_set>

#include "app/commands.h"
#include "app/rule_source.h"
#include "keysweep/error.h"
#include "pipeline/scan_pipeline.h"
#include "report/reporter.h"
#include "rules/rule_database.h"
#include "source/dir_walker.h"
#include "source/git_changes.h"
#include "source/git_history.h"
#include "source/git_repo.h"
#include "pipeline/blob_pipeline.h"

namespace keysweep::app {

uint64_t parse_size(const std::string& text) {
  size_t used = 0;
  unsigned long long n = 0;
  try {
    n = std::stoull(text, &used);
  } catch (const std::exception&) {
    throw Error("--max-file-size", "'" + text + "' is not a size (e.g. 50M, 1G, 4096)");
  }
  std::string unit = text.substr(used);
  uint64_t mult = 1;
  if (unit == "" || unit == "B") mult = 1;
  else if (unit == "k" || unit == "K" || unit == "KiB") mult = 1ull << 10;
  else if (unit == "m" || unit == "M" || unit == "MiB") mult = 1ull << 20;
  else if (unit == "g" || unit == "G" || unit == "GiB") mult = 1ull << 30;
  else throw Error("--max-file-size", "'" + text + "' is not a size (e.g. 50M, 1G, 4096)");
  uint64_t bytes = n * mult;
  // Hyperscan scans at most 4 GiB in one call.
  if (bytes == 0 || bytes >= (4ull << 30) || bytes / mult != n)
    throw Error("--max-file-size", "'" + text + "' must be between 1 byte and 4 GiB");
  return bytes;
}

namespace {

bool show_on_stderr(SkipReason r) {
  return r == SkipReason::kUnreadable || r == SkipReason::kBrokenSymlink;
}

std::string read_stdin() {
  std::string s;
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, stdin)) > 0) s.append(buf, n);
  if (std::ferror(stdin)) throw Error("-", "cannot read standard input");
  return s;
}

// A range can show one secret several times (a merge repeats its branch's lines): keep the
// earliest commit for each secret at each path.
void keep_first_per_place(std::vector<Finding>* findings) {
  std::vector<Finding> kept;
  std::map<std::pair<std::string, std::string>, size_t> seen;
  for (Finding& f : *findings) {
    auto key = std::make_pair(f.fingerprint, f.path);
    auto it = seen.find(key);
    uint64_t order = f.provenance && f.provenance->commit ? f.provenance->commit->order : 0;
    if (it == seen.end()) {
      seen.emplace(key, kept.size());
      kept.push_back(std::move(f));
    } else {
      const Finding& k = kept[it->second];
      if (order < (k.provenance && k.provenance->commit ? k.provenance->commit->order : 0)) kept[it->second] = std::move(f);
    }
  }
  *findings = std::move(kept);
  sort_findings(findings);
}

struct GitScan {
  ScanResult result;
  GitScanInfo info;
  std::unordered_set<std::string> head_blobs;
};

// The git modes: history sweep, staged changes, commit range. Throws Error for a path that is
// not a repository or a bad range; repository damage below that becomes skips.
GitScan scan_git(const ScanFlags& flags, const RuleDatabase& db, uint64_t max_size) {
  std::string repo_path = flags.paths.empty() ? "." : flags.paths[0];
  RepoHandle repo = open_repository(repo_path);
  std::string git_dir = git_repository_path(repo.get());
  GitScan out;
  out.info.shallow = git_repository_is_shallow(repo.get()) == 1;
  std::vector<Skip> source_skips;
  if (flags.history) {
    HistoryInventory inv = inventory_history(repo.get(), flags.all_objects);
    std::vector<BlobJob> jobs;
    jobs.reserve(inv.blobs.size());
    for (auto& b : inv.blobs) jobs.push_back({b.oid, b.provenance, {}, true});
    out.result = scan_blobs(db, git_dir, jobs, max_size, flags.threads);
    source_skips = std::move(inv.skips);
    out.info.refs = inv.refs;
    out.info.commits = inv.commits;
    out.info.head = inv.head_commit;
    out.head_blobs = std::move(inv.head_blobs);
  } else {
    ChangeSet cs = flags.staged ? staged_changes(repo.get(), repo_path) : range_changes(repo.get(), flags.range);
    out.result = scan_blobs(db, git_dir, cs.jobs, max_size, flags.threads);
    if (!flags.staged) keep_first_per_place(&out.result.findings);
    source_skips = std::move(cs.skips);
    out.info.commits = cs.commits;
    git_reference* head = nullptr;
    if (git_repository_head(&head, repo.get()) == 0) {
      git_commit* c = nullptr;
      if (git_commit_lookup(&c, repo.get(), git_reference_target(head)) == 0) {
        out.info.head = oid_hex(*git_commit_id(c));
        if (flags.rotation) out.head_blobs = tree_blobs(repo.get(), *git_commit_tree_id(c));
        git_commit_free(c);
      }
      git_reference_free(head);
    }
  }
  out.result.skips.insert(out.result.skips.begin(), source_skips.begin(), source_skips.end());
  return out;
}

}  // namespace

int run_scan(const ScanFlags& flags) {
  auto t0 = std::chrono::steady_clock::now();
  auto reporter = make_reporter(flags.format);
  uint64_t max_size = parse_size(flags.max_file_size);
  if (flags.color != "auto" && flags.color != "always" && flags.color != "never")
    throw Error("--color", "'" + flags.color + "' is not one of auto, always, never");
  bool from_stdin = false;
  for (const auto& p : flags.paths)
    if (p == "-") from_stdin = true;
  if (from_stdin && flags.paths.size() > 1)
    throw Error("-", "standard input cannot be scanned together with other paths");
  int git_modes = int(flags.history) + int(flags.staged) + int(!flags.range.empty());
  bool git_mode = git_modes > 0;
  if (git_modes > 1) throw Error("--history/--staged/--range", "choose one of them");
  if (flags.all_objects && !flags.history) throw Error("--all-objects", "needs --history");
  if (flags.rotation && !git_mode) throw Error("--rotation", "needs --history, --range or --staged");
  if (git_mode && (from_stdin || flags.paths.size() > 1))
    throw Error(flags.paths.back(), "a git scan takes one repository path");

  // Walk first: a wrong path is the likeliest mistake and costs nothing to report.
  WalkResult walk;
  if (!from_stdin && !git_mode) walk = walk_roots(flags.paths, flags.no_ignore);
  auto db = RuleDatabase::build_from_texts(rule_texts(flags.rules), CacheOptions{!flags.no_cache, {}});
  if (flags.verbose)
    std::fprintf(stderr, "keysweep: %zu rules (%s)\n", db->rules().size(),
                 db->loaded_from_cache() ? "compiled rules from cache" : "compiled");

  ReportContext ctx;
  ctx.targets = flags.paths;
  ctx.rules = db->rules().size();
  ctx.redact = flags.redact;
  ctx.verbose = flags.verbose;
  ctx.quiet = flags.quiet;

  ScanResult result;
  GitScan git;
  std::vector<SecretToRotate> secrets;
  if (git_mode) {
    git = scan_git(flags, *db, max_size);
    result = std::move(git.result);
    ctx.mode = flags.history ? "history" : flags.staged ? "staged" : "range";
    ctx.git = &git.info;
    if (flags.rotation) {
      secrets = rotation_list(result.findings, git.head_blobs);
      ctx.secrets = &secrets;
    }
    sort_skips(&result.skips);
  } else if (from_stdin) {
    ctx.mode = "stdin";
    std::string bytes = read_stdin();
    result = scan_bytes(*db, bytes, "-");
  } else {
    result = scan_files(*db, walk.files, max_size, flags.threads);
    result.skips.insert(result.skips.begin(), walk.skips.begin(), walk.skips.end());
    sort_skips(&result.skips);
  }
  if (!flags.quiet) {
    for (const Skip& s : result.skips)
      if (show_on_stderr(s.reason))
        std::fprintf(stderr, "keysweep: skipped %s: %s%s%s\n", s.path.c_str(),
                     std::string(skip_reason_name(s.reason)).c_str(), s.detail.empty() ? "" : ": ",
                     s.detail.c_str());
  }
  ctx.duration_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();

  if (flags.output.empty()) {
    ctx.color = flags.color == "always" ||
                (flags.color == "auto" && isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR"));
    std::ostringstream out;
    reporter->write(result, ctx, out);
    std::cout << out.str() << std::flush;
    if (!std::cout) throw Error("standard output", "write failed");
  } else {
    std::ofstream out(flags.output, std::ios::binary | std::ios::trunc);
    if (!out) throw Error(flags.output, "cannot open for writing");
    reporter->write(result, ctx, out);
    out.flush();
    if (!out) throw Error(flags.output, "write failed");
  }
  return result.findings.empty() ? 0 : flags.exit_code;
}

}  // namespace keysweep::app
