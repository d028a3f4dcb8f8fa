// Inline suppression: a line that carries an allow marker, or follows one that does, reports no
// secret. Other tools' markers count too, so users can switch without editing their code.
#pragma once

#include <string_view>
#include <vector>

#include "keysweep/finding.h"

namespace keysweep {

// The markers honoured: keysweep:allow, gitleaks:allow, pragma: allowlist secret.
bool has_allow_marker(std::string_view line);

// Drops the matches whose first line has an allow marker, or whose line before is a comment
// line with one. Only lines around a match are looked at.
void drop_inline_allowed(std::string_view blob, std::vector<Match>* matches);

}  // namespace keysweep
