#!/usr/bin/env python3
"""Scores `sitrep code` on the real development reports in ../shared/data/dev with the shared scorer.

The set is split once, by file number: every fifth file (number % 5 == 4) is the held-out part, kept
unread while rules are written; the rest is the development part. Prints, for each part, recall per
event type and capture recall/precision/F1 with the side checked, then capture F1 per conflict.

usage: eval_real.py SITREP [--shared DIR] [--part dev|heldout|all] [--verbose] [--floor FILE]
                    [--data DIR]
  --floor FILE  a TSV of `part<TAB>min capture F1`: exit 1 when a part scores below its floor
                (the regression floor CI checks; it only ever rises).
Exit 77 when the shared data is not there (ctest reads it as skipped).
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
from collections import OrderedDict


def held_out(stem):
    return int(stem) % 5 == 4


def score(shared, events, files, label, verbose=False):
    cmd = [sys.executable, os.path.join(shared, "tools", "score_real.py"), os.path.join(shared, "data", "dev"),
           events, "--files", ",".join(files), "--label", label]
    if verbose:
        cmd.append("--verbose")
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    m = re.search(r"capture recall ([\d.]+) precision ([\d.]+) F1 ([\d.]+)", out)
    return out, (float(m.group(1)), float(m.group(2)), float(m.group(3))) if m else (0.0, 0.0, 0.0)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("sitrep")
    ap.add_argument("--shared", default=os.path.join(here, "..", "..", "shared"))
    ap.add_argument("--part", choices=["dev", "heldout", "all"], default="dev")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--floor")
    ap.add_argument("--data", help="pass --data DIR to sitrep code (edited dictionaries, no rebuild)")
    a = ap.parse_args()

    articles = os.path.join(a.shared, "data", "dev", "articles")
    if not os.path.isdir(articles):
        print(f"eval_real: {articles} not found; skipped")
        return 77
    names = sorted(f for f in os.listdir(articles) if re.fullmatch(r"\d+\.txt", f))
    conflict = {}
    with open(os.path.join(articles, "SOURCES.tsv"), encoding="utf-8") as f:
        for line in list(f)[1:]:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 5:
                conflict[cols[0][:-4]] = re.sub(r"\s*\(.*", "", cols[4])
    stems = [n[:-4] for n in names]
    parts = OrderedDict()
    if a.part in ("dev", "all"):
        parts["dev"] = [s for s in stems if not held_out(s)]
    if a.part in ("heldout", "all"):
        parts["heldout"] = [s for s in stems if held_out(s)]

    with tempfile.TemporaryDirectory() as tmp:
        events = os.path.join(tmp, "events.jsonl")
        wanted = sorted({s for p in parts.values() for s in p})
        with open(events, "w") as out:
            data = ["--data", a.data] if a.data else []
            subprocess.run([a.sitrep, "code", "--format", "jsonl"] + data +
                           [os.path.join(articles, s + ".txt") for s in wanted],
                           stdout=out, check=True)
        figures = {}
        for label, files in parts.items():
            text, figures[label] = score(a.shared, events, files, label, a.verbose)
            print(f"== {label} part: {len(files)} reports ==")
            print(text.rstrip())
            by_conflict = OrderedDict()
            for s in files:
                by_conflict.setdefault(conflict.get(s, "?"), []).append(s)
            print(f"-- capture F1 per conflict ({label}) --")
            for name, group in by_conflict.items():
                _, (r, p, f1) = score(a.shared, events, group, name)
                print(f"{name[:30]:<30} {len(group):>2} reports  recall {r:.2f}  precision {p:.2f}  F1 {f1:.2f}")
    if a.floor:
        failed = False
        with open(a.floor, encoding="utf-8") as f:
            for line in f:
                if not line.strip() or line.startswith("#"):
                    continue
                label, floor = line.split("\t")[:2]
                if label in figures and figures[label][2] + 1e-9 < float(floor):
                    print(f"eval_real: {label} capture F1 {figures[label][2]:.2f} is below its floor {float(floor):.2f}")
                    failed = True
        if failed:
            return 1
        print("eval_real: every part at or above its floor")
    return 0


if __name__ == "__main__":
    sys.exit(main())
