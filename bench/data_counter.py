#!/usr/bin/env python3
"""Baseline for 'ntpgeo data build' throughput: a plain Python Counter over the same pipeline.

Usage: /usr/bin/python3 bench/data_counter.py FILE [T=6]
Documents are runs of non-blank lines (like --documents blank-line); tokens follow the word rule approximately
(lowercased runs of letters/digits, every other non-space character alone: the regex [^\\W_]+|[^\\w\\s]|_);
windows of T tokens slide inside each document; a collections.Counter counts the windows, then contexts are
grouped. Prints the wall and CPU seconds of the whole script (interpreter start included), MB/s, and m and n
so that the result can be compared with ntpgeo's.
"""
import collections
import re
import resource
import sys
import time

t0 = time.perf_counter()
path = sys.argv[1]
t = int(sys.argv[2]) if len(sys.argv) > 2 else 6
word = re.compile(r"[^\W_]+|[^\w\s]|_")
windows = collections.Counter()
size = 0
doc = []


def flush(doc):
    toks = word.findall(" ".join(doc).lower())
    for i in range(len(toks) - t + 1):
        windows[tuple(toks[i:i + t])] += 1


with open(path, encoding="utf-8") as f:
    for line in f:
        size += len(line.encode("utf-8"))
        if line.strip():
            doc.append(line)
        elif doc:
            flush(doc)
            doc = []
if doc:
    flush(doc)
contexts = {w[:-1] for w in windows}
n = sum(windows.values())
wall = time.perf_counter() - t0
ru = resource.getrusage(resource.RUSAGE_SELF)
cpu = ru.ru_utime + ru.ru_stime
print(f"python Counter: {size / 1e6:.1f} MB in {wall:.2f} s wall, {cpu:.2f} s CPU: {size / 1e6 / wall:.1f} MB/s; "
      f"m={len(contexts)} n={n} distinct windows={len(windows)}")
