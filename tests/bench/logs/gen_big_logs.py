#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Generates large, realistic IIS logs for the ingestion benchmark (not used by unit tests).

    gen_big_logs.py OUTDIR [--w3c-mb 1024] [--httperr-mb 1024] [--files 1]

W3C: IIS 10 default field set (15 fields), a service restart every ~200 MB re-emits the header
block, ~8 % IPv6 clients (some with zone ids), UTF-8 paths, realistic user agents, status mix.
HTTPERR: default field set with a realistic reason mix (Timer_ConnectionIdle noise, 503 QueueFull
bursts, Connection_Dropped, Timer_HeaderWait lines without request fields).
Deterministic (fixed seed). Writes in large blocks so 1 GB takes well under a minute.
"""
import argparse
import os
import random

UAS = [
    "Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)+AppleWebKit/537.36+(KHTML,+like+Gecko)+Chrome/130.0.0.0+Safari/537.36",
    "Mozilla/5.0+(Macintosh;+Intel+Mac+OS+X+14_5)+AppleWebKit/605.1.15+(KHTML,+like+Gecko)+Version/17.5+Safari/605.1.15",
    "curl/8.4.0", "Microsoft-WNS/10.0", "okhttp/4.12.0", "-",
    "Mozilla/5.0+(compatible;+bingbot/2.0;++http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64;+rv:131.0)+Gecko/20100101+Firefox/131.0",
]
PATHS = ["/", "/index.html", "/api/orders", "/api/orders/{n}", "/api/customers/{n}/invoices", "/static/app.{n}.js",
         "/static/site.css", "/images/logo.png", "/upload/data.aspx", "/Bestellübersicht/{n}", "/café/menü.aspx",
         "/health", "/signalr/negotiate", "/Microsoft-Server-ActiveSync", "/owa/auth/logon.aspx"]
METHODS = ["GET"] * 14 + ["POST"] * 4 + ["HEAD", "PUT", "DELETE", "OPTIONS"]
STATUS = [(200, 0, 0)] * 40 + [(304, 0, 0)] * 6 + [(404, 0, 2), (401, 2, 5), (500, 0, 0), (503, 0, 0),
                                                   (200, 0, 64), (200, 0, 1236), (302, 0, 0), (206, 0, 0)]
REASONS = (["Timer_ConnectionIdle"] * 50 + ["Connection_Dropped"] * 8 + ["QueueFull"] * 6 + ["Timer_HeaderWait"] * 4 +
           ["BadRequest"] * 3 + ["Timer_EntityBody"] * 2 + ["Connection_Abandoned_By_ReqQueue", "FieldLength",
                                                           "Hostname", "Timer_MinBytesPerSecond", "URL"])

W3C_HEADER = ("#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n#Date: {date} {time}\r\n"
              "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) "
              "cs(Referer) sc-status sc-substatus sc-win32-status time-taken\r\n")
ERR_HEADER = ("#Software: Microsoft HTTP API 2.0\r\n#Version: 1.0\r\n#Date: {date} {time}\r\n"
              "#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason "
              "s-queuename\r\n")


def client(rng):
    if rng.random() < 0.08:
        ip = "2001:db8:%x:%x::%x" % (rng.randrange(65536), rng.randrange(65536), rng.randrange(1, 65536))
        return ip + ("%" + str(rng.randrange(1, 20)) if rng.random() < 0.1 else "")
    return "10.%d.%d.%d" % (rng.randrange(4), rng.randrange(256), rng.randrange(1, 255))


def clock(seconds):
    day = 21 + seconds // 86400
    s = seconds % 86400
    return "2026-11-%02d" % day, "%02d:%02d:%02d" % (s // 3600, s // 60 % 60, s % 60)


def w3c_lines(rng, start_second, n):
    out = []
    sec = start_second
    for i in range(n):
        if i % 40 == 0:
            sec += 1
        date, tm = clock(sec)
        path = rng.choice(PATHS).replace("{n}", str(rng.randrange(100000)))
        query = "-" if rng.random() < 0.7 else "id=%d&page=%d" % (rng.randrange(10 ** 6), rng.randrange(50))
        status, sub, win32 = rng.choice(STATUS)
        out.append("%s %s 10.0.0.50 %s %s %s 443 - %s %s %s %d %d %d %d" % (
            date, tm, rng.choice(METHODS), path, query, client(rng), rng.choice(UAS),
            "-" if rng.random() < 0.6 else "https://app.example/page", status, sub, win32, rng.randrange(1, 3000)))
    return out, sec


def err_lines(rng, start_second, n):
    out = []
    sec = start_second
    for i in range(n):
        if i % 20 == 0:
            sec += 1
        date, tm = clock(sec)
        reason = rng.choice(REASONS)
        c = client(rng)
        s_ip = "2001:db8::50" if ":" in c else "10.0.0.50"
        if reason in ("Timer_ConnectionIdle", "Timer_HeaderWait", "Timer_MinBytesPerSecond"):
            out.append("%s %s %s %d %s 80 - - - - - %s -" % (date, tm, c, rng.randrange(1024, 65535), s_ip, reason))
        else:
            status = {"QueueFull": "503", "BadRequest": "400", "FieldLength": "400", "Hostname": "400",
                      "URL": "400"}.get(reason, "-")
            path = rng.choice(PATHS).replace("{n}", str(rng.randrange(100000)))
            out.append("%s %s %s %d %s 80 HTTP/1.1 %s %s %s 1 %s DefaultAppPool" % (
                date, tm, c, rng.randrange(1024, 65535), s_ip, rng.choice(METHODS), path, status, reason))
    return out, sec


def write_log(path, megabytes, header, make_lines, seed):
    rng = random.Random(seed)
    target = megabytes * 1024 * 1024
    restart_every = 200 * 1024 * 1024
    written = 0
    since_restart = restart_every  # header first
    sec = 0
    with open(path, "wb") as f:
        while written < target:
            if since_restart >= restart_every:
                date, tm = clock(sec)
                block = header.format(date=date, time=tm).encode()
                f.write(block)
                written += len(block)
                since_restart = 0
            lines, sec = make_lines(rng, sec, 20000)
            block = ("\r\n".join(lines) + "\r\n").encode("utf-8")
            f.write(block)
            written += len(block)
            since_restart += len(block)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--w3c-mb", type=int, default=1024)
    ap.add_argument("--httperr-mb", type=int, default=1024)
    ap.add_argument("--files", type=int, default=1, help="split each kind into this many files")
    args = ap.parse_args()
    os.makedirs(args.outdir, exist_ok=True)
    for i in range(args.files):
        if args.w3c_mb:
            os.makedirs(os.path.join(args.outdir, "W3SVC1"), exist_ok=True)
            write_log(os.path.join(args.outdir, "W3SVC1", "u_ex2611%02d.log" % (21 + i)),
                      args.w3c_mb // args.files, W3C_HEADER, w3c_lines, 1000 + i)
        if args.httperr_mb:
            os.makedirs(os.path.join(args.outdir, "HTTPERR"), exist_ok=True)
            write_log(os.path.join(args.outdir, "HTTPERR", "httperr%d.log" % (i + 1)),
                      args.httperr_mb // args.files, ERR_HEADER, err_lines, 2000 + i)


if __name__ == "__main__":
    main()
