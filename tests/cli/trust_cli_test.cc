// Untrusted configuration: a scanned repository's .keysweep.toml narrows what is reported and
// nothing more; the user's own config and --config are trusted. Each refused key is one warning.
#include <doctest/doctest.h>

#include <sstream>

#include <nlohmann/json.hpp>

#include "support/run_cli.h"
#include "support/temp_dir.h"

using keysweep::testing::CliOptions;
using keysweep::testing::fake_github_token;
using keysweep::testing::run_cli;
using keysweep::testing::TempDir;

namespace {

const char* kAcmeRules =
    "[[rules]]\nid = \"acme-key\"\nname = \"ACME key\"\npattern = '''\\b(?P<secret>acme_[a-z0-9]{20})\\b'''\n";

std::string refused(const std::string& cfg, int line, const std::string& key, const std::string& why) {
  return "keysweep: warning: " + cfg + ":" + std::to_string(line) + ": ignored '" + key +
         "': a repository's .keysweep.toml may only narrow what is reported, and " + why + " (pass --config " + cfg +
         " to trust this file)\n";
}

CliOptions xdg(const TempDir& d) {
  CliOptions o;
  o.env = {{"XDG_CONFIG_HOME", d / "xdg"}};
  return o;
}

}  // namespace

TEST_SUITE("cli config trust") {
  TEST_CASE("a repository's config cannot switch the format: text, redacted, and one warning") {
    TempDir d;
    std::string tok = fake_github_token(61);
    d.write("tree/app.env", "T=" + tok + "\n");
    std::string cfg = d.write("tree/.keysweep.toml", "[scan]\nformat = \"json\"\n");
    auto r = run_cli({"scan", d / "tree"});
    CHECK(r.status == 1);
    CHECK(r.out.rfind("app.env\n", 0) == 0);
    CHECK(r.out.find(tok) == std::string::npos);
    CHECK(r.err == refused(cfg, 2, "scan.format", "json and jsonl print secrets in clear where text redacts them"));
  }

  TEST_CASE("a repository's config cannot add rules; --config trusts the same file") {
    TempDir d;
    d.write("tree/x.txt", "k = acme_q8w7e6r5t4y3u2i1o0p9\n");
    d.write("tree/ci/acme.toml", kAcmeRules);
    std::string cfg = d.write("tree/.keysweep.toml", "[rules]\nextra = [\"ci/acme.toml\"]\n");
    auto r = run_cli({"scan", "--format", "jsonl", d / "tree"});
    CHECK(r.status == 0);
    CHECK(r.out.empty());
    CHECK(r.err == refused(cfg, 2, "rules.extra", "it adds rules of the repository's choosing"));
    auto trusted = run_cli({"scan", "--format", "jsonl", "--config", cfg, d / "tree"});
    CHECK(trusted.status == 1);
    CHECK(nlohmann::json::parse(trusted.out)["rule_id"] == "acme-key");
    CHECK(trusted.err.empty());
  }

  TEST_CASE("a repository's config cannot turn on verification or set its endpoints") {
    TempDir d;
    d.write("tree/x.txt", "clean\n");
    std::string cfg = d.write("tree/.keysweep.toml",
                              "[allowlist]\npaths = [\"vendor/\"]\n\n[verify]\nverify = true\n"
                              "[verify.endpoints]\ngithub = \"http://127.0.0.1:9/\"\n");
    auto r = run_cli({"scan", d / "tree"});
    CHECK(r.status == 0);
    CHECK(r.err == refused(cfg, 4, "[verify]", "it turns on network verification or changes its endpoints"));
  }

  TEST_CASE("a repository's config may lower max_file_size, never raise it") {
    TempDir d;
    d.write("tree/big.txt", std::string(2000, 'x') + "\n");
    std::string cfg = d.write("tree/.keysweep.toml", "[scan]\nmax_file_size = \"1k\"\n");
    auto low = run_cli({"scan", "--format", "json", d / "tree"});
    CHECK(nlohmann::json::parse(low.out)["scan"]["skipped_by_reason"]["too-large"] == 1);
    CHECK(low.err.empty());
    d.write("xdg/keysweep/config.toml", "[scan]\nmax_file_size = \"1k\"\n");
    d.write("tree/.keysweep.toml", "[scan]\nmax_file_size = \"1G\"\n");
    auto high = run_cli({"scan", "--format", "json", d / "tree"}, xdg(d));
    CHECK(nlohmann::json::parse(high.out)["scan"]["skipped_by_reason"]["too-large"] == 1);
    CHECK(high.err == "keysweep: warning: " + cfg +
                          ":2: ignored max_file_size = \"1G\": a repository's .keysweep.toml may only lower the limit (1k)\n");
  }

  TEST_CASE("narrowing keys from the repository apply alongside the user's config") {
    TempDir d;
    d.write("tree/vendor/a.env", "A=" + fake_github_token(62) + "\n");
    d.write("tree/src/b.env", "B=" + fake_github_token(63) + "\n");
    d.write("tree/src/c.txt", "k = acme_q8w7e6r5t4y3u2i1o0p9\n");
    d.write("tree/.keysweep.toml", "[allowlist]\npaths = [\"vendor/\"]\n");
    std::string rules = d.write("xdg/keysweep/acme.toml", kAcmeRules);
    d.write("xdg/keysweep/config.toml", "[rules]\nextra = [\"acme.toml\"]\n[scan]\nformat = \"jsonl\"\n");
    auto r = run_cli({"scan", d / "tree"}, xdg(d));
    CHECK(r.status == 1);
    CHECK(r.err.empty());
    std::vector<std::string> paths;
    std::istringstream in(r.out);
    for (std::string line; std::getline(in, line);) paths.push_back(nlohmann::json::parse(line)["path"]);
    CHECK(paths == std::vector<std::string>{"src/b.env", "src/c.txt"});
  }

  TEST_CASE("the user's config is found through HOME when XDG_CONFIG_HOME is unset, and is strict") {
    TempDir d;
    d.write("tree/x.txt", "clean\n");
    std::string user = d.write("home/.config/keysweep/config.toml", "[scan]\nformat = \"sarif\"\nbogus = 1\n");
    CliOptions o;
    o.env = {{"HOME", d / "home"}};
    auto r = run_cli({"scan", d / "tree"}, o);
    CHECK(r.status == 2);
    CHECK(r.err == "keysweep: error: " + user + ":3: unknown key 'bogus' in [scan] (expected max_file_size, format, min_confidence)\n");
    d.write("home/.config/keysweep/config.toml", "[scan]\nformat = \"sarif\"\n");
    auto ok = run_cli({"scan", d / "tree"}, o);
    CHECK(nlohmann::json::parse(ok.out)["version"] == "2.1.0");
  }
}
