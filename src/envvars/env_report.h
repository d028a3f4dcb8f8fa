// The env inventory's output formats. The inventory holds names and places, never values, so no
// format can print one.
#pragma once

#include <ostream>
#include <string>

#include "envvars/inventory.h"

namespace keysweep {

// One row per variable (variable, secret-like, required, documented, where), then dynamic reads,
// problems and a summary line.
void write_env_text(const EnvInventory& inv, std::ostream& out);

// {"variables": [...], "problems": [...], "dynamic_reads": [...], "example_files": [...],
//  "summary": {...}}, as README.md documents.
void write_env_json(const EnvInventory& inv, std::ostream& out);

// A launch-handover page: the variable table, the problems and a checklist, as GitHub markdown.
void write_env_markdown(const EnvInventory& inv, std::ostream& out);

// Throws Error("--format", ...) unless `format` is text, json or markdown.
void check_env_format(const std::string& format);

// Dispatches on `format` (checked with check_env_format).
void write_env_report(const std::string& format, const EnvInventory& inv, std::ostream& out);

// "path:line"
std::string env_place(const std::string& path, uint32_t line);

}  // namespace keysweep
