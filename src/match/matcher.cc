// Match stage: Hyperscan finds where each rule's pattern ends; RE2 re-runs only that rule on a
// window reaching back the pattern's maximum width, which both confirms the hit and extracts the
// secret group. Hits of one rule that overlap are merged into one window so RE2 runs once per
// cluster, not once per Hyperscan report.
#include "match/matcher.h"

#include <algorithm>

#include "filter/value_filters.h"
#include "keysweep/error.h"
#include "match/entropy.h"

namespace keysweep {
namespace {

int on_hit(unsigned int id, unsigned long long /*from*/, unsigned long long to, unsigned int /*flags*/,
           void* ctx) {
  static_cast<std::vector<Hit>*>(ctx)->push_back({id, to});
  return 0;
}

// Runs rule `rule`'s RE2 over blob[begin, end) (with the whole blob as context for \b and ^),
// appending every non-overlapping match.
void extract(const RuleDatabase& db, uint32_t rule, std::string_view blob, size_t begin, size_t end,
             bool filter, std::vector<Match>* out, std::vector<Match>* rejected) {
  const RE2& re = db.re2(rule);
  int group = db.secret_group(rule);
  re2::StringPiece groups[32];
  int ngroups = std::min(group + 1, 32);
  re2::StringPiece text(blob.data(), blob.size());
  size_t pos = begin;
  while (pos < end && re.Match(text, pos, end, RE2::UNANCHORED, groups, ngroups)) {
    size_t mstart = size_t(groups[0].data() - blob.data());
    size_t mend = mstart + groups[0].size();
    re2::StringPiece sec = groups[group];
    if (sec.data() != nullptr && !sec.empty()) {
      Match m;
      m.rule_index = rule;
      m.start = uint64_t(sec.data() - blob.data());
      m.end = m.start + sec.size();
      m.match_start = mstart;
      m.match_end = mend;
      m.secret.assign(sec.data(), sec.size());
      m.entropy = shannon_entropy(m.secret);
      if (!filter || reject_reason(db, rule, m.secret, m.entropy).empty())
        out->push_back(std::move(m));
      else if (rejected)
        rejected->push_back(std::move(m));
    }
    pos = mend > mstart ? mend : mstart + 1;
  }
}

void sort_matches(std::vector<Match>* v) {
  std::sort(v->begin(), v->end(), [](const Match& a, const Match& b) {
    if (a.start != b.start) return a.start < b.start;
    if (a.rule_index != b.rule_index) return a.rule_index < b.rule_index;
    return a.end < b.end;
  });
}

// One secret, one finding: when rules overlap on the same bytes, keep the most specific. A
// provider rule beats a generic rule whose span overlaps it. Between rules of the same kind
// reporting the same span, the one whose whole match is longer wins (it proved more context,
// e.g. "workos" before an sk_live_ key), then the one loaded first (provider files load before
// the shape rules). Different secrets that merely overlap are both kept.
void drop_shadowed(const RuleDatabase& db, std::vector<Match>* v) {
  if (v->size() < 2) return;
  std::vector<bool> drop(v->size(), false);
  for (size_t i = 0; i < v->size(); ++i) {
    for (size_t j = i + 1; j < v->size() && (*v)[j].start < (*v)[i].end; ++j) {
      const Match& a = (*v)[i];
      const Match& b = (*v)[j];
      bool ga = db.rule(a.rule_index).generic, gb = db.rule(b.rule_index).generic;
      if (ga != gb) {
        drop[ga ? i : j] = true;
      } else if (a.start == b.start && a.end == b.end) {
        uint64_t la = a.match_end - a.match_start, lb = b.match_end - b.match_start;
        bool keep_a = la != lb ? la > lb : a.rule_index < b.rule_index;
        drop[keep_a ? j : i] = true;
      }
    }
  }
  size_t w = 0;
  for (size_t i = 0; i < v->size(); ++i) {
    if (drop[i]) continue;
    if (w != i) (*v)[w] = std::move((*v)[i]);
    ++w;
  }
  v->resize(w);
}

}  // namespace

Matcher::Matcher(const RuleDatabase& db, Options options) : db_(db), options_(options) {
  if (hs_alloc_scratch(db_.hyperscan(), &scratch_) != HS_SUCCESS)
    throw Error("hyperscan", "could not allocate scratch space");
}

Matcher::~Matcher() {
  if (scratch_) hs_free_scratch(scratch_);
}

void Matcher::scan(std::string_view blob, std::vector<Match>* out, std::vector<Match>* rejected) {
  out->clear();
  hits_.clear();
  // hs_scan takes a 32-bit length; callers cap blobs well below 4 GiB (--max-file-size).
  hs_error_t rc = hs_scan(db_.hyperscan(), blob.data(), unsigned(std::min<size_t>(blob.size(), 0xffffffffu)),
                          0, scratch_, on_hit, &hits_);
  if (rc != HS_SUCCESS && rc != HS_SCAN_TERMINATED) throw Error("hyperscan", "scan failed");
  if (hits_.empty()) return;
  std::sort(hits_.begin(), hits_.end(),
            [](const Hit& a, const Hit& b) { return a.rule != b.rule ? a.rule < b.rule : a.end < b.end; });
  size_t i = 0;
  while (i < hits_.size()) {
    uint32_t rule = hits_[i].rule;
    uint64_t width = db_.max_width(rule);
    uint64_t wbegin = hits_[i].end > width ? hits_[i].end - width : 0;
    uint64_t wend = hits_[i].end;
    for (++i; i < hits_.size() && hits_[i].rule == rule; ++i) {
      uint64_t b = hits_[i].end > width ? hits_[i].end - width : 0;
      if (b > wend) {
        extract(db_, rule, blob, wbegin, wend, options_.value_filters, out, rejected);
        wbegin = b;
      }
      wend = hits_[i].end;
    }
    extract(db_, rule, blob, wbegin, wend, options_.value_filters, out, rejected);
  }
  sort_matches(out);
  if (options_.dedupe) drop_shadowed(db_, out);
}

std::vector<Match> re2_only_matches(const RuleDatabase& db, uint32_t rule, std::string_view blob) {
  std::vector<Match> out;
  extract(db, rule, blob, 0, blob.size(), true, &out, nullptr);
  sort_matches(&out);
  return out;
}

}  // namespace keysweep
