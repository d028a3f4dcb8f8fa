#!/usr/bin/env python3
"""Figures for bench/scan-throughput.sh (python3 stdlib only).

  scan_report.py table TIMES_TSV CORPUS_BYTES      medians and MiB/s, then ratios and the target
  scan_report.py recall MANIFEST KEYSWEEP_JSON     findings vs planted secrets
  scan_report.py hyperfine HYPERFINE_JSON          start-up medians from hyperfine's export
  scan_report.py loop TIMES_TSV                    start-up medians from the bash-loop fallback

TIMES_TSV lines are "<label>\t<nanoseconds>", one per run.
"""

import json
import os
import statistics
import sys

MIB = 1 << 20
TARGET_MIBS = 400.0
TARGET_STARTUP_MS = 20.0

# Label order and display names for the throughput table.
THROUGHPUT = [
    ("cat", "cat floor (find|xargs cat)"),
    ("catp", "cat floor, 1 cat per core"),
    ("rg", "rg -F, 8 literal prefixes"),
    ("keysweep", "keysweep scan, all rules"),
    ("baseline", "baseline keysweep (KEYSWEEP_BASELINE)"),
]


def read_times(path):
    times = {}
    with open(path) as fh:
        for line in fh:
            if line.strip():
                label, ns = line.rstrip("\n").split("\t")
                times.setdefault(label, []).append(int(ns) / 1e9)
    return times


def table(times_path, corpus_bytes):
    corpus_bytes = int(corpus_bytes)
    times = read_times(times_path)
    mibs = {}
    print(f"{'figure':<31} {'median':>9} {'MiB/s':>9}   runs (s)")
    for label, name in THROUGHPUT:
        runs = times.get(label)
        if not runs:
            continue
        med = statistics.median(runs)
        mibs[label] = corpus_bytes / MIB / med
        runs_s = " ".join(f"{t:.2f}" for t in runs)
        print(f"{name:<31} {med:>8.3f}s {mibs[label]:>9.1f}   {runs_s}")
    ks = mibs.get("keysweep")
    if ks is not None:
        parts = []
        if "cat" in mibs:
            parts.append(f"keysweep/cat = {ks / mibs['cat']:.2f}x")
        if "catp" in mibs:
            parts.append(f"keysweep/cat-per-core = {ks / mibs['catp']:.2f}x")
        if "rg" in mibs:
            parts.append(f"keysweep/rg = {ks / mibs['rg']:.2f}x")
        if "baseline" in mibs:
            parts.append(f"keysweep/baseline = {ks / mibs['baseline']:.3f}x")
        if parts:
            print("ratios: " + ", ".join(parts))
        verdict = "MET" if ks >= TARGET_MIBS else "NOT MET"
        print(f"target: >= {TARGET_MIBS:.0f} MiB/s -> {verdict} ({ks:.1f} MiB/s)")
    else:
        print(f"target: >= {TARGET_MIBS:.0f} MiB/s -> not measured (no keysweep figure)")


def _strip_to_manifest_key(path, corpus, planted_paths):
    """Findings carry paths relative to the scanned root; accept absolute or ./-prefixed ones too."""
    p = os.path.normpath(path)
    if os.path.isabs(p):
        try:
            p = os.path.relpath(p, corpus)
        except ValueError:
            pass
    parts = p.split(os.sep)
    for i in range(len(parts)):
        cand = os.sep.join(parts[i:])
        if cand in planted_paths:
            return cand
    return p


def recall(manifest_path, findings_path, corpus=None):
    with open(manifest_path) as fh:
        manifest = json.load(fh)
    with open(findings_path) as fh:
        doc = json.load(fh)
    findings = doc.get("findings", [])
    scan = doc.get("scan", {})
    corpus = corpus or ""
    planted = manifest["secrets"]
    by_path = {}
    for s in planted:
        by_path.setdefault(s["path"], []).append(s)
    lines_by_path = {}
    for f in findings:
        key = _strip_to_manifest_key(str(f.get("path", "")), corpus, by_path)
        lines_by_path.setdefault(key, []).append((int(f.get("line", 0) or 0), f.get("rule_id", "?")))

    found = 0
    missed_by_kind = {}
    on_planted = 0
    rules_off_plant = {}
    for key, items in lines_by_path.items():
        plants = by_path.get(key, [])
        for line, rule in items:
            if any(s["line"] <= line <= s["end_line"] for s in plants):
                on_planted += 1
            else:
                rules_off_plant[rule] = rules_off_plant.get(rule, 0) + 1
    for s in planted:
        hit = any(s["line"] <= line <= s["end_line"] for line, _ in lines_by_path.get(s["path"], []))
        if hit:
            found += 1
        else:
            missed_by_kind[s["kind"]] = missed_by_kind.get(s["kind"], 0) + 1

    n = len(planted)
    pct = 100.0 * found / n if n else 0.0
    print(f"keysweep findings: {len(findings)} in JSON (scan.files={scan.get('files', '?')}, "
          f"scan.bytes={scan.get('bytes', '?')}, scan.duration_ms={scan.get('duration_ms', '?')}, "
          f"skipped={len(doc.get('skipped', []))})")
    print(f"planted secrets: {n} (manifest); found by keysweep: {found}/{n} ({pct:.1f}%)")
    if missed_by_kind:
        print("  missed by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(missed_by_kind.items())))
    off = len(findings) - on_planted
    top = sorted(rules_off_plant.items(), key=lambda kv: (-kv[1], kv[0]))[:6]
    print(f"  findings off the planted lines: {off}"
          + (" (top rules: " + ", ".join(f"{r} {c}" for r, c in top) + ")" if top else ""))


def _startup_lines(medians, how):
    ks = medians.get("keysweep")
    base = " ".join(f"{name} {ms:.2f} ms" for name, ms in medians.items() if name != "keysweep")
    if ks is None:
        print(f"start-up: keysweep not measured; baseline: {base} [{how}]")
        return
    verdict = "MET" if ks <= TARGET_STARTUP_MS else "NOT MET"
    print(f"start-up: keysweep scan <small file> median {ks:.2f} ms; baseline: {base} [{how}]")
    print(f"target: <= {TARGET_STARTUP_MS:.0f} ms -> {verdict} ({ks:.2f} ms)")


def hyperfine(path):
    with open(path) as fh:
        doc = json.load(fh)
    names = ["keysweep", "/bin/true", "cat small-file"]
    medians = {}
    runs = 0
    for i, r in enumerate(doc["results"]):
        name = names[i] if i < len(names) else r["command"]
        medians[name] = r["median"] * 1000.0
        runs = len(r.get("times", []))
    _startup_lines(medians, f"hyperfine -N, {runs} runs, medians")


def loop(path):
    times = read_times(path)
    medians = {k: statistics.median(v) * 1000.0 for k, v in times.items()}
    runs = max((len(v) for v in times.values()), default=0)
    _startup_lines(medians, f"bash loop with date +%s%N, {runs} runs, medians")


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"table": table, "recall": recall, "hyperfine": hyperfine, "loop": loop}[cmd](*args)
