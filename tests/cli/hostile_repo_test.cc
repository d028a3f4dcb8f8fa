// Hostile and unusual repositories, built at test time: formats this libgit2 cannot read are one
// clear error; layouts git allows (alternates, multi-pack-index, commit-graph, linked worktrees,
// a .git file) are swept in full; damage and crafted objects are skips or escaped names, never a
// crash, a hang or a secret placed at a path that is not there.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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

json sweep(const std::string& repo, const std::string& mode = "--history") {
  auto r = run_cli({"scan", mode, "--format", "json", repo});
  INFO(r.err);
  REQUIRE((r.status == 0 || r.status == 1));
  return json::parse(r.out);
}

// "path secret" for every finding.
std::set<std::string> placed(const json& doc) {
  std::set<std::string> out;
  for (const auto& f : doc["findings"]) out.insert(f["path"].get<std::string>() + " " + f["secret"].get<std::string>());
  return out;
}

// A repository with three commits of secrets and filler that packs into deltas.
std::set<std::string> three_commits(const GitRepo& g, uint32_t seed) {
  std::set<std::string> want;
  for (uint32_t i = 0; i < 3; ++i) {
    std::string tok = fake_github_token(seed + i);
    std::string filler;
    for (int l = 0; l < 400; ++l) filler += "line " + std::to_string(l) + " of version " + std::to_string(i) + "\n";
    g.write("filler.txt", filler);
    g.commit_file("s" + std::to_string(i) + ".env", "T=" + tok + "\n", "c" + std::to_string(i));
    want.insert("s" + std::to_string(i) + ".env " + tok);
  }
  return want;
}

// Writes a raw object with `git hash-object --literally` (trees git itself would refuse) and
// returns its id.
std::string raw_object(const GitRepo& g, const std::string& type, const std::string& bytes, const TempDir& d) {
  std::string file = d.write("raw-object", bytes);
  std::string id = g.git("hash-object -t " + type + " -w --literally '" + file + "'");
  return id.substr(0, 40);
}

std::string binary_id(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i < 40; i += 2) out += char(std::stoi(hex.substr(i, 2), nullptr, 16));
  return out;
}

}  // namespace

TEST_SUITE("cli hostile repositories") {
  TEST_CASE("a SHA-256 repository is an unsupported-format error, exit 2, in every git mode") {
    TempDir d;
    sh("git init -q --object-format=sha256 '" + (d / "s256") + "'");
    for (const char* mode : {"--history", "--staged"}) {
      auto r = run_cli({"scan", mode, d / "s256"});
      CHECK(r.status == 2);
      CHECK(r.err == "keysweep: error: " + (d / "s256") +
                         ": unsupported repository: it uses the SHA-256 object format (extensions.objectFormat), "
                         "which this build's libgit2 cannot read\n");
    }
  }

  TEST_CASE("a reftable repository is an unsupported-format error, exit 2") {
    TempDir d;
    GitRepo g(d);
    g.commit_file("a.txt", "a\n", "one");
    g.git("config core.repositoryformatversion 1");
    g.git("config extensions.refStorage reftable");
    auto r = run_cli({"scan", "--history", g.path()});
    CHECK(r.status == 2);
    CHECK(r.err == "keysweep: error: " + g.path() +
                       ": unsupported repository: it stores refs as reftable (extensions.refStorage), which this "
                       "build's libgit2 cannot read\n");
  }

  TEST_CASE("a clone that borrows objects through alternates is swept in full") {
    TempDir d;
    GitRepo g(d);
    auto want = three_commits(g, 700);
    g.git("repack -adq");
    sh("git clone -q --shared '" + g.path() + "' '" + (d / "shared") + "'");
    REQUIRE(sh("cat '" + (d / "shared/.git/objects/info/alternates") + "'").size() > 0);
    CHECK(placed(sweep(d / "shared")) == want);
  }

  TEST_CASE("a multi-pack-index and a commit-graph change nothing") {
    TempDir d;
    GitRepo g(d);
    auto want = three_commits(g, 710);
    g.git("repack -adq");
    auto more = three_commits(g, 720);  // a second pack
    want.insert(more.begin(), more.end());
    g.git("repack -dq");
    g.git("multi-pack-index write");
    g.git("commit-graph write --reachable");
    REQUIRE(sh("ls '" + g.path() + "/.git/objects/pack/multi-pack-index' '" + g.path() +
               "/.git/objects/info/commit-graph'").size() > 0);
    CHECK(placed(sweep(g.path())) == want);
  }

  TEST_CASE("a bare repository has no staged changes: --staged is one line and exit 2") {
    TempDir d;
    GitRepo g(d);
    g.commit_file("a.txt", "a\n", "one");
    sh("git clone -q --bare '" + g.path() + "' '" + (d / "bare.git") + "'");
    auto r = run_cli({"scan", "--staged", d / "bare.git"});
    CHECK(r.status == 2);
    CHECK(r.err == "keysweep: error: " + (d / "bare.git") + ": a bare repository has no index: --staged needs a work tree\n");
  }

  TEST_CASE("a linked worktree: history from it is the whole repository, staged is its own index, hooks are shared") {
    TempDir d;
    GitRepo g(d);
    auto want = three_commits(g, 730);
    g.git("repack -adq");
    g.git("worktree add -q -b feature '" + (d / "wt") + "'");
    std::string tok = fake_github_token(735);
    d.write("wt/w.env", "T=" + tok + "\n");
    sh("git -C '" + (d / "wt") + "' add w.env");
    CHECK(placed(sweep(d / "wt", "--staged")) == std::set<std::string>{"w.env " + tok});
    CHECK(placed(sweep(d / "wt")) == want);
    auto hook = run_cli({"hook", "install", d / "wt"});
    CHECK(hook.status == 0);
    CHECK(hook.out == "keysweep: installed pre-commit hook at " + g.path() + "/.git/hooks/pre-commit\n");
  }

  TEST_CASE("a .git file pointing at a git folder elsewhere is followed") {
    TempDir d;
    sh("git init -q -b main --separate-git-dir '" + (d / "store.git") + "' '" + (d / "repo") + "'");
    std::string tok = fake_github_token(740);
    d.write("repo/a.env", "T=" + tok + "\n");
    sh("git -C '" + (d / "repo") + "' add a.env && git -C '" + (d / "repo") +
       "' -c user.name=A -c user.email=a@example.org commit -q -m one");
    CHECK(placed(sweep(d / "repo")) == std::set<std::string>{"a.env " + tok});
    auto files = run_cli({"scan", "--format", "json", d / "repo"});
    CHECK(json::parse(files.out)["skipped"][0] == json{{"path", ".git"}, {"reason", "git-directory"}});
  }

  TEST_CASE("a submodule whose objects are missing is a submodule skip, and the rest is swept") {
    TempDir d;
    GitRepo sub(d, "sub");
    std::string sub_commit = sub.commit_file("s.env", "T=" + fake_github_token(745) + "\n", "sub");
    GitRepo g(d);
    std::string tok = fake_github_token(746);
    g.commit_file("a.env", "T=" + tok + "\n", "one");
    g.git("-c protocol.file.allow=always submodule -q add '" + sub.path() + "' vendor/sub");
    g.git("commit -q -m submodule");
    sh("rm -rf '" + g.path() + "/.git/modules/vendor/sub/objects' '" + sub.path() + "'");
    auto doc = sweep(g.path());
    CHECK(placed(doc) == std::set<std::string>{"a.env " + tok});
    CHECK(doc["skipped"] == json::array({{{"path", "vendor/sub"}, {"reason", "submodule"}, {"detail", sub_commit}}}));
  }

  TEST_CASE("a pack truncated mid-object is a skip naming what cannot be read") {
    TempDir d;
    GitRepo g(d);
    three_commits(g, 750);
    g.git("repack -adq");
    std::string head = g.git("rev-parse main").substr(0, 40);
    std::string pack = sh("ls '" + g.path() + "'/.git/objects/pack/*.pack");
    pack = pack.substr(0, pack.find('\n'));
    sh("chmod u+w '" + pack + "' && truncate -s $(( $(stat -c %s '" + pack + "') / 2 )) '" + pack + "'");
    auto r = run_cli({"scan", "--history", g.path()});
    CHECK(r.status == 0);
    CHECK(r.err == "keysweep: skipped refs/heads/main: missing-object: " + head + ": object not found - no match for id (" +
                       head + ")\n");
  }

  TEST_CASE("an idx that disagrees with its pack never hands out one object as another") {
    TempDir d;
    GitRepo g(d);
    auto want = three_commits(g, 760);
    g.git("repack -adq");
    std::string idx = sh("ls '" + g.path() + "'/.git/objects/pack/*.idx");
    idx = idx.substr(0, idx.find('\n'));
    // Swap the pack offsets of the first two ids, keeping the pack checksum it records.
    sh("chmod u+w '" + idx + "' && python3 -c \"import sys; p=sys.argv[1]; d=bytearray(open(p,'rb').read()); "
       "n=int.from_bytes(d[1028:1032],'big'); o=1032+n*24; d[o:o+4],d[o+4:o+8]=d[o+4:o+8],d[o:o+4]; "
       "open(p,'wb').write(d)\" '" + idx + "'");
    auto r = run_cli({"scan", "--history", "--format", "json", g.path()});
    REQUIRE((r.status == 0 || r.status == 1));
    auto doc = json::parse(r.out);
    for (const auto& found : placed(doc)) CHECK(want.count(found) == 1);  // nothing misplaced
    CHECK(doc["skipped"].size() >= 1);
    for (const auto& s : doc["skipped"]) CHECK(s["reason"] == "missing-object");
  }

  TEST_CASE("tree entry names holding '/' or '..' are reported as one escaped segment") {
    TempDir d;
    GitRepo g(d);
    std::string t1 = fake_github_token(770), t2 = fake_github_token(771);
    std::string b1 = raw_object(g, "blob", "T=" + t1 + "\n", d), b2 = raw_object(g, "blob", "T=" + t2 + "\n", d);
    std::string inner = raw_object(g, "tree", std::string("100644 x.env\0", 13) + binary_id(b1), d);
    std::string top = raw_object(
        g, "tree", std::string("40000 ..\0", 9) + binary_id(inner) + std::string("100644 a/b.env\0", 15) + binary_id(b2), d);
    std::string commit = g.git("commit-tree " + top + " -m crafted").substr(0, 40);
    g.git("update-ref refs/heads/main " + commit);
    CHECK(placed(sweep(g.path())) == std::set<std::string>{"\\x2e\\x2e/x.env " + t1, "a\\x2fb.env " + t2});
  }

  TEST_CASE("a commit with 10,000 parents is swept") {
    TempDir d;
    GitRepo g(d);
    std::string tok = fake_github_token(780);
    std::string stream;
    for (int i = 1; i <= 10000; ++i)
      stream += "reset refs/heads/p\ncommit refs/heads/p\nmark :" + std::to_string(i) + "\ncommitter A <a@example.org> " +
                std::to_string(1700000000 + i) + " +0000\ndata 2\np\nM 644 inline f" + std::to_string(i % 50) +
                ".txt\ndata 2\n" + std::to_string(i % 10) + "\n\n";
    stream += "commit refs/heads/main\ncommitter A <a@example.org> 1800000000 +0000\ndata 7\noctopus\nfrom :1\n";
    for (int i = 2; i <= 10000; ++i) stream += "merge :" + std::to_string(i) + "\n";
    stream += "M 644 inline s.env\ndata " + std::to_string(tok.size() + 3) + "\nT=" + tok + "\n\n";
    std::string file = d.write("stream", stream);
    g.git("fast-import --quiet < '" + file + "'");
    REQUIRE(g.git("cat-file -p main").find("parent") != std::string::npos);
    auto doc = sweep(g.path());
    CHECK(placed(doc) == std::set<std::string>{"s.env " + tok});
    CHECK(doc["scan"]["commits"] == 10001);
  }

  TEST_CASE("a tree nested 10,000 folders deep is swept") {
    TempDir d;
    GitRepo g(d);
    std::string tok = fake_github_token(790), path;
    for (int i = 0; i < 10000; ++i) path += "d/";
    std::string file = d.write("stream", "commit refs/heads/main\ncommitter A <a@example.org> 1700000000 +0000\ndata 4\n"
                                         "deep\nM 644 inline " + path + "s.env\ndata " + std::to_string(tok.size() + 3) +
                                             "\nT=" + tok + "\n\n");
    g.git("fast-import --quiet < '" + file + "'");
    CHECK(placed(sweep(g.path())) == std::set<std::string>{path + "s.env " + tok});
  }

  TEST_CASE("a work tree nested 10,000 folders deep: what fits in a path is scanned, the rest is one skip") {
    TempDir d;
    std::string tok = fake_github_token(791);
    d.write("tree/d/s.env", "T=" + tok + "\n");
    int fd = open((d / "tree").c_str(), O_DIRECTORY | O_RDONLY);
    REQUIRE(fd >= 0);
    for (int i = 0; i < 10000; ++i) {  // deeper than any path can name: build it relative to each level
      REQUIRE((i == 0 || mkdirat(fd, "d", 0755) == 0));
      int next = openat(fd, "d", O_DIRECTORY | O_RDONLY);
      REQUIRE(next >= 0);
      close(fd);
      fd = next;
    }
    close(fd);
    auto r = run_cli({"scan", "--format", "json", d / "tree"});
    sh("rm -rf '" + (d / "tree") + "'");  // GNU rm walks any depth
    CHECK(r.status == 1);
    auto doc = json::parse(r.out);
    CHECK(placed(doc) == std::set<std::string>{"d/s.env " + tok});
    REQUIRE(doc["skipped"].size() == 1);
    std::string skipped = doc["skipped"][0]["path"];
    CHECK(doc["skipped"][0]["reason"] == "unreadable");
    CHECK(skipped.find_first_not_of("d/") == std::string::npos);
    CHECK(r.err == "keysweep: skipped " + skipped + ": unreadable: File name too long\n");
  }

  TEST_CASE("symlink loops are broken-symlink skips, and a link back into the tree is not followed") {
    TempDir d;
    std::string tok = fake_github_token(792);
    d.write("tree/a.env", "T=" + tok + "\n");
    REQUIRE(symlink("b", (d / "tree/a").c_str()) == 0);
    REQUIRE(symlink("a", (d / "tree/b").c_str()) == 0);
    REQUIRE(symlink(".", (d / "tree/self").c_str()) == 0);
    auto r = run_cli({"scan", "--format", "json", d / "tree"});
    CHECK(r.status == 1);
    CHECK(placed(json::parse(r.out)) == std::set<std::string>{"a.env " + tok});
    CHECK(r.err == "keysweep: skipped a: broken-symlink: Too many levels of symbolic links\n"
                   "keysweep: skipped b: broken-symlink: Too many levels of symbolic links\n");
  }
}
