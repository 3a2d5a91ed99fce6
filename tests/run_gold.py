#!/usr/bin/env python3
"""Golden end-to-end check: builds a dossier of a corpus and scores it with ../shared's score.py.

usage: run_gold.py --gold GOLD.json --corpus DIR --dossier EXE --min FRACTION [--only SECTIONS]

Exits 77 (CTest's skip code) with a message when ../shared/tools/score.py or the corpus is
absent, so the suite runs on machines without ../shared.
"""
import argparse, os, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--dossier", required=True)
    ap.add_argument("--min", required=True)
    ap.add_argument("--only", default=None)
    a = ap.parse_args()
    scorer = os.path.join(ROOT, "..", "shared", "tools", "score.py")
    for path, what in ((scorer, "the scorer"), (a.gold, "the gold file"), (a.corpus, "the corpus")):
        if not os.path.exists(path):
            print(f"SKIP: {what} {path} is absent (../shared not available)")
            return 77
    cmd = [sys.executable, scorer, "--gold", a.gold, "--corpus", a.corpus, "--dossier", a.dossier,
           "--min", a.min]
    if a.only:
        cmd += ["--only", a.only]
    return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main())
