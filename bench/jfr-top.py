#!/usr/bin/env python3
"""Inclusive and self shares of execution samples in a JFR recording, by method (and by package prefix).

    bench/jfr-top.py recording.jfr [top=40] [filter-substring]

Reads the samples with bench/jfr_samples.py; a method counts once per sample however
often it recurs in that stack. With a filter, only samples whose stack contains it are counted.
"""
import collections, sys

from jfr_samples import stacks

path = sys.argv[1]
top = int(sys.argv[2]) if len(sys.argv) > 2 else 40
only = sys.argv[3] if len(sys.argv) > 3 else None
samples, inclusive, self_ = 0, collections.Counter(), collections.Counter()
for frames in stacks(path):
    if only and not any(only in f for f in frames):
        continue
    samples += 1
    self_[frames[0]] += 1
    for f in set(frames):
        inclusive[f] += 1
print(f"{samples} samples" + (f" containing {only}" if only else ""))
print("-- inclusive")
for f, n in inclusive.most_common(top):
    print(f"{100 * n / samples:5.1f}%  {f}")
print("-- self")
for f, n in self_.most_common(top // 2):
    print(f"{100 * n / samples:5.1f}%  {f}")
