// `keysweep scan`, as a list of stages: config → rules → inputs (files, stdin or git) →
// pipeline → suppressions → report → exit status.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <unordered_set>

#include "app/commands.h"
#include "app/output.h"
#include "app/rule_source.h"
#include "config/config.h"
#include "config/config_layers.h"
#include "filter/baseline.h"
#include "filter/finding_filter.h"
#include "keysweep/error.h"
#include "pipeline/blob_pipeline.h"
#include "pipeline/scan_pipeline.h"
#include "report/reporter.h"
#include "rules/rule_database.h"
#include "source/dir_walker.h"
#include "source/git_changes.h"
#include "source/git_history.h"
#include "source/git_repo.h"
#include "util/size.h"
#include "util/terminal_text.h"

namespace keysweep::app {
namespace {

bool show_on_stderr(SkipReason r) {
  return r == SkipReason::kUnreadable || r == SkipReason::kBrokenSymlink || r == SkipReason::kMissingObject;
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
  auto order = [](const Finding& f) { return f.provenance && f.provenance->commit ? f.provenance->commit->order : 0; };
  std::vector<Finding> kept;
  std::map<std::pair<std::string, std::string>, size_t> seen;
  for (Finding& f : *findings) {
    auto [it, fresh] = seen.try_emplace({f.fingerprint, f.path}, kept.size());
    if (fresh) kept.push_back(std::move(f));
    else if (order(f) < order(kept[it->second])) kept[it->second] = std::move(f);
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
GitScan scan_git(const ScanFlags& flags, git_repository* repo, const RuleDatabase& db, uint64_t max_size) {
  // Objects live in the common git folder (a linked worktree's own folder holds only its HEAD,
  // index and logs); workers open the repository there to read blobs.
  std::string git_dir = git_repository_commondir(repo);
  GitScan out;
  out.info.shallow = git_repository_is_shallow(repo) == 1;
  std::vector<Skip> source_skips;
  if (flags.history) {
    // The walk gets its own repository handle: it runs on another thread while blobs are scanned.
    HistoryInventory inv;
    double list_ms = 0;
    auto t0 = std::chrono::steady_clock::now();
    out.result = sweep_history(db, git_dir, max_size, flags.threads, [&] {
      RepoHandle own = open_repository(git_dir);
      auto start = std::chrono::steady_clock::now();
      inv = inventory_history(own.get(), flags.all_objects);
      list_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
      std::vector<BlobJob> jobs;
      jobs.reserve(inv.blobs.size());
      for (auto& b : inv.blobs) jobs.push_back({b.oid, b.provenance, {}, true});
      return jobs;
    });
    if (flags.verbose) {
      char line[160];
      std::snprintf(line, sizeof line, "history: %llu refs, %llu commits, %zu blobs; walk %.0f ms, sweep %.0f ms",
                    static_cast<unsigned long long>(inv.refs), static_cast<unsigned long long>(inv.commits),
                    inv.blobs.size(), list_ms,
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      note(line);
    }
    source_skips = std::move(inv.skips);
    out.info.refs = inv.refs;
    out.info.commits = inv.commits;
    out.info.head = inv.head_commit;
    out.head_blobs = std::move(inv.head_blobs);
  } else {
    ChangeSet cs = flags.staged ? staged_changes(repo, flags.paths[0]) : range_changes(repo, flags.range);
    out.result = scan_blobs(db, git_dir, cs.jobs, max_size, flags.threads);
    if (!flags.staged) keep_first_per_place(&out.result.findings);
    source_skips = std::move(cs.skips);
    out.info.commits = cs.commits;
    git_reference* head = nullptr;
    if (git_repository_head(&head, repo) == 0) {
      git_commit* c = nullptr;
      if (git_commit_lookup(&c, repo, git_reference_target(head)) == 0) {
        out.info.head = oid_hex(*git_commit_id(c));
        if (flags.rotation) out.head_blobs = tree_blobs(repo, *git_commit_tree_id(c));
        git_commit_free(c);
      }
      git_reference_free(head);
    }
  }
  out.result.skips.insert(out.result.skips.begin(), source_skips.begin(), source_skips.end());
  return out;
}

void check_flags(const ScanFlags& flags, bool from_stdin, bool git_mode) {
  if (from_stdin && flags.paths.size() > 1)
    throw Error("-", "standard input cannot be scanned together with other paths");
  if (int(flags.history) + int(flags.staged) + int(!flags.range.empty()) > 1)
    throw Error("--history/--staged/--range", "choose one of them");
  if (flags.all_objects && !flags.history) throw Error("--all-objects", "needs --history");
  if (flags.rotation && !git_mode) throw Error("--rotation", "needs --history, --range or --staged");
  if (git_mode && (from_stdin || flags.paths.size() > 1))
    throw Error(flags.paths.back(), "a git scan takes one repository path");
  if (flags.color != "auto" && flags.color != "always" && flags.color != "never")
    throw Error("--color", "'" + flags.color + "' is not one of auto, always, never");
  Confidence c;
  if (!flags.min_confidence.empty() && !parse_confidence(flags.min_confidence, &c))
    throw Error("--min-confidence", "'" + flags.min_confidence + "' is not one of low, medium, high");
}

void write_report(Reporter& reporter, const ScanResult& result, ReportContext& ctx, const ScanFlags& flags) {
  if (flags.output.empty())
    ctx.color = flags.color == "always" || (flags.color == "auto" && isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR"));
  std::ostringstream out;
  reporter.write(result, ctx, out);
  write_output(flags.output, out.str());
}

}  // namespace

int run_scan(const ScanFlags& flags) {
  auto t0 = std::chrono::steady_clock::now();
  bool from_stdin = std::find(flags.paths.begin(), flags.paths.end(), "-") != flags.paths.end();
  bool git_mode = flags.history || flags.staged || !flags.range.empty();
  check_flags(flags, from_stdin, git_mode);

  // Inputs first: a wrong path is the likeliest mistake and costs nothing to report.
  RepoHandle repo;
  WalkResult walk;
  std::string root;  // where .keysweep.toml and .keysweepignore live
  if (git_mode) {
    repo = open_repository(flags.paths[0]);
    const char* wd = git_repository_workdir(repo.get());
    root = wd ? wd : "";
  } else if (!from_stdin) {
    walk = walk_roots(flags.paths, flags.no_ignore);
    std::error_code ec;
    if (std::filesystem::is_directory(flags.paths[0], ec)) root = flags.paths[0];
  }

  Config config = layered_config(flags.config, root);
  for (const std::string& w : config.warnings) warn(w);
  auto reporter = make_reporter(!flags.format.empty() ? flags.format : config.format.value_or("text"));
  uint64_t max_size = parse_size(!flags.max_file_size.empty() ? flags.max_file_size : config.max_file_size.value_or("50M"));

  RuleSource rules = flags.rules;
  rules.add.insert(rules.add.end(), config.extra_rules.begin(), config.extra_rules.end());
  std::vector<std::string> cache_warnings;
  auto db = RuleDatabase::build_from_texts(rule_texts(rules), CacheOptions{!flags.no_cache, {}, &cache_warnings});
  if (!cache_warnings.empty()) warn(cache_warnings.front());
  if (flags.verbose)
    note(std::to_string(db->rules().size()) + " rules (" +
         (db->loaded_from_cache() ? "compiled rules from cache" : "compiled") + ")" +
         (config.path.empty() ? "" : ", config " + config.path));
  std::unordered_set<std::string> ids;
  for (const Rule& r : db->rules()) ids.insert(r.id);
  FindingFilter filter(config, ids, root.empty() ? std::string() : (std::filesystem::path(root) / ".keysweepignore").string(),
                       flags.baseline);

  ReportContext ctx;
  ctx.targets = flags.paths;
  ctx.rules = db->rules().size();
  ctx.redact = flags.redact;
  ctx.verbose = flags.verbose;
  ctx.quiet = flags.quiet;
  std::vector<std::string> notices;
  ctx.notices = &notices;

  ScanResult result;
  GitScan git;
  if (git_mode) {
    git = scan_git(flags, repo.get(), *db, max_size);
    result = std::move(git.result);
    ctx.mode = flags.history ? "history" : flags.staged ? "staged" : "range";
    ctx.git = &git.info;
  } else if (from_stdin) {
    ctx.mode = "stdin";
    result = scan_bytes(*db, read_stdin(), "-");
  } else {
    result = scan_files(*db, walk.files, max_size, flags.threads);
    result.skips.insert(result.skips.begin(), walk.skips.begin(), walk.skips.end());
  }
  sort_skips(&result.skips);

  Confidence min_confidence = Confidence::kLow;
  parse_confidence(!flags.min_confidence.empty() ? flags.min_confidence : config.min_confidence.value_or("low"),
                   &min_confidence);
  std::erase_if(result.findings, [&](const Finding& f) { return f.confidence < min_confidence; });
  std::vector<Finding> unbaselined;
  filter.apply(&result.findings, flags.write_baseline.empty() ? nullptr : &unbaselined);
  if (!flags.write_baseline.empty()) write_baseline(flags.write_baseline, unbaselined);
  std::vector<SecretToRotate> secrets;
  if (flags.rotation) {
    secrets = rotation_list(result.findings, git.head_blobs);
    ctx.secrets = &secrets;
  }

  if (!flags.quiet) {
    for (const Skip& s : result.skips)
      if (show_on_stderr(s.reason)) note(skip_message(s));
  }
  if (flags.report_stale_ignores)
    for (const auto& s : filter.stale_ignores()) note("stale ignore entry " + s);
  ctx.duration_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  write_report(*reporter, result, ctx, flags);
  for (const auto& n : notices) note(n);
  return result.findings.empty() ? 0 : flags.exit_code;
}

int run_config_check(const std::string& path) {
  Config config = load_config(path);
  RuleSource rules;
  rules.add = config.extra_rules;
  std::unordered_set<std::string> ids;
  for (const Rule& r : load_rules(rules)) ids.insert(r.id);
  FindingFilter(config, ids, "", "");
  write_output("", terminal_safe(path) + ": ok\n");
  return 0;
}

}  // namespace keysweep::app
