#!/usr/bin/env python3
"""Runs the dossier benchmark and writes docs/PERFORMANCE.md.

usage: run_bench.py --dossier build-release/dossier [--sizes 10000,100000,250000] [--shared ../shared]

For each size: generates (or reuses) the corpus with make_corpus.py, runs `dossier build` on a
fresh store under /usr/bin/time (wall, CPU, peak resident memory), reads the per-stage times
the build reports (DOSSIER_STAGE_TIMES=1), times one `wc -w` pass over the same plain text,
and on the largest store measures `dossier ask` latency (p50/p95) over a fixed question list.
It also measures `annotate --batch` documents per second on 2,000 documents. Timings are
reported, never asserted.
"""
import argparse, gzip, json, os, platform, re, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

QUESTIONS = [
    "How many people were killed?", "Who carried out the attack?", "When was the embassy attacked?",
    "Where did the explosion happen?", "Why did the government resign?", "Who won the election?",
    "How many were injured in the bombing?", "When did the talks begin?", "What happened in Nairobi?",
    "Who was arrested?",
]


def sh(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def timed(cmd, env=None):
    """Runs cmd under /usr/bin/time -v; returns (wall_s, cpu_s, peak_kb, stderr)."""
    t0 = time.time()
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True, env=env)
    wall = time.time() - t0
    err = p.stderr
    def field(name):
        m = re.search(r"%s: ([\d.:]+)" % re.escape(name), err)
        return m.group(1) if m else "0"
    cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
    peak = int(field("Maximum resident set size (kbytes)"))
    if p.returncode not in (0, 1):
        print(err[-2000:], file=sys.stderr)
        raise SystemExit("bench: %s failed (%d)" % (" ".join(cmd), p.returncode))
    return wall, cpu, peak, err


def stage_times(stderr):
    m = re.search(r"stage-times-ms (.*)", stderr)
    out = {}
    if m:
        for kv in m.group(1).split():
            k, v = kv.split("=")
            out[k] = float(v)
    return out


def wc_seconds(path):
    best = None
    for _ in range(3):
        t0 = time.time()
        subprocess.run(["wc", "-w", path], capture_output=True)
        dt = time.time() - t0
        best = dt if best is None else min(best, dt)
    return best


def plain_input(cdir, shards):
    """The bytes `dossier build` reads (the shards' JSON Lines, uncompressed), cached as one
    file so `wc -w` runs over exactly the same bytes."""
    path = os.path.join(cdir, "input.jsonl")
    if not os.path.exists(path):
        with open(path + ".tmp", "wb") as out:
            for shard in shards:
                with gzip.open(shard, "rb") as f:
                    while True:
                        block = f.read(1 << 20)
                        if not block:
                            break
                        out.write(block)
        os.replace(path + ".tmp", path)
    return path


def ask_latency(exe, db):
    """p50/p95 of whole `dossier ask` runs in steady state: the build's writes flushed
    (os.sync) and one untimed pass over the questions first, so the page cache holds what a
    user's question would find there."""
    os.sync()
    for q in QUESTIONS:
        sh([exe, "ask", "--db", db, "--json", q])
    lat = []
    for _ in range(3):
        for q in QUESTIONS:
            t0 = time.time()
            sh([exe, "ask", "--db", db, "--json", q])
            lat.append((time.time() - t0) * 1000)
    lat.sort()
    return statistics.median(lat), lat[int(0.95 * (len(lat) - 1))]


def batch_rate(exe, corpus_dir, n=2000):
    reqs = []
    for name in sorted(os.listdir(corpus_dir)):
        if not name.endswith(".jsonl.gz"):
            continue
        with gzip.open(os.path.join(corpus_dir, name), "rt", encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                body = d.get("text") or d.get("html")
                reqs.append(json.dumps({"id": str(len(reqs)), "text": body, "dct": d.get("published"),
                                        "format": "html" if "html" in d else "text"}))
                if len(reqs) >= n:
                    break
        if len(reqs) >= n:
            break
    data = ("\n".join(reqs) + "\n").encode("utf-8")
    t0 = time.time()
    p = subprocess.run([exe, "annotate", "--batch"], input=data, capture_output=True)
    dt = time.time() - t0
    return len(reqs) / dt if dt > 0 else 0, len(reqs)


def machine():
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = "?"
    try:
        with open("/proc/meminfo") as f:
            mem = "%.0f GiB" % (int(f.readline().split()[1]) / 1024 / 1024)
    except OSError:
        pass
    return "%s, %d cores, %s RAM, %s" % (cpu, os.cpu_count() or 0, mem, platform.platform())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dossier", default=os.path.join(ROOT, "build-release", "dossier"))
    ap.add_argument("--sizes", default="10000,100000,250000")
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--work", default=os.path.join(ROOT, "bench", "corpus"))
    ap.add_argument("--out", default=os.path.join(ROOT, "docs", "PERFORMANCE.md"))
    a = ap.parse_args()
    exe = os.path.abspath(a.dossier)
    sizes = [int(s) for s in a.sizes.split(",") if s]
    rows = []
    largest_db = None
    for n in sizes:
        cdir = os.path.join(a.work, "%dk" % (n // 1000) if n >= 1000 else str(n))
        subprocess.run([sys.executable, os.path.join(HERE, "make_corpus.py"), "--shared", a.shared,
                        "--docs", str(n), "--out", cdir], check=True)
        with open(os.path.join(cdir, "META.json")) as f:
            nbytes = json.load(f)["bytes"]
        db = os.path.join(a.work, "store-%d.db" % n)
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)
        env = dict(os.environ, DOSSIER_STAGE_TIMES="1")
        shards = sorted(os.path.join(cdir, f) for f in os.listdir(cdir) if f.endswith(".jsonl.gz"))
        wall, cpu, peak, err = timed([exe, "build", "--quiet", "--db", db] + shards, env=env)
        st = stage_times(err)
        for line in err.splitlines():
            if line.startswith("stage-times-ms"):
                print("bench: %d docs: %s" % (n, line))
        wc = wc_seconds(plain_input(cdir, shards))
        rows.append({"docs": n, "bytes": nbytes, "wall": wall, "cpu": cpu, "peak_mb": peak / 1024,
                     "stages": st, "wc": wc, "store_mb": os.path.getsize(db) / 1e6 if os.path.exists(db) else 0})
        print("bench: %d docs: %.1f s wall, %.0f docs/s, peak %.0f MB" % (n, wall, n / wall, peak / 1024))
        largest_db, largest_dir = db, cdir
    p50, p95 = ask_latency(exe, largest_db)
    rate, nb = batch_rate(exe, largest_dir)
    lines = ["# Performance", "",
             "Measured by `make bench` (bench/run_bench.py); numbers are from the last run, not asserted anywhere.",
             "", "Machine: " + machine(), "",
             "| docs | MB in | wall s | CPU s | docs/s | MB/s | peak RSS MB | store MB | x `wc -w` |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append("| %d | %.0f | %.1f | %.1f | %.0f | %.2f | %.0f | %.0f | %.0f |" % (
            r["docs"], r["bytes"] / 1e6, r["wall"], r["cpu"], r["docs"] / r["wall"],
            r["bytes"] / 1e6 / r["wall"], r["peak_mb"], r["store_mb"], r["wall"] / max(r["wc"], 1e-6)))
    lines += ["", "The `x wc -w` column is the build's wall time over one `wc -w` pass on the same bytes "
              "(the shards' JSON Lines, uncompressed).", "",
              "Resident memory by phase (MB; from the build's own report):", "",
              "| docs | after documents | after resolution | largest fusion part | corpus phase s |",
              "|---:|---:|---:|---:|---:|"]
    for r in rows:
        st = r["stages"]
        lines.append("| %d | %.0f | %.0f | %.0f | %.1f |" % (r["docs"], st.get("rss_mb_docs", 0), st.get("rss_mb_records", 0),
                                                          st.get("rss_mb_fused", 0), st.get("corpus_total", 0) / 1000))
    lines += ["", "Per-stage time of the largest run (ms; the analysis stages are summed over the worker threads "
              "and run in parallel with ingest (reader thread) and store (writer thread); resolve, records "
              "(loading event records), fuse, write (fused events into the store, on a thread of its own "
              "beside fuse) and finish (timeline, ask tables, swap) are the corpus phase, after the "
              "documents):", "",
              "| stage | ms | share |", "|---|---:|---:|"]
    st = rows[-1]["stages"]
    keys = ["ingest", "clean", "text", "entities", "time", "attribution", "events", "store", "resolve", "records", "fuse", "write", "finish"]
    tot = sum(st.get(k, 0) for k in keys) or 1
    for k in keys:
        lines.append("| %s | %.0f | %.1f%% |" % (k, st.get(k, 0), 100 * st.get(k, 0) / tot))
    lines += ["", "`dossier ask` latency on the %d-document store: p50 %.1f ms, p95 %.1f ms (%d questions x 3, after one untimed pass with the build's writes flushed)." % (
        rows[-1]["docs"], p50, p95, len(QUESTIONS)),
              "", "`dossier annotate --batch`: %.0f documents/s (%d documents)." % (rate, nb), ""]
    notes = os.path.join(HERE, "NOTES.md")
    if os.path.exists(notes):
        with open(notes) as f:
            lines += ["", f.read().rstrip(), ""]
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    with open(a.out, "w") as f:
        f.write("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
