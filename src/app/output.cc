// Report and message output, and the signal dispositions that keep it clean.
#include "app/output.h"

#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>

#include "keysweep/error.h"
#include "util/atomic_file.h"
#include "util/terminal_text.h"

namespace keysweep::app {
namespace {

void line(std::string_view prefix, std::string_view message) {
  std::string text = "keysweep: " + std::string(prefix) + terminal_safe(message) + "\n";
  std::fwrite(text.data(), 1, text.size(), stderr);
}

void on_interrupt(int sig) {
  remove_pending_files();
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

}  // namespace

void write_output(const std::string& path, std::string_view content) {
  if (!path.empty()) return write_file_atomically(path, content);
  std::fflush(stdout);
  while (!content.empty()) {
    ssize_t n = ::write(STDOUT_FILENO, content.data(), content.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EPIPE) return;
      throw Error("standard output", std::string("write failed: ") + std::strerror(errno));
    }
    content.remove_prefix(size_t(n));
  }
}

void note(std::string_view message) { line("", message); }
void warn(std::string_view message) { line("warning: ", message); }
void print_error(std::string_view message) { line("error: ", message); }

std::string skip_message(const Skip& s) {
  return "skipped " + s.path + ": " + std::string(skip_reason_name(s.reason)) + (s.detail.empty() ? "" : ": " + s.detail);
}

void install_signal_handlers() {
  std::signal(SIGPIPE, SIG_IGN);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    // A signal the parent chose to ignore (nohup, background jobs) stays ignored.
    if (std::signal(sig, on_interrupt) == SIG_IGN) std::signal(sig, SIG_IGN);
  }
}

}  // namespace keysweep::app
