// --format sarif: a SARIF 2.1.0 log for GitHub code scanning and other SARIF viewers. One run;
// the driver lists only the rules that fired; each result points at its rule and one region.
// SARIF is shown to everyone who can read the repository's alerts, so no part of any secret (not
// even its redacted prefix) and no commit message (which may quote one) is ever written here.
#include <algorithm>
#include <cctype>
#include <map>
#include <numeric>

#include "report/json_finding.h"
#include "version.h"

namespace keysweep {
namespace {

// GitHub code scanning rejects a run with more results than this.
constexpr size_t kMaxResults = 25000;
constexpr const char* kSchemaUri =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr const char* kInformationUri = "https://github.com/keysweep/keysweep";

// GitHub ranks alerts by this number; its bands are critical >= 9, high >= 7, medium >= 4.
const char* security_severity(Severity s) {
  switch (s) {
    case Severity::kCritical: return "9.5";
    case Severity::kHigh: return "8.0";
    case Severity::kMedium: return "5.5";
    case Severity::kLow: return "3.0";
    default: return "1.0";
  }
}

const char* level(Severity s) {
  if (s >= Severity::kHigh) return "error";
  return s == Severity::kMedium ? "warning" : "note";
}

// "github-classic-pat" -> "GithubClassicPat": SARIF wants an identifier-like rule name.
std::string pascal_case(const std::string& id) {
  std::string out;
  bool upper = true;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      upper = true;
      continue;
    }
    out += upper ? char(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

// Percent-encodes every byte but unreserved characters and '/', so spaces, '%', '#', '?', a
// ':' that would read as a scheme, and non-ASCII bytes all survive as a valid URI reference.
std::string percent_encode(const std::string& path) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += char(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// Relative paths are relative to the scanned root, which is what %SRCROOT% names (GitHub
// resolves it to the checkout). We do not emit originalUriBaseIds: the reporter is not told the
// absolute root, and guessing it from the working directory would be wrong for file arguments.
// Absolute paths (a file argument given that way) become file: URIs of their own.
nlohmann::ordered_json artifact_location(const std::string& path) {
  if (!path.empty() && path[0] == '/') return {{"uri", "file://" + percent_encode(path)}};
  if (path == "-") return {{"uri", "-"}};  // standard input: no file under the source root
  return {{"uri", percent_encode(path)}, {"uriBaseId", "%SRCROOT%"}};
}

// Markdown would read '_' or '*' in a description as emphasis; escaping ASCII punctuation
// with a backslash is always literal in CommonMark.
std::string markdown_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (std::string_view("\\`*_[]<>#|~").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

nlohmann::ordered_json rule_json(const Rule& r) {
  std::string what = r.description.empty() ? r.name + " (" + r.provider + ")" : r.description;
  std::string rotate_at = rotation_reference(r);
  std::string how = "Treat it as exposed: revoke or rotate it with " + r.provider +
                    ", replace it wherever it is used, then remove it from the code (and its history).";
  std::string text = what + "\n\n" + how + (rotate_at.empty() ? "" : "\nHow to rotate: " + rotate_at);
  std::string md = markdown_escape(what) + "\n\n**What to do.** " + markdown_escape(how) +
                   (rotate_at.empty() ? "" : " How to rotate: <" + rotate_at + ">");
  if (!r.references.empty()) {
    text += "\n\nReferences:";
    md += "\n\n**References**\n";
    for (const auto& ref : r.references) {
      text += "\n- " + ref;
      md += "\n- <" + ref + ">";
    }
  }
  std::vector<std::string> tags = {"security", "secret"};
  if (!r.provider.empty() && std::find(tags.begin(), tags.end(), r.provider) == tags.end())
    tags.push_back(r.provider);
  nlohmann::ordered_json j;
  j["id"] = r.id;
  j["name"] = pascal_case(r.id);
  j["shortDescription"] = {{"text", r.name}};
  j["fullDescription"] = {{"text", what}};
  j["defaultConfiguration"] = {{"level", level(r.severity)}};
  j["help"] = {{"text", text}, {"markdown", md}};
  j["properties"] = {{"tags", tags}, {"security-severity", security_severity(r.severity)}};
  return j;
}

// Indices of the findings to report, in report order: all of them, or under the cap the most
// severe ones (ties broken by report order, so the choice is deterministic).
std::vector<size_t> kept_findings(const std::vector<Finding>& findings) {
  std::vector<size_t> idx(findings.size());
  std::iota(idx.begin(), idx.end(), 0);
  if (idx.size() <= kMaxResults) return idx;
  std::stable_sort(idx.begin(), idx.end(),
                   [&](size_t a, size_t b) { return findings[a].rule->severity > findings[b].rule->severity; });
  idx.resize(kMaxResults);
  std::sort(idx.begin(), idx.end());
  return idx;
}

class SarifReporter : public Reporter {
 public:
  void write(const ScanResult& r, const ReportContext& ctx, std::ostream& out) override {
    std::vector<size_t> kept = kept_findings(r.findings);

    // Rules sorted by id, so ruleIndex does not depend on which file came first.
    std::map<std::string, const Rule*> fired;
    for (size_t i : kept) fired.emplace(r.findings[i].rule->id, r.findings[i].rule);
    std::map<std::string, size_t> rule_index;
    nlohmann::ordered_json rules = nlohmann::ordered_json::array();
    for (const auto& [id, rule] : fired) {
      rule_index[id] = rules.size();
      rules.push_back(rule_json(*rule));
    }

    // The same secret twice in one file: GitHub's own line hashes count occurrences the same way.
    std::map<std::pair<std::string, std::string>, size_t> occurrence;
    nlohmann::ordered_json results = nlohmann::ordered_json::array();
    for (size_t i : kept) results.push_back(result_json(r.findings[i], rule_index, &occurrence));

    nlohmann::ordered_json invocation{{"executionSuccessful", true}};
    if (size_t dropped = r.findings.size() - kept.size()) {
      std::string note = "SARIF output holds the " + std::to_string(kMaxResults) + " most severe of " +
                         std::to_string(r.findings.size()) + " findings; " + std::to_string(dropped) +
                         " dropped (GitHub code scanning accepts at most " + std::to_string(kMaxResults) +
                         " results per run); use --format json for all of them";
      nlohmann::ordered_json notification{{"level", "warning"}, {"message", {{"text", note}}}};
      invocation["toolExecutionNotifications"] = nlohmann::ordered_json::array({notification});
      if (ctx.notices) ctx.notices->push_back(note);
    }

    nlohmann::ordered_json driver{{"name", "keysweep"},
                                  {"semanticVersion", kKeysweepVersion},
                                  {"informationUri", kInformationUri},
                                  {"rules", rules}};
    nlohmann::ordered_json run{{"tool", {{"driver", driver}}},
                               {"invocations", nlohmann::ordered_json::array({invocation})},
                               {"results", results},
                               {"properties", {{"mode", ctx.mode}}}};
    nlohmann::ordered_json log{{"$schema", kSchemaUri}, {"version", "2.1.0"}, {"runs", nlohmann::ordered_json::array({run})}};
    out << dump_json(log, 2) << '\n';
  }

 private:
  static nlohmann::ordered_json result_json(const Finding& f, const std::map<std::string, size_t>& rule_index,
                                            std::map<std::pair<std::string, std::string>, size_t>* occurrence) {
    const auto& c = f.provenance ? f.provenance->commit : nullptr;
    bool committed = c && !c->oid.empty();
    std::string message = f.rule->name + " found: rotate it (see rule help)";
    if (committed) message += "; introduced in commit " + c->oid.substr(0, 12);

    // Columns count bytes (the reporter never sees the line's text, so it cannot convert). SARIF's
    // default column unit is UTF-16 code units; the two agree whenever the line is ASCII up to
    // the secret, and differ by the extra bytes of earlier multi-byte characters otherwise. We
    // leave columnKind unset rather than claim a unit we do not count.
    nlohmann::ordered_json region{{"startLine", std::max<uint64_t>(f.line, 1)},
                                  {"startColumn", std::max<uint64_t>(f.column, 1)},
                                  {"endLine", std::max<uint64_t>(f.end_line, 1)},
                                  {"endColumn", std::max<uint64_t>(f.end_column, 1)}};
    nlohmann::ordered_json location{
        {"physicalLocation", {{"artifactLocation", artifact_location(f.path)}, {"region", region}}}};

    nlohmann::ordered_json j;
    j["ruleId"] = f.rule->id;
    j["ruleIndex"] = rule_index.at(f.rule->id);
    j["level"] = level(f.rule->severity);
    j["message"] = {{"text", message}};
    j["locations"] = nlohmann::ordered_json::array({location});
    // f.fingerprint hashes rule id and secret, so it follows the secret across moves and edits.
    size_t n = ++(*occurrence)[{f.path, f.fingerprint}];
    j["partialFingerprints"] = {{"primaryLocationLineHash", f.fingerprint + ":" + std::to_string(n)}};
    j["fingerprints"] = {{"keysweep/v1", f.fingerprint}};
    // SARIF's rank (0-100) is how likely the result is real: the finding's confidence.
    j["rank"] = f.confidence == Confidence::kHigh ? 90.0 : f.confidence == Confidence::kMedium ? 60.0 : 30.0;
    nlohmann::ordered_json props{{"confidence", std::string(confidence_name(f.confidence))}};
    if (f.encoding != Encoding::kNone) props["encoding"] = std::string(encoding_name(f.encoding));
    if (committed) {
      props["commit"] = c->oid;
      props["author"] = c->author;
      props["email"] = c->email;
      props["date"] = c->date;
      props["blob"] = f.provenance->blob;
    }
    j["properties"] = props;
    return j;
  }
};

}  // namespace

std::unique_ptr<Reporter> make_sarif_reporter() { return std::make_unique<SarifReporter>(); }

}  // namespace keysweep
