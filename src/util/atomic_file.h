// Writing a whole file so that readers (and the user, after a failure or an interrupt) see
// either the old file or the complete new one, never a truncated one.
#pragma once

#include <sys/types.h>

#include <string>
#include <string_view>

namespace keysweep {

// Writes `content` to `path` through a temporary file in the same folder, then renames it over
// `path`. A symlink to a regular file is followed (the link stays a link). A path that exists
// and is not a regular file (/dev/stdout, a fifo, /dev/full) is written directly. The new
// file gets `mode`, or when 0 the mode of the file it replaces, else 0666 less the umask.
// Throws Error(path, "cannot write: <reason>") when the folder is not writable, the disk is full
// or any write fails; the temporary file is removed and `path` is left as it was.
// While the temporary file exists it is registered for remove_pending_files().
void write_file_atomically(const std::string& path, std::string_view content, mode_t mode = 0);

// Unlinks every temporary file write_file_atomically() has open right now. Async-signal-safe:
// the interrupt handler calls it before the process dies, so no partial file is left behind.
void remove_pending_files() noexcept;

}  // namespace keysweep
