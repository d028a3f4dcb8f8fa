// The output seam: every format implements Reporter; the app picks one by name.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "finding/rotation.h"
#include "pipeline/scan_pipeline.h"

namespace keysweep {

// What a git scan adds to the summary.
struct GitScanInfo {
  uint64_t refs = 0, commits = 0;
  bool shallow = false;
  std::string head;  // HEAD's commit id, "" when unborn
};

struct ReportContext {
  std::string mode = "files";        // files | stdin | history | staged | range
  std::vector<std::string> targets;  // the roots as given
  size_t rules = 0;                  // rules in force
  double duration_ms = 0;
  bool redact = false;  // replace secrets by their redacted form (text output always redacts)
  bool color = false;   // ANSI colour (text only; the app enables it on terminals)
  bool verbose = false; // list every skip (text only)
  bool quiet = false;   // findings only, no summary (text only)
  const GitScanInfo* git = nullptr;                   // git scans only
  const std::vector<SecretToRotate>* secrets = nullptr;  // --rotation only
  std::vector<std::string>* notices = nullptr;  // one-line notes the app prints to stderr
};

class Reporter {
 public:
  virtual ~Reporter() = default;
  // Writes the whole report for `result`. Findings must already be in report order.
  virtual void write(const ScanResult& result, const ReportContext& ctx, std::ostream& out) = 0;
};

// "text", "json", "jsonl" or "sarif". Throws Error("--format", ...) for anything else.
std::unique_ptr<Reporter> make_reporter(std::string_view format);

std::unique_ptr<Reporter> make_text_reporter();
std::unique_ptr<Reporter> make_json_reporter();
std::unique_ptr<Reporter> make_jsonl_reporter();
// SARIF 2.1.0 for GitHub code scanning: never holds any part of a secret. Over 25,000 findings it
// keeps the most severe and appends a notice to ctx.notices.
std::unique_ptr<Reporter> make_sarif_reporter();

}  // namespace keysweep
