// JSON output of the env inventory, and the format dispatch.
#include <nlohmann/json.hpp>

#include "envvars/env_report.h"
#include "keysweep/error.h"
#include "util/json_text.h"
#include "util/utf8.h"

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
    for (const EnvReference& r : v.references) {
      J ref;
      set_json_text(ref, "path", r.path);
      ref["line"] = r.line;
      ref["language"] = r.language;
      ref["has_default"] = r.has_default;
      refs.push_back(std::move(ref));
    }
    for (const EnvDefinition& d : v.definitions) {
      J def;
      set_json_text(def, "path", d.path);
      def["line"] = d.line;
      defs.push_back(std::move(def));
    }
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
    J prob{{"kind", std::string(problem_kind_name(p.kind))}, {"name", p.name}};
    set_json_text(prob, "path", p.path);
    prob["line"] = p.line;
    prob["severity"] = problem_fails_check(p.kind) ? "error" : "warning";
    set_json_text(prob, "message", p.message);
    probs.push_back(std::move(prob));
  }
  J dyn = J::array();
  for (const EnvDynamicRead& d : inv.dynamic) {
    J read;
    set_json_text(read, "path", d.path);
    read["line"] = d.line;
    read["language"] = d.language;
    set_json_text(read, "expression", d.expression);
    dyn.push_back(std::move(read));
  }
  J doc = {{"variables", vars},
           {"problems", probs},
           {"dynamic_reads", dyn},
           {"example_files", J::array()},
           {"summary",
            {{"variables", inv.variables.size()},
             {"problems", inv.problems.size()},
             {"failing_problems", failing},
             {"files", inv.files},
             {"bytes", inv.bytes}}}};
  for (const std::string& f : inv.example_files) doc["example_files"].push_back(to_valid_utf8(f));
  out << doc.dump(2, ' ', false, J::error_handler_t::replace) << '\n';
}

}  // namespace keysweep
