// Folds findings into secrets: the unit a team rotates.
#include "finding/rotation.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace keysweep {

std::string rotation_reference(const Rule& rule) {
  static const char* kWords[] = {"rotat", "revok", "revoc", "regenerat", "reset", "delet", "expir", "disabl", "roll"};
  for (const auto& ref : rule.references) {
    std::string l = ref;
    for (char& c : l) c = char(std::tolower(static_cast<unsigned char>(c)));
    for (const char* w : kWords)
      if (l.find(w) != std::string::npos) return ref;
  }
  return rule.references.empty() ? std::string() : rule.references.back();
}

namespace {
uint64_t order_of(const std::shared_ptr<const CommitInfo>& c) { return c ? c->order : UINT64_MAX; }
}  // namespace

std::vector<SecretToRotate> rotation_list(const std::vector<Finding>& findings,
                                          const std::unordered_set<std::string>& head_blobs) {
  std::map<std::string, SecretToRotate> by_fp;
  for (const Finding& f : findings) {
    auto [it, fresh] = by_fp.try_emplace(f.fingerprint);
    SecretToRotate& s = it->second;
    const auto& commit = f.provenance ? f.provenance->commit : nullptr;
    const auto& last = f.provenance && f.provenance->last_commit ? f.provenance->last_commit : commit;
    if (fresh) {
      s.fingerprint = f.fingerprint;
      s.rule = f.rule;
      s.secret = f.secret;
      s.first_seen = commit;
      s.last_seen = last;
      s.first_path = f.path;
      s.rotate_at = rotation_reference(*f.rule);
    } else {
      if (order_of(commit) < order_of(s.first_seen)) {
        s.first_seen = commit;
        s.first_path = f.path;
      }
    }
    if (last && (!s.last_seen || last->order > s.last_seen->order)) s.last_seen = last;
    s.places += 1 + (f.provenance ? f.provenance->other_places : 0);
    if (!f.provenance || head_blobs.count(f.provenance->blob)) s.at_head = true;
  }
  std::vector<SecretToRotate> out;
  for (auto& [fp, s] : by_fp) out.push_back(std::move(s));
  std::stable_sort(out.begin(), out.end(), [](const SecretToRotate& a, const SecretToRotate& b) {
    if (a.at_head != b.at_head) return a.at_head;
    if (a.rule->severity != b.rule->severity) return a.rule->severity > b.rule->severity;
    return order_of(a.first_seen) < order_of(b.first_seen);
  });
  return out;
}

}  // namespace keysweep
