// Parsing .env-style files. A parser rather than a rule: a quoted value can span lines, and only
// a parser can tell a continuation line (say, base64 ending in '=') from an assignment.
#include "envvars/dotenv.h"

#include <algorithm>

namespace keysweep {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return out;
}

bool is_example_word(std::string_view w) {
  static constexpr std::string_view kWords[] = {"example", "examples", "sample", "samples", "template",
                                                "templates", "tmpl", "tpl", "dist", "skel", "skeleton"};
  return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

bool has_example_part(std::string_view base) {
  size_t start = 0;
  for (size_t i = 0; i <= base.size(); ++i) {
    if (i == base.size() || base[i] == '.' || base[i] == '-' || base[i] == '_') {
      if (is_example_word(base.substr(start, i - start))) return true;
      start = i + 1;
    }
  }
  return false;
}

bool name_start(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool name_char(char c) { return name_start(c) || (c >= '0' && c <= '9') || c == '.' || c == '-'; }

}  // namespace

EnvFileKind env_file_kind(std::string_view path) {
  size_t slash = path.rfind('/');
  std::string base = lower(slash == std::string_view::npos ? path : path.substr(slash + 1));
  auto starts = [&](std::string_view p) { return base.compare(0, p.size(), p) == 0; };
  bool env = base == ".env" || base == ".envrc" || base == ".flaskenv" || starts(".env.") || starts(".env-") ||
             starts(".env_") || (base.size() > 4 && base.compare(base.size() - 4, 4, ".env") == 0) ||
             (starts("env.") && has_example_part(std::string_view(base).substr(4)));
  if (!env) return EnvFileKind::kNone;
  return has_example_part(base) ? EnvFileKind::kExample : EnvFileKind::kEnv;
}

std::vector<DotenvEntry> parse_dotenv(std::string_view text) {
  std::vector<DotenvEntry> out;
  uint32_t line = 1;
  size_t i = 0, n = text.size();
  auto skip_blanks = [&] {
    while (i < n && (text[i] == ' ' || text[i] == '\t')) ++i;
  };
  auto to_eol = [&] {
    while (i < n && text[i] != '\n') ++i;
  };
  while (i < n) {
    skip_blanks();
    if (text.substr(i, 7) == "export " || text.substr(i, 7) == "export\t") {
      i += 7;
      skip_blanks();
    }
    size_t name_at = i;
    if (i < n && name_start(text[i]))
      while (i < n && name_char(text[i])) ++i;
    std::string_view name = text.substr(name_at, i - name_at);
    skip_blanks();
    if (!name.empty() && i < n && text[i] == '=') {
      ++i;
      skip_blanks();
      DotenvEntry e{std::string(name), line, line, false};
      if (i < n && (text[i] == '"' || text[i] == '\'' || text[i] == '`')) {
        char q = text[i++];
        size_t start = i;
        while (i < n && text[i] != q) {
          if (text[i] == '\\' && q != '\'' && i + 1 < n) {
            if (text[i + 1] == '\n') ++line;
            ++i;
          } else if (text[i] == '\n') {
            ++line;
          }
          ++i;
        }
        e.has_value = i > start;
        e.end_line = line;
        if (i < n) ++i;  // the closing quote; the rest of the line is a comment or junk
      } else {
        e.has_value = i < n && text[i] != '\n' && text[i] != '#' && text[i] != '\r';
      }
      out.push_back(std::move(e));
    }
    to_eol();
    if (i < n) {
      ++i;
      ++line;
    }
  }
  return out;
}

}  // namespace keysweep
