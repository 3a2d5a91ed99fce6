#!/usr/bin/env python3
"""Generates the benchmark corpus: N news-like documents recombined from real text in ../shared.

usage: make_corpus.py --shared ../shared --docs 10000 --out bench/corpus/10k [--seed 7]

Reproducible (fixed seed). Sources, all read from ../shared at run time (nothing is copied
into the repository): paragraphs of the seed pages, the TempEval-3 article texts with their
dates, CoNLL-2003 sentences regrouped into paragraphs, and the HTML pages of the extraction
sets used as wrappers. Each document gets a title, an outlet, a publication date and a body of
3 to 12 paragraphs; about one in five is HTML (a real page's <head> and chrome around the
generated <article>), one in ten a Q&A-style text dump. Output: JSON Lines shards of 1,000
documents ({"url","title","text"|"html","published","outlet"}), gzip-compressed, plus
corpus.txt (the plain bytes, for the `wc -w` comparison) and META.json.
"""
import argparse, gzip, html, json, os, random, re


def paragraphs_from_text(text):
    return [p.strip() for p in re.split(r"\n\s*\n", text) if len(p.strip()) > 80]


def load_sources(shared):
    paras, titles, dates = [], [], []
    seeds = os.path.join(shared, "corpus", "seeds")
    if os.path.isdir(seeds):
        for name in sorted(os.listdir(seeds)):
            with open(os.path.join(seeds, name), encoding="utf-8", errors="replace") as f:
                paras += paragraphs_from_text(f.read())
    tdir = os.path.join(shared, "eval", "tempeval3")
    if os.path.isdir(tdir):
        for name in sorted(os.listdir(tdir)):
            if not name.endswith(".jsonl"):
                continue
            with open(os.path.join(tdir, name), encoding="utf-8") as f:
                for line in f:
                    d = json.loads(line)
                    ps = paragraphs_from_text(d.get("text", ""))
                    paras += ps
                    if ps:
                        titles.append(ps[0][:90].split(".")[0])
                    if d.get("dct"):
                        dates.append(d["dct"])
    conll = os.path.join(shared, "eval", "conll2003", "conll2003_dev_testa.txt")
    if os.path.exists(conll):
        sent, sents = [], []
        with open(conll, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line or line.startswith("-DOCSTART-"):
                    if len(sent) > 6:
                        s = " ".join(sent)
                        s = re.sub(r" ([,.;:!?')])", r"\1", s).replace("( ", "(")
                        sents.append(s)
                    sent = []
                    continue
                sent.append(line.split()[0])
        for i in range(0, len(sents) - 4, 4):
            paras.append(" ".join(sents[i:i + 4]))
    wrappers = []
    for sub in ("trafilatura-eval-en/html",):
        d = os.path.join(shared, "eval", sub)
        if os.path.isdir(d):
            for name in sorted(os.listdir(d))[:40]:
                try:
                    with gzip.open(os.path.join(d, name), "rt", encoding="utf-8", errors="replace") as f:
                        page = f.read()
                except OSError:
                    continue
                page = re.sub(r"(?s)<!--.*?-->", "", page)
                m = re.search(r"(?is)<head\b.*?</head>", page)
                if m and "<!--" not in m.group(0) and "<body" not in m.group(0).lower():
                    wrappers.append(m.group(0))
    if not paras:
        raise SystemExit("make_corpus: no source text found under " + shared)
    return paras, titles or ["News report"], dates or ["2020-01-03"], wrappers


OUTLETS = ["The Daily Ledger", "Metro Wire", "Global Herald", "North Star News", "The Courier",
           "Evening Dispatch", "Harbor Times", "Capital Report", "Frontier Post", "Atlas Press"]
CHROME_TOP = ('<div class="cookie-banner">We use cookies to improve your experience. Accept</div>'
              '<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>'
              '<li><a href="/politics">Politics</a></li></ul></nav>')
CHROME_BOTTOM = ('<aside><h3>Related</h3><ul><li><a href="/a">More news</a></li></ul></aside>'
                 '<footer>&copy; All rights reserved. <a href="/privacy">Privacy</a></footer>')


def make_doc(rng, i, paras, titles, dates, wrappers):
    outlet = rng.choice(OUTLETS)
    date = rng.choice(dates)
    title = rng.choice(titles)
    body = rng.sample(paras, k=min(len(paras), rng.randint(3, 12)))
    url = "https://news%d.example/%s/%d" % (i % 50, date.replace("-", "/"), i)
    kind = rng.random()
    if kind < 0.2 and wrappers:
        head = rng.choice(wrappers)
        art = "".join("<p>%s</p>\n" % html.escape(p) for p in body)
        page = ("<!DOCTYPE html><html>%s<body>%s<article><h1>%s</h1><time datetime=\"%s\">%s</time>\n%s"
                "</article>%s</body></html>" % (head, CHROME_TOP, html.escape(title), date, date, art,
                                                CHROME_BOTTOM))
        return {"url": url, "title": title, "html": page, "published": date, "outlet": outlet}, \
            title + "\n" + "\n\n".join(body)
    if kind < 0.3:
        text = "%s\n\n%d\n\n%s\n\n%d Answers\n\n%d\n\n%s\n\nYou must log in to answer this question." % (
            title, rng.randint(0, 50), body[0], len(body) - 1, rng.randint(0, 40), "\n\n".join(body[1:]))
    else:
        text = "%s\n\n%s\n\nAdvertisement\n\n%s\n\nRead more on: world | politics" % (
            title, date, "\n\n".join(body))
    return {"url": url, "title": title, "text": text, "published": date, "outlet": outlet}, text


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--docs", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    meta_path = os.path.join(a.out, "META.json")
    want = {"docs": a.docs, "seed": a.seed, "version": 2}
    if os.path.exists(meta_path):
        with open(meta_path) as f:
            if json.load(f).get("want") == want:
                print("make_corpus: %s is cached" % a.out)
                return
    os.makedirs(a.out, exist_ok=True)
    for name in os.listdir(a.out):
        os.remove(os.path.join(a.out, name))
    rng = random.Random(a.seed)
    paras, titles, dates, wrappers = load_sources(a.shared)
    total_bytes = 0
    shard = None
    with open(os.path.join(a.out, "corpus.txt"), "w", encoding="utf-8") as plain:
        for i in range(a.docs):
            if i % 1000 == 0:
                if shard:
                    shard.close()
                shard = gzip.open(os.path.join(a.out, "shard-%05d.jsonl.gz" % (i // 1000)), "wt",
                                  encoding="utf-8", compresslevel=1)
            rec, text = make_doc(rng, i, paras, titles, dates, wrappers)
            line = json.dumps(rec, ensure_ascii=False)
            shard.write(line + "\n")
            total_bytes += len(line.encode("utf-8")) + 1
            plain.write(text + "\n")
    if shard:
        shard.close()
    with open(meta_path, "w") as f:
        json.dump({"want": want, "bytes": total_bytes, "sources": len(paras)}, f)
    print("make_corpus: wrote %d documents (%.1f MB of JSON Lines) to %s" % (a.docs, total_bytes / 1e6, a.out))


if __name__ == "__main__":
    main()
