// Match stage: Hyperscan finds where each rule's pattern ends; RE2 re-runs only that rule on a
// window reaching back the pattern's maximum width, which both confirms the hit and extracts the
// secret group. Hits of one rule that overlap are merged into one window so RE2 runs once per
// cluster, not once per Hyperscan report.
#include "match/matcher.h"

#include <algorithm>

#include "filter/value_filters.h"
#include "keysweep/error.h"
#include "match/encoded.h"
#include "match/entropy.h"
#include "match/shadowing.h"
#include "util/base64.h"

namespace keysweep {
namespace {

int on_hit(unsigned int id, unsigned long long /*from*/, unsigned long long to, unsigned int /*flags*/,
           void* ctx) {
  static_cast<std::vector<Hit>*>(ctx)->push_back({id, to});
  return 0;
}

// A block secret (PEM, PuTTY, PGP) runs from the start of the whole match (the BEGIN line) to
// the end of the rule's block_end pattern after the secret, searched within this many bytes.
constexpr size_t kMaxBlockTail = 32 << 10;

void extend_to_block_end(const RuleDatabase& db, uint32_t rule, std::string_view blob, Match* m) {
  re2::StringPiece text(blob.data(), blob.size()), found;
  size_t limit = std::min(blob.size(), size_t(m->end) + kMaxBlockTail);
  size_t stop = m->match_end;
  if (db.block_end_regex(rule).Match(text, m->end, limit, RE2::UNANCHORED, &found, 1))
    stop = std::max<size_t>(stop, size_t(found.data() - blob.data()) + found.size());
  m->start = m->match_start;
  m->end = stop;
  m->match_end = std::max<uint64_t>(m->match_end, stop);
  m->secret.assign(blob.substr(m->start, m->end - m->start));
  m->entropy = shannon_entropy(m->secret);
}

// The reported value of a secret group: decoded when the rule says it is encoded. False when
// the group does not decode to text.
bool decode_group(const Rule& r, std::string_view raw, Match* m) {
  switch (r.encoding) {
    case Encoding::kNone:
      m->secret.assign(raw);
      return true;
    case Encoding::kPercent:
      m->secret = percent_decode(raw);
      return true;
    case Encoding::kBase64: {
      auto decoded = decode_base64_text(raw);
      if (!decoded) return false;
      m->secret = std::move(*decoded);
      m->encoding = Encoding::kBase64;
      return true;
    }
  }
  return false;
}

ValueStrength strength_of(ValueClass c) {
  return c == ValueClass::kWeak ? ValueStrength::kWeak : c == ValueClass::kTrivial ? ValueStrength::kTrivial
                                                                                   : ValueStrength::kRandom;
}

}  // namespace

void extract_matches(const RuleDatabase& db, uint32_t rule, std::string_view blob, size_t begin, size_t end,
                     bool filter, std::vector<Match>* out, std::vector<Match>* rejected) {
  const Rule& r = db.rule(rule);
  const RE2& re = db.re2(rule);
  int group = db.secret_group(rule);
  int name_group = db.name_group(rule);
  re2::StringPiece groups[32];
  int ngroups = std::min(std::max(group, name_group) + 1, 32);
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
      bool decoded = decode_group(r, std::string_view(sec.data(), sec.size()), &m);
      m.entropy = shannon_entropy(m.secret);
      std::string_view name;
      if (name_group >= 0 && groups[name_group].data()) name = {groups[name_group].data(), groups[name_group].size()};
      ValueVerdict v = !decoded ? ValueVerdict{ValueClass::kRejected, "undecodable"}
                       : filter ? classify_value(db, rule, m.secret, m.entropy, name)
                                : ValueVerdict{};
      bool keep = v.kind == ValueClass::kSecret ||
                  (v.kind != ValueClass::kRejected && r.weak_values != WeakValues::kNever);
      m.strength = strength_of(v.kind);
      if (keep && !r.block_end.empty()) extend_to_block_end(db, rule, blob, &m);
      if (keep) {
        mend = std::max<size_t>(mend, m.match_end);
        out->push_back(std::move(m));
      } else if (rejected) {
        rejected->push_back(std::move(m));
      }
    }
    pos = mend > mstart ? mend : mstart + 1;
  }
}

namespace {

void sort_matches(std::vector<Match>* v) {
  std::sort(v->begin(), v->end(), [](const Match& a, const Match& b) {
    if (a.start != b.start) return a.start < b.start;
    if (a.rule_index != b.rule_index) return a.rule_index < b.rule_index;
    return a.end < b.end;
  });
}

void drop_shadowed(const RuleDatabase& db, std::vector<Match>* v) {
  if (v->size() < 2) return;
  std::vector<ReportSpan> spans;
  spans.reserve(v->size());
  for (const Match& m : *v) spans.push_back({m.rule_index, m.start, m.end, m.match_end - m.match_start});
  std::vector<bool> drop = shadowed_spans(db, spans);
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
  runs_.clear();
  // hs_scan takes a 32-bit length; callers cap blobs well below 4 GiB (--max-file-size).
  hs_error_t rc = hs_scan(db_.hyperscan(), blob.data(), unsigned(std::min<size_t>(blob.size(), 0xffffffffu)),
                          0, scratch_, on_hit, &hits_);
  if (rc != HS_SUCCESS && rc != HS_SCAN_TERMINATED) throw Error("hyperscan", "scan failed");
  runs_.clear();
  if (hits_.empty()) return;
  // The database's base64-run detector is not a rule: its reports only say where a run ends.
  uint32_t run_id = uint32_t(db_.rules().size());
  size_t kept = 0;
  for (const Hit& h : hits_) {
    if (h.rule == run_id) runs_.push_back(h.end);
    else hits_[kept++] = h;
  }
  hits_.resize(kept);
  std::sort(runs_.begin(), runs_.end());
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
        extract_matches(db_, rule, blob, wbegin, wend, options_.value_filters, out, rejected);
        wbegin = b;
      }
      wend = hits_[i].end;
    }
    extract_matches(db_, rule, blob, wbegin, wend, options_.value_filters, out, rejected);
  }
  sort_matches(out);
  if (options_.dedupe) drop_shadowed(db_, out);
}

std::vector<Match> re2_only_matches(const RuleDatabase& db, uint32_t rule, std::string_view blob) {
  std::vector<Match> out;
  extract_matches(db, rule, blob, 0, blob.size(), true, &out, nullptr);
  sort_matches(&out);
  return out;
}

}  // namespace keysweep
