// JSON output of the env inventory, and the format dispatch.
#include <nlohmann/json.hpp>

#include "envvars/env_report.h"
#include "keysweep/error.h"

namespace keysweep {

std::string env_place(const std::string& path, uint32_t line) { return path + ":" + std::to_string(line); }

void check_env_format(const std::string& format) {
  if (format != "text" && format != "json" && format != "markdown")
    throw Error("--format", "unknown format '" + format + "' (expected text, json or markdown)");
}

void write_env_report(const std::string& format, const EnvInventory& inv, std::ostream& out) {
  check_env_format(format);
  if (format == "json")
    write_env_json(inv, out);
  else if (format == "markdown")
    write_env_markdown(inv, out);
  else
    write_env_text(inv, out);
}

void write_env_json(const EnvInventory& inv, std::ostream& out) {
  using J = nlohmann::ordered_json;
  J vars = J::array();
  size_t failing = 0;
  for (const EnvVariable& v : inv.variables) {
    J refs = J::array(), defs = J::array();
    for (const EnvReference& r : v.references)
      refs.push_back({{"path", r.path}, {"line", r.line}, {"language", r.language}, {"has_default", r.has_default}});
    for (const EnvDefinition& d : v.definitions) defs.push_back({{"path", d.path}, {"line", d.line}});
    vars.push_back({{"name", v.name},
                    {"secret_like", v.secret_like},
                    {"required", v.required},
                    {"documented", v.documented},
                    {"client_exposed", v.client_exposed},
                    {"references", refs},
                    {"definitions", defs}});
  }
  J probs = J::array();
  for (const EnvProblem& p : inv.problems) {
    failing += problem_fails_check(p.kind);
    probs.push_back({{"kind", std::string(problem_kind_name(p.kind))},
                     {"name", p.name},
                     {"path", p.path},
                     {"line", p.line},
                     {"severity", problem_fails_check(p.kind) ? "error" : "warning"},
                     {"message", p.message}});
  }
  J dyn = J::array();
  for (const EnvDynamicRead& d : inv.dynamic)
    dyn.push_back({{"path", d.path}, {"line", d.line}, {"language", d.language}, {"expression", d.expression}});
  J doc = {{"variables", vars},
           {"problems", probs},
           {"dynamic_reads", dyn},
           {"example_files", inv.example_files},
           {"summary",
            {{"variables", inv.variables.size()},
             {"problems", inv.problems.size()},
             {"failing_problems", failing},
             {"files", inv.files},
             {"bytes", inv.bytes}}}};
  out << doc.dump(2) << '\n';
}

}  // namespace keysweep
