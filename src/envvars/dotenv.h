// .env-style files: which files are env files, which of those are examples that document the
// variables, and the parser that lists the variables they assign. Values are never kept.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace keysweep {

enum class EnvFileKind {
  kNone,     // not an env file
  kEnv,      // .env, .env.local, prod.env, .envrc, .flaskenv ...: holds real values
  kExample,  // .env.example, .env.sample, .env.template, env.dist ...: documents the variables
};

// Judged from the base name of `path`, case-insensitively: `.env`, `.envrc`, `.flaskenv`, names
// starting with `.env.`, `.env-` or `.env_`, names ending in `.env`, and `env.<example word>`.
// An env file is an example when a part of its name (split at '.', '-', '_') is one of example,
// examples, sample, samples, template, templates, tmpl, tpl, dist, skel, skeleton.
EnvFileKind env_file_kind(std::string_view path);

struct DotenvEntry {
  std::string name;
  uint32_t line = 0;      // 1-based line of the name
  uint32_t end_line = 0;  // last line of the value (quoted values may span lines)
  bool has_value = false;
};

// The assignments in an env file, in order: `NAME=value`, `export NAME=value`, with the value
// unquoted, or in '...', "..." or `...` quotes that may span lines. Blank lines, comments and
// lines that are not assignments (shell commands in .envrc) are skipped. Never fails.
std::vector<DotenvEntry> parse_dotenv(std::string_view text);

}  // namespace keysweep
