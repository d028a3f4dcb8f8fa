// Text that is safe to show on a terminal. Paths, rule names, commit authors and redacted secrets
// come from files a hostile repository controls; printed raw, a name such as "x\e[2J" would clear
// the reader's screen or rewrite lines of the report. Every printer of human-readable output (text
// and markdown reports, messages on stderr) passes its strings through here.
#pragma once

#include <string>
#include <string_view>

namespace keysweep {

// `s` with every byte that could control a terminal written as `\xNN` (two lower-case hex
// digits): bytes below 0x20 except tab, 0x7f, bytes that are not valid UTF-8, and the bytes of
// the characters that terminals or text layout treat as controls (C1 controls U+0080-U+009F, and
// the bidirectional overrides and isolates U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069,
// which can make text display in another order than it is stored). Everything else, printable
// UTF-8 included, is kept as it is. Thread-safe; linear in the size of `s`.
std::string terminal_safe(std::string_view s);

}  // namespace keysweep
