// Everything the app writes: reports to standard output or a file, and one-line messages on
// standard error. Messages pass through terminal_safe(), so a hostile path or rule name cannot
// drive the terminal.
#pragma once

#include <string>
#include <string_view>

#include "keysweep/skip.h"

namespace keysweep::app {

// Writes a report to `path` atomically (see write_file_atomically), or to standard output when
// `path` is empty. When the reader of standard output has gone away (`keysweep ... | head`) the
// rest is dropped silently and the command goes on to its usual exit status. Throws Error naming
// the file, or standard output for any other write failure.
void write_output(const std::string& path, std::string_view content);

// "keysweep: <message>", "keysweep: warning: <message>", "keysweep: error: <message>" on stderr.
void note(std::string_view message);
void warn(std::string_view message);
void print_error(std::string_view message);

// The stderr line for a skip: "skipped <path>: <reason>[: <detail>]".
std::string skip_message(const Skip& s);

// SIGPIPE ignored (writes to a closed pipe fail with EPIPE, handled above); SIGINT, SIGTERM and
// SIGHUP remove any half-written output file and then end the process by the same signal, so the
// shell sees 130, 143 or 129.
void install_signal_handlers();

}  // namespace keysweep::app
