#!/usr/bin/env python3
"""A call tree of the execution samples in a JFR recording, callers above callees, pruned to what matters.

    bench/jfr-tree.py recording.jfr [min-percent=1.0] [root-substring]

Reads the samples with bench/jfr_samples.py (record with -XX:FlightRecorderOptions=stackdepth=256 or
deeper, or the trees are cut at 64 frames). Prints every node
holding at least min-percent of the samples; a chain of frames with one child each is printed as its
first and last frame. With a root, the tree starts at the first frame containing it (the percentages
stay shares of all samples).
"""
import sys

from jfr_samples import stacks

path = sys.argv[1]
minimum = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
root_at = sys.argv[3] if len(sys.argv) > 3 else None


def node():
    return {"n": 0, "kids": {}}


tree, total = node(), 0
for frames in stacks(path):
    total += 1
    frames.reverse()  # outermost first
    if root_at:
        starts = [i for i, f in enumerate(frames) if root_at in f]
        if not starts:
            continue
        frames = frames[starts[0]:]
    at = tree
    at["n"] += 1
    for f in frames:
        at = at["kids"].setdefault(f, node())
        at["n"] += 1


def show(name, at, depth):
    first = name
    while len(at["kids"]) == 1:  # fold single-child chains
        (name, at), = at["kids"].items()
    share = 100 * at["n"] / total
    label = first if first == name else f"{first} .. {name}"
    print(f"{share:5.1f}% {'  ' * depth}{label}")
    for kid, sub in sorted(at["kids"].items(), key=lambda kv: -kv[1]["n"]):
        if 100 * sub["n"] / total >= minimum:
            show(kid, sub, depth + 1)


print(f"{total} samples" + (f", {tree['n']} under {root_at}" if root_at else ""))
for kid, sub in sorted(tree["kids"].items(), key=lambda kv: -kv[1]["n"]):
    if 100 * sub["n"] / total >= minimum:
        show(kid, sub, 0)
