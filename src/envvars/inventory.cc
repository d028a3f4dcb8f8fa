// Inventory stage: per-file references and env-file entries → one record per variable, then the
// problems. Runs after the parallel extraction, on the main thread.
#include "envvars/inventory.h"

#include <algorithm>
#include <map>

#include "envvars/var_names.h"

namespace keysweep {

std::string_view problem_kind_name(ProblemKind k) {
  switch (k) {
    case ProblemKind::kClientExposedSecret: return "client_exposed_secret";
    case ProblemKind::kCommittedSecretValue: return "committed_secret_value";
    case ProblemKind::kExampleHasRealSecret: return "example_has_real_secret";
    case ProblemKind::kUndocumented: return "undocumented";
    case ProblemKind::kUnusedDocumented: return "unused_documented";
  }
  return "undocumented";
}

bool problem_fails_check(ProblemKind k) { return k != ProblemKind::kUnusedDocumented; }

namespace {

struct Facts {
  EnvVariable var;
  bool in_env_file = false;                // a committed env file gives it a value
};

std::string where(const std::string& path, uint32_t line) { return path + ":" + std::to_string(line); }

// The variable assigned on `line` of `f` (a quoted value may span lines), or "".
std::string name_at_line(const EnvFile& f, uint32_t line) {
  for (const DotenvEntry& e : f.entries)
    if (e.line <= line && line <= e.end_line) return e.name;
  return {};
}

void secret_problems(const EnvFile& f, std::vector<EnvProblem>* out) {
  for (const EnvFileSecret& s : f.secrets) {
    std::string name = name_at_line(f, s.line);
    std::string var = name.empty() ? "a line" : name;
    if (f.kind == EnvFileKind::kExample)
      out->push_back({ProblemKind::kExampleHasRealSecret, name, f.path, s.line,
                      var + " in example file " + f.path + " holds a real-looking " + s.rule_name + " (rule " +
                          s.rule_id + ") instead of a placeholder"});
    else
      out->push_back({ProblemKind::kCommittedSecretValue, name, f.path, s.line,
                      f.path + " is not ignored by git and gives " + var + " a value the secret rule " + s.rule_id +
                          " flags; move it out of the repository and rotate it"});
  }
}

}  // namespace

EnvInventory build_inventory(const std::vector<CodeFile>& code, const std::vector<EnvFile>& env_files) {
  EnvInventory inv;
  std::map<std::string, Facts> vars;
  std::vector<std::pair<const CodeFile*, const EnvRef*>> gate_candidates;
  for (const CodeFile& f : code) {
    for (const EnvRef& r : f.env.refs) {
      vars[r.name].var.references.push_back({f.path, r.line, f.language, r.has_default});
      if (!r.has_default && f.counts_for_example) gate_candidates.push_back({&f, &r});
    }
    for (const EnvDef& d : f.env.defs) vars[d.name].var.definitions.push_back({f.path, d.line});
    for (const EnvDynamic& d : f.env.dynamic) inv.dynamic.push_back({f.path, d.line, f.language, d.expression});
  }
  for (const EnvFile& f : env_files) {
    if (f.documents) inv.example_files.push_back(f.path);
    for (const DotenvEntry& e : f.entries) {
      Facts& facts = vars[e.name];
      facts.var.definitions.push_back({f.path, e.line});
      if (f.kind == EnvFileKind::kEnv) facts.in_env_file = true;
      if (f.documents) facts.var.documented = true;
    }
  }
  auto by_place = [](const auto& a, const auto& b) { return a.path != b.path ? a.path < b.path : a.line < b.line; };
  for (auto& [name, facts] : vars) {
    EnvVariable& v = facts.var;
    v.name = name;
    v.secret_like = secret_like(name);
    v.client_exposed = !client_prefix(name).empty();
    std::stable_sort(v.references.begin(), v.references.end(), by_place);
    std::stable_sort(v.definitions.begin(), v.definitions.end(), by_place);
    v.required = std::any_of(v.references.begin(), v.references.end(), [](const EnvReference& r) { return !r.has_default; });
  }
  std::sort(gate_candidates.begin(), gate_candidates.end(), [](const auto& a, const auto& b) {
    return a.first->path != b.first->path ? a.first->path < b.first->path : a.second->line < b.second->line;
  });

  std::string examples;
  for (const std::string& p : inv.example_files) examples += (examples.empty() ? "" : ", ") + p;
  std::vector<EnvProblem>& probs = inv.problems;
  std::vector<std::string> gated;
  for (const auto& [file, ref] : gate_candidates) {
    const Facts& facts = vars[ref->name];
    if (facts.var.documented || facts.in_env_file || platform_provided(ref->name)) continue;
    if (std::find(gated.begin(), gated.end(), ref->name) != gated.end()) continue;
    gated.push_back(ref->name);
    std::string msg = ref->name + " is read without a default at " + where(file->path, ref->line);
    if (inv.example_files.empty())
      msg += " and there is no example file (.env.example, .env.sample, .env.template) to document it";
    else if (inv.example_files.size() == 1)
      msg += " but " + examples + " does not list it";
    else
      msg += " but none of " + examples + " lists it";
    probs.push_back({ProblemKind::kUndocumented, ref->name, file->path, ref->line, msg});
  }
  for (const EnvFile& f : env_files) {
    secret_problems(f, &probs);
    if (!f.documents) continue;
    for (const DotenvEntry& e : f.entries)
      if (vars[e.name].var.references.empty())
        probs.push_back({ProblemKind::kUnusedDocumented, e.name, f.path, e.line,
                         e.name + " is listed in " + f.path + " but nothing reads it"});
  }
  for (const auto& [name, facts] : vars) {
    const EnvVariable& v = facts.var;
    if (!v.secret_like || !v.client_exposed) continue;
    std::string path;
    uint32_t line = 0;
    if (!v.references.empty()) path = v.references[0].path, line = v.references[0].line;
    else if (!v.definitions.empty()) path = v.definitions[0].path, line = v.definitions[0].line;
    probs.push_back({ProblemKind::kClientExposedSecret, name, path, line,
                     name + " looks like a credential, but its " + std::string(client_prefix(name)) +
                         " prefix makes bundlers ship its value to every browser"});
  }
  std::stable_sort(probs.begin(), probs.end(), [](const EnvProblem& a, const EnvProblem& b) {
    if (a.kind != b.kind) return a.kind < b.kind;
    if (a.name != b.name) return a.name < b.name;
    if (a.path != b.path) return a.path < b.path;
    return a.line < b.line;
  });
  probs.erase(std::unique(probs.begin(), probs.end(), [](const EnvProblem& a, const EnvProblem& b) {
                return a.kind == b.kind && a.name == b.name && a.path == b.path && a.line == b.line;
              }), probs.end());
  for (auto& [name, facts] : vars) inv.variables.push_back(std::move(facts.var));
  std::stable_sort(inv.dynamic.begin(), inv.dynamic.end(), by_place);
  return inv;
}

}  // namespace keysweep
