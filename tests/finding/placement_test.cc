#include <doctest/doctest.h>

#include "finding/placement.h"
#include "pipeline/blob_scanner.h"
#include "support/temp_dir.h"
#include "support/test_rules.h"

using namespace keysweep;
using testing::random_chars;
using testing::scan_at;

TEST_SUITE("placement") {
  TEST_CASE("a weak password counts in a real config file, low, and nowhere else") {
    auto db = testing::test_database();
    std::string text = "DB_PASSWORD=admin123\n";
    auto in_env = scan_at(*db, text, ".env");
    REQUIRE(in_env.size() == 1);
    CHECK(in_env[0].secret == "admin123");
    CHECK(in_env[0].confidence == Confidence::kLow);
    CHECK(in_env[0].strength == ValueStrength::kWeak);
    CHECK(scan_at(*db, text, "app/server.py").empty());
    CHECK(scan_at(*db, text, ".env.example").empty());
    CHECK(scan_at(*db, text, "tests/fixtures/.env").empty());
    CHECK(scan_at(*db, text, "-").empty());
  }

  TEST_CASE("a random password counts anywhere, one level lower under a test path") {
    auto db = testing::test_database();
    std::string text = "DB_PASSWORD=" + random_chars(testing::kBase62, 24, 31) + "\n";
    auto in_code = scan_at(*db, text, "app/settings.sh");
    REQUIRE(in_code.size() == 1);
    CHECK(in_code[0].confidence == Confidence::kMedium);
    auto in_test = scan_at(*db, text, "tests/settings.sh");
    REQUIRE(in_test.size() == 1);
    CHECK(in_test[0].confidence == Confidence::kLow);
  }

  TEST_CASE("provider formats are high confidence, medium under test paths") {
    auto db = testing::test_database();
    std::string text = "token = \"" + testing::fake_github_token(32) + "\"\n";
    CHECK(scan_at(*db, text, "deploy.py").at(0).confidence == Confidence::kHigh);
    CHECK(scan_at(*db, text, "spec/deploy_spec.rb").at(0).confidence == Confidence::kMedium);
  }

  TEST_CASE("credential-file rules take weak values only in credential files") {
    auto db = testing::test_database();
    std::string text = "machine api.acme.dev login ci password hunter22\n";
    auto f = scan_at(*db, text, "home/.netrc");
    REQUIRE(f.size() == 1);
    CHECK(f[0].secret == "hunter22");
    CHECK(f[0].confidence == Confidence::kLow);
    CHECK(scan_at(*db, text, "config.yml").empty());
    // A generated password is reported wherever the format shows up.
    std::string strong = "machine api.acme.dev login ci password " + random_chars(testing::kBase62, 20, 33) + "\n";
    CHECK(scan_at(*db, strong, "scripts/setup.sh").size() == 1);
  }

  TEST_CASE("a rule with paths applies only to files they match") {
    auto db = testing::test_database();
    std::string key = random_chars(testing::kHexLower, 32, 34) + "\n";
    CHECK(scan_at(*db, key, "config/master.key").size() == 1);
    CHECK(scan_at(*db, key, "apps/web/config/master.key").size() == 1);
    CHECK(scan_at(*db, key, "config/master.key.bak").empty());
    CHECK(scan_at(*db, key, "digest.txt").empty());
  }

  TEST_CASE("placing a sweep's unplaced findings gives what a path-aware scan gives") {
    auto db = testing::test_database();
    std::string text = "DB_PASSWORD=admin123\nmachine h login u password " + random_chars(testing::kBase62, 20, 35) + "\n";
    BlobScanner scanner(*db);
    for (const char* path : {".env", "src/a.py", "tests/.env"}) {
      std::vector<Finding> unplaced;
      scanner.scan_unplaced(text, &unplaced);
      place_findings(*db, path, &unplaced);
      auto direct = scan_at(*db, text, path);
      REQUIRE(unplaced.size() == direct.size());
      for (size_t i = 0; i < direct.size(); ++i) {
        CHECK(unplaced[i].secret == direct[i].secret);
        CHECK(unplaced[i].confidence == direct[i].confidence);
      }
    }
  }
}
