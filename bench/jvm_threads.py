#!/usr/bin/env python3
"""Where a JVM's CPU goes, by thread kind: utime + stime of every thread of the given processes,
read from /proc/<pid>/task/*/stat, grouped by what the thread name says it does.

  jvm_threads.py snapshot <pid>...            prints "pid tid kind ticks" per thread and "pid - process ticks"
  jvm_threads.py diff <before> <after> [n]    prints ms per kind (per request when n is given)

A thread that ended between the snapshots took its CPU with it from /proc (the broker client's pool
lets idle threads go): what the processes spent beyond their live threads is printed as "ended".

Kinds follow Payara's thread names: request threads (http-thread-pool), job deliveries (the broker
client's threads, which run the MDBs), the managed executors (background rounds), EJB async, the grid
(hz.*), the JIT compilers, the VM thread (SerialGC's collections and safepoints), everything else.
"""
import os
import sys

KINDS = [
    ("requests", ("http-thread-poo", "http-listener")),
    ("jobs", ("Thread-",)),  # "Thread-N (ActiveMQ-client-global-threads)": the MDB deliveries
    ("executors", ("concurrent/", "payara-executor")),
    ("ejb-async", ("__ejb-thread-po",)),
    ("grid", ("hz.",)),
    ("jit", ("C1 CompilerThre", "C2 CompilerThre")),
    ("gc+vm", ("VM Thread", "GC Thread")),
]
TICK_MS = 1000.0 / os.sysconf("SC_CLK_TCK")


def kind(name):
    for k, prefixes in KINDS:
        if name.startswith(prefixes):
            return k
    return "other"


def snapshot(pids):
    for pid in pids:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        print(pid, "-", "process", int(fields[11]) + int(fields[12]))
        base = f"/proc/{pid}/task"
        for tid in os.listdir(base):
            try:
                with open(f"{base}/{tid}/stat") as f:
                    stat = f.read()
            except OSError:  # ended meanwhile
                continue
            name = stat[stat.index("(") + 1:stat.rindex(")")]
            fields = stat[stat.rindex(")") + 2:].split()
            print(pid, tid, kind(name).replace(" ", "_"), int(fields[11]) + int(fields[12]))


def read(path):
    rows = {}
    with open(path) as f:
        for line in f:
            pid, tid, k, ticks = line.split()
            rows[(pid, tid)] = (k, int(ticks))
    return rows


def diff(before_path, after_path, n):
    before, after = read(before_path), read(after_path)
    spent = {}
    for key, (k, ticks) in after.items():
        if key[1] != "-":
            spent[k] = spent.get(k, 0) + ticks - before.get(key, (k, 0))[1]
    process = sum(ticks - before.get(key, ("process", 0))[1] for key, (k, ticks) in after.items() if key[1] == "-")
    spent["ended"] = process - sum(spent.values())
    order = [k for k, _ in KINDS] + ["other", "ended"]
    print(" ".join(f"{k}={spent.get(k, 0) * TICK_MS / n:.3f}" for k in order))


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "snapshot":
        snapshot(sys.argv[2:])
    elif len(sys.argv) in (4, 5) and sys.argv[1] == "diff":
        diff(sys.argv[2], sys.argv[3], float(sys.argv[4]) if len(sys.argv) == 5 else 1.0)
    else:
        sys.exit(__doc__)
