#!/usr/bin/env python3
"""Generators for bench/make-history.sh (python3 stdlib only).

  make_history.py stream --manifest FILE [--commits N] [--min-bytes B] [--pool-mib M] [--seed S] -- SRC...
      Writes a `git fast-import` stream to stdout: a history of at least N commits whose distinct
      blobs add up to at least B bytes, made of successive edits of text files found under SRC...
      The planted fake secrets (and the run's counts) go to FILE as JSON; commit ids are marks
      (":123"), resolved to hashes by `make_history.py marks` afterwards.

  make_history.py marks MANIFEST MARKS_FILE
      Rewrites MANIFEST with each mark replaced by its commit id from fast-import's --export-marks.

  make_history.py staged --out DIR --changes FILE --files N --changed K [--seed S] -- SRC...
      Writes N text files from SRC... under DIR (a work tree to commit), and FILE (JSON), the K
      edits to apply after the first commit (one of them adds a fake secret, a GitHub PAT).
  make_history.py apply-changes DIR CHANGES_JSON
      Applies those edits to the work tree.

The history: `main` grows by 1-10 file edits per commit (insert lines spliced from another file of
the same type, delete lines, rename identifiers and change numbers on a few lines), new files are
added over time, a few are deleted or renamed. Feature branches fork from main, get commits
interleaved with main's and are mostly merged back with a merge commit; some are left unmerged.
Two release branches get occasional small backports. Annotated tags mark main every ~700 commits.
In about 1 commit in 100 a fake secret of a real format (GitHub classic PAT, AWS key id, Slack bot
token, Stripe live key, GitLab PAT) is planted in an edited file or in a new config file; about 40%
of them are removed again by a later commit on the same branch.
"""

import argparse
import hashlib
import json
import os
import random
import re
import stat
import string
import sys

MIB = 1 << 20
BASE62 = string.ascii_letters + string.digits
UPPER_ALNUM = string.ascii_uppercase + string.digits

TEXT_EXT = {
    ".c", ".h", ".cc", ".cpp", ".cxx", ".hpp", ".hh", ".hxx", ".inc", ".def", ".tcc", ".ipp",
    ".py", ".pyi", ".pxd", ".pyx", ".txt", ".rst", ".md", ".html", ".htm", ".css", ".js", ".mjs",
    ".json", ".xml", ".xsl", ".sh", ".bash", ".pl", ".pm", ".pod", ".rb", ".tcl", ".cfg", ".ini",
    ".toml", ".yaml", ".yml", ".in", ".am", ".m4", ".ac", ".mk", ".cmake", ".el", ".lua", ".go",
    ".rs", ".java", ".tex", ".sql", ".csv", ".svg", ".po", ".pot", ".conf", ".desktop", ".tmpl",
    ".ts", ".awk", ".sed", ".vim", ".s", ".S", ".asm", ".ld", ".proto", ".idl", ".man", ".1", ".3",
    ".5", ".8",
}
TEXT_NAMES = {"Makefile", "README", "NEWS", "TODO", "AUTHORS", "COPYING", "LICENSE", "ChangeLog",
              "CHANGES", "INSTALL", "THANKS", "HISTORY", "copyright", "changelog", "Kconfig"}
SKIP_DIRS = {"__pycache__", ".git", ".hg", ".svn", "site-packages"}
SAFE_PATH = re.compile(r"^[A-Za-z0-9._+@%,=/-]+$")

FIRST = ["Alice", "Bruno", "Chen", "Dana", "Emeka", "Fatima", "Goran", "Hiro", "Ines", "Jonas",
         "Kira", "Luis", "Maya", "Nikolai", "Olga", "Priya", "Quinn", "Rafael", "Sana", "Tomas",
         "Uma", "Victor", "Wen", "Ximena", "Yusuf", "Zoe"]
LAST = ["Andersen", "Baptiste", "Castillo", "Dubois", "Eriksen", "Fischer", "Gupta", "Haddad",
        "Ivanova", "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov",
        "Quispe", "Rossi", "Schmidt", "Tanaka", "Ueda", "Varga", "Wagner", "Yilmaz", "Zhang"]
VERBS = ["Fix", "Refactor", "Update", "Clean up", "Simplify", "Rework", "Tidy", "Document",
         "Speed up", "Harden", "Handle errors in", "Add tests for", "Rename helpers in",
         "Drop dead code from", "Port", "Sync"]
FEATURE_WORDS = ["parser", "cache", "auth", "metrics", "retry", "config", "export", "importer",
                 "scheduler", "logging", "cli", "storage", "sync", "search", "billing", "webhooks"]

SECRET_KINDS = ["github-pat", "aws-key-id", "slack-bot", "stripe-live", "gitlab-pat"]
SECRET_PREFIXES = (b"ghp_", b"AKIA", b"xoxb-", b"sk_live_", b"glpat-")
IDENT = re.compile(rb"[A-Za-z_][A-Za-z0-9_]{3,}")
NUMBER = re.compile(rb"\b[0-9]{1,6}\b")


def rand_str(rng, alphabet, n):
    return "".join(rng.choice(alphabet) for _ in range(n))


def make_secret(rng, kind):
    """A random value of a real format, plus the variable name it is assigned to."""
    if kind == "github-pat":
        return "GITHUB_TOKEN", "ghp_" + rand_str(rng, BASE62, 36)
    if kind == "aws-key-id":
        return "AWS_ACCESS_KEY_ID", "AKIA" + rand_str(rng, UPPER_ALNUM, 16)
    if kind == "slack-bot":
        return "SLACK_BOT_TOKEN", "xoxb-%s-%s-%s" % (rand_str(rng, string.digits, 12),
                                                     rand_str(rng, string.digits, 13),
                                                     rand_str(rng, BASE62, 24))
    if kind == "stripe-live":
        return "STRIPE_SECRET_KEY", "sk_live_" + rand_str(rng, BASE62, 24)
    if kind == "gitlab-pat":
        return "GITLAB_TOKEN", "glpat-" + rand_str(rng, BASE62 + "_-", 20)
    raise ValueError(kind)


def secret_line(path, name, value):
    """The secret as a line in the syntax of the file it lands in."""
    ext = os.path.splitext(path)[1]
    if ext in (".py", ".pyi", ".toml", ".cfg", ".ini", ".rb", ".pl", ".pm", ".txt", ".rst", ".md"):
        return f'{name} = "{value}"'
    if ext in (".c", ".h", ".cc", ".cpp", ".hpp", ".hh", ".inc", ".def", ".java", ".go", ".rs"):
        return f'#define {name} "{value}"'
    if ext in (".sh", ".bash", ".env", ".mk", ".am", ".in"):
        return f"export {name}={value}"
    if ext in (".yaml", ".yml"):
        return f"{name.lower()}: {value}"
    if ext in (".js", ".mjs", ".ts", ".json"):
        return f'const {name.lower()} = "{value}";'
    return f"{name}={value}"


# --- source files -----------------------------------------------------------------------------

def is_text_name(name):
    ext = os.path.splitext(name)[1]
    return ext in TEXT_EXT or name in TEXT_NAMES


def prefixes_for(sources):
    """Repository folder for each source root: vendor/<basename>, made unique."""
    seen = {}
    out = []
    for src in sources:
        base = os.path.basename(os.path.normpath(src)) or "root"
        base = re.sub(r"[^A-Za-z0-9._-]", "_", base)
        n = seen.get(base, 0)
        seen[base] = n + 1
        out.append("vendor/" + (base if n == 0 else f"{base}-{n + 1}"))
    return out


def list_candidates(sources, min_size=64, max_size=2 * MIB):
    cands = []
    for src, prefix in zip(sources, prefixes_for(sources)):
        for dirpath, dirnames, filenames in os.walk(src):
            dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
            for name in sorted(filenames):
                if not is_text_name(name):
                    continue
                full = os.path.join(dirpath, name)
                rel = prefix + "/" + os.path.relpath(full, src)
                if not SAFE_PATH.match(rel):
                    continue
                try:
                    st = os.lstat(full)
                except OSError:
                    continue
                if not stat.S_ISREG(st.st_mode):
                    continue  # regular files only (no symlinks)
                if min_size <= st.st_size <= max_size:
                    cands.append((rel, full, st.st_size))
    return cands


def read_pool(cands, rng, budget):
    """Reads a random sample of the candidates, text only, distinct contents, up to budget bytes."""
    order = list(range(len(cands)))
    rng.shuffle(order)
    pool = []
    seen = set()
    total = 0
    for i in order:
        if total >= budget:
            break
        rel, full, _ = cands[i]
        try:
            with open(full, "rb") as fh:
                data = fh.read()
        except OSError:
            continue
        if b"\0" in data or any(p in data for p in SECRET_PREFIXES):
            continue  # binary, or already secret-shaped: keep the planted count exact
        h = hashlib.sha1(data).digest()
        if h in seen:
            continue
        seen.add(h)
        pool.append((rel, data))
        total += len(data)
    return pool


# --- edits ------------------------------------------------------------------------------------

class Donors:
    """Line windows from pool files, by extension, for realistic inserted code."""

    def __init__(self, pool, rng):
        self.rng = rng
        self.by_ext = {}
        for rel, data in pool:
            if len(data) > 512:
                self.by_ext.setdefault(os.path.splitext(rel)[1], []).append(data)
        self.any = [d for lst in self.by_ext.values() for d in lst]

    def lines(self, ext, n):
        lst = self.by_ext.get(ext) or self.any
        data = lst[self.rng.randrange(len(lst))]
        start = data.find(b"\n", self.rng.randrange(len(data))) + 1
        end = start
        for _ in range(n):
            nxt = data.find(b"\n", end)
            if nxt < 0:
                break
            end = nxt + 1
        chunk = data[start:end]
        if any(p in chunk for p in SECRET_PREFIXES):
            return []
        return chunk.split(b"\n")[:-1]


def mutate_line(rng, line):
    if any(p in line for p in SECRET_PREFIXES):
        return line  # keep planted secrets intact
    r = rng.random()
    if r < 0.6:
        ms = list(IDENT.finditer(line))
        if ms:
            m = ms[rng.randrange(len(ms))]
            word = m.group(0)
            choice = rng.random()
            if choice < 0.4:
                new = word + rng.choice([b"_v2", b"_impl", b"_ex", b"Count", b"_tmp", b"List", b"_fn"])
            elif choice < 0.7:
                new = word[:1].swapcase() + word[1:]
            else:
                new = rng.choice([b"value", b"result", b"buffer", b"handle", b"offset", b"state",
                                  b"config", b"entry", b"node", b"ctx", b"item", b"payload"])
            return line[:m.start()] + new + line[m.end():]
    if r < 0.85:
        ms = list(NUMBER.finditer(line))
        if ms:
            m = ms[rng.randrange(len(ms))]
            return line[:m.start()] + str(rng.randrange(0, 100000)).encode() + line[m.end():]
    return line + rng.choice([b"  /* TODO */", b"  # noqa", b" ", b"  // checked"])


def edit(rng, donors, path, data, orig_size):
    lines = data.split(b"\n")
    ext = os.path.splitext(path)[1]
    grow_ok = len(data) < 1.5 * orig_size
    for _ in range(rng.choice((1, 1, 2, 2, 3, 4))):
        pos = rng.randrange(len(lines) + 1)
        op = rng.random()
        if op < (0.45 if grow_ok else 0.1):
            lines[pos:pos] = donors.lines(ext, rng.randint(1, 25))
        elif op < 0.65 and len(lines) > 20:
            del lines[pos:pos + rng.randint(1, 12)]
        else:
            for i in range(pos, min(len(lines), pos + rng.randint(1, 8))):
                lines[i] = mutate_line(rng, lines[i])
    new = b"\n".join(lines)
    if new == data:  # make sure the edit changes the blob
        new = data + b"\n"
    return new


# --- the history ------------------------------------------------------------------------------

class Branch:
    def __init__(self, name, files, fork_mark):
        self.name = name
        self.files = files          # path -> bytes (shared with other branches until edited)
        self.tip = fork_mark        # mark of the last commit (None before the first)
        self.started = False        # whether a commit on this ref has been written
        self.touched = set()        # paths changed since the fork (feature branches)
        self.end = None             # global step at which a feature branch is merged or left
        self.merge = False
        self.commits = 0


class Generator:
    def __init__(self, args, pool, out):
        self.args = args
        self.rng = random.Random(args.seed)
        self.out = out
        self.donors = Donors(pool, self.rng)
        self.unique = set()
        self.unique_bytes = 0
        self.blob_writes = 0
        self.mark = 0
        self.time = 1451606400  # 2016-01-01
        self.authors = [(f"{f} {l}", f"{f.lower()}.{l.lower()}@example.com")
                        for f in FIRST for l in LAST[:3]]
        self.rng.shuffle(self.authors)
        self.authors = self.authors[:40]
        self.orig_size = {}
        self.all_paths = []
        self.hot = []
        self.planted = []
        self.removals = {}          # branch name -> [(due step, planted index, line)]
        self.commits = 0
        self.merges = 0
        self.tags = []
        self.branches_made = []
        # Files: the first ~45% form the initial import, the rest arrive over time.
        self.rng.shuffle(pool)
        n_initial = int(len(pool) * 0.45)
        self.initial = pool[:n_initial]
        self.later = pool[n_initial:]

    # stream helpers
    def w(self, b):
        self.out.write(b)

    def data(self, payload):
        self.w(b"data %d\n" % len(payload))
        self.w(payload)
        self.w(b"\n")

    def account(self, content):
        h = hashlib.sha1(b"blob %d\0" % len(content))
        h.update(content)
        d = h.digest()
        self.blob_writes += 1
        if d not in self.unique:
            self.unique.add(d)
            self.unique_bytes += len(content)

    def begin_commit(self, branch, message, merge_from=None):
        self.mark += 1
        self.time += self.rng.randint(300, 40000)
        name, email = self.authors[self.rng.randrange(len(self.authors))]
        ident = f"{name} <{email}> {self.time} +0000".encode()
        self.w(b"commit refs/heads/%s\nmark :%d\nauthor %s\ncommitter %s\n"
               % (branch.name.encode(), self.mark, ident, ident))
        self.data(message.encode())
        if not branch.started and branch.tip is not None:
            self.w(b"from :%d\n" % branch.tip)
        if merge_from is not None:
            self.w(b"merge :%d\n" % merge_from)
        branch.started = True
        branch.tip = self.mark
        branch.commits += 1
        self.commits += 1
        return self.mark

    def put(self, branch, path, content):
        self.w(b"M 100644 inline %s\n" % path.encode())
        self.data(content)
        self.account(content)
        branch.files[path] = content
        branch.touched.add(path)

    def delete(self, branch, path):
        self.w(b"D %s\n" % path.encode())
        branch.files.pop(path, None)
        branch.touched.add(path)

    def end_commit(self):
        self.w(b"\n")

    # choosing files
    def pick_path(self, branch, hot_bias=0.75):
        for _ in range(50):
            src = self.hot if (self.hot and self.rng.random() < hot_bias) else self.all_paths
            p = src[self.rng.randrange(len(src))]
            if p in branch.files:
                return p
        return None

    def add_known(self, path, content):
        if path not in self.orig_size:
            self.all_paths.append(path)
            if 16 * 1024 <= len(content) <= 800 * 1024 and self.rng.random() < 0.35:
                self.hot.append(path)
        self.orig_size[path] = max(len(content), 256)

    # planting
    def plant(self, branch, step, mark_paths, ops, mark):
        kind = SECRET_KINDS[self.rng.randrange(len(SECRET_KINDS))]
        name, value = make_secret(self.rng, kind)
        if mark_paths and self.rng.random() < 0.6:
            path = mark_paths[self.rng.randrange(len(mark_paths))]
            content = ops[path]
            new_file = False
        else:
            comp = self.rng.choice(FEATURE_WORDS)
            path = self.rng.choice([
                f"config/{comp}/settings_{self.commits}.py", f"deploy/{comp}-{self.commits}.env",
                f"scripts/ci/{comp}_{self.commits}.sh", f"config/{comp}/{self.commits}.yaml"])
            content = b"\n".join(self.donors.lines(os.path.splitext(path)[1], 30)) + b"\n"
            new_file = True
        line = secret_line(path, name, value).encode()
        also = []
        if kind == "aws-key-id":  # the key id comes with its secret access key on the next line
            also.append(rand_str(self.rng, BASE62 + "+/", 40))
            line += b"\n" + secret_line(path, "AWS_SECRET_ACCESS_KEY", also[0]).encode()
        lines = content.split(b"\n")
        pos = self.rng.randrange(len(lines) + 1)
        lines.insert(pos, line)
        content = b"\n".join(lines)
        self.add_known(path, content)
        idx = len(self.planted)
        self.planted.append({"kind": kind, "value": value, "also": also, "branch": branch.name, "path": path,
                             "commit": f":{mark}", "new_file": new_file, "removed_in": None})
        if self.rng.random() < 0.4:
            self.removals.setdefault(branch.name, []).append((step + self.rng.randint(3, 400), idx, line))
        return path, content

    def commit_edits(self, branch, step, budget, small=False):
        """One ordinary commit on branch: edits (and maybe an add, delete, rename, plant)."""
        ops = {}      # path -> content or None (delete)
        renames = []
        new_bytes = 0
        want = budget * self.rng.uniform(0.4, 1.6)
        max_files = 2 if small else 10
        n_files = 0
        while n_files < max_files and (n_files == 0 or new_bytes < want):
            p = self.pick_path(branch, hot_bias=0.2 if small else 0.75)
            if p is None:
                break
            if p in ops:
                n_files += 1
                continue
            content = edit(self.rng, self.donors, p, branch.files[p], self.orig_size.get(p, 256))
            ops[p] = content
            new_bytes += len(content)
            n_files += 1
        if self.later and not small and self.rng.random() < self.add_rate:
            for _ in range(self.rng.choice((1, 1, 1, 2, 3))):
                if not self.later:
                    break
                path, content = self.later.pop()
                self.later_bytes -= len(content)
                if path in branch.files or path in ops:
                    continue
                self.add_known(path, content)
                ops[path] = content
        r = self.rng.random()
        if not small and r < 0.005:
            p = self.pick_path(branch, hot_bias=0.0)
            if p is not None and p not in ops:
                ops[p] = None
        elif not small and r < 0.008:
            p = self.pick_path(branch, hot_bias=0.0)
            if p is not None and p not in ops:
                d, base = os.path.split(p)
                stem, ext = os.path.splitext(base)
                newp = f"{d}/{stem}_legacy{ext}"
                if newp not in branch.files and newp not in ops:
                    renames.append((p, newp))
        # removals of earlier plants on this branch that are due
        removed = []
        pending = self.removals.get(branch.name, [])
        for item in [x for x in pending if x[0] <= step]:
            pending.remove(item)
            _, idx, line = item
            path = self.planted[idx]["path"]
            cur = ops.get(path, branch.files.get(path))
            if cur is not None and line in cur:
                ops[path] = cur.replace(line + b"\n", b"", 1) if line + b"\n" in cur else cur.replace(line, b"", 1)
                removed.append(idx)
        plant_here = self.rng.random() < self.args.plant_rate
        msg_path = next(iter(ops), None) or (renames[0][0] if renames else "")
        if removed:
            msg = f"Remove credentials accidentally committed in {self.planted[removed[0]]['path']}"
        elif renames:
            msg = f"Move {renames[0][0]} to {renames[0][1]}"
        else:
            msg = f"{self.rng.choice(VERBS)} {os.path.basename(msg_path) or 'build'}"
        if plant_here:
            msg = f"{self.rng.choice(VERBS)} {self.rng.choice(FEATURE_WORDS)} settings"
        mark = self.begin_commit(branch, msg + f"\n\nChange {self.commits + 1}.\n")
        if plant_here:
            edited = [p for p, c in ops.items() if c is not None and p in branch.files]
            path, content = self.plant(branch, step, edited, ops, mark)
            ops[path] = content
        for pl_idx in removed:
            self.planted[pl_idx]["removed_in"] = f":{mark}"
        for p, c in ops.items():
            if c is None:
                self.delete(branch, p)
            else:
                self.put(branch, p, c)
        for old, new in renames:
            self.w(b"R %s %s\n" % (old.encode(), new.encode()))
            content = branch.files.pop(old)
            branch.files[new] = content
            branch.touched.update((old, new))
            self.add_known(new, content)
        self.end_commit()

    def merge_feature(self, main, feat):
        mark = self.begin_commit(main, f"Merge branch '{feat.name}'\n", merge_from=feat.tip)
        for p in sorted(feat.touched):
            fc = feat.files.get(p)
            if fc is None:
                if p in main.files:
                    self.delete(main, p)
            elif main.files.get(p) is not fc:
                self.put(main, p, fc)
        self.end_commit()
        self.merges += 1
        return mark

    def tag(self, name, mark, annotated):
        if annotated:
            tname, temail = self.authors[0]
            self.w(b"tag %s\nfrom :%d\ntagger %s <%s> %d +0000\n"
                   % (name.encode(), mark, tname.encode(), temail.encode(), self.time))
            self.data(f"Release {name}\n".encode())
        else:
            self.w(b"reset refs/tags/%s\nfrom :%d\n\n" % (name.encode(), mark))
        self.tags.append(name)

    def run(self):
        a = self.args
        self.target_commits = a.commits
        self.w(b"feature done\n")
        main = Branch("main", {}, None)
        # Initial import, a component per commit.
        groups = {}
        for rel, data in self.initial:
            groups.setdefault("/".join(rel.split("/")[:3]), []).append((rel, data))
        for comp in sorted(groups):
            self.begin_commit(main, f"Import {comp}\n")
            for rel, data in groups[comp]:
                self.add_known(rel, data)
                self.put(main, rel, data)
            self.end_commit()
        main.touched.clear()
        self.later_bytes = sum(len(d) for _, d in self.later)
        features = []
        releases = []
        next_feature = self.rng.randint(150, 450)
        release_at = [int(a.commits * 0.3), int(a.commits * 0.65)]
        next_tag = 700
        tag_n = 0
        step = 0
        while self.commits < a.commits or self.unique_bytes < a.min_bytes:
            step += 1
            remaining = max(a.commits - self.commits, 50)
            budget = max(a.min_bytes * 1.02 - self.unique_bytes - self.later_bytes, 0) / remaining
            self.add_rate = min(1.0, 1.5 * len(self.later) / remaining) if self.later else 0.0
            # branch life cycle
            if main.commits >= next_feature:
                next_feature = main.commits + self.rng.randint(150, 450)
                name = f"feature/{self.rng.choice(FEATURE_WORDS)}-{len(self.branches_made) + 1}"
                fb = Branch(name, dict(main.files), main.tip)
                fb.end = step + self.rng.randint(40, 300)
                fb.merge = self.rng.random() < 0.75
                features.append(fb)
                self.branches_made.append(name)
            if release_at and main.commits >= release_at[0]:
                release_at.pop(0)
                name = f"release/{len(releases) + 1}.x"
                rb = Branch(name, dict(main.files), main.tip)
                releases.append(rb)
                self.branches_made.append(name)
                self.tag(f"v{len(releases)}.0.0", main.tip, annotated=True)
            for fb in [f for f in features if f.end is not None and step >= f.end]:
                features.remove(fb)
                if fb.merge and fb.started:
                    self.merge_feature(main, fb)
                    # pending removals on the feature branch now happen on main
                    self.removals.setdefault("main", []).extend(self.removals.pop(fb.name, []))
                fb.end = None
            # pick the branch for this commit
            r = self.rng.random()
            if releases and r < 0.03:
                rb = releases[self.rng.randrange(len(releases))]
                self.commit_edits(rb, step, budget, small=True)
                if self.rng.random() < 0.15:
                    self.tag(f"v{releases.index(rb) + 1}.0.{rb.commits}", rb.tip, annotated=False)
            elif features and r < 0.33:
                fb = features[self.rng.randrange(len(features))]
                self.commit_edits(fb, step, budget)
            else:
                self.commit_edits(main, step, budget)
            if main.commits >= next_tag:
                tag_n += 1
                next_tag += 700
                self.tag(f"v0.{tag_n}.0", main.tip, annotated=True)
        self.w(b"done\n")
        self.out.flush()
        by_kind = {}
        for p in self.planted:
            by_kind[p["kind"]] = by_kind.get(p["kind"], 0) + 1
        return {
            "version": 1,
            "seed": a.seed,
            "commits": self.commits,
            "merges": self.merges,
            "branches": ["main"] + self.branches_made,
            "tags": self.tags,
            "unique_blobs": len(self.unique),
            "unique_blob_bytes": self.unique_bytes,
            "blob_writes": self.blob_writes,
            "planted": len(self.planted),
            "planted_removed": sum(1 for p in self.planted if p["removed_in"]),
            "planted_by_kind": dict(sorted(by_kind.items())),
            "secrets": self.planted,
        }


def cmd_stream(argv):
    ap = argparse.ArgumentParser(prog="make_history.py stream")
    ap.add_argument("--manifest", required=True)
    ap.add_argument("--commits", type=int, default=12000)
    ap.add_argument("--min-bytes", type=int, default=int(2.25 * 1024 * MIB))
    ap.add_argument("--pool-mib", type=int, default=500)
    ap.add_argument("--plant-rate", type=float, default=0.01)
    ap.add_argument("--seed", type=int, default=20240611)
    ap.add_argument("sources", nargs="+")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    cands = list_candidates(args.sources)
    if not cands:
        sys.exit("make_history.py: no text files under " + " ".join(args.sources))
    pool = read_pool(cands, rng, args.pool_mib * MIB)
    print(f"make_history.py: {len(cands)} candidate files, pool {len(pool)} files "
          f"{sum(len(d) for _, d in pool) / MIB:.0f} MiB", file=sys.stderr)
    out = open(sys.stdout.fileno(), "wb", buffering=4 * MIB, closefd=False)
    gen = Generator(args, pool, out)
    summary = gen.run()
    with open(args.manifest, "w") as fh:
        json.dump(summary, fh, indent=1)
    print(f"make_history.py: {summary['commits']} commits, {summary['unique_blobs']} distinct blobs, "
          f"{summary['unique_blob_bytes'] / MIB:.0f} MiB, {summary['planted']} planted",
          file=sys.stderr)


def cmd_marks(argv):
    manifest_path, marks_path = argv
    marks = {}
    with open(marks_path) as fh:
        for line in fh:
            m, oid = line.split()
            marks[m] = oid
    with open(manifest_path) as fh:
        doc = json.load(fh)
    for s in doc["secrets"]:
        s["commit"] = marks.get(s["commit"], s["commit"])
        if s["removed_in"]:
            s["removed_in"] = marks.get(s["removed_in"], s["removed_in"])
    with open(manifest_path + ".tmp", "w") as fh:
        json.dump(doc, fh, indent=1)
    os.replace(manifest_path + ".tmp", manifest_path)


# --- the staged repository --------------------------------------------------------------------

def cmd_staged(argv):
    ap = argparse.ArgumentParser(prog="make_history.py staged")
    ap.add_argument("--out", required=True)
    ap.add_argument("--changes", required=True)
    ap.add_argument("--files", type=int, default=5000)
    ap.add_argument("--changed", type=int, default=10)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("sources", nargs="+")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    cands = [c for c in list_candidates(args.sources, max_size=256 * 1024)]
    rng.shuffle(cands)
    chosen = []
    seen = set()
    for rel, full, _ in cands:
        if len(chosen) >= args.files:
            break
        try:
            with open(full, "rb") as fh:
                data = fh.read()
        except OSError:
            continue
        if b"\0" in data or any(p in data for p in SECRET_PREFIXES):
            continue
        h = hashlib.sha1(data).digest()
        if h in seen:
            continue
        seen.add(h)
        chosen.append((rel, data))
    if len(chosen) < args.files:
        sys.exit(f"make_history.py: only {len(chosen)} usable files, wanted {args.files}")
    total = 0
    for rel, data in chosen:
        dst = os.path.join(args.out, rel)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        with open(dst, "wb") as fh:
            fh.write(data)
        total += len(data)
    # The later change: edits of `changed` files, the first of which also gets a secret.
    donors = Donors(chosen, rng)
    changes = []
    targets = rng.sample(range(len(chosen)), args.changed)
    for i, t in enumerate(targets):
        rel, data = chosen[t]
        new = edit(rng, donors, rel, data, len(data))
        entry = {"path": rel}
        if i == 0:
            kind = "github-pat"
            name, value = make_secret(rng, kind)
            lines = new.split(b"\n")
            lines.insert(rng.randrange(len(lines) + 1), secret_line(rel, name, value).encode())
            new = b"\n".join(lines)
            entry.update({"kind": kind, "value": value})
        entry["content_hex"] = new.hex()
        changes.append(entry)
    with open(args.changes, "w") as fh:
        json.dump({"files": len(chosen), "bytes": total, "changes": changes}, fh)
    print(f"{len(chosen)} {total}")


def cmd_apply_changes(argv):
    out, changes_path = argv
    with open(changes_path) as fh:
        doc = json.load(fh)
    for c in doc["changes"]:
        with open(os.path.join(out, c["path"]), "wb") as fh:
            fh.write(bytes.fromhex(c["content_hex"]))
        print(c["path"])


if __name__ == "__main__":
    cmd, rest = sys.argv[1], sys.argv[2:]
    if rest and rest[0] == "--" and cmd in ("marks", "apply-changes"):
        rest = rest[1:]
    {"stream": cmd_stream, "marks": cmd_marks, "staged": cmd_staged,
     "apply-changes": cmd_apply_changes}[cmd](rest)
