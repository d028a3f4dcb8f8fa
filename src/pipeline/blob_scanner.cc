// One blob through the match stage; both the file and the git pipelines call this.
#include "pipeline/blob_scanner.h"

#include "filter/inline_allow.h"
#include "finding/finding_builder.h"

namespace keysweep {

void BlobScanner::scan(std::string_view bytes, const std::string& path, std::vector<Finding>* out) {
  matcher_.scan(bytes, &matches_);
  drop_inline_allowed(bytes, &matches_);
  build_findings(db_, bytes, path, matches_, out);
}

}  // namespace keysweep
