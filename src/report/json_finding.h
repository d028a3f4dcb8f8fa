// The JSON shape of one finding and of the scan summary, shared by the json and jsonl reporters.
#pragma once

#include <nlohmann/json.hpp>

#include "keysweep/finding.h"
#include "report/reporter.h"

namespace keysweep {

nlohmann::ordered_json finding_json(const Finding& f, bool redact);
nlohmann::ordered_json tool_json();
// nlohmann refuses invalid UTF-8; blobs may hold any bytes, so invalid sequences become U+FFFD.
std::string dump_json(const nlohmann::ordered_json& j, int indent);

}  // namespace keysweep
