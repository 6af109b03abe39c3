#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Runs a command and reports wall time, CPU time, peak RSS and peak *anonymous* memory (RssAnon,
sampled from /proc every 20 ms: mapped input files are file-backed and do not count), as one JSON
line.

    measure.py [--runs N] LABEL INPUT_BYTES -- COMMAND...

With --runs N the command runs N times in a row; "seconds" and "MB_per_s" are the median run's,
"seconds_min"/"seconds_max" the range, and the memory figures the highest of all runs. A VM's
speed drifts by tens of percent over minutes, so one run says little about a change of a few.
"""
import json
import os
import statistics
import subprocess
import sys
import threading
import time


def rss_fields(pid):
    out = {}
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith(("RssAnon:", "VmRSS:", "VmHWM:")):
                    k, v = line.split(":", 1)
                    out[k] = int(v.split()[0]) * 1024
    except OSError:
        pass
    return out


def run_once(cmd):
    """One run: wall and CPU seconds, peak anonymous and resident bytes, exit code, stderr."""
    start = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr_chunks = []
    reader = threading.Thread(target=lambda: stderr_chunks.append(p.stderr.read()))
    reader.start()
    peaks = {"anon": 0, "rss": 0}
    done = threading.Event()

    # Memory is sampled on a thread while this one waits for the exit: the wall time is taken
    # when the process ends, not at the next sampling tick (which added up to 20 ms).
    def sample():
        while not done.is_set():
            f = rss_fields(p.pid)
            peaks["anon"] = max(peaks["anon"], f.get("RssAnon", 0))
            peaks["rss"] = max(peaks["rss"], f.get("VmHWM", 0), f.get("VmRSS", 0))
            done.wait(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    # wait4 instead of Popen.wait: the child's CPU times come with it. (Not its ru_maxrss: that
    # counts the forked Python the child was before exec.)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.monotonic() - start
    done.set()
    sampler.join()
    reader.join()
    p.returncode = os.waitstatus_to_exitcode(status)
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "anon": peaks["anon"],
        "rss": peaks["rss"],
        "exit": p.returncode,
        "stderr": b"".join(stderr_chunks).decode(errors="replace"),
    }


def main():
    args = sys.argv[1:]
    runs = 1
    if args[:1] == ["--runs"]:
        runs = max(1, int(args[1]))
        args = args[2:]
    sep = args.index("--")
    label, input_bytes = args[0], int(args[1])
    cmd = args[sep + 1:]
    results = [run_once(cmd) for _ in range(runs)]
    failed = [r for r in results if r["exit"] != 0]
    walls = sorted(r["wall"] for r in results)
    wall = statistics.median_low(walls)
    median = next(r for r in results if r["wall"] == wall)
    peak_anon = max(r["anon"] for r in results)
    out = {
        "label": label,
        "exit": failed[0]["exit"] if failed else 0,
        "runs": runs,
        "seconds": round(wall, 3),
        "MB_per_s": round(input_bytes / 1e6 / wall, 1) if wall > 0 else None,
        "cpu_seconds": round(median["cpu"], 3),
        "peak_anon_MB": round(peak_anon / 1e6, 1),
        "peak_rss_MB": round(max(r["rss"] for r in results) / 1e6, 1),
        "anon_per_input": round(peak_anon / input_bytes, 3) if input_bytes else None,
        "stderr_tail": failed[0]["stderr"][-300:] if failed else "",
    }
    if runs > 1:
        out["seconds_min"] = round(walls[0], 3)
        out["seconds_max"] = round(walls[-1], 3)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
