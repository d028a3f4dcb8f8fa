// The working-tree scan pipeline. Stages, in order:
//   1. enumerate (serial, in order): hand out the next file from the walk;
//   2. read (parallel): load the file, or turn it into a skip (unreadable, too large, binary);
//   3. match (parallel): Hyperscan pass, RE2 confirmation, value filters, line/column;
//   4. output (serial, in order): append findings and skips, so order never depends on threads.
#include "pipeline/scan_pipeline.h"

#include <algorithm>
#include <memory>
#include <mutex>
#include <thread>

#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_pipeline.h>

#include "pipeline/blob_scanner.h"
#include "util/file_bytes.h"

namespace keysweep {
namespace {

struct Item {
  const FileRef* file = nullptr;
  FileBytes bytes;
  bool loaded = false;
  std::vector<Finding> findings;
  std::vector<Skip> skips;
};

// Items are recycled: at most `tokens` are in flight, and each keeps its read buffer's capacity,
// so a scan of 100,000 small files does not allocate 100,000 buffers. The two serial stages that
// take and give back items may run at once, hence the lock.
class ItemPool {
 public:
  Item* take() {
    std::lock_guard<std::mutex> g(mu_);
    if (free_.empty()) return new Item();
    Item* it = free_.back().release();
    free_.pop_back();
    return it;
  }
  void give(Item* it) {
    it->bytes.trim(8 << 20);
    it->file = nullptr;
    it->loaded = false;
    it->findings.clear();
    it->skips.clear();
    std::lock_guard<std::mutex> g(mu_);
    free_.emplace_back(it);
  }

 private:
  std::mutex mu_;
  std::vector<std::unique_ptr<Item>> free_;
};

void read_stage(Item* it, uint64_t max_file_size) {
  std::string err;
  switch (it->bytes.load(it->file->fs_path, max_file_size, &err)) {
    case FileBytes::Status::kTooLarge:
      it->skips.push_back({it->file->display_path, SkipReason::kTooLarge, ""});
      return;
    case FileBytes::Status::kBinary:
      it->skips.push_back({it->file->display_path, SkipReason::kBinary, ""});
      return;
    case FileBytes::Status::kError:
      it->skips.push_back({it->file->display_path, SkipReason::kUnreadable, err});
      return;
    case FileBytes::Status::kOk:
      it->loaded = true;
      return;
  }
}

}  // namespace

void sort_skips(std::vector<Skip>* skips) {
  std::stable_sort(skips->begin(), skips->end(), [](const Skip& a, const Skip& b) { return a.path < b.path; });
}

void sort_findings(std::vector<Finding>* findings) {
  std::stable_sort(findings->begin(), findings->end(), [](const Finding& a, const Finding& b) {
    if (a.path != b.path) return a.path < b.path;
    if (a.line != b.line) return a.line < b.line;
    if (a.column != b.column) return a.column < b.column;
    if (a.rule->id != b.rule->id) return a.rule->id < b.rule->id;
    uint64_t ca = a.provenance && a.provenance->commit ? a.provenance->commit->order : 0;
    uint64_t cb = b.provenance && b.provenance->commit ? b.provenance->commit->order : 0;
    return ca < cb;
  });
}

ScanResult scan_files(const RuleDatabase& db, const std::vector<FileRef>& files,
                      uint64_t max_file_size, unsigned threads) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  oneapi::tbb::global_control limit(oneapi::tbb::global_control::max_allowed_parallelism, threads);
  oneapi::tbb::enumerable_thread_specific<std::unique_ptr<BlobScanner>> scanners;

  ScanResult result;
  ItemPool pool;
  size_t next = 0;
  auto enumerate = oneapi::tbb::make_filter<void, Item*>(
      oneapi::tbb::filter_mode::serial_in_order, [&](oneapi::tbb::flow_control& fc) -> Item* {
        if (next == files.size()) {
          fc.stop();
          return nullptr;
        }
        Item* it = pool.take();
        it->file = &files[next++];
        return it;
      });
  auto read = oneapi::tbb::make_filter<Item*, Item*>(oneapi::tbb::filter_mode::parallel, [&](Item* it) {
    read_stage(it, max_file_size);
    return it;
  });
  auto match = oneapi::tbb::make_filter<Item*, Item*>(oneapi::tbb::filter_mode::parallel, [&](Item* it) {
    if (!it->loaded) return it;
    auto& scanner = scanners.local();
    if (!scanner) scanner = std::make_unique<BlobScanner>(db);
    scanner->scan(it->bytes.view(), it->file->display_path, &it->findings);
    return it;
  });
  auto output = oneapi::tbb::make_filter<Item*, void>(oneapi::tbb::filter_mode::serial_in_order, [&](Item* it) {
    if (it->loaded) {
      ++result.files;
      result.bytes += it->bytes.view().size();
    }
    for (auto& f : it->findings) result.findings.push_back(std::move(f));
    for (auto& s : it->skips) result.skips.push_back(std::move(s));
    pool.give(it);
  });
  oneapi::tbb::parallel_pipeline(size_t(threads) * 4, enumerate & read & match & output);
  sort_findings(&result.findings);
  return result;
}

ScanResult scan_bytes(const RuleDatabase& db, std::string_view bytes, const std::string& display_path) {
  ScanResult result;
  BlobScanner(db).scan(bytes, display_path, &result.findings);
  result.files = 1;
  result.bytes = bytes.size();
  return result;
}

}  // namespace keysweep
