// --format json (one document) and --format jsonl (one finding per line).
#include <cmath>
#include <map>

#include "finding/finding_builder.h"
#include "report/json_finding.h"
#include "version.h"

namespace keysweep {

nlohmann::ordered_json tool_json() {
  return {{"name", "keysweep"}, {"version", kKeysweepVersion}};
}

nlohmann::ordered_json finding_json(const Finding& f, bool redact_secret) {
  nlohmann::ordered_json j;
  j["rule_id"] = f.rule->id;
  j["rule_name"] = f.rule->name;
  j["provider"] = f.rule->provider;
  j["severity"] = std::string(severity_name(f.rule->severity));
  j["path"] = f.path;
  j["line"] = f.line;
  j["column"] = f.column;
  j["end_line"] = f.end_line;
  j["end_column"] = f.end_column;
  j["secret"] = redact_secret ? redact(f.secret) : f.secret;
  j["entropy"] = std::round(f.entropy * 1000) / 1000;
  j["fingerprint"] = f.fingerprint;
  return j;
}

std::string dump_json(const nlohmann::ordered_json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

namespace {

class JsonReporter : public Reporter {
 public:
  void write(const ScanResult& r, const ReportContext& ctx, std::ostream& out) override {
    nlohmann::ordered_json doc;
    doc["tool"] = tool_json();
    nlohmann::ordered_json scan;
    scan["mode"] = ctx.mode;
    scan["target"] = ctx.targets.size() == 1 ? nlohmann::ordered_json(ctx.targets[0])
                                             : nlohmann::ordered_json(ctx.targets);
    scan["rules"] = ctx.rules;
    scan["files"] = r.files;
    scan["bytes"] = r.bytes;
    scan["skipped"] = r.skips.size();
    std::map<std::string, size_t> by_reason;
    for (const Skip& s : r.skips) ++by_reason[std::string(skip_reason_name(s.reason))];
    scan["skipped_by_reason"] = by_reason;
    scan["duration_ms"] = std::round(ctx.duration_ms * 10) / 10;
    doc["scan"] = scan;
    doc["findings"] = nlohmann::ordered_json::array();
    for (const Finding& f : r.findings) doc["findings"].push_back(finding_json(f, ctx.redact));
    doc["skipped"] = nlohmann::ordered_json::array();
    for (const Skip& s : r.skips) {
      nlohmann::ordered_json js{{"path", s.path}, {"reason", std::string(skip_reason_name(s.reason))}};
      if (!s.detail.empty()) js["detail"] = s.detail;
      doc["skipped"].push_back(js);
    }
    out << dump_json(doc, 2) << '\n';
  }
};

class JsonlReporter : public Reporter {
 public:
  void write(const ScanResult& r, const ReportContext& ctx, std::ostream& out) override {
    for (const Finding& f : r.findings) out << dump_json(finding_json(f, ctx.redact), -1) << '\n';
  }
};

}  // namespace

std::unique_ptr<Reporter> make_json_reporter() { return std::make_unique<JsonReporter>(); }
std::unique_ptr<Reporter> make_jsonl_reporter() { return std::make_unique<JsonlReporter>(); }

}  // namespace keysweep
