#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes a large HAR and a large SAZ for timing the export readers (not committed: generated).

usage: make_big_exports.py OUT_DIR [ENTRIES]   (default 200,000 HAR entries, ENTRIES/10 SAZ sessions)

The HAR looks like a Chrome "save all as HAR with content" export: every entry carries request and
response headers and a 1 KiB base64 body, so the file is about 0.5 GB at the default size.
"""

import base64
import json
import os
import sys
import zipfile


def har_entry(i):
    second = i // 1000
    started = f"2026-11-21T{10 + second // 3600 % 10:02d}:{second // 60 % 60:02d}:{second % 60:02d}.{i % 1000:03d}Z"
    body = base64.b64encode(bytes((i + k) % 256 for k in range(1024))).decode()
    return {
        "startedDateTime": started, "time": 12.5, "pageref": "page_1",
        "request": {"method": "POST" if i % 7 == 0 else "GET", "url": f"http://iis.example.test/app/item/{i}?q=1",
                    "httpVersion": "HTTP/1.1",
                    "headers": [{"name": "Host", "value": "iis.example.test"},
                                {"name": "User-Agent", "value": "Mozilla/5.0 (Windows NT 10.0) Chrome/131"},
                                {"name": "Accept", "value": "*/*"}, {"name": "Connection", "value": "keep-alive"}],
                    "queryString": [{"name": "q", "value": "1"}], "cookies": [], "headersSize": 180, "bodySize": 0},
        "response": {"status": 200 if i % 50 else 500, "statusText": "OK", "httpVersion": "HTTP/1.1",
                     "headers": [{"name": "Server", "value": "Microsoft-IIS/10.0"},
                                 {"name": "Content-Length", "value": "1024"}],
                     "cookies": [], "content": {"size": 1024, "mimeType": "application/octet-stream",
                                                "encoding": "base64", "text": body},
                     "redirectURL": "", "headersSize": 120, "bodySize": 1024},
        "cache": {}, "timings": {"blocked": 0.5, "dns": -1, "connect": -1, "ssl": -1, "send": 0.1, "wait": 10.4,
                                 "receive": 1.5},
        "serverIPAddress": "10.0.0.50", "connection": str(1000 + i % 6),
    }


def write_har(path, n):
    with open(path, "w") as f:
        f.write('{"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"}, '
                '"pages": [{"id": "page_1", "startedDateTime": "2026-11-21T10:00:00Z", "title": "x", '
                '"pageTimings": {}}], "entries": [\n')
        for i in range(n):
            if i:
                f.write(",\n")
            f.write(json.dumps(har_entry(i)))
        f.write("\n]}}\n")


def write_saz(path, n):
    meta = ('<?xml version="1.0" encoding="utf-8"?>\r\n<Session SID="{sid}" BitFlags="0"><SessionTimers '
            'ClientBeginRequest="2026-11-21T03:00:{s:02d}.1000000-07:00" FiddlerBeginRequest="2026-11-21T03:00:{s:02d}.1010000-07:00" '
            'ServerGotRequest="2026-11-21T03:00:{s:02d}.1020000-07:00" ServerBeginResponse="2026-11-21T03:00:{s:02d}.2000000-07:00" '
            'GotResponseHeaders="2026-11-21T03:00:{s:02d}.2010000-07:00" ServerDoneResponse="2026-11-21T03:00:{s:02d}.3000000-07:00" />'
            '<SessionFlags><SessionFlag N="x-clientip" V="10.0.0.5" /><SessionFlag N="x-clientport" V="{port}" />'
            '<SessionFlag N="x-hostip" V="10.0.0.50" /><SessionFlag N="x-egressport" V="{eport}" /></SessionFlags></Session>')
    body = b"x" * 4096
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(1, n + 1):
            z.writestr(f"raw/{i:06d}_c.txt", f"GET http://iis.example.test/{i} HTTP/1.1\r\nHost: iis.example.test\r\n\r\n")
            z.writestr(f"raw/{i:06d}_s.txt", b"HTTP/1.1 200 OK\r\nContent-Length: 4096\r\n\r\n" + body)
            z.writestr(f"raw/{i:06d}_m.xml", meta.format(sid=i, s=i % 60, port=50000 + i % 100, eport=60000 + i % 100))


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
    os.makedirs(out, exist_ok=True)
    write_har(os.path.join(out, "big.har"), n)
    write_saz(os.path.join(out, "big.saz"), max(1, n // 10))


if __name__ == "__main__":
    main()
