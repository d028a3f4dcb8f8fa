// doctest's main for the one test binary; each *_test.cc registers its own cases.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
