#!/usr/bin/env python3
"""Figures for bench/history-sweep.sh (python3 stdlib only).

  history_report.py sweep TIMES_TSV UNIQUE_BLOB_BYTES   floor and keysweep medians, ratio, RSS, target
  history_report.py findings MANIFEST KEYSWEEP_JSON     findings, scan.files/bytes, planted found
  history_report.py staged HYPERFINE_JSON               --staged latency medians and target
  history_report.py staged-check CHANGES_JSON KEYSWEEP_JSON   did --staged report the staged secret

TIMES_TSV lines are "<label>\t<wall nanoseconds>\t<peak RSS KiB or ->", one per run.
"""

import json
import statistics
import sys

MIB = 1 << 20
GIB = 1 << 30
TARGET_RATIO = 1.5
TARGET_RSS_KIB = 1 << 20  # 1 GiB
TARGET_STAGED_MS = 50.0


def read_times(path):
    wall, rss = {}, {}
    with open(path) as fh:
        for line in fh:
            if not line.strip():
                continue
            label, ns, kib = line.rstrip("\n").split("\t")
            wall.setdefault(label, []).append(int(ns) / 1e9)
            if kib != "-":
                rss.setdefault(label, []).append(int(kib))
    return wall, rss


def sweep(times_path, unique_bytes):
    unique_bytes = int(unique_bytes)
    wall, rss = read_times(times_path)
    floor = wall.get("floor")
    ks = wall.get("keysweep")
    mib = unique_bytes / MIB
    print(f"{'figure':<44} {'median':>9} {'MiB/s':>8}   runs (s)")
    if floor:
        m = statistics.median(floor)
        print(f"{'floor: git cat-file --batch-all-objects':<44} {m:>8.2f}s {mib / m:>8.1f}   "
              + " ".join(f"{t:.2f}" for t in floor))
    if ks:
        m = statistics.median(ks)
        print(f"{'keysweep scan --history --format json':<44} {m:>8.2f}s {mib / m:>8.1f}   "
              + " ".join(f"{t:.2f}" for t in ks))
    ks_rss = rss.get("keysweep")
    if ks_rss:
        med = statistics.median(ks_rss)
        print(f"keysweep peak RSS: median {med / 1024:.0f} MiB, max {max(ks_rss) / 1024:.0f} MiB "
              f"(runs: {' '.join(f'{k / 1024:.0f}' for k in ks_rss)} MiB)")
    print(f"MiB/s are of the distinct blob content ({mib:.0f} MiB), wall time from date +%s%N")
    if floor and ks:
        ratio = statistics.median(ks) / statistics.median(floor)
        rss_ok = ks_rss is not None and statistics.median(ks_rss) <= TARGET_RSS_KIB
        rss_txt = (f"{statistics.median(ks_rss) / 1024:.0f} MiB" if ks_rss else "RSS not measured")
        verdict = "MET" if ratio <= TARGET_RATIO and rss_ok else "NOT MET"
        print(f"ratio keysweep/floor = {ratio:.2f}x")
        print(f"target: <= {TARGET_RATIO}x the floor; peak RSS <= 1 GiB -> {verdict} "
              f"({ratio:.2f}x, {rss_txt})")
    else:
        print(f"target: <= {TARGET_RATIO}x the floor; peak RSS <= 1 GiB -> not measured")


def findings(manifest_path, json_path):
    with open(manifest_path) as fh:
        manifest = json.load(fh)
    with open(json_path) as fh:
        doc = json.load(fh)
    fs = doc.get("findings", [])
    scan = doc.get("scan", {})
    planted = manifest["secrets"]
    values = {f.get("secret") for f in fs}
    found = [s for s in planted if s["value"] in values]
    missed = {}
    for s in planted:
        if s["value"] not in values:
            missed[s["kind"]] = missed.get(s["kind"], 0) + 1
    # an AWS key id is planted with its secret access key ("also"): findings of either are on-plant
    planted_values = {v for s in planted for v in [s["value"]] + s.get("also", [])}
    on = sum(1 for f in fs if f.get("secret") in planted_values)
    distinct = len({f.get("secret") for f in fs})
    print(f"keysweep findings: {len(fs)} ({distinct} distinct secrets; scan.files={scan.get('files', '?')}, "
          f"scan.bytes={scan.get('bytes', '?')}, scan.commits={scan.get('commits', '?')}, "
          f"scan.refs={scan.get('refs', '?')}, skipped={scan.get('skipped', '?')}, "
          f"scan.duration_ms={scan.get('duration_ms', '?')})")
    removed = sum(1 for s in planted if s.get("removed_in"))
    print(f"planted secrets: {len(planted)} ({removed} removed by a later commit); "
          f"found by keysweep: {len(found)}/{len(planted)}")
    if missed:
        print("  missed by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(missed.items())))
    off = len(fs) - on
    rules = {}
    for f in fs:
        if f.get("secret") not in planted_values:
            rules[f.get("rule_id", "?")] = rules.get(f.get("rule_id", "?"), 0) + 1
    top = sorted(rules.items(), key=lambda kv: (-kv[1], kv[0]))[:6]
    print(f"  findings not on a planted value: {off}"
          + (" (" + ", ".join(f"{r} {c}" for r, c in top) + ")" if top else ""))


def staged(path):
    with open(path) as fh:
        doc = json.load(fh)
    names = ["keysweep", "/bin/true", "git diff --cached --stat"]
    med = {}
    runs = 0
    for i, r in enumerate(doc["results"]):
        name = names[i] if i < len(names) else r["command"]
        med[name] = r["median"] * 1000.0
        runs = len(r.get("times", []))
    base = ", ".join(f"{n} {ms:.2f} ms" for n, ms in med.items() if n != "keysweep")
    ks = med.get("keysweep")
    if ks is None:
        print(f"--staged: keysweep not measured; baselines: {base}")
        print(f"target: <= {TARGET_STAGED_MS:.0f} ms -> not measured")
        return
    print(f"--staged: keysweep scan --staged median {ks:.2f} ms; baselines: {base} "
          f"[hyperfine -N, {runs} runs, medians]")
    verdict = "MET" if ks <= TARGET_STAGED_MS else "NOT MET"
    print(f"target: <= {TARGET_STAGED_MS:.0f} ms -> {verdict} ({ks:.2f} ms)")


def staged_check(changes_path, json_path):
    with open(changes_path) as fh:
        changes = json.load(fh)
    with open(json_path) as fh:
        doc = json.load(fh)
    want = [c for c in changes["changes"] if "value" in c]
    got = {f.get("secret") for f in doc.get("findings", [])}
    ok = sum(1 for c in want if c["value"] in got)
    print(f"--staged findings: {len(doc.get('findings', []))}; staged secret found: {ok}/{len(want)}")


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"sweep": sweep, "findings": findings, "staged": staged,
     "staged-check": staged_check}[cmd](*args)
