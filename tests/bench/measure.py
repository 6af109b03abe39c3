#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Runs a command and reports wall time, peak RSS and peak *anonymous* memory (RssAnon, sampled
from /proc every 20 ms: mapped input files are file-backed and do not count), as one JSON line.

    measure.py LABEL INPUT_BYTES -- COMMAND...
"""
import json
import subprocess
import sys
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


def main():
    sep = sys.argv.index("--")
    label, input_bytes = sys.argv[1], int(sys.argv[2])
    cmd = sys.argv[sep + 1:]
    start = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_anon = peak_rss = 0
    while p.poll() is None:
        f = rss_fields(p.pid)
        peak_anon = max(peak_anon, f.get("RssAnon", 0))
        peak_rss = max(peak_rss, f.get("VmHWM", 0), f.get("VmRSS", 0))
        time.sleep(0.02)
    wall = time.monotonic() - start
    err = p.stderr.read().decode(errors="replace")
    print(json.dumps({
        "label": label, "exit": p.returncode, "seconds": round(wall, 3),
        "MB_per_s": round(input_bytes / 1e6 / wall, 1) if wall > 0 else None,
        "peak_anon_MB": round(peak_anon / 1e6, 1), "peak_rss_MB": round(peak_rss / 1e6, 1),
        "anon_per_input": round(peak_anon / input_bytes, 3) if input_bytes else None,
        "stderr_tail": err[-300:] if p.returncode else "",
    }))


if __name__ == "__main__":
    main()
