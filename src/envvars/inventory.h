// The inventory: every variable the tree reads or sets, folded from per-file results, and the
// problems a CI gate fails on. Pure: no I/O, so every problem kind is tested on plain data.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "envvars/dotenv.h"
#include "envvars/env_engine.h"

namespace keysweep {

struct EnvReference {
  std::string path;
  uint32_t line = 0;
  std::string language;
  bool has_default = false;
};

struct EnvDefinition {
  std::string path;
  uint32_t line = 0;
};

struct EnvVariable {
  std::string name;
  bool secret_like = false;
  bool required = false;    // some reference has no default
  bool documented = false;  // listed in an example file
  bool client_exposed = false;
  std::vector<EnvReference> references;    // sorted by path, then line
  std::vector<EnvDefinition> definitions;  // sorted by path, then line
};

enum class ProblemKind {
  kClientExposedSecret,
  kCommittedSecretValue,
  kExampleHasRealSecret,
  kUndocumented,
  kUnusedDocumented,  // a warning: never fails --check
};

std::string_view problem_kind_name(ProblemKind k);
// Every kind but unused_documented fails `env --check`.
bool problem_fails_check(ProblemKind k);

struct EnvProblem {
  ProblemKind kind;
  std::string name;
  std::string path;
  uint32_t line = 0;
  std::string message;  // one sentence; never holds a value
};

struct EnvDynamicRead {
  std::string path;
  uint32_t line = 0;
  std::string language;
  std::string expression;
};

// One source file's extraction, as the scan hands it over.
struct CodeFile {
  std::string path;
  std::string language;
  bool counts_for_example = true;  // false: its reads are configured elsewhere (workflows, build args)
  FileEnv env;
};

// A secret the secret rules found in an env file, placed on its line.
struct EnvFileSecret {
  uint32_t line = 0;
  std::string rule_id;
  std::string rule_name;
};

struct EnvFile {
  std::string path;
  EnvFileKind kind = EnvFileKind::kEnv;
  bool documents = false;  // an example file that counts as the documentation (see --example)
  std::vector<DotenvEntry> entries;
  std::vector<EnvFileSecret> secrets;
};

struct EnvInventory {
  std::vector<EnvVariable> variables;  // sorted by name
  std::vector<EnvProblem> problems;    // by kind (failing kinds first), then name, path, line
  std::vector<EnvDynamicRead> dynamic; // sorted by path, then line
  std::vector<std::string> example_files;  // the files that document variables
  size_t files = 0;                        // source and env files read
  uint64_t bytes = 0;
};

// Folds the per-file results into the inventory and derives the problems (README documents each
// rule). Deterministic for the same input.
EnvInventory build_inventory(const std::vector<CodeFile>& code, const std::vector<EnvFile>& env_files);

}  // namespace keysweep
