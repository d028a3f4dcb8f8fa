// Git blob pipeline. Stages, in order:
//   1. enumerate (serial, in order): the jobs the pack reader did not produce;
//   2. read (parallel): inflate the blob through this worker's own odb handle, or make a skip;
//   3. match (parallel): Hyperscan, RE2, filters; then keep findings on added lines only;
//   4. output (serial, in order).
#include "pipeline/blob_pipeline.h"

#include <algorithm>
#include <cstring>
#include <future>
#include <mutex>
#include <unordered_map>
#include <numeric>
#include <thread>

#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_pipeline.h>

#include "finding/placement.h"
#include "pipeline/blob_scanner.h"
#include "source/git_repo.h"
#include "source/pack_reader.h"
#include "util/file_bytes.h"

namespace keysweep {
namespace {

struct WorkerGit {
  RepoHandle repo;
  OdbHandle odb;
};

struct Item {
  const BlobJob* job = nullptr;
  OdbObjectHandle object;
  bool loaded = false;
  std::vector<Finding> findings;
  std::vector<Skip> skips;
  uint64_t bytes = 0;
};

std::string skip_name(const BlobJob& job) {
  return job.provenance->path + " (blob " + job.provenance->blob.substr(0, 12) + ")";
}

bool touches_added_line(const BlobJob& job, const Finding& f) {
  if (job.all_lines) return true;
  for (auto [first, last] : job.added_lines)
    if (f.line <= last && f.end_line >= first) return true;
  return false;
}

// What one blob gave: its findings (already limited to added lines) or its skip.
struct BlobOutcome {
  std::vector<Finding> findings;
  std::vector<Skip> skips;
  uint64_t bytes = 0;
  bool scanned = false;
};

// The checks every blob gets before matching, then the match stage. Without `placed`, the
// findings are left for place_findings() at each path the blob turns out to have.
void scan_one(BlobScanner& scanner, const BlobJob& job, std::string_view bytes, uint64_t max_size, BlobOutcome* out,
              bool placed = true) {
  if (bytes.size() > max_size) {
    out->skips.push_back({skip_name(job), SkipReason::kTooLarge, ""});
  } else if (looks_binary(bytes)) {
    out->skips.push_back({skip_name(job), SkipReason::kBinary, ""});
  } else if (is_lfs_pointer(bytes)) {
    out->skips.push_back({skip_name(job), SkipReason::kLfsPointer, ""});
  } else {
    std::vector<Finding> all;
    if (placed) scanner.scan(bytes, job.provenance->path, &all);
    else scanner.scan_unplaced(bytes, &all);
    for (Finding& f : all) {
      if (!touches_added_line(job, f)) continue;
      f.provenance = job.provenance;
      out->findings.push_back(std::move(f));
    }
    out->bytes = bytes.size();
    out->scanned = true;
  }
}

ScanResult scan_blobs_through_odb(const RuleDatabase& db, const std::string& git_dir, const std::vector<BlobJob>& jobs,
                                  uint64_t max_size, unsigned threads);

}  // namespace

ScanResult scan_blobs(const RuleDatabase& db, const std::string& git_dir, const std::vector<BlobJob>& jobs,
                      uint64_t max_size, unsigned threads) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  // Packed blobs first, resolved delta tree by delta tree; whatever that could not produce
  // (loose, damaged, other formats) goes through libgit2, which also names what is missing.
  std::vector<size_t> wanted_jobs;
  std::vector<git_oid> wanted;
  for (size_t i = 0; i < jobs.size(); ++i) {
    if (!jobs[i].all_lines && jobs[i].added_lines.empty()) continue;
    wanted_jobs.push_back(i);
    wanted.push_back(jobs[i].oid);
  }
  std::vector<BlobOutcome> outcomes(wanted.size());
  oneapi::tbb::enumerable_thread_specific<std::unique_ptr<BlobScanner>> scanners;
  // Opening the packs parses every object header in them: worth it for many blobs, not for a
  // pre-commit's handful (often loose anyway), which libgit2's indexed lookups serve faster.
  constexpr size_t kPackReadMinBlobs = 256;
  std::vector<bool> done(wanted.size(), false);
  if (wanted.size() >= kPackReadMinBlobs)
    done = read_packed_blobs(git_dir + "/objects", wanted, threads, [&](size_t w, std::string_view bytes) {
      auto& scanner = scanners.local();
      if (!scanner) scanner = std::make_unique<BlobScanner>(db);
      scan_one(*scanner, jobs[wanted_jobs[w]], bytes, max_size, &outcomes[w]);
    });
  std::vector<BlobJob> rest;
  ScanResult result;
  for (size_t w = 0; w < wanted.size(); ++w) {
    if (!done[w]) {
      rest.push_back(jobs[wanted_jobs[w]]);
      continue;
    }
    BlobOutcome& o = outcomes[w];
    if (o.scanned) {
      ++result.files;
      result.bytes += o.bytes;
    }
    for (auto& f : o.findings) result.findings.push_back(std::move(f));
    for (auto& s : o.skips) result.skips.push_back(std::move(s));
  }
  if (!rest.empty()) {
    ScanResult more = scan_blobs_through_odb(db, git_dir, rest, max_size, threads);
    result.files += more.files;
    result.bytes += more.bytes;
    for (auto& f : more.findings) result.findings.push_back(std::move(f));
    for (auto& s : more.skips) result.skips.push_back(std::move(s));
  }
  sort_findings(&result.findings);
  return result;
}

ScanResult sweep_history(const RuleDatabase& db, const std::string& git_dir, uint64_t max_size, unsigned threads,
                         const std::function<std::vector<BlobJob>()>& list_jobs) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  std::future<std::vector<BlobJob>> listing = std::async(std::launch::async, list_jobs);

  // Scan first, name later: findings are placed at their paths once the walk says where.
  struct Scanned {
    BlobOutcome outcome;
  };
  struct OidHash {
    size_t operator()(const git_oid& o) const {
      size_t h;
      std::memcpy(&h, o.id, sizeof h);
      return h;
    }
  };
  struct OidEq {
    bool operator()(const git_oid& a, const git_oid& b) const { return git_oid_equal(&a, &b); }
  };
  std::unordered_map<git_oid, BlobOutcome, OidHash, OidEq> scanned;
  std::mutex mu;
  static const BlobJob kUnnamed = [] {
    BlobJob j{};
    j.provenance = std::make_shared<BlobProvenance>();
    return j;
  }();
  oneapi::tbb::enumerable_thread_specific<std::unique_ptr<BlobScanner>> scanners;
  std::exception_ptr listing_error;
  read_all_packed_blobs(git_dir + "/objects", threads, [&](const git_oid& oid, std::string_view bytes) {
    auto& scanner = scanners.local();
    if (!scanner) scanner = std::make_unique<BlobScanner>(db);
    BlobOutcome o;
    scan_one(*scanner, kUnnamed, bytes, max_size, &o, /*placed=*/false);
    std::lock_guard<std::mutex> g(mu);
    scanned.emplace(oid, std::move(o));
  });
  std::vector<BlobJob> jobs = listing.get();

  ScanResult result;
  std::vector<BlobJob> rest;
  for (const BlobJob& job : jobs) {
    auto it = scanned.find(job.oid);
    if (it == scanned.end()) {
      rest.push_back(job);
      continue;
    }
    const BlobOutcome& o = it->second;
    if (o.scanned) {
      ++result.files;
      result.bytes += o.bytes;
    }
    std::vector<Finding> here = o.findings;
    place_findings(db, job.provenance->path, &here);
    for (Finding& f : here) {
      f.path = job.provenance->path;
      f.provenance = job.provenance;
      result.findings.push_back(std::move(f));
    }
    for (Skip sk : o.skips) {
      sk.path = skip_name(job);
      result.skips.push_back(std::move(sk));
    }
  }
  if (!rest.empty()) {
    ScanResult more = scan_blobs(db, git_dir, rest, max_size, threads);
    result.files += more.files;
    result.bytes += more.bytes;
    for (auto& f : more.findings) result.findings.push_back(std::move(f));
    for (auto& sk : more.skips) result.skips.push_back(std::move(sk));
  }
  sort_findings(&result.findings);
  return result;
}

namespace {

ScanResult scan_blobs_through_odb(const RuleDatabase& db, const std::string& git_dir, const std::vector<BlobJob>& jobs,
                                  uint64_t max_size, unsigned threads) {
  oneapi::tbb::global_control limit(oneapi::tbb::global_control::max_allowed_parallelism, threads);

  // Packed blobs reach this path only when the pack reader could not produce them (damage) or
  // for small job lists; jobs keep their order.
  std::vector<size_t> order(jobs.size());
  std::iota(order.begin(), order.end(), 0);

  oneapi::tbb::enumerable_thread_specific<WorkerGit> gits;
  oneapi::tbb::enumerable_thread_specific<std::unique_ptr<BlobScanner>> scanners;

  ScanResult result;
  size_t next = 0;
  auto enumerate = oneapi::tbb::make_filter<void, Item*>(
      oneapi::tbb::filter_mode::serial_in_order, [&](oneapi::tbb::flow_control& fc) -> Item* {
        while (next < order.size() && !jobs[order[next]].all_lines && jobs[order[next]].added_lines.empty()) ++next;
        if (next == order.size()) {
          fc.stop();
          return nullptr;
        }
        auto* it = new Item();
        it->job = &jobs[order[next++]];
        return it;
      });
  auto read = oneapi::tbb::make_filter<Item*, Item*>(oneapi::tbb::filter_mode::parallel, [&](Item* it) {
    WorkerGit& g = gits.local();
    if (!g.odb) {
      git_repository* r = nullptr;
      git_odb* o = nullptr;
      if (git_repository_open(&r, git_dir.c_str()) != 0 || git_repository_odb(&o, r) != 0) {
        it->skips.push_back({skip_name(*it->job), SkipReason::kUnreadable, git_error_text()});
        if (r) git_repository_free(r);
        return it;
      }
      g.repo.reset(r);
      g.odb.reset(o);
    }
    std::string detail;
    switch (read_blob(g.odb.get(), it->job->oid, max_size, &it->object, &detail)) {
      case BlobRead::kMissing:
        it->skips.push_back({skip_name(*it->job), SkipReason::kMissingObject, detail});
        return it;
      case BlobRead::kTooLarge:
        it->skips.push_back({skip_name(*it->job), SkipReason::kTooLarge, ""});
        return it;
      case BlobRead::kOk:
        break;
    }
    it->loaded = true;
    return it;
  });
  auto match = oneapi::tbb::make_filter<Item*, Item*>(oneapi::tbb::filter_mode::parallel, [&](Item* it) {
    if (!it->loaded) return it;
    std::string_view bytes(static_cast<const char*>(git_odb_object_data(it->object.get())),
                           git_odb_object_size(it->object.get()));
    auto& scanner = scanners.local();
    if (!scanner) scanner = std::make_unique<BlobScanner>(db);
    BlobOutcome o;
    scan_one(*scanner, *it->job, bytes, max_size, &o);
    it->findings = std::move(o.findings);
    it->skips = std::move(o.skips);
    it->loaded = o.scanned;
    it->bytes = o.bytes;
    it->object.reset();
    return it;
  });
  auto output = oneapi::tbb::make_filter<Item*, void>(oneapi::tbb::filter_mode::serial_in_order, [&](Item* it) {
    std::unique_ptr<Item> owned(it);
    if (it->loaded) {
      ++result.files;
      result.bytes += it->bytes;
    }
    for (auto& f : it->findings) result.findings.push_back(std::move(f));
    for (auto& s : it->skips) result.skips.push_back(std::move(s));
  });
  oneapi::tbb::parallel_pipeline(size_t(threads) * 4, enumerate & read & match & output);
  return result;
}

}  // namespace
}  // namespace keysweep
