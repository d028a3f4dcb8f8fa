// One blob through the match stage; both the file and the git pipelines call this.
#include "pipeline/blob_scanner.h"

#include <algorithm>

#include "filter/inline_allow.h"
#include "finding/finding_builder.h"
#include "finding/placement.h"
#include "match/encoded.h"

namespace keysweep {

void BlobScanner::scan_unplaced(std::string_view bytes, std::vector<Finding>* out) {
  matcher_.scan(bytes, &matches_);
  if (db_.detects_base64_runs()) scan_encoded(matcher_, bytes, &matches_);
  std::stable_sort(matches_.begin(), matches_.end(), [](const Match& a, const Match& b) { return a.start < b.start; });
  drop_inline_allowed(bytes, &matches_);
  build_findings(db_, bytes, "", matches_, out);
}

void BlobScanner::scan(std::string_view bytes, const std::string& path, std::vector<Finding>* out) {
  std::vector<Finding> found;
  scan_unplaced(bytes, &found);
  place_findings(db_, path, &found);
  for (Finding& f : found) {
    f.path = path;
    out->push_back(std::move(f));
  }
}

}  // namespace keysweep
