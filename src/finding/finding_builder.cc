// Places matches in their blob (line/column) and gives each finding its stable identity.
#include "finding/finding_builder.h"

#include <cstring>

#include "util/sha256.h"

namespace keysweep {

std::string fingerprint(std::string_view rule_id, std::string_view secret) {
  Sha256 h;
  h.update(rule_id);
  h.update(std::string_view("\0", 1));
  h.update(secret);
  auto d = h.digest();
  return to_hex(d.data(), 20);
}

std::string redact(std::string_view secret) {
  size_t keep = secret.size() >= 16 ? 4 : secret.size() / 4;
  // Never cut a UTF-8 sequence in half.
  while (keep > 0 && (static_cast<unsigned char>(secret[keep]) & 0xC0) == 0x80) --keep;
  return std::string(secret.substr(0, keep)) + "\u2026";
}

namespace {

// Advances a (line, line_start) cursor from `from` to `to`, counting newlines.
struct LineCursor {
  std::string_view blob;
  uint64_t pos = 0, line = 1, line_start = 0;
  void advance(uint64_t to) {
    while (pos < to) {
      const void* nl = std::memchr(blob.data() + pos, '\n', to - pos);
      if (!nl) {
        pos = to;
        break;
      }
      pos = uint64_t(static_cast<const char*>(nl) - blob.data()) + 1;
      ++line;
      line_start = pos;
    }
  }
};

}  // namespace

void build_findings(const RuleDatabase& db, std::string_view blob, const std::string& path,
                    const std::vector<Match>& matches, std::vector<Finding>* out) {
  LineCursor cur{blob};
  for (const Match& m : matches) {
    Finding f;
    f.rule = &db.rule(m.rule_index);
    f.rule_index = m.rule_index;
    f.path = path;
    f.offset = m.start;
    f.end_offset = m.end;
    f.context_length = m.match_end - m.match_start;
    f.strength = m.strength;
    f.encoding = m.encoding;
    f.confidence = f.rule->confidence;
    cur.advance(m.start);
    f.line = cur.line;
    f.column = m.start - cur.line_start + 1;
    // The end may lie lines later (PEM bodies); count those on a copy so the cursor stays at
    // the start for the next, possibly overlapping, match.
    // end_column is exclusive, as in SARIF regions: the column just past the secret.
    LineCursor end = cur;
    end.advance(m.end);
    f.end_line = end.line;
    f.end_column = m.end - end.line_start + 1;
    f.secret = m.secret;
    f.entropy = m.entropy;
    f.fingerprint = fingerprint(f.rule->id, m.secret);
    out->push_back(std::move(f));
  }
}

}  // namespace keysweep
