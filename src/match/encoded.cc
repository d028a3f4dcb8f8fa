// Decode-and-rescan (match/encoded.h). Runs come from the Hyperscan pass itself (the database's
// run detector), so finding them costs no second pass; most runs are rejected after looking at
// their first symbols (binary data, hex digests, identifiers never decode to text).
#include "match/encoded.h"

#include <algorithm>

#include "util/base64.h"

namespace keysweep {
namespace {

constexpr size_t kMinRun = 32;

struct Span {
  uint64_t start, end;
};

bool is_run_byte(unsigned char c) { return is_base64_symbol(c) || c == '='; }

// The run whose detector report ended at `report_end` (just past the terminator, or the blob end).
Span run_before(std::string_view blob, uint64_t report_end) {
  uint64_t end = report_end;
  if (end > 0 && !is_run_byte(static_cast<unsigned char>(blob[end - 1]))) --end;
  uint64_t start = end;
  while (start > 0 && blob[start - 1] == '=') --start;
  while (start > 0 && is_base64_symbol(static_cast<unsigned char>(blob[start - 1]))) --start;
  return {start, end};
}

// Data URIs hold media or source maps, never a credential worth a decode.
bool is_data_uri(std::string_view blob, uint64_t start) {
  std::string_view before = blob.substr(start >= 8 ? start - 8 : 0, start >= 8 ? 8 : start);
  return before.size() >= 7 && before.substr(before.size() - 7) == "base64,";
}

// Base64 of ASCII text puts a symbol worth less than 32 (A-Z, a-f) at every fourth place, since
// each 3-byte group starts with a byte below 0x80. A cheap look before any decode.
bool could_be_ascii(std::string_view run) {
  size_t groups = std::min<size_t>(run.size() / 4, 16);
  for (size_t g = 0; g < groups; ++g) {
    char c = run[g * 4];
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'f'))) return false;
  }
  return groups > 0;
}

// Decoded offset → encoded offset within a run starting at `base`.
uint64_t encoded_start(uint64_t base, uint64_t d) { return base + d / 3 * 4; }
uint64_t encoded_end(uint64_t base, uint64_t d, uint64_t run_end) {
  return std::min(run_end, base + (d + 2) / 3 * 4);
}

void scan_depth(Matcher& matcher, std::string_view blob, std::vector<Match>* matches, size_t* budget, int depth) {
  std::vector<Span> spans;
  for (uint64_t e : matcher.base64_run_ends()) spans.push_back(run_before(blob, e));
  for (const Match& m : *matches)
    if (m.encoding == Encoding::kBase64 && m.match_start <= m.start) spans.push_back({m.start, m.end});
  std::sort(spans.begin(), spans.end(), [](Span a, Span b) { return a.start != b.start ? a.start < b.start : a.end < b.end; });
  spans.erase(std::unique(spans.begin(), spans.end(), [](Span a, Span b) { return a.start == b.start && a.end == b.end; }),
              spans.end());
  std::vector<Match> inner;
  for (Span sp : spans) {
    if (*budget == 0) break;
    std::string_view run = blob.substr(sp.start, sp.end - sp.start);
    // Rule-encoded values may be short ("aHVudGVyMjI="); detector runs are at least kMinRun.
    if (run.size() < 8 || run.size() / 4 * 3 > kMaxDecodedRun || is_data_uri(blob, sp.start)) continue;
    if (!could_be_ascii(run)) continue;
    auto head = base64_decode_prefix(run, 48);
    if (!head || !looks_like_text(*head)) continue;
    auto decoded = decode_base64_text(run);
    if (!decoded) continue;
    *budget -= std::min(*budget, decoded->size());
    matcher.scan(*decoded, &inner);
    if (depth < kMaxDecodeDepth) scan_depth(matcher, *decoded, &inner, budget, depth + 1);
    for (Match& m : inner) {
      Match out = std::move(m);
      out.start = encoded_start(sp.start, out.start);
      out.end = encoded_end(sp.start, out.end, sp.end);
      out.match_start = encoded_start(sp.start, out.match_start);
      out.match_end = encoded_end(sp.start, out.match_end, sp.end);
      out.encoding = Encoding::kBase64;
      matches->push_back(std::move(out));
    }
  }
}

}  // namespace

bool looks_like_text(std::string_view bytes) {
  size_t i = 0;
  while (i < bytes.size()) {
    unsigned char c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) return false;
      ++i;
      continue;
    }
    size_t n = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
    if (n == 0 || i + n > bytes.size()) return false;
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(bytes[i + k]) & 0xc0) != 0x80) return false;
    i += n;
  }
  return true;
}

std::optional<std::string> decode_base64_text(std::string_view raw) {
  auto decoded = base64_decode(raw);
  if (!decoded || decoded->empty() || !looks_like_text(*decoded)) return std::nullopt;
  return decoded;
}

void scan_encoded(Matcher& matcher, std::string_view blob, std::vector<Match>* matches) {
  size_t budget = kDecodeBudgetPerBlob;
  scan_depth(matcher, blob, matches, &budget, 1);
}

}  // namespace keysweep
