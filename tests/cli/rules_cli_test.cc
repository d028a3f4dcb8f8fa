// End-to-end tests of `keysweep rules list` and `keysweep rules check`.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "support/run_cli.h"
#include "support/temp_dir.h"
#include "support/test_rules.h"

using keysweep::testing::run_cli;
using keysweep::testing::TempDir;

TEST_SUITE("cli rules") {
  TEST_CASE("rules check passes on good rules and exits 0") {
    TempDir d;
    auto r = run_cli({"rules", "check", d.write("t.toml", keysweep::testing::kTestRules)});
    CHECK(r.status == 0);
    CHECK(r.out == "8 rules, 8 examples, 8 negative examples: all pass\n");
  }

  TEST_CASE("rules check reports each failing example and exits 1") {
    TempDir d;
    std::string f = d.write("r.toml", R"([[rules]]
id = "acme-token"
name = "ACME token"
pattern = '''\b(?P<secret>acme_[a-z0-9]{20})\b'''
keywords = ["acme_"]
min_entropy = 3.0
references = ["https://acme.invalid/docs"]
examples = ["k = acme_q8w7e6r5t4y3u2i1o0p9", "k = acme_aaaaaaaaaaaaaaaaaaaa", "k = acme_short"]
negative_examples = ["acme_z9y8x7w6v5u4t3s2r1q0"]
)");
    auto r = run_cli({"rules", "check", f});
    CHECK(r.status == 1);
    CHECK(r.out.find(f + ":1: acme-token: example yields no finding: 'k = acme_aaaaaaaaaaaaaaaaaaaa' (matched 'acme_aaaaaaaaaaaaaaaaaaaa' but rejected: low-randomness") != std::string::npos);
    CHECK(r.out.find(f + ":1: acme-token: example yields no finding: 'k = acme_short'\n") != std::string::npos);
    CHECK(r.out.find(f + ":1: acme-token: negative example yields a finding ('acme_z9y8x7w6v5u4t3s2r1q0')") != std::string::npos);
    CHECK(r.out.find("1 rules, 3 examples, 1 negative examples: 3 failures\n") != std::string::npos);
  }

  TEST_CASE("rules check rejects a pattern Hyperscan cannot compile") {
    TempDir d;
    std::string f = d.write("r.toml", "[[rules]]\nid = \"lookbehind\"\nname = \"L\"\npattern = '''(?<=a)b'''\n"
                                      "references = ['x']\nexamples = ['ab']\nnegative_examples = ['b']\n");
    auto r = run_cli({"rules", "check", f});
    CHECK(r.status == 1);
    CHECK(r.out.find("lookbehind: pattern does not compile in RE2") != std::string::npos);
  }

  TEST_CASE("rules list prints the built-in rules as json") {
    auto r = run_cli({"rules", "list", "--format", "json"});
    CHECK(r.status == 0);
    auto j = nlohmann::json::parse(r.out);
    REQUIRE(j.is_array());
    CHECK(j.size() > 100);
    CHECK(j[0].contains("id"));
    CHECK(j[0].contains("references"));
  }
}
