#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the demo incident in resources/samples: what an operator collects from one IIS 6.0 server
(web01, 10.0.0.50, Windows Server 2003) after a bad morning, and what the README's main command
analyses:

    W3SVC1/ex261121.log      the site's W3C log, 09:00-11:00 UTC
    HTTPERR/httperr1.log     HTTP.sys' error log for the same two hours
    web01-port80.pcap.gz     15 minutes (10:30-10:45) captured on a monitoring box whose clock runs
                             2.4 s fast

What happened (each is a finding HttpSleuth should report, the rest is healthy traffic):
  * 10:32-10:35  EventAgent posts ~4,000 chunked events over one keep-alive connection; HTTP.sys
                 resets it on the 4,000th and logs Timer_HeaderWait for the 4-tuple (KB967853).
  * 10:38-10:41  three browsers get "100 Continue" after "200 OK" on POST /orders/submit.aspx and
                 reset the connection (KB898708).
  * 10:42-10:43  the OrdersPool queue fills up: 180 requests refused with 503 QueueFull, two of them
                 in the capture.
  * all morning  Timer_ConnectionIdle noise, a few Connection_Dropped, keep-alive browsing, prompt
                 100-continue uploads.

Deterministic; keep the output under 2 MB.

    python3 gen_demo.py            # writes ../../../resources/samples
"""

import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from incidentgen import MS, S, Bundle, Conn, chunked, crlf, iso_ns, request_head, response  # noqa: E402

OUT = os.path.normpath(os.path.join(HERE, "..", "..", "..", "resources", "samples"))
T9 = iso_ns("2026-11-21T09:00:00Z")
T1030 = iso_ns("2026-11-21T10:30:00Z")
PAGES = ["/", "/default.aspx", "/catalog/list.aspx", "/catalog/item.aspx?id=%d", "/css/site.css", "/js/app.js",
         "/img/logo.png", "/account/orders.aspx"]
UAS = ["Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1)",
       "Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 5.1; .NET CLR 2.0.50727)",
       "Mozilla/5.0 (Windows; U; Windows NT 5.1; en-US; rv:1.8.1.20) Gecko/20081217 Firefox/2.0.0.20"]


def lcg(seed):
    """A tiny deterministic pseudo-random sequence (no global state, same on every Python)."""
    state = seed
    while True:
        state = (state * 1103515245 + 12345) % (1 << 31)
        yield state


def page(i):
    p = PAGES[i % len(PAGES)]
    return p % (100 + i % 37) if "%d" in p else p


def main():
    if os.path.isdir(OUT):
        for name in os.listdir(OUT):
            path = os.path.join(OUT, name)
            shutil.rmtree(path) if os.path.isdir(path) else os.remove(path)
    b = Bundle("samples", os.path.dirname(OUT), software="Microsoft Internet Information Services 6.0",
               banner="Microsoft-IIS/6.0", httperr_software="Microsoft HTTP API 1.0")
    b.dir = OUT
    b.write_expected = False
    b.w3c_name = "W3SVC1/ex261121.log"
    b.capture_name = "web01-port80.pcap"
    b.gzip_capture = True
    b.skew_ns = 2400 * MS
    rnd = lcg(20261121)

    # Browsing all morning, logged only (outside the capture window or from clients not captured).
    for i in range(1400):
        t = T9 + (i * 7200 * S) // 1400 + next(rnd) % (4 * S)
        client = "10.1.%d.%d" % (i % 7, 20 + i % 41)
        status, win32 = (404, 2) if i % 97 == 0 else (200, 0)
        b.w3c(t, client, "GET", page(i), status, 0, win32, (15 + next(rnd) % 180) * MS, UAS[i % 3])

    # Captured browsing: keep-alive connections, each a few pages, closed by the browser.
    for i in range(12):
        t = T1030 + i * 70 * S + next(rnd) % S
        c = Conn(b, "10.1.9.%d" % (30 + i), 3100 + i, t)
        tt = t + 2 * MS
        for k in range(4 + i % 3):
            tt = c.exchange("GET", page(i + k), tt + (30 + next(rnd) % 400) * MS, ua=UAS[i % 3],
                            resp_body=b"<html>" + b"x" * 400 + b"</html>") + MS
        c.fin(True, tt + 15 * S)
        c.fin(False, tt + 15 * S + MS)

    # Idle keep-alive connections HTTP.sys closes after connectionTimeout: Timer_ConnectionIdle.
    for i in range(4):
        t = T1030 + 30 * S + i * 150 * S
        c = Conn(b, "10.1.8.%d" % (10 + i), 3300 + i, t)
        end = c.exchange("GET", "/default.aspx", t + 5 * MS, ua=UAS[i % 3], resp_body=b"<html>home</html>")
        c.fin(False, end + 120 * S)
        c.fin(True, end + 120 * S + MS)
        b.httperr(end + 120 * S, "10.1.8.%d" % (10 + i), 3300 + i, "Timer_ConnectionIdle")
    for i in range(240):
        b.httperr(T9 + i * 30 * S + next(rnd) % (20 * S), "10.1.%d.%d" % (i % 7, 20 + i % 41), 1025 + i * 13 % 4000,
                  "Timer_ConnectionIdle")

    # Prompt 100-continue uploads (healthy).
    for i in range(5):
        t = T1030 + 100 * S + i * 110 * S
        c = Conn(b, "10.1.7.%d" % (50 + i), 3400 + i, t)
        h = t + 5 * MS
        c.client(request_head("POST", "/api/upload.ashx", headers=["Content-Length: 6000", "Expect: 100-continue",
                                                                   "User-Agent: curl/7.19.7"]), h)
        c.server(crlf("HTTP/1.1 100 Continue\n\n"), h + MS)
        c.client(b"u" * 6000, h + 2 * MS)
        c.server(response(200, body=b"stored", server=b.banner), h + 40 * MS)
        b.w3c(h + 40 * MS, "10.1.7.%d" % (50 + i), "POST", "/api/upload.ashx", 200, 0, 0, 40 * MS, "curl/7.19.7")
        c.fin(True, h + 50 * MS)
        c.fin(False, h + 51 * MS)

    # KB967853: ~4,000 chunked POSTs on one connection, reset on the 4,000th.
    c = Conn(b, "10.0.0.7", 51515, T1030 + 120 * S)
    head = request_head("POST", "/ingest/events.ashx", headers=["Transfer-Encoding: chunked",
                                                                "User-Agent: EventAgent/2.1"])
    t = T1030 + 120 * S + 10 * MS
    for i in range(3999):
        c.client(head + chunked(b'{"seq":%d,"event":"tick"}' % i), t, ack=False)
        c.server(response(200, body=b"ok", server=b.banner), t + 4 * MS, ack=False)
        b.w3c(t + 4 * MS, "10.0.0.7", "POST", "/ingest/events.ashx", 200, 0, 0, 4 * MS, "EventAgent/2.1")
        t += 50 * MS
    c.client(head + b"1a\r\n{\"seq\":3999,\"ev", t, ack=False)
    c.rst(False, t + 3 * MS)
    b.httperr(t + 3 * MS, "10.0.0.7", 51515, "Timer_HeaderWait")

    # KB898708: 100 Continue after 200 OK on the order form, the browser resets.
    for i, at in enumerate((492, 580, 665)):
        t = T1030 + at * S
        client = "10.1.6.%d" % (70 + i)
        c = Conn(b, client, 3500 + i, t)
        ua = UAS[i % 2]
        form = b"item=%d&qty=1&ship=standard" % (4711 + i)
        c.client(request_head("POST", "/orders/submit.aspx", headers=["Content-Type: application/x-www-form-urlencoded",
                                                                      "Content-Length: %d" % len(form),
                                                                      "User-Agent: " + ua]) + form, t + 5 * MS)
        c.server(response(200, body=b"<html>order accepted</html>", server=b.banner), t + 60 * MS)
        c.server(crlf("HTTP/1.1 100 Continue\n\n"), t + 62 * MS)
        c.rst(True, t + 70 * MS)
        b.w3c(t + 60 * MS, client, "POST", "/orders/submit.aspx", 200, 0, 64, 55 * MS, ua)

    # 10:42: the OrdersPool queue is full; HTTP.sys refuses 180 requests, two of them captured.
    for i in range(180):
        t = T1030 + 720 * S + i * 500 * MS
        b.httperr(t, "10.1.%d.%d" % (i % 5, 100 + i % 90), 4000 + i, "QueueFull", method="POST",
                  uri="/orders/submit.aspx", status="503", site="1", queue="OrdersPool")
        if i in (10, 11):
            c = Conn(b, "10.1.%d.%d" % (i % 5, 100 + i % 90), 4000 + i, t - 4 * MS)
            c.client(request_head("POST", "/orders/submit.aspx", headers=["Content-Length: 20", "User-Agent: " + UAS[0]])
                     + b"item=4711&qty=1&a=b", t - 2 * MS)
            c.server(response(503, body=b"<h1>Service Unavailable</h1>", server="Microsoft-HTTPAPI/1.0"), t)
            c.fin(False, t + MS)

    # A few clients that gave up on the slow order page.
    for i in range(4):
        t = T9 + (20 + i * 25) * 60 * S
        b.httperr(t, "10.1.3.%d" % (60 + i), 2200 + i, "Connection_Dropped", method="GET", uri="/account/orders.aspx",
                  site="1", queue="OrdersPool")

    b.write()
    total = 0
    for root, _, files in os.walk(OUT):
        for f in files:
            total += os.path.getsize(os.path.join(root, f))
    print("wrote %s (%d bytes)" % (OUT, total))
    assert total < 2 * 1024 * 1024, "the demo incident must stay under 2 MB"


if __name__ == "__main__":
    main()
