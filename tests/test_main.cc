// doctest's main for the one test binary; each *_test.cc registers its own cases. Before any
// test runs, the process gets a known environment, so no result depends on who runs the suite,
// from where, or with what settings: a private empty HOME (no ~/.gitconfig, no user keysweep
// config), no XDG or git overrides, umask 022 (fixtures get the modes the tests expect), the C
// locale and UTC. Children (the CLI under test, git) inherit all of it.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <cstdlib>
#include <string>

#include "support/temp_dir.h"

namespace {

void hermetic_environment(const std::string& home) {
  umask(022);
  setenv("HOME", home.c_str(), 1);
  setenv("LC_ALL", "C", 1);
  setenv("TZ", "UTC", 1);
  setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
  for (const char* v : {"XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "NO_COLOR", "GIT_DIR", "GIT_WORK_TREE",
                        "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_CONFIG",
                        "GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM", "GIT_CONFIG_COUNT", "GIT_CEILING_DIRECTORIES",
                        "GIT_NAMESPACE", "GIT_COMMON_DIR", "GIT_DEFAULT_HASH", "LANG", "LANGUAGE"})
    unsetenv(v);
  // The suite's own variables are set where a test needs them, never inherited.
  for (const char* v : {"KEYSWEEP_CACHE_DIR", "KEYSWEEP_NO_PACK_READER"}) unsetenv(v);
}

}  // namespace

int main(int argc, char** argv) {
  keysweep::testing::TempDir home;
  hermetic_environment(home.path());
  doctest::Context context(argc, argv);
  return context.run();
}
