// Per-file rule semantics, after Hyperscan and RE2 have confirmed each match: context checks
// (comments, shell single quotes, the byte before and after), blocks whose items are the
// variables (YAML env maps, destructuring, Dockerfile ENV lists), writes cancelling the read they
// overlap, and shell locals cancelling their plain reads.
#include <algorithm>
#include <cctype>
#include <unordered_set>

#include "envvars/env_engine.h"

namespace keysweep {
namespace {

constexpr int kMaxGroups = 16;
constexpr size_t kMaxYamlBlockLines = 2000;
constexpr size_t kMaxExpression = 100;

// Line numbers for byte offsets, built only for files with at least one match.
class Lines {
 public:
  explicit Lines(std::string_view text) : text_(text) {
    starts_.push_back(0);
    for (size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1)) starts_.push_back(i + 1);
  }
  uint32_t line_of(size_t off) const {
    return uint32_t(std::upper_bound(starts_.begin(), starts_.end(), off) - starts_.begin());
  }
  size_t start_of(size_t off) const { return starts_[line_of(off) - 1]; }
  size_t end_of(size_t off) const {
    size_t nl = text_.find('\n', off);
    return nl == std::string_view::npos ? text_.size() : nl;
  }

 private:
  std::string_view text_;
  std::vector<size_t> starts_;
};

re2::StringPiece piece(std::string_view s) { return re2::StringPiece(s.data(), s.size()); }

constexpr size_t kContext = 64;

// Whether `re` matches within the kContext bytes before `pos`, or from `pos` on.
bool before_matches(const RE2& re, std::string_view text, size_t pos) {
  size_t b = pos > kContext ? pos - kContext : 0;
  return RE2::PartialMatch(piece(text.substr(b, pos - b)), re);
}
bool after_matches(const RE2& re, std::string_view text, size_t pos) {
  return RE2::PartialMatch(piece(text.substr(pos, kContext)), re);
}

bool valid_name(std::string_view name) {
  return !name.empty() && name.size() <= 256 &&
         std::any_of(name.begin(), name.end(), [](char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; });
}

// Whether the line holding `pos` starts (after indentation) with a line-comment marker.
bool on_comment_line(const EnvLanguage& lang, std::string_view text, size_t line_start, size_t pos) {
  size_t i = line_start;
  while (i < pos && (text[i] == ' ' || text[i] == '\t')) ++i;
  for (const std::string& c : lang.comments)
    if (text.substr(i, c.size()) == c) return true;
  return false;
}

// Quote state along a line, kept between matches: successive matches on one long line (minified
// code) cost one pass over it, not one pass each.
class QuoteTracker {
 public:
  // kShell: `quotes` (shell ') are literal, except inside "..."; `pos` is inside when one is open.
  // kString: `quotes` delimit string literals; `pos` is inside when one is open and no
  // interpolation ({, ${, #{, Swift's \( ) opened in it.
  enum class Mode { kShell, kString };
  QuoteTracker(Mode mode, std::string_view quotes, std::string_view text) : mode_(mode), quotes_(quotes), text_(text) {}

  bool inside(size_t line_start, size_t pos) {
    if (line_start != line_ || pos < at_) {
      line_ = at_ = line_start;
      open_ = 0;
      dq_ = interpolated_ = skip_ = false;
    }
    for (; at_ < pos; ++at_) step(text_[at_]);
    return open_ != 0 && !(mode_ == Mode::kString && interpolated_);
  }

 private:
  void step(char c) {
    if (skip_) {
      skip_ = false;
    } else if (mode_ == Mode::kShell) {
      if (open_) {
        if (c == open_) open_ = 0;
      } else if (c == '\\') {
        skip_ = true;
      } else if (c == '"') {
        dq_ = !dq_;
      } else if (!dq_ && quotes_.find(c) != std::string_view::npos) {
        open_ = c;
      }
    } else if (!open_) {
      if (quotes_.find(c) != std::string_view::npos) open_ = c, interpolated_ = false;
    } else if (c == '\\') {
      if (at_ + 1 < text_.size() && text_[at_ + 1] == '(') interpolated_ = true;
      skip_ = true;
    } else if (c == open_) {
      open_ = 0;
    } else if (c == '{') {
      interpolated_ = true;
    }
  }

  Mode mode_;
  std::string_view quotes_, text_;
  size_t line_ = std::string_view::npos, at_ = 0;
  char open_ = 0;
  bool dq_ = false, interpolated_ = false, skip_ = false;
};

std::string one_line(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    bool ws = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (ws) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  if (out.size() > kMaxExpression) out = out.substr(0, kMaxExpression - 3) + "...";
  return out;
}

struct Flags {
  bool has_default = false;
  bool op = false;
};

// Which of `re`'s "default..." and "op" groups took part in the match in `g`.
Flags flags_of(const RE2& re, const re2::StringPiece* g, int n) {
  Flags f;
  for (const auto& [name, idx] : re.NamedCapturingGroups()) {
    if (idx >= n || g[idx].data() == nullptr) continue;
    if (name.compare(0, 7, "default") == 0) f.has_default = true;
    if (name == "op") f.op = true;
  }
  return f;
}

// Collects one file's records, then resolves writes and locals.
class Collector {
 public:
  Collector(const EnvEngine& engine, uint32_t language, std::string_view text)
      : engine_(engine), language_(language), text_(text), lines_(text) {}

  void add(uint32_t rule, EnvKind kind, std::string_view name, size_t offset, Flags flags) {
    std::string n(name);
    if (kind != EnvKind::kDynamic && !valid_name(n)) return;
    uint32_t line = lines_.line_of(offset);
    const auto& cr = engine_.compiled_rule(rule);
    const auto& cl = engine_.compiled_language(language_);
    bool ignored = name_ignored(n, cr.ignore, cr.ignore_prefixes) || name_ignored(n, cl.ignore, cl.ignore_prefixes);
    switch (kind) {
      case EnvKind::kRead:
        if (!ignored) reads_.push_back({{n, line, flags.has_default || engine_.rules().rules[rule].optional, rule}, offset, flags.op});
        break;
      case EnvKind::kDefinition:
        if (!ignored) out_.defs.push_back({n, line, rule});
        break;
      case EnvKind::kWrite:
        write_offsets_.insert(offset);
        out_.writes.push_back({n, line, rule});
        break;
      case EnvKind::kLocal:
        local_names_.insert(n);
        out_.locals.push_back({n, line, rule});
        break;
      case EnvKind::kDynamic:
        dynamic_.push_back({{one_line(name), line, rule}, offset});
        break;
    }
  }

  const Lines& lines() const { return lines_; }

  FileEnv finish() {
    // Rules matching the same occurrence pool what they saw: a default or an operator either
    // one found counts.
    std::stable_sort(reads_.begin(), reads_.end(), [](const PendingRead& a, const PendingRead& b) { return a.offset < b.offset; });
    size_t w = 0;
    for (size_t i = 0; i < reads_.size(); ++i) {
      if (w > 0 && reads_[w - 1].offset == reads_[i].offset && reads_[w - 1].ref.name == reads_[i].ref.name) {
        // The record names the rule that decided: the one that saw the default.
        if (reads_[i].ref.has_default && !reads_[w - 1].ref.has_default) reads_[w - 1].ref.rule = reads_[i].ref.rule;
        reads_[w - 1].ref.has_default |= reads_[i].ref.has_default;
        reads_[w - 1].op |= reads_[i].op;
        continue;
      }
      reads_[w++] = reads_[i];
    }
    reads_.resize(w);
    for (const PendingRead& r : reads_) {
      if (write_offsets_.count(r.offset)) continue;
      if (!r.ref.has_default && !r.op && local_names_.count(r.ref.name)) continue;
      out_.refs.push_back(r.ref);
    }
    for (const PendingDynamic& d : dynamic_)
      if (!write_offsets_.count(d.offset)) out_.dynamic.push_back(d.dyn);
    dedupe_refs();
    auto by_line = [](const auto& a, const auto& b) { return a.line != b.line ? a.line < b.line : a.name < b.name; };
    for (auto* v : {&out_.defs, &out_.writes, &out_.locals}) {
      std::stable_sort(v->begin(), v->end(), by_line);
      v->erase(std::unique(v->begin(), v->end(), [](const EnvDef& a, const EnvDef& b) { return a.line == b.line && a.name == b.name; }), v->end());
    }
    std::stable_sort(out_.dynamic.begin(), out_.dynamic.end(), [](const EnvDynamic& a, const EnvDynamic& b) {
      return a.line != b.line ? a.line < b.line : a.expression < b.expression;
    });
    out_.dynamic.erase(std::unique(out_.dynamic.begin(), out_.dynamic.end(), [](const EnvDynamic& a, const EnvDynamic& b) {
                         return a.line == b.line && a.expression == b.expression;
                       }), out_.dynamic.end());
    return std::move(out_);
  }

 private:
  struct PendingRead {
    EnvRef ref;
    size_t offset;
    bool op;
  };
  struct PendingDynamic {
    EnvDynamic dyn;
    size_t offset;
  };

  // One reference per name and line; it has a default only if every read there has one.
  void dedupe_refs() {
    auto& v = out_.refs;
    std::stable_sort(v.begin(), v.end(), [](const EnvRef& a, const EnvRef& b) {
      return a.line != b.line ? a.line < b.line : a.name < b.name;
    });
    size_t w = 0;
    for (size_t i = 0; i < v.size(); ++i) {
      if (w > 0 && v[w - 1].line == v[i].line && v[w - 1].name == v[i].name) {
        v[w - 1].has_default = v[w - 1].has_default && v[i].has_default;
        continue;
      }
      v[w++] = v[i];
    }
    v.resize(w);
  }

  const EnvEngine& engine_;
  uint32_t language_;
  std::string_view text_;
  Lines lines_;
  FileEnv out_;
  std::vector<PendingRead> reads_;
  std::vector<PendingDynamic> dynamic_;
  std::unordered_set<size_t> write_offsets_;
  std::unordered_set<std::string> local_names_;
};

// Matches `item` against `s` (anchored at its start when `anchored`) and records every hit.
// `base` is s's offset in the file.
void match_items(const EnvRule& rule, const EnvEngine::CompiledRule& cr, uint32_t ri, std::string_view s,
                 size_t base, bool anchored, Collector* out) {
  for (size_t k = 0; k < cr.items.size(); ++k) {
    const RE2& re = *cr.items[k];
    int n = std::min(re.NumberOfCapturingGroups() + 1, kMaxGroups);
    re2::StringPiece g[kMaxGroups];
    size_t pos = 0;
    bool matched = false;
    while (pos <= s.size() && re.Match(piece(s), pos, s.size(), anchored ? RE2::ANCHOR_START : RE2::UNANCHORED, g, n)) {
      matched = true;
      if (n > 1 && g[1].data() != nullptr && !g[1].empty())
        out->add(ri, rule.items[k].kind, std::string_view(g[1].data(), g[1].size()), base + size_t(g[1].data() - s.data()),
                 flags_of(re, g, n));
      if (anchored) break;
      size_t end = size_t(g[0].data() - s.data()) + g[0].size();
      pos = end > pos ? end : pos + 1;
    }
    if (anchored && matched) return;  // the first item that fits a piece wins
  }
}

// Group 1 is a block: items are searched in it, or in each piece of it cut at `split`.
void group_block(const EnvRule& rule, const EnvEngine::CompiledRule& cr, uint32_t ri, std::string_view text,
                 size_t begin, size_t end, Collector* out) {
  std::string_view block = text.substr(begin, end - begin);
  if (rule.split.empty()) {
    match_items(rule, cr, ri, block, begin, false, out);
    return;
  }
  size_t pos = 0;
  while (pos <= block.size()) {
    size_t cut = block.find(rule.split, pos);
    if (cut == std::string_view::npos) cut = block.size();
    size_t a = pos, b = cut;
    while (a < b && std::isspace((unsigned char)block[a])) ++a;
    while (b > a && std::isspace((unsigned char)block[b - 1])) --b;
    if (a < b) match_items(rule, cr, ri, block.substr(a, b - a), begin + a, true, out);
    pos = cut + rule.split.size();
  }
}

// The pattern matched a YAML key ending its line; its direct children are the items. Children are
// the following lines indented deeper than the key, or at the key's column when they are
// sequence entries ("- ..."), as Kubernetes manifests write env lists.
void yaml_block(const EnvRule& rule, const EnvEngine::CompiledRule& cr, uint32_t ri, std::string_view text,
                size_t key, Collector* out) {
  size_t key_col = key - out->lines().start_of(key);
  size_t pos = out->lines().end_of(key);
  size_t child_col = std::string_view::npos;
  for (size_t count = 0; pos < text.size() && count < kMaxYamlBlockLines; ++count) {
    size_t ls = pos + 1, le = out->lines().end_of(ls);
    pos = le;
    if (ls >= text.size()) break;
    size_t i = ls;
    while (i < le && text[i] == ' ') ++i;
    size_t ce = le;
    if (ce > i && text[ce - 1] == '\r') --ce;
    std::string_view content = text.substr(i, ce - i);
    if (content.empty() || content[0] == '#') continue;
    size_t col = i - ls;
    bool dash = content[0] == '-' && (content.size() == 1 || content[1] == ' ');
    if (col < key_col || (col == key_col && !dash)) break;
    if (child_col == std::string_view::npos) child_col = col;
    if (col == child_col) match_items(rule, cr, ri, content, i, true, out);
  }
}

}  // namespace

FileEnv EnvEngine::extract(uint32_t language, std::string_view text, Scratch* scratch) const {
  const CompiledLanguage& cl = languages_[language];
  const EnvLanguage& lang = set_.languages[language];
  if (!cl.db) return {};
  scratch->matcher(language).scan(text, &scratch->matches);
  if (scratch->matches.empty()) return {};
  Collector out(*this, language, text);
  std::vector<int> requires_ok(set_.rules.size(), -1);
  QuoteTracker shell_quotes(QuoteTracker::Mode::kShell, lang.literal_quote, text);
  QuoteTracker strings(QuoteTracker::Mode::kString, lang.string_quotes, text);
  for (const Match& m : scratch->matches) {
    uint32_t ri = cl.rules[m.rule_index];
    const EnvRule& rule = set_.rules[ri];
    const CompiledRule& cr = rules_[ri];
    const RE2& re = cl.db->re2(m.rule_index);
    int n = std::min(re.NumberOfCapturingGroups() + 1, kMaxGroups);
    re2::StringPiece g[kMaxGroups];
    if (n < 2 || !re.Match(piece(text), m.match_start, m.match_end, RE2::ANCHOR_BOTH, g, n) || g[1].data() == nullptr)
      continue;
    size_t g1s = size_t(g[1].data() - text.data()), g1e = g1s + g[1].size();
    if (cr.not_after && before_matches(*cr.not_after, text, m.match_start)) continue;
    if (cr.not_before && after_matches(*cr.not_before, text, g1e)) continue;
    size_t ls = out.lines().start_of(m.match_start);
    if (on_comment_line(lang, text, ls, m.match_start)) continue;
    if (!lang.literal_quote.empty() && shell_quotes.inside(out.lines().start_of(g1s), g1s)) continue;
    if (!lang.string_quotes.empty() && strings.inside(ls, m.match_start)) continue;
    if (cr.requires_re) {
      if (requires_ok[ri] < 0) requires_ok[ri] = RE2::PartialMatch(piece(text), *cr.requires_re) ? 1 : 0;
      if (!requires_ok[ri]) continue;
    }
    if (rule.block == "group")
      group_block(rule, cr, ri, text, g1s, g1e, &out);
    else if (rule.block == "yaml")
      yaml_block(rule, cr, ri, text, g1s, &out);
    else
      out.add(ri, rule.kind, text.substr(g1s, g1e - g1s), g1s, flags_of(re, g, n));
  }
  return out.finish();
}

}  // namespace keysweep
