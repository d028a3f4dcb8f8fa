// `keysweep scan`: rules → walk → pipeline → reporter, then the exit status.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "app/commands.h"
#include "app/rule_source.h"
#include "keysweep/error.h"
#include "pipeline/scan_pipeline.h"
#include "report/reporter.h"
#include "rules/rule_database.h"
#include "source/dir_walker.h"

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

  // Walk first: a wrong path is the likeliest mistake and costs nothing to report.
  WalkResult walk;
  if (!from_stdin) walk = walk_roots(flags.paths, flags.no_ignore);
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
  if (from_stdin) {
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
