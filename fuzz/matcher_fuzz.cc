// The whole match stage with the built-in rules over arbitrary bytes: every match lies inside
// the blob, the secret inside the match and equal to the bytes there; findings' lines and columns
// point at the secret.
#include <memory>

#include "fuzz_support.h"
#include "match/matcher.h"
#include "pipeline/blob_scanner.h"
#include "rules/rule_database.h"
#include "rules/rule_loader.h"

namespace {

struct Engine {
  std::unique_ptr<keysweep::RuleDatabase> db;
  std::unique_ptr<keysweep::Matcher> matcher;
  std::unique_ptr<keysweep::BlobScanner> scanner;
  Engine() {
    // Compiling 400 rules under the sanitizers is slow: keep the database between runs.
    keysweep::CacheOptions cache{true, "/tmp/keysweep-fuzz-rule-cache"};
    db = keysweep::RuleDatabase::build_from_texts(keysweep::builtin_rule_texts(), cache);
    matcher = std::make_unique<keysweep::Matcher>(*db);
    scanner = std::make_unique<keysweep::BlobScanner>(*db);
  }
};

Engine* engine_ptr = nullptr;

}  // namespace

// Built before the first input, so compiling the rules does not count against -timeout.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  static Engine e;
  engine_ptr = &e;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Engine& engine = *engine_ptr;
  std::string_view blob = keysweep::fuzz::bytes(data, size);
  std::vector<keysweep::Match> matches;
  engine.matcher->scan(blob, &matches);
  for (const auto& m : matches) {
    FUZZ_CHECK(m.match_start <= m.start && m.start <= m.end && m.end <= m.match_end && m.match_end <= blob.size());
    FUZZ_CHECK(m.secret == blob.substr(m.start, m.end - m.start));
    FUZZ_CHECK(m.rule_index < engine.db->rules().size());
  }
  std::vector<keysweep::Finding> findings;
  engine.scanner->scan(blob, "fuzz", &findings);
  for (const auto& f : findings) {
    FUZZ_CHECK(f.line >= 1 && f.column >= 1 && (f.end_line > f.line || (f.end_line == f.line && f.end_column >= f.column)));
    // Walk to (line, column) and find the secret there.
    size_t at = 0;
    for (uint64_t l = 1; l < f.line; ++l) at = blob.find('\n', at) + 1;
    at += f.column - 1;
    FUZZ_CHECK(blob.substr(at, f.secret.size()) == f.secret);
  }
  return 0;
}
