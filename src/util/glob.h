// Path globs as .gitignore users write them: `*` and `?` stay within one path segment, `**`
// crosses segments, a pattern without a slash matches the base name at any depth.
#pragma once

#include <string_view>

namespace keysweep {

// True when `path` (forward slashes, relative) matches `pattern`. A pattern ending in `/`
// matches everything below that folder. Cost is linear-ish in practice; no allocation.
bool glob_match(std::string_view pattern, std::string_view path);

}  // namespace keysweep
