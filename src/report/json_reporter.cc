// --format json (one document) and --format jsonl (one finding per line).
#include <cmath>
#include <map>

#include "finding/finding_builder.h"
#include "report/json_finding.h"
#include "util/json_text.h"
#include "util/utf8.h"
#include "version.h"

namespace keysweep {

nlohmann::ordered_json commit_json(const std::shared_ptr<const CommitInfo>& c) {
  if (!c || c->oid.empty()) return nullptr;
  nlohmann::ordered_json j{{"commit", c->oid}};
  set_json_text(j, "author", c->author);
  set_json_text(j, "email", c->email);
  j["date"] = c->date;
  set_json_text(j, "message", c->message);
  return j;
}

nlohmann::ordered_json secret_json(const SecretToRotate& s, bool redact_secret) {
  nlohmann::ordered_json j;
  j["fingerprint"] = s.fingerprint;
  j["rule_id"] = s.rule->id;
  j["provider"] = s.rule->provider;
  j["severity"] = std::string(severity_name(s.rule->severity));
  set_json_text(j, "secret", redact_secret ? redact(s.secret) : s.secret);
  j["first_seen"] = commit_json(s.first_seen);
  set_json_text(j, "first_path", s.first_path);
  j["last_seen"] = commit_json(s.last_seen);
  j["places"] = s.places;
  j["present_at_head"] = s.at_head;
  j["rotate_at"] = s.rotate_at;
  return j;
}

nlohmann::ordered_json tool_json() {
  return {{"name", "keysweep"}, {"version", kKeysweepVersion}};
}

nlohmann::ordered_json finding_json(const Finding& f, bool redact_secret) {
  nlohmann::ordered_json j;
  j["rule_id"] = f.rule->id;
  j["rule_name"] = f.rule->name;
  j["provider"] = f.rule->provider;
  j["severity"] = std::string(severity_name(f.rule->severity));
  j["confidence"] = std::string(confidence_name(f.confidence));
  set_json_text(j, "path", f.path);
  j["line"] = f.line;
  j["column"] = f.column;
  j["end_line"] = f.end_line;
  j["end_column"] = f.end_column;
  set_json_text(j, "secret", redact_secret ? redact(f.secret) : f.secret);
  if (f.encoding != Encoding::kNone) j["encoding"] = std::string(encoding_name(f.encoding));
  j["entropy"] = std::round(f.entropy * 1000) / 1000;
  j["fingerprint"] = f.fingerprint;
  if (f.provenance) {
    const auto& c = f.provenance->commit;
    bool committed = c && !c->oid.empty();
    if (committed) {
      j["commit"] = c->oid;
      set_json_text(j, "author", c->author);
      set_json_text(j, "email", c->email);
      j["date"] = c->date;
      set_json_text(j, "message", c->message);
    } else {
      for (const char* k : {"commit", "author", "email", "date", "message"}) j[k] = nullptr;
    }
    j["blob"] = f.provenance->blob;
    j["other_places"] = f.provenance->other_places;
  }
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
    if (ctx.targets.size() == 1) {
      set_json_text(scan, "target", ctx.targets[0]);
    } else {
      scan["target"] = nlohmann::ordered_json::array();
      for (const auto& t : ctx.targets) scan["target"].push_back(to_valid_utf8(t));
    }
    scan["rules"] = ctx.rules;
    scan["files"] = r.files;
    scan["bytes"] = r.bytes;
    scan["skipped"] = r.skips.size();
    std::map<std::string, size_t> by_reason;
    for (const Skip& s : r.skips) ++by_reason[std::string(skip_reason_name(s.reason))];
    scan["skipped_by_reason"] = by_reason;
    scan["duration_ms"] = std::round(ctx.duration_ms * 10) / 10;
    if (ctx.git) {
      scan["refs"] = ctx.git->refs;
      scan["commits"] = ctx.git->commits;
      scan["shallow"] = ctx.git->shallow;
      scan["head"] = ctx.git->head.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(ctx.git->head);
    }
    doc["scan"] = scan;
    doc["findings"] = nlohmann::ordered_json::array();
    for (const Finding& f : r.findings) doc["findings"].push_back(finding_json(f, ctx.redact));
    if (ctx.secrets) {
      doc["secrets"] = nlohmann::ordered_json::array();
      for (const auto& s : *ctx.secrets) doc["secrets"].push_back(secret_json(s, ctx.redact));
    }
    doc["skipped"] = nlohmann::ordered_json::array();
    for (const Skip& s : r.skips) {
      nlohmann::ordered_json js;
      set_json_text(js, "path", s.path);
      js["reason"] = std::string(skip_reason_name(s.reason));
      if (!s.detail.empty()) set_json_text(js, "detail", s.detail);
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
