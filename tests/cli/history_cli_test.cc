// End-to-end tests of `keysweep scan --history`: every ref, each blob once, provenance,
// rotation, and the repository faults a sweep must survive.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "support/git_fixture.h"
#include "support/run_cli.h"

using keysweep::testing::fake_github_token;
using keysweep::testing::GitRepo;
using keysweep::testing::run_cli;
using keysweep::testing::sh;
using keysweep::testing::TempDir;
using nlohmann::json;

namespace {
json history(const std::string& repo, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"scan", "--history", "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back(repo);
  auto r = run_cli(args);
  INFO(r.err);
  REQUIRE((r.status == 0 || r.status == 1));
  return json::parse(r.out);
}
std::set<std::string> secrets_of(const json& doc) {
  std::set<std::string> s;
  for (const auto& f : doc["findings"]) s.insert(f["secret"].get<std::string>());
  return s;
}
std::string skip_reason(const json& doc, const std::string& needle) {
  for (const auto& s : doc["skipped"])
    if (s["path"].get<std::string>().find(needle) != std::string::npos) return s["reason"];
  return "(none)";
}
}  // namespace

TEST_SUITE("cli history") {
  TEST_CASE("every ref kind is swept: branches, tags, remotes, notes, pull refs and every stash") {
    TempDir d;
    GitRepo g(d);
    std::vector<std::string> tok;
    for (uint32_t i = 0; i < 8; ++i) tok.push_back(fake_github_token(200 + i));
    g.commit_file("main.txt", "t=" + tok[0] + "\n", "main");
    g.git("checkout -q -b side");
    g.commit_file("side.txt", "t=" + tok[1] + "\n", "side");
    g.git("tag -a v1 -m release");
    g.git("checkout -q main");
    g.git("update-ref refs/remotes/origin/gone side");  // side's content via a remote ref
    g.git("checkout -q -b tmp");
    g.commit_file("remote.txt", "t=" + tok[2] + "\n", "remote only");
    g.git("update-ref refs/remotes/origin/feature HEAD");
    g.git("reset -q --hard main");
    g.commit_file("pull.txt", "t=" + tok[3] + "\n", "pull only");
    g.git("update-ref refs/pull/7/head HEAD");
    g.git("checkout -q main");
    g.git("branch -q -D tmp side");
    g.git("tag -d v1 >/dev/null");
    g.git("update-ref refs/tags/light " + g.git("rev-parse refs/remotes/origin/gone").substr(0, 40));
    g.write("note.txt", "t=" + tok[4] + "\n");
    g.git("notes add -m 't=" + tok[4] + "' HEAD");
    g.write("main.txt", "t=" + tok[0] + "\nstash1=" + tok[5] + "\n");
    g.git("stash -q");
    g.write("main.txt", "t=" + tok[0] + "\nstash2=" + tok[6] + "\n");
    g.git("stash -q");
    auto doc = history(g.path());
    auto found = secrets_of(doc);
    for (int i : {0, 1, 2, 3, 4, 5, 6}) CHECK_MESSAGE(found.count(tok[i]), "token " << i);
    CHECK(doc["scan"]["mode"] == "history");
  }

  TEST_CASE("a blob carried by many commits and paths is scanned once, traced to the commit that introduced it") {
    TempDir d;
    GitRepo g(d);
    std::string t = fake_github_token(300);
    g.commit_file("README", "hello\n", "init");
    std::string intro = g.commit_file("cfg/app.env", "TOKEN=" + t + "\n", "add config");
    g.commit_file("other.txt", "unrelated\n", "later");
    g.git("checkout -q -b copy");
    g.commit_file("copy/app.env", "TOKEN=" + t + "\n", "copy config");
    auto doc = history(g.path());
    REQUIRE(doc["findings"].size() == 1);
    auto f = doc["findings"][0];
    CHECK(f["commit"] == intro);
    CHECK(f["path"] == "cfg/app.env");
    CHECK(f["author"] == "Ann Dev");
    CHECK(f["email"] == "ann@example.org");
    CHECK(f["message"] == "add config");
    CHECK(f["date"].get<std::string>().rfind("2023-11-14T", 0) == 0);
    CHECK(f["line"] == 1);
    CHECK(f["column"] == 7);
    CHECK(f["other_places"] == 1);
    CHECK(f["blob"].get<std::string>().size() == 40);
  }

  TEST_CASE("--all-objects also finds blobs no ref reaches") {
    TempDir d;
    GitRepo g(d);
    g.commit_file("a.txt", "a\n", "init");
    std::string t = fake_github_token(301);
    g.write("dangling.txt", "k=" + t + "\n");
    g.git("hash-object -w dangling.txt");
    CHECK(secrets_of(history(g.path())).empty());
    CHECK(secrets_of(history(g.path(), {"--all-objects"})).count(t) == 1);
  }

  TEST_CASE("--rotation groups by secret, still-present ones first") {
    TempDir d;
    GitRepo g(d);
    std::string gone = fake_github_token(302), live = fake_github_token(303);
    g.commit_file("old.env", "A=" + gone + "\n", "leak old");
    g.commit_file("old.env", "A=\n", "remove old");
    g.commit_file("x.env", "B=" + live + "\n", "leak live");
    g.commit_file("y.env", "B=" + live + "\n", "copy live");
    auto doc = history(g.path(), {"--rotation"});
    REQUIRE(doc["secrets"].size() == 2);
    CHECK(doc["secrets"][0]["secret"] == live);
    CHECK(doc["secrets"][0]["present_at_head"] == true);
    CHECK(doc["secrets"][0]["places"] == 2);
    CHECK(doc["secrets"][0]["first_seen"]["message"] == "leak live");
    CHECK(doc["secrets"][0]["last_seen"]["message"] == "copy live");
    CHECK(doc["secrets"][0]["rotate_at"].get<std::string>().rfind("https://", 0) == 0);
    CHECK(doc["secrets"][1]["secret"] == gone);
    CHECK(doc["secrets"][1]["present_at_head"] == false);
    auto text = run_cli({"scan", "--history", "--rotation", g.path()});
    CHECK(text.out.find("Secrets to rotate (2)") != std::string::npos);
    CHECK(text.out.find(live) == std::string::npos);
  }

  TEST_CASE("a bare repository is swept like a work tree") {
    TempDir d;
    GitRepo g(d);
    std::string t = fake_github_token(304);
    g.commit_file("a.env", "T=" + t + "\n", "leak");
    sh("git clone -q --bare '" + g.path() + "' '" + (d / "bare.git") + "'");
    CHECK(secrets_of(history(d / "bare.git")).count(t) == 1);
  }

  TEST_CASE("an empty repository with an unborn HEAD sweeps nothing and succeeds") {
    TempDir d;
    GitRepo g(d);
    auto r = run_cli({"scan", "--history", "--format", "json", g.path()});
    CHECK(r.status == 0);
    CHECK(json::parse(r.out)["scan"]["head"].is_null());
  }

  TEST_CASE("a path that is not a repository is one line and exit 2") {
    TempDir d;
    d.write("plain/x", "x");
    auto r = run_cli({"scan", "--history", d / "plain"});
    CHECK(r.status == 2);
    CHECK(r.err == "keysweep: error: " + (d / "plain") + ": not a git repository (or any parent up to /)\n");
  }
}

TEST_SUITE("cli history faults") {
  TEST_CASE("a shallow clone is swept as far as it goes") {
    TempDir d;
    GitRepo g(d);
    std::string old = fake_github_token(310), now = fake_github_token(311);
    g.commit_file("a.env", "T=" + old + "\n", "old");
    g.commit_file("a.env", "T=" + now + "\n", "new");
    sh("git clone -q --depth 1 'file://" + g.path() + "' '" + (d / "shallow") + "'");
    auto doc = history(d / "shallow");
    CHECK(doc["scan"]["shallow"] == true);
    CHECK(secrets_of(doc) == std::set<std::string>{now});
  }

  TEST_CASE("missing blobs of a partial clone are skips and the rest is still swept") {
    TempDir d;
    GitRepo g(d);
    std::string a = fake_github_token(312), b = fake_github_token(313);
    g.commit_file("a.env", "T=" + a + "\n", "one");
    g.commit_file("b.env", "T=" + b + "\n", "two");
    g.git("config uploadpack.allowfilter true");
    sh("git clone -q --no-checkout --filter=blob:none 'file://" + g.path() + "' '" + (d / "partial") + "'");
    // Fetch just one blob, as a checkout of one file would.
    std::string blob_a = g.git("rev-parse HEAD:a.env").substr(0, 40);
    sh("git -C '" + (d / "partial") + "' cat-file -p " + blob_a + " >/dev/null");
    auto doc = history(d / "partial");
    CHECK(secrets_of(doc) == std::set<std::string>{a});
    CHECK(skip_reason(doc, "b.env") == "missing-object");
  }

  TEST_CASE("a corrupt loose object is a skip naming it, not an abort") {
    TempDir d;
    GitRepo g(d);
    std::string a = fake_github_token(314), b = fake_github_token(315);
    g.commit_file("a.env", "T=" + a + "\n", "one");
    g.commit_file("b.env", "T=" + b + "\n", "two");
    std::string blob_b = g.git("rev-parse HEAD:b.env").substr(0, 40);
    std::string obj = g.path() + "/.git/objects/" + blob_b.substr(0, 2) + "/" + blob_b.substr(2);
    sh("chmod u+w '" + obj + "' && printf 'garbage' > '" + obj + "'");
    auto doc = history(g.path());
    CHECK(secrets_of(doc) == std::set<std::string>{a});
    CHECK(skip_reason(doc, "b.env") == "missing-object");
  }

  TEST_CASE("submodules, LFS pointers, binaries and oversized blobs are skips with their reason") {
    TempDir d;
    GitRepo sub(d, "sub");
    sub.commit_file("s.txt", "s\n", "sub");
    GitRepo g(d);
    g.commit_file("lfs.bin", "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a2146\nsize 12345\n", "lfs");
    g.commit_file("big.txt", std::string(3000, 'a') + "\n", "big");
    g.write("img.png", std::string("\x89PNG\r\n\x1a\n\0\0", 10));
    g.git("add img.png");
    g.git("commit -q -m img");
    g.git("-c protocol.file.allow=always submodule -q add '" + sub.path() + "' vendor/sub");
    g.git("commit -q -m submodule");
    auto doc = history(g.path(), {"--max-file-size", "2k"});
    CHECK(skip_reason(doc, "lfs.bin") == "lfs-pointer");
    CHECK(skip_reason(doc, "big.txt") == "too-large");
    CHECK(skip_reason(doc, "img.png") == "binary");
    CHECK(skip_reason(doc, "vendor/sub") == "submodule");
  }
}
