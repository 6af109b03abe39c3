#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes a ~1 GB incident bundle for the knowledge-base benchmark (not used by unit tests):

    OUT/W3SVC1/u_ex261121.log        big W3C log        (tests/bench/logs/gen_big_logs.py)
    OUT/HTTPERR/httperr1.log         big HTTPERR log    (same generator)
    OUT/capture.pcap                 big HTTP capture   (tests/bench/capture/gen_bench_capture.py)
    OUT/W3SVC1/u_ex261121_x.log      the W3C lines of the captured requests (same client, port,
                                     method, path, completion time), so correlation has real work:
                                     every captured request has a W3C line to find and the clock
                                     offset estimate runs on thousands of candidates.

    gen_bench_bundle.py OUT [--w3c-mb 550] [--httperr-mb 100] [--capture-mb 350]

The captured requests are recovered by replaying gen_bench_capture.py's generator with the same
seed (no pcap parsing). Deterministic.
"""
import argparse
import heapq
import importlib.util
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)


def load_capture_generator():
    spec = importlib.util.spec_from_file_location("gen_bench_capture",
                                                  os.path.join(BENCH, "capture", "gen_bench_capture.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def stamp(t_ns):
    import datetime as dt
    return dt.datetime.fromtimestamp(t_ns // 1_000_000_000, tz=dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


def captured_requests(gen, mb, concurrent=64, seed=1):
    """Replays gen_bench_capture.main()'s scheduling; yields (start_ns, end_ns, ip, method, target)."""
    rng = random.Random(seed)
    target = mb * 1_000_000
    t0 = gen.iso_ns("2026-11-21T10:00:00Z")
    heap, next_id, written = [], 0, 24
    state = {}  # connection id -> [ip, method, target, start, last server payload time, has response]

    def open_conn(start):
        nonlocal next_id
        g = gen.connection(random.Random(rng.getrandbits(64)), next_id, start)
        first = next(g)
        heapq.heappush(heap, (first[0], next_id, first, g))
        next_id += 1

    def finish(cid):
        s = state.pop(cid, None)
        if s and s[5]:
            return (s[3], s[4], s[0], s[1], s[2])
        return None

    for i in range(concurrent):
        open_conn(t0 + i * 3_000_000)
    while heap:
        _, cid, pkt, g = heapq.heappop(heap)
        t, from_client, key, seq, ack, flags, payload = pkt
        written += 16 + 54 + len(payload)
        if from_client and payload[:4] in (b"GET ", b"POST"):
            done = finish(cid)
            if done:
                yield done
            line = payload.split(b"\r\n", 1)[0].decode()
            method, tgt, _ = line.split(" ", 2)
            state[cid] = [".".join(str(b) for b in key[0]), method, tgt, t, t, False]
        elif not from_client and payload and cid in state:
            s = state[cid]
            if payload.startswith(b"HTTP/1.1 100"):
                pass
            else:
                s[4], s[5] = t, True
        nxt = next(g, None)
        if nxt is not None:
            heapq.heappush(heap, (nxt[0], cid, nxt, g))
        else:
            done = finish(cid)
            if done:
                yield done
            if written < target:
                open_conn(t + rng.randint(0, 5_000_000))
    for cid in list(state):
        done = finish(cid)
        if done:
            yield done


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--w3c-mb", type=int, default=550)
    ap.add_argument("--httperr-mb", type=int, default=100)
    ap.add_argument("--capture-mb", type=int, default=350)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    subprocess.check_call([sys.executable, os.path.join(BENCH, "logs", "gen_big_logs.py"), args.out,
                           "--w3c-mb", str(args.w3c_mb), "--httperr-mb", str(args.httperr_mb), "--files", "1"])
    subprocess.check_call([sys.executable, os.path.join(BENCH, "capture", "gen_bench_capture.py"),
                           os.path.join(args.out, "capture.pcap"), "--mb", str(args.capture_mb)])
    gen = load_capture_generator()
    rows = sorted(captured_requests(gen, args.capture_mb))
    path = os.path.join(args.out, "W3SVC1", "u_ex261121_x.log")
    with open(path, "w", newline="") as f:
        f.write("#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n"
                "#Date: 2026-11-21 10:00:00\r\n#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port "
                "cs-username c-ip cs(User-Agent) sc-status sc-substatus sc-win32-status time-taken\r\n")
        for start, end, ip, method, target in sorted(rows, key=lambda r: r[1]):
            stem, _, query = target.partition("?")
            f.write("%s 10.0.0.50 %s %s %s 80 - %s Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64) 200 0 0 %d\r\n"
                    % (stamp(end), method, stem, query or "-", ip, (end - start) // 1_000_000))
    print("%s: %d W3C lines for captured requests" % (path, len(rows)))


if __name__ == "__main__":
    main()
