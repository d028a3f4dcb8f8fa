// Baseline files: read (ours or a full JSON report) and write (hashes only).
#include "filter/baseline.h"

#include <algorithm>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "keysweep/error.h"
#include "util/atomic_file.h"
#include "util/json_text.h"
#include "version.h"

namespace keysweep {

std::unordered_set<std::string> load_baseline(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error(path, "cannot read baseline");
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw Error(path, std::string("not a JSON baseline or report: ") + e.what());
  }
  const char* key = doc.contains("baseline") ? "baseline" : "findings";
  if (!doc.is_object() || !doc.contains(key) || !doc[key].is_array())
    throw Error(path, "not a keysweep baseline or JSON report (no 'baseline' or 'findings' array)");
  std::unordered_set<std::string> out;
  for (const auto& e : doc[key]) {
    if (!e.is_object() || !e.contains("fingerprint") || !e["fingerprint"].is_string())
      throw Error(path, "an entry has no 'fingerprint' string");
    out.insert(e["fingerprint"].get<std::string>());
  }
  return out;
}

void drop_baselined(const std::unordered_set<std::string>& baseline, std::vector<Finding>* findings) {
  if (baseline.empty()) return;
  findings->erase(std::remove_if(findings->begin(), findings->end(),
                                 [&](const Finding& f) { return baseline.count(f.fingerprint) > 0; }),
                  findings->end());
}

void write_baseline(const std::string& path, const std::vector<Finding>& findings) {
  std::set<std::tuple<std::string, std::string, std::string>> entries;
  for (const Finding& f : findings) entries.insert({f.fingerprint, f.rule->id, f.path});
  nlohmann::ordered_json doc;
  doc["tool"] = {{"name", "keysweep"}, {"version", kKeysweepVersion}};
  doc["baseline"] = nlohmann::ordered_json::array();
  for (const auto& [fp, rule, p] : entries) {
    nlohmann::ordered_json e{{"fingerprint", fp}, {"rule_id", rule}};
    set_json_text(e, "path", p);
    doc["baseline"].push_back(std::move(e));
  }
  write_file_atomically(path, doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n");
}

}  // namespace keysweep
