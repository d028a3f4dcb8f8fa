// bench/pack-differential.sh's tool: reads every object of a repository through keysweep's pack
// reader and through libgit2, prints the counts and times, exits 1 on any difference.
#include <cstdio>

#include "keysweep/error.h"
#include "source/pack_check.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: keysweep_pack_diff REPO\n");
    return 2;
  }
  try {
    keysweep::PackCheck c = keysweep::check_pack_reader(argv[1]);
    std::printf("objects %llu, through the pack store %llu, blobs streamed %llu, %.1f MiB compared\n",
                static_cast<unsigned long long>(c.objects), static_cast<unsigned long long>(c.through_store),
                static_cast<unsigned long long>(c.blobs_streamed), double(c.bytes) / (1 << 20));
    std::printf("libgit2 %.0f ms, pack store %.0f ms, delta-forest stream %.0f ms\n", c.libgit2_ms, c.store_ms, c.stream_ms);
    for (const auto& m : c.mismatches) std::printf("MISMATCH %s\n", m.c_str());
    std::printf("%s\n", c.mismatches.empty() ? "identical" : "DIFFERENT");
    return c.mismatches.empty() ? 0 : 1;
  } catch (const keysweep::Error& e) {
    std::fprintf(stderr, "keysweep_pack_diff: %s\n", e.what());
    return 2;
  }
}
