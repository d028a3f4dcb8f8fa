// --format text: findings grouped by file, secrets always redacted, then a one-line summary.
// Every string that comes from scanned data or rule files goes through terminal_safe(): the
// report is read on a terminal, and a hostile file name must not be able to rewrite it.
#include <cstdio>
#include <map>

#include "finding/finding_builder.h"
#include "report/reporter.h"
#include "util/terminal_text.h"

namespace keysweep {
namespace {

const char* severity_color(Severity s) {
  switch (s) {
    case Severity::kCritical: return "\x1b[1;31m";
    case Severity::kHigh: return "\x1b[31m";
    case Severity::kMedium: return "\x1b[33m";
    default: return "\x1b[36m";
  }
}

std::string human_bytes(uint64_t b) {
  char buf[32];
  if (b >= (1ull << 30)) std::snprintf(buf, sizeof buf, "%.2f GiB", double(b) / (1ull << 30));
  else if (b >= (1ull << 20)) std::snprintf(buf, sizeof buf, "%.1f MiB", double(b) / (1ull << 20));
  else if (b >= 1024) std::snprintf(buf, sizeof buf, "%.1f KiB", double(b) / 1024);
  else std::snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(b));
  return buf;
}

std::string short_commit(const std::shared_ptr<const CommitInfo>& c, bool with_author) {
  if (!c || c->oid.empty()) return "(uncommitted)";
  std::string s = c->oid.substr(0, 10) + " " + c->date.substr(0, 10);
  if (with_author) s += " " + c->author + " <" + c->email + ">";
  return terminal_safe(s);
}

// The secrets-to-rotate table: still-present secrets first (the list is sorted that way).
void write_rotation(const std::vector<SecretToRotate>& secrets, const ReportContext& ctx, std::ostream& out) {
  const char* bold = ctx.color ? "\x1b[1m" : "";
  const char* reset = ctx.color ? "\x1b[0m" : "";
  out << '\n' << bold << "Secrets to rotate (" << secrets.size() << ")" << reset << '\n';
  std::vector<std::vector<std::string>> rows = {
      {"STATUS", "SEVERITY", "RULE", "SECRET", "FIRST SEEN", "LAST SEEN", "PLACES", "ROTATE"}};
  for (const auto& s : secrets)
    rows.push_back({s.at_head ? "present" : "removed", std::string(severity_name(s.rule->severity)),
                    terminal_safe(s.rule->id), terminal_safe(redact(s.secret)),
                    short_commit(s.first_seen, true) + " " + terminal_safe(s.first_path),
                    short_commit(s.last_seen, false), std::to_string(s.places), terminal_safe(s.rotate_at)});
  std::vector<size_t> width(rows[0].size(), 0);
  for (const auto& r : rows)
    for (size_t i = 0; i < r.size(); ++i) width[i] = std::max(width[i], r[i].size());
  for (size_t k = 0; k < rows.size(); ++k) {
    out << "  ";
    for (size_t i = 0; i < rows[k].size(); ++i) {
      out << rows[k][i];
      if (i + 1 < rows[k].size()) out << std::string(width[i] - rows[k][i].size() + 2, ' ');
    }
    out << '\n';
  }
}

class TextReporter : public Reporter {
 public:
  void write(const ScanResult& r, const ReportContext& ctx, std::ostream& out) override {
    const char* bold = ctx.color ? "\x1b[1m" : "";
    const char* dim = ctx.color ? "\x1b[2m" : "";
    const char* reset = ctx.color ? "\x1b[0m" : "";
    const std::string* last_path = nullptr;
    for (const Finding& f : r.findings) {
      if (!last_path || *last_path != f.path) {
        if (last_path) out << '\n';
        out << bold << terminal_safe(f.path) << reset << '\n';
        last_path = &f.path;
      }
      const char* sc = ctx.color ? severity_color(f.rule->severity) : "";
      out << "  " << terminal_safe(f.path) << ':' << f.line << ':' << f.column << ' ' << sc << terminal_safe(f.rule->id)
          << reset << ' ' << terminal_safe(redact(f.secret))
          << (f.encoding != Encoding::kNone ? " [" + std::string(encoding_name(f.encoding)) + "]" : "") << ' ' << dim
          << '(' << severity_name(f.rule->severity) << ", " << confidence_name(f.confidence) << " confidence, "
          << terminal_safe(f.rule->name) << ')';
      if (f.provenance && f.provenance->commit && !f.provenance->commit->oid.empty())
        out << ' ' << f.provenance->commit->oid.substr(0, 10) << ' ' << f.provenance->commit->date.substr(0, 10);
      out << reset << '\n';
    }
    if (ctx.secrets) write_rotation(*ctx.secrets, ctx, out);
    if (ctx.quiet) return;
    if (!r.findings.empty()) out << '\n';
    std::map<std::string_view, size_t> by_reason;
    for (const Skip& s : r.skips) ++by_reason[skip_reason_name(s.reason)];
    if (ctx.verbose) {
      for (const Skip& s : r.skips)
        out << dim << "skipped " << terminal_safe(s.path) << " (" << skip_reason_name(s.reason)
            << (s.detail.empty() ? "" : ": " + terminal_safe(s.detail)) << ")" << reset << '\n';
    }
    char ms[32];
    std::snprintf(ms, sizeof ms, "%.0f ms", ctx.duration_ms);
    out << r.findings.size() << (r.findings.size() == 1 ? " finding" : " findings") << " in "
        << r.files << (r.files == 1 ? " file" : " files") << " (" << human_bytes(r.bytes) << "), "
        << r.skips.size() << " skipped";
    if (!by_reason.empty()) {
      out << " (";
      bool first = true;
      for (auto& [reason, n] : by_reason) {
        out << (first ? "" : ", ") << reason << ' ' << n;
        first = false;
      }
      out << ')';
    }
    out << ", " << ms << '\n';
  }
};

}  // namespace

std::unique_ptr<Reporter> make_text_reporter() { return std::make_unique<TextReporter>(); }

}  // namespace keysweep
