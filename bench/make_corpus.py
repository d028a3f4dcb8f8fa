#!/usr/bin/env python3
"""Corpus generator behind bench/make-corpus.sh (python3 stdlib only).

Builds OUT_DIR (which must not exist) in two phases:
  1. copy: text files found on this machine (no NUL byte anywhere, <= 4 MiB, content-deduplicated)
     go to OUT_DIR/sys/<root>/<relative path>, until the target size is reached;
  2. top-up: generated files go to OUT_DIR/gen/dNNNN/: each is a splice of line windows taken from
     1-4 copied files of the same extension, with a dozen identifiers renamed and some numeric
     literals changed, so every generated file is new content that still reads like source.
About 1 file in 200 (either phase) gets one fake secret of a real format planted at a random line;
every planted secret is listed in the manifest (path relative to OUT_DIR, kind, first/last line).
"""

import argparse
import base64
import hashlib
import json
import multiprocessing
import os
import random
import re
import sys
import time
from collections import Counter

MIB = 1 << 20
MAX_COPY_FILE = 4 * MIB
PLANT_ONE_IN = 200
FILES_PER_GEN_DIR = 1000

# --------------------------------------------------------------------------------------------
# Fake secrets. Values come from os.urandom-seeded RNGs, so each corpus has its own.

B62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
B64 = B62 + "+/"
DIGITS = "0123456789"
# Anything a scanner's placeholder / low-randomness filter could reasonably reject.
_BAD = re.compile(r"(?i)example|placeholder|xxxx|changeme|change_me|redacted|dummy|sample|test|"
                  r"fake|your|here|0000|1234|abcd|(.)\1\1\1")


def rand_str(rng, alphabet, n):
    while True:
        s = "".join(rng.choice(alphabet) for _ in range(n))
        if not _BAD.search(s):
            return s


def pk_block(rng):
    # DER prefix of an RSA-2048 PKCS#1 key ("MIIEpAIBAAKCAQEA..."), then random bytes.
    der = bytes.fromhex("308204a40201000282010100") + rng.getrandbits(8 * 1180).to_bytes(1180, "little")
    body = base64.b64encode(der).decode()
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    return ["-----BEGIN RSA PRIVATE KEY-----"] + lines + ["-----END RSA PRIVATE KEY-----"]


def _assign(rng, ext, name, value):
    """One assignment line in a style that roughly fits the file type."""
    lower = name.lower()
    if ext in (".py", ".pyi", ".rb", ".pl", ".pm", ".toml", ".cfg", ".ini", ".conf"):
        return rng.choice([f'{name} = "{value}"', f"{lower} = '{value}'"])
    if ext in (".js", ".mjs", ".cjs", ".ts", ".jsx", ".tsx"):
        camel = re.sub(r"_(\w)", lambda m: m.group(1).upper(), lower)
        return rng.choice([f'const {camel} = "{value}";', f"  {camel}: '{value}',"])
    if ext in (".c", ".h", ".cc", ".cpp", ".hpp", ".hh", ".cxx"):
        return rng.choice([f'#define {name} "{value}"', f'static const char *{lower} = "{value}";'])
    if ext in (".json",):
        return f'  "{lower}": "{value}",'
    if ext in (".yml", ".yaml"):
        return f"{lower}: {value}"
    if ext in (".sh", ".bash", ".env", ""):
        return rng.choice([f"export {name}={value}", f"{name}='{value}'"])
    return rng.choice([f"{name}={value}", f'{name} = "{value}"', f"{lower}: {value}"])


def _aws(rng, ext):
    key_id = "AKIA" + rand_str(rng, B32, 16)
    secret = rand_str(rng, B64, 40)
    style = rng.getrandbits(32)  # both lines in the same style
    return [_assign(random.Random(style), ext, "AWS_ACCESS_KEY_ID", key_id),
            _assign(random.Random(style), ext, "AWS_SECRET_ACCESS_KEY", secret)]


def _postgres(rng, ext):
    user = rng.choice(["app", "svc_api", "billing", "reporting", "webapp", "etl"])
    pw = rand_str(rng, B62, rng.randint(16, 28))
    return [_assign(rng, ext, "DATABASE_URL", f"postgres://{user}:{pw}@db.internal:5432/app")]


def _slack(rng, ext):
    tok = ("xoxb-" + rand_str(rng, DIGITS, rng.randint(11, 13)) + "-"
           + rand_str(rng, DIGITS, rng.randint(11, 13)) + "-" + rand_str(rng, B62, 24))
    return [_assign(rng, ext, "SLACK_BOT_TOKEN", tok)]


SECRET_KINDS = {
    "github-pat": lambda r, e: [_assign(r, e, "GITHUB_TOKEN", "ghp_" + rand_str(r, B62, 36))],
    "aws-key-pair": _aws,
    "slack-bot-token": _slack,
    "stripe-live-key": lambda r, e: [_assign(r, e, "STRIPE_SECRET_KEY", "sk_live_" + rand_str(r, B62, 24))],
    "rsa-private-key": lambda r, e: pk_block(r),
    "postgres-url": _postgres,
    "generic-api-key": lambda r, e: ['api_key = "' + rand_str(r, B62, 32) + '"'],
    "gitlab-pat": lambda r, e: [_assign(r, e, "GITLAB_TOKEN", "glpat-" + rand_str(r, B62 + "-_", 20))],
    "npm-token": lambda r, e: [_assign(r, e, "NPM_TOKEN", "npm_" + rand_str(r, B62, 36))],
    "sendgrid-key": lambda r, e: [_assign(r, e, "SENDGRID_API_KEY",
                                          "SG." + rand_str(r, B62 + "-_", 22) + "." + rand_str(r, B62 + "-_", 43))],
}
KIND_NAMES = sorted(SECRET_KINDS)


def plant(rng, data, ext):
    """Insert one secret at a random line boundary. Returns (new data, kind, first line, last line)."""
    kind = rng.choice(KIND_NAMES)
    lines = SECRET_KINDS[kind](rng, ext)
    block = ("\n".join(lines) + "\n").encode()
    if data and not data.endswith(b"\n"):
        data += b"\n"
    nl = [m.end() for m in re.finditer(b"\n", data)]
    pos = rng.choice([0] + nl)
    first = data.count(b"\n", 0, pos) + 1
    return data[:pos] + block + data[pos:], kind, first, first + len(lines) - 1


# --------------------------------------------------------------------------------------------
# Phase 1: copy.

def label_for(root):
    return root.strip("/").replace("/", "_") or "root"


def copy_phase(roots, out, target, rng, log):
    seen = set()
    pool = []  # (relpath, size, ext) of copied files usable as generation material
    files = 0
    total = 0
    planted = []
    made_dirs = set()
    for root in roots:
        base = os.path.join(out, "sys", label_for(root))
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if d != ".git")
            for fn in sorted(filenames):
                if total >= target:
                    return files, total, pool, planted
                try:
                    os.path.join(dirpath, fn).encode("utf-8")  # paths the manifest (JSON) carries exactly
                except UnicodeEncodeError:
                    continue
                src = os.path.join(dirpath, fn)
                try:
                    if os.path.islink(src):
                        continue
                    st = os.stat(src)
                    if not (0 < st.st_size <= MAX_COPY_FILE) or (st.st_mode & 0o170000) != 0o100000:
                        continue
                    with open(src, "rb") as fh:
                        data = fh.read(MAX_COPY_FILE + 1)
                except OSError:
                    continue
                if b"\0" in data or len(data) > MAX_COPY_FILE:
                    continue
                digest = hashlib.blake2b(data, digest_size=16).digest()
                if digest in seen:
                    continue
                seen.add(digest)
                rel = os.path.relpath(os.path.join(base, os.path.relpath(src, root)), out)
                ext = os.path.splitext(fn)[1].lower()
                if rng.randrange(PLANT_ONE_IN) == 0:
                    data, kind, l1, l2 = plant(rng, data, ext)
                    planted.append({"path": rel, "kind": kind, "line": l1, "end_line": l2})
                elif 512 <= len(data) <= 512 * 1024:
                    # Generation material; never a planted file, or its secret would be copied
                    # into generated files without a manifest entry.
                    pool.append((rel, len(data), ext))
                dst = os.path.join(out, rel)
                d = os.path.dirname(dst)
                if d not in made_dirs:
                    os.makedirs(d, exist_ok=True)
                    made_dirs.add(d)
                with open(dst, "wb") as fh:
                    fh.write(data)
                files += 1
                total += len(data)
                if files % 20000 == 0:
                    log(f"  copied {files} files, {total / MIB:.0f} MiB")
    return files, total, pool, planted


# --------------------------------------------------------------------------------------------
# Phase 2: generate.

IDENT = re.compile(rb"\b[A-Za-z_][A-Za-z0-9_]{3,30}\b")
NUMBER = re.compile(rb"\b[0-9]{2,6}\b")
KEYWORDS = set(b"""
auto bool break case catch char class const constexpr continue default define defined delete
do double else endif enum explicit extern false float for friend goto if ifdef ifndef include
inline int long namespace new noexcept nullptr operator private protected public register
return short signed sizeof static struct switch template this throw true try typedef typename
union unsigned using virtual void volatile while and as assert async await def del elif except
finally from global import in is lambda nonlocal not or pass raise with yield None True False
self let var function undefined null typeof instanceof export require module exports my our
local sub use package foreach unless last next then fi esac done elsif
""".split())
SYLLABLES = ["ka", "lo", "mi", "ver", "tan", "qu", "zen", "ro", "bel", "dax", "fi", "nor", "pel",
             "sti", "gra", "vo", "lux", "mer", "tis", "hal", "cor", "dyn", "ix", "ul", "ar", "esk"]

_G = {}


def _init_worker(out, pool):
    _G["out"] = out
    _G["pool"] = pool
    by_ext = {}
    for i, (_, size, ext) in enumerate(pool):
        by_ext.setdefault(ext, []).append(i)
    exts = sorted(by_ext)
    weights = [sum(pool[i][1] for i in by_ext[e]) for e in exts]
    _G["by_ext"], _G["exts"], _G["ext_w"] = by_ext, exts, weights
    _G["cache"] = {}


def _read_pool(i):
    cache = _G["cache"]
    data = cache.get(i)
    if data is None:
        with open(os.path.join(_G["out"], _G["pool"][i][0]), "rb") as fh:
            data = fh.read()
        if len(cache) > 512:
            cache.pop(next(iter(cache)))
        cache[i] = data
    return data


def _new_ident(rng, old):
    word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
    if b"_" in old.strip(b"_"):
        word += "_" + "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3)))
    if old[:1].isupper():
        word = word[:1].upper() + word[1:]
    if old.isupper():
        word = word.upper()
    if old.startswith(b"_"):
        word = "_" + word
    return word.encode()


def gen_file(rng):
    pool = _G["pool"]
    ext = rng.choices(_G["exts"], weights=_G["ext_w"])[0]
    members = _G["by_ext"][ext]
    target = int(min(256 * 1024, max(600, rng.lognormvariate(9.4, 1.0))))  # median ~12 KiB
    parts = []
    size = 0
    first = None
    for _ in range(rng.randint(1, 4)):
        i = rng.choice(members)
        if first is None:
            first = i
        lines = _read_pool(i).splitlines(keepends=True)
        want = max(20, min(len(lines), rng.randint(20, 600)))
        start = rng.randrange(max(1, len(lines) - want + 1))
        chunk = b"".join(lines[start:start + want])
        parts.append(chunk)
        size += len(chunk)
        if size >= target:
            break
    data = b"".join(parts)
    # Rename identifiers throughout the file: most of the frequent ones (so that most lines
    # change) and a few random ones; language keywords stay.
    counts = Counter(w for w in IDENT.findall(data[:131072]) if w not in KEYWORDS)
    if counts:
        frequent = [w for w, _ in counts.most_common(rng.randint(12, 24))]
        others = list(counts)
        chosen = set(rng.sample(frequent, max(1, len(frequent) * 4 // 5)))
        chosen.update(rng.sample(others, min(len(others), rng.randint(6, 12))))
        mapping = {old: _new_ident(rng, old) for old in chosen}
        rx = re.compile(rb"\b(?:" + b"|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True)) + rb")\b")
        data = rx.sub(lambda m: mapping[m.group(0)], data)
    # Change about a third of the numeric literals.
    data = NUMBER.sub(lambda m: str(rng.randrange(10, 99999)).encode() if rng.random() < 0.33 else m.group(0), data)
    stem = os.path.splitext(os.path.basename(pool[first][0]))[0][:40] or "file"
    return data, stem, ext


def gen_worker(args):
    worker, start_index, target_bytes, seed = args
    rng = random.Random(seed)
    out = _G["out"]
    made = 0
    total = 0
    planted = []
    idx = start_index
    while total < target_bytes:
        data, stem, ext = gen_file(rng)
        if not data:
            continue
        name = f"{stem}_{rng.choice(SYLLABLES)}{rng.choice(SYLLABLES)}{idx:06d}{ext}"
        rel = os.path.join("gen", f"w{worker}", f"d{idx // FILES_PER_GEN_DIR:04d}", name)
        if rng.randrange(PLANT_ONE_IN) == 0:
            data, kind, l1, l2 = plant(rng, data, ext)
            planted.append({"path": rel, "kind": kind, "line": l1, "end_line": l2})
        dst = os.path.join(out, rel)
        if idx % FILES_PER_GEN_DIR == 0 or made == 0:
            os.makedirs(os.path.dirname(dst), exist_ok=True)
        with open(dst, "wb") as fh:
            fh.write(data)
        made += 1
        total += len(data)
        idx += 1
    return made, total, planted


# --------------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--size-mib", type=int, required=True)
    ap.add_argument("--manifest", required=True)
    ap.add_argument("--max-copy-share", type=float, default=1.0,
                    help="at most this share of the target is copied; the rest is generated")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("roots", nargs="+")
    a = ap.parse_args()

    def log(msg):
        print(msg, file=sys.stderr, flush=True)

    t0 = time.monotonic()
    rng = random.Random(os.urandom(16))
    target = a.size_mib * MIB
    os.makedirs(a.out)

    roots = []
    for r in a.roots:
        r = os.path.realpath(r)
        if os.path.isdir(r) and not any(r == p or r.startswith(p + "/") for p in roots):
            roots = [p for p in roots if not p.startswith(r + "/")] + [r]
    log(f"  sources: {' '.join(roots)}")

    files, total, pool, planted = copy_phase(roots, a.out, int(target * a.max_copy_share), rng, log)
    t1 = time.monotonic()
    log(f"  copy phase: {files} files, {total / MIB:.0f} MiB in {t1 - t0:.0f} s")
    if not pool and total < target:
        sys.exit("make_corpus: found no text files to copy from: " + " ".join(roots))

    gen_files = 0
    remaining = target - total
    if remaining > 0:
        jobs = max(1, a.jobs)
        per = remaining // jobs + 1
        tasks = [(w, 0, per, rng.getrandbits(64)) for w in range(jobs)]
        with multiprocessing.Pool(jobs, initializer=_init_worker, initargs=(a.out, pool)) as p:
            for made, size, pl in p.imap_unordered(gen_worker, tasks):
                gen_files += made
                total += size
                planted.extend(pl)
        log(f"  generate phase: {gen_files} files, {(remaining) / MIB:.0f} MiB in {time.monotonic() - t1:.0f} s")

    by_kind = {}
    for p in planted:
        by_kind[p["kind"]] = by_kind.get(p["kind"], 0) + 1
    manifest = {
        "version": 2,
        "size_mib": a.size_mib,
        "files": files + gen_files,
        "copied_files": files,
        "generated_files": gen_files,
        "bytes": total,
        "planted": len(planted),
        "planted_by_kind": dict(sorted(by_kind.items())),
        "plant_rate": f"1/{PLANT_ONE_IN}",
        "sources": roots,
        "seconds": round(time.monotonic() - t0, 1),
        "secrets": sorted(planted, key=lambda p: p["path"]),
    }
    with open(a.manifest, "w") as fh:
        json.dump(manifest, fh, indent=1)
        fh.write("\n")
    print(json.dumps({k: manifest[k] for k in ("files", "bytes", "planted", "seconds")}))


if __name__ == "__main__":
    main()
