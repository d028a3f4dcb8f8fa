// Picks a reporter by the --format name.
#include "report/reporter.h"

#include "keysweep/error.h"

namespace keysweep {

std::unique_ptr<Reporter> make_reporter(std::string_view format) {
  if (format == "text") return make_text_reporter();
  if (format == "json") return make_json_reporter();
  if (format == "jsonl") return make_jsonl_reporter();
  if (format == "sarif") return make_sarif_reporter();
  throw Error("--format", "unknown format '" + std::string(format) + "' (expected text, json, jsonl or sarif)");
}

}  // namespace keysweep
