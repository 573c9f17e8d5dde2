#!/usr/bin/env python3
"""Replace the entities in `wirewatch parse` output with Frog's, for comparison.

Frog (Debian packages frog + frogdata) is a separate GPL program; wirewatch never
links it. This script reads the JSON lines of `wirewatch parse`, runs Frog once over
all item texts (Frog's own tokenizer; lemmatiser, morphology, chunker, multi-word
units and parser skipped), maps Frog's NER spans back to byte offsets in each item
text, and writes the same JSON lines with each item's "entities" replaced. Score
the result with `wirewatch ner --gold DIR --results FILE`.

    python3 scripts/frog_entities.py < parsed.jsonl > frog.jsonl

Frog's types PER, LOC, ORG pass through; PRO, EVE and MISC become MISC.
Timing goes to stderr.
"""
import json
import os
import resource
import subprocess
import sys
import tempfile
import time


def frog_type(t):
    t = t.upper()
    return t if t in ("PER", "LOC", "ORG") else "MISC"


def spans(text, sentences):
    """Align Frog's tokens to text; yield (start, end, type) in byte offsets."""
    raw = text.encode("utf-8")
    pos = 0
    for sent in sentences:
        cur = None
        for word, tag in sent:
            w = word.encode("utf-8")
            i = raw.find(w, pos)
            if i < 0:  # Frog changed the token (rare): keep the position
                start, end = pos, pos
            else:
                start, end = i, i + len(w)
                pos = end
            if tag.startswith("B-") or (tag.startswith("I-") and (cur is None or cur[2] != frog_type(tag[2:]))):
                if cur:
                    yield cur
                cur = [start, end, frog_type(tag[2:])]
            elif tag.startswith("I-") and cur:
                cur[1] = end
            else:
                if cur:
                    yield cur
                cur = None
        if cur:
            yield cur


def read_frog(path):
    sentences, cur = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 8:
                if cur:
                    sentences.append(cur)
                cur = []
                continue
            cur.append((cols[1], cols[7] or "O"))
    if cur:
        sentences.append(cur)
    return sentences


def main():
    results = [json.loads(l) for l in sys.stdin if l.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        indir, outdir = os.path.join(tmp, "in"), os.path.join(tmp, "out")
        os.mkdir(indir)
        os.mkdir(outdir)
        for p, r in enumerate(results):
            for k, it in enumerate(r.get("items") or []):
                with open(os.path.join(indir, "p%03d_i%03d.txt" % (p, k)), "w", encoding="utf-8") as f:
                    f.write(it["text"] + "\n")
        t0 = time.time()
        proc = subprocess.run(
            ["frog", "--testdir=" + indir, "--outputdir=" + outdir, "--skip=mlacp", "--threads=1"],
            capture_output=True, text=True)
        wall = time.time() - t0
        ru = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = ru.ru_utime + ru.ru_stime
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr)
            sys.exit("frog failed with status %d" % proc.returncode)
        tokens = 0
        for p, r in enumerate(results):
            for k, it in enumerate(r.get("items") or []):
                out = os.path.join(outdir, "p%03d_i%03d.txt.out" % (p, k))
                if not os.path.exists(out):
                    out = os.path.join(outdir, "p%03d_i%03d.out" % (p, k))
                sents = read_frog(out)
                tokens += sum(len(s) for s in sents)
                raw = it["text"].encode("utf-8")
                it["entities"] = [
                    {"text": raw[s:e].decode("utf-8", "replace"), "type": t, "start": s, "end": e}
                    for s, e, t in spans(it["text"], sents)]
    for r in results:
        print(json.dumps(r, ensure_ascii=False))
    sys.stderr.write("frog: %d tokens; %.1f s wall clock incl. model loading (%.0f tokens/s); %.1f s CPU (%.0f tokens/cpu-s)\n"
                     % (tokens, wall, tokens / wall if wall else 0, cpu, tokens / cpu if cpu else 0))


if __name__ == "__main__":
    main()
