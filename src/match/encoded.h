// Encoded secrets: base64 text is decoded and the decoded bytes are scanned with the whole rule
// set, so a token inside a Kubernetes Secret's data, a docker "auth" or a base64 config blob is
// found as if it were written plainly. Findings point at the encoded text.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "keysweep/finding.h"
#include "match/matcher.h"

namespace keysweep {

// How deep decoding goes (base64 inside decoded base64 is depth 2) and how many decoded bytes one
// blob may cost, so a bundle full of data URIs or source maps costs little.
constexpr int kMaxDecodeDepth = 2;
constexpr size_t kDecodeBudgetPerBlob = 1 << 20;
constexpr size_t kMaxDecodedRun = 256 << 10;

// The decoding of `raw` (either base64 alphabet) when it is text: printable ASCII, tab, CR, LF
// or well-formed UTF-8. nullopt otherwise.
std::optional<std::string> decode_base64_text(std::string_view raw);

// True when every byte is printable ASCII, tab, CR or LF, or part of well-formed UTF-8.
bool looks_like_text(std::string_view bytes);

// Appends to `*matches` what the decoded base64 in `blob` holds: the runs `matcher` reported in
// its last scan of `blob`, and the encoded secret groups of rules with encoding = "base64"
// already in `*matches`. Each new match carries Encoding::kBase64 and the span of the encoded
// text in `blob`. `matcher` is reused for the decoded bytes (its last-scan state is consumed
// first). Not thread-safe (it uses `matcher`).
void scan_encoded(Matcher& matcher, std::string_view blob, std::vector<Match>* matches);

}  // namespace keysweep
