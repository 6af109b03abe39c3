#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the HAR and SAZ fixtures of tests/core/exports (deterministic, standard library only).

Run from anywhere:  python3 tests/data/exports/make_exports.py
Every fixture is documented below entry by entry (HAR) or session by session (SAZ); the tests in
tests/core/exports/ assert exactly these values. Times are chosen on 2026-11-21 around 10:00 UTC and
written with the offsets each tool uses, so the tests can check the conversion to UTC.
"""

import json
import os
import struct
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ZIP_TIME = (2026, 11, 21, 10, 0, 0)  # fixed member dates keep the archives byte-identical


def write(name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def har(creator, entries, pages=None, browser=None, version="1.2"):
    log = {"version": version, "creator": creator}
    if browser:
        log["browser"] = browser
    if pages is not None:
        log["pages"] = pages
    log["entries"] = entries
    return {"log": log}


def dump(doc):
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def headers(*pairs):
    return [{"name": n, "value": v} for n, v in pairs]


def entry(started, method, url, status, *, version="HTTP/1.1", req_headers=(), resp_headers=(), timings=None,
          ip=None, connection=None, pageref=None, status_text="", req_headers_size=-1, req_body_size=0,
          resp_headers_size=-1, resp_body_size=-1, post=None, extra=None, resp_extra=None, time=None):
    e = {}
    if pageref is not None:
        e["pageref"] = pageref
    e["startedDateTime"] = started
    e["time"] = time if time is not None else sum(v for v in (timings or {}).values() if v > 0)
    request = {"method": method, "url": url, "httpVersion": version, "headers": headers(*req_headers),
               "queryString": [], "cookies": [], "headersSize": req_headers_size, "bodySize": req_body_size}
    if post is not None:
        request["postData"] = {"mimeType": "application/octet-stream", "text": post}
    e["request"] = request
    response = {"status": status, "statusText": status_text, "httpVersion": version if status else "",
                "headers": headers(*resp_headers), "cookies": [], "content": {"size": 0, "mimeType": "text/html"},
                "redirectURL": "", "headersSize": resp_headers_size, "bodySize": resp_body_size}
    if resp_extra:
        response.update(resp_extra)
    e["response"] = response
    e["cache"] = {}
    e["timings"] = timings if timings is not None else {}
    if ip is not None:
        e["serverIPAddress"] = ip
    if connection is not None:
        e["connection"] = connection
    if extra:
        e.update(extra)
    return e


def T(blocked=-1, dns=-1, connect=-1, ssl=-1, send=0, wait=0, receive=0, **extra):
    t = {"blocked": blocked, "dns": dns, "connect": connect, "ssl": ssl, "send": send, "wait": wait,
         "receive": receive}
    t.update(extra)
    return t


# --- chrome.har: Chrome DevTools ("WebInspector 537.36"), two pages --------------------------------
# C1 10:00:01.000Z GET  http://iis.example.test/index.htm  10.0.0.50 conn "1001" 200 (IIS 10, CL 1234)
#    blocked 1.5 dns 2 connect 3 ssl -1 send 0.5 wait 10.25 receive 2  (ms)
#    -> request 10:00:01.006500, sent .007000, response .017250, end .019250
# C2 10:00:02.000Z POST http://iis.example.test/upload.aspx?id=7  conn "1001"  Expect: 100-continue,
#    Content-Length 5000; blocked/dns/connect -1, send 350 wait 5 receive 1 -> 200
#    -> request 10:00:02.000000, sent .350000, response .355000, end .356000
# C3 10:00:03.000Z GET  http://blocked.example.test/ads.js  status 0 (_error net::ERR_BLOCKED_BY_CLIENT),
#    serverIPAddress "", no connection id -> failed entry on a connection of its own
# C4 10:00:00.500Z GET  https://[2001:db8::2]:8443/api/v1?x=1  h2, "[2001:db8::2]" conn "1002" 204
#    (Kestrel), pseudo-headers (:authority), blocked 0.1 connect 20 ssl 12 send 0.1 wait 3 receive 0
#    -> the earliest entry: its connection comes first
# C5 10:00:04.000Z GET  http://iis.example.test/ws  101 Switching Protocols, conn "1003"
# C6 10:00:05.000Z GET  http://iis.example.test/chunked.txt  conn "1001", page_2, 200 chunked
# C7 10:00:06.000Z GET  http://iis.example.test/favicon.ico  conn "1004", pageref "page_9" (no such
#    page) -> 404
# Connections in order: [C4] [C1 C2 C6] [C3] [C5] [C7]
def chrome():
    ua = ("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0.0.0")
    entries = [
        entry("2026-11-21T10:00:01.000Z", "GET", "http://iis.example.test/index.htm", 200, status_text="OK",
              req_headers=[("Host", "iis.example.test"), ("Connection", "keep-alive"), ua],
              resp_headers=[("Content-Type", "text/html"), ("Server", "Microsoft-IIS/10.0"),
                            ("Content-Length", "1234")],
              timings=T(blocked=1.5, dns=2, connect=3, send=0.5, wait=10.25, receive=2, _blocked_queueing=1.0),
              ip="10.0.0.50", connection="1001", pageref="page_1", req_headers_size=120, resp_headers_size=200,
              resp_body_size=1234),
        entry("2026-11-21T10:00:02.000Z", "POST", "http://iis.example.test/upload.aspx?id=7", 200, status_text="OK",
              req_headers=[("Host", "iis.example.test"), ("Expect", "100-continue"), ("Content-Length", "5000"),
                           ("Connection", "keep-alive"), ua],
              resp_headers=[("Server", "Microsoft-IIS/10.0"), ("Content-Length", "2")],
              timings=T(send=350, wait=5, receive=1), ip="10.0.0.50", connection="1001", pageref="page_1",
              req_body_size=5000, resp_body_size=2, post="x" * 5000),
        entry("2026-11-21T10:00:03.000Z", "GET", "http://blocked.example.test/ads.js", 0,
              req_headers=[ua], timings=T(blocked=0.5, send=0, wait=0, receive=0), ip="", pageref="page_1",
              resp_extra={"_error": "net::ERR_BLOCKED_BY_CLIENT"}),
        entry("2026-11-21T10:00:00.500Z", "GET", "https://[2001:db8::2]:8443/api/v1?x=1", 204, version="h2",
              status_text="", req_headers=[(":authority", "[2001:db8::2]:8443"), (":method", "GET"),
                                           (":path", "/api/v1?x=1"), (":scheme", "https"), ("user-agent", ua[1])],
              resp_headers=[("server", "Kestrel")],
              timings=T(blocked=0.1, connect=20, ssl=12, send=0.1, wait=3, receive=0),
              ip="[2001:db8::2]", connection="1002", pageref="page_1", resp_body_size=0),
        entry("2026-11-21T10:00:04.000Z", "GET", "http://iis.example.test/ws", 101,
              status_text="Switching Protocols",
              req_headers=[("Host", "iis.example.test"), ("Connection", "Upgrade"), ("Upgrade", "websocket"), ua],
              resp_headers=[("Upgrade", "websocket"), ("Connection", "Upgrade"), ("Server", "Microsoft-IIS/10.0")],
              timings=T(blocked=0.2, dns=0, connect=1, send=0.1, wait=2, receive=0), ip="10.0.0.50",
              connection="1003", pageref="page_1", resp_body_size=0),
        entry("2026-11-21T10:00:05.000Z", "GET", "http://iis.example.test/chunked.txt", 200, status_text="OK",
              req_headers=[("Host", "iis.example.test"), ua],
              resp_headers=[("Transfer-Encoding", "chunked"), ("Server", "Microsoft-IIS/10.0")],
              timings=T(blocked=0.1, send=0.1, wait=4, receive=6), ip="10.0.0.50", connection="1001",
              pageref="page_2", resp_body_size=4096),
        entry("2026-11-21T10:00:06.000Z", "GET", "http://iis.example.test/favicon.ico", 404, status_text="Not Found",
              req_headers=[("Host", "iis.example.test"), ua], resp_headers=[("Server", "Microsoft-IIS/10.0")],
              timings=T(blocked=0.1, dns=0, connect=1, send=0.1, wait=1, receive=0.5), ip="10.0.0.50",
              connection="1004", pageref="page_9", resp_body_size=1245),
    ]
    pages = [{"startedDateTime": "2026-11-21T10:00:00.400Z", "id": "page_1", "title": "http://iis.example.test/",
              "pageTimings": {"onContentLoad": 120.5, "onLoad": 300.25}},
             {"startedDateTime": "2026-11-21T10:00:05.000Z", "id": "page_2", "title": "chunked",
              "pageTimings": {"onContentLoad": -1, "onLoad": -1}}]
    return har({"name": "WebInspector", "version": "537.36"}, entries, pages)


# --- firefox.har: Firefox 128 writes local offsets, "connection" = the server port, {} timings for
# cache hits and null headersSize -------------------------------------------------------------------
# F1 12:00:01.000+02:00 (10:00:01Z) GET http://iis.example.test/  10.0.0.50 conn "80" 200 chunked (IIS 8.5)
#    blocked 2 dns 0 connect 0 ssl -1 send 0 wait 15 receive 1 -> request 10:00:01.002, response .017, end .018
# F2 12:00:01.100+02:00 GET http://iis.example.test/logo.png  httpVersion "", timings {}, time 0,
#    no serverIPAddress -> a connection of its own, only its start is known
# F3 12:00:01.200+02:00 GET http://iis.example.test/app.js  conn "80" 304, blocked -1
# Connections: [F1 F3] [F2]
def firefox():
    ua = ("User-Agent", "Mozilla/5.0 (Windows NT 10.0; rv:128.0) Gecko/20100101 Firefox/128.0")
    entries = [
        entry("2026-11-21T12:00:01.000+02:00", "GET", "http://iis.example.test/", 200, status_text="OK",
              req_headers=[("Host", "iis.example.test"), ua, ("Connection", "keep-alive")],
              resp_headers=[("Transfer-Encoding", "chunked"), ("Server", "Microsoft-IIS/8.5")],
              timings=T(blocked=2, dns=0, connect=0, send=0, wait=15, receive=1), ip="10.0.0.50", connection="80",
              pageref="page_1", req_headers_size=300, resp_headers_size=250, resp_body_size=900),
        entry("2026-11-21T12:00:01.100+02:00", "GET", "http://iis.example.test/logo.png", 200, version="",
              status_text="OK", req_headers=[("Host", "iis.example.test"), ua], timings={}, time=0,
              pageref="page_1", req_headers_size=None),
        entry("2026-11-21T12:00:01.200+02:00", "GET", "http://iis.example.test/app.js", 304,
              status_text="Not Modified", req_headers=[("Host", "iis.example.test"), ua],
              resp_headers=[("Server", "Microsoft-IIS/8.5")],
              timings=T(blocked=-1, dns=0, connect=0, ssl=0, send=0, wait=7, receive=0), ip="10.0.0.50",
              connection="80", pageref="page_1", resp_body_size=0),
    ]
    pages = [{"startedDateTime": "2026-11-21T12:00:01.000+02:00", "id": "page_1", "title": "IIS",
              "pageTimings": {"onContentLoad": 40, "onLoad": 80}}]
    ff = {"name": "Firefox", "version": "128.0"}
    return har(ff, entries, pages, browser=ff)


# --- charles.har: Charles Proxy 4.6.6, no pages, no "blocked", no connection ids ---------------------
# H1 21:00:01.250+11:00 (10:00:01.25Z) POST https://api.example.test/orders  192.0.2.10, chunked request
#    body, 201 with Via and Connection: close; dns 12 connect 30 ssl 18 send 2 wait 40 receive 3
#    -> request 10:00:01.292, sent .294, response .334, end .337
# H2 21:00:02.250+11:00 GET https://api.example.test/orders/1  Expect: 100-Continue on a GET without a
#    body (a violation), 417 from squid/2.7
def charles():
    entries = [
        entry("2026-11-21T21:00:01.250+11:00", "POST", "https://api.example.test/orders", 201, status_text="Created",
              req_headers=[("Host", "api.example.test"), ("Transfer-Encoding", "chunked"),
                           ("User-Agent", "okhttp/4.12.0")],
              resp_headers=[("Via", "1.1 proxy.example.test"), ("Connection", "close"),
                            ("Content-Length", "17")],
              timings={"dns": 12, "connect": 30, "ssl": 18, "send": 2, "wait": 40, "receive": 3},
              ip="192.0.2.10", req_headers_size=98, req_body_size=64, resp_headers_size=90, resp_body_size=17,
              post="a" * 64),
        entry("2026-11-21T21:00:02.250+11:00", "GET", "https://api.example.test/orders/1", 417,
              status_text="Expectation Failed",
              req_headers=[("Host", "api.example.test"), ("Expect", "100-Continue"),
                           ("User-Agent", "okhttp/4.12.0")],
              resp_headers=[("Server", "squid/2.7.STABLE9"), ("Content-Length", "0")],
              timings={"dns": 0, "connect": 0, "send": 1, "wait": 2, "receive": 0}, ip="192.0.2.10",
              resp_body_size=0),
    ]
    return har({"name": "Charles Proxy", "version": "4.6.6"}, entries)


# --- fiddler.har: Fiddler's HTTPArchive v1.2 export: 7 fractional digits, -07:00 --------------------
# D1 03:00:01.1234567-07:00 (10:00:01.123456Z) POST http://iis.example.test/upload  Expect:
#    100-continue, only "100 Continue" recorded (the client aborted) -> interim only, no final response
#    send 1 wait 20 -> the 100 at 10:00:01.144456
# D2 03:00:02.5000001-07:00 GET http://iis.example.test/ 200
def fiddler():
    entries = [
        entry("2026-11-21T03:00:01.1234567-07:00", "POST", "http://iis.example.test/upload", 100,
              status_text="Continue",
              req_headers=[("Host", "iis.example.test"), ("Expect", "100-continue"), ("Content-Length", "1048576")],
              timings=T(send=1, wait=20, receive=0), ip="10.0.0.50", req_body_size=1048576, resp_body_size=0),
        entry("2026-11-21T03:00:02.5000001-07:00", "GET", "http://iis.example.test/", 200, status_text="OK",
              req_headers=[("Host", "iis.example.test")],
              resp_headers=[("Server", "Microsoft-IIS/6.0"), ("Content-Length", "10")],
              timings=T(send=0, wait=3, receive=0), ip="10.0.0.50", resp_body_size=10),
    ]
    return har({"name": "Fiddler", "version": "5.0.20204.45441"}, entries)


# --- safari.har: Web Inspector in Safari: IPv6 without brackets, _fetchType ---------------------------
# S1 10:00:01.125Z GET http://[2001:db8::50]/  serverIPAddress "2001:db8::50" conn "5" 200
# S2 10:00:01.375Z GET http://[2001:db8::50]/style.css  conn "5" 200
# S3 10:00:01.500Z GET http://[2001:db8::50]/cached.png  _fetchType "Memory Cache", no ip/connection
def safari():
    entries = [
        entry("2026-11-21T10:00:01.125Z", "GET", "http://[2001:db8::50]/", 200, status_text="OK",
              req_headers=[("Host", "[2001:db8::50]"), ("User-Agent", "Mozilla/5.0 (Macintosh) Safari/605.1.15")],
              resp_headers=[("Server", "Microsoft-IIS/10.0"), ("Content-Length", "512")],
              timings=T(blocked=0.5, dns=-1, connect=1.25, send=0.25, wait=4.5, receive=0.5), ip="2001:db8::50",
              connection="5", resp_body_size=512, extra={"_fetchType": "Network Load"}),
        entry("2026-11-21T10:00:01.375Z", "GET", "http://[2001:db8::50]/style.css", 200, status_text="OK",
              req_headers=[("Host", "[2001:db8::50]")],
              resp_headers=[("Server", "Microsoft-IIS/10.0"), ("Content-Length", "64")],
              timings=T(blocked=0.1, send=0.1, wait=2, receive=0.1), ip="2001:db8::50", connection="5",
              resp_body_size=64, extra={"_fetchType": "Network Load"}),
        entry("2026-11-21T10:00:01.500Z", "GET", "http://[2001:db8::50]/cached.png", 200, status_text="OK",
              req_headers=[("Host", "[2001:db8::50]")], timings=T(), resp_body_size=0,
              extra={"_fetchType": "Memory Cache"}),
    ]
    return har({"name": "WebKit Web Inspector", "version": "18.1"}, entries,
               pages=[{"startedDateTime": "2026-11-21T10:00:01.100Z", "id": "page_0", "title": "",
                       "pageTimings": {}}])


# --- bom.har: one entry, saved with a UTF-8 BOM (Windows tools do that) ------------------------------
def bom():
    return "\ufeff" + dump(har({"name": "WebInspector", "version": "537.36"}, [
        entry("2026-11-21T10:00:01.000Z", "GET", "http://iis.example.test/ü", 200, status_text="OK",
              req_headers=[("Host", "iis.example.test")], timings=T(send=1, wait=2, receive=3), ip="10.0.0.50",
              connection="7", resp_body_size=3)]))


# --- bad inputs ---------------------------------------------------------------------------------------
# truncated.har: chrome.har cut in the middle of entry 3 -> entries 1 and 2 kept, a located JSON error
def truncated():
    text = dump(chrome())
    third = text.index('"http://blocked.example.test/ads.js"')
    return text[:third + 10]


# wrong_types.har: seven entries
#  W1 valid
#  W2 "request" is a string -> skipped
#  W3 response.status "200" (a string) -> read as 200 with a note
#  W4 request.headers is an object, startedDateTime "yesterday" -> kept without times
#  W5 response.status true -> taken as a failed request
#  W6 the entry is the number 42 -> skipped
#  W7 timings is a string -> kept, only the start time known
def wrong_types():
    ok = lambda n: entry(f"2026-11-21T10:00:0{n}.000Z", "GET", f"http://iis.example.test/{n}", 200,
                         status_text="OK", req_headers=[("Host", "iis.example.test")],
                         timings=T(send=1, wait=1, receive=1), ip="10.0.0.50")
    w2 = ok(2)
    w2["request"] = "GET / HTTP/1.1"
    w3 = ok(3)
    w3["response"]["status"] = "200"
    w4 = ok(4)
    w4["request"]["headers"] = {"Host": "iis.example.test"}
    w4["startedDateTime"] = "yesterday"
    w5 = ok(5)
    w5["response"]["status"] = True
    w7 = ok(7)
    w7["timings"] = "fast"
    return har({"name": "hand-edited", "version": "0"}, [ok(1), w2, w3, w4, w5, 42, w7])


# syntax_error.har: entry 2 lacks a comma inside its response object (a hand edit gone wrong); the
# structure around it is intact, so entries 1 and 3 are kept and entry 2 is reported.
def syntax_error():
    e = lambda n: entry(f"2026-11-21T10:00:0{n}.000Z", "GET", f"http://iis.example.test/{n}", 200,
                        status_text="OK", req_headers=[("Host", "iis.example.test")],
                        timings=T(send=1, wait=1, receive=1), ip="10.0.0.50")
    text = dump(har({"name": "WebInspector", "version": "537.36"}, [e(1), e(2), e(3)]))
    second = text.index('"http://iis.example.test/2"')
    bad = text.index('"status": 200,', second)
    return text[:bad] + '"status": 200' + text[bad + len('"status": 200,'):]


# garbage_between.har: a bare word between entries 1 and 2: the structure breaks there, entry 1 is kept
def garbage_between():
    e = lambda n: entry(f"2026-11-21T10:00:0{n}.000Z", "GET", f"http://iis.example.test/{n}", 200,
                        status_text="OK", timings=T(send=1, wait=1, receive=1))
    text = dump(har({"name": "x", "version": "1"}, [e(1), e(2)]))
    brace = text.rindex("{", 0, text.index('"startedDateTime": "2026-11-21T10:00:02'))
    return text[:brace] + "garbage, " + text[brace:]


# log_not_object.har: {"log": []}
def log_not_object():
    return '{"log": [], "comment": "the log is an array"}\n'


# --- SAZ --------------------------------------------------------------------------------------------
CONTENT_TYPES = ('<?xml version="1.0" encoding="utf-8" ?>\r\n<Types xmlns="http://schemas.openxmlformats.org/'
                 'package/2006/content-types"><Default Extension="htm" ContentType="text/html" />'
                 '<Default Extension="xml" ContentType="application/xml" /><Default Extension="txt" '
                 'ContentType="text/plain" /></Types>')


def session_xml(sid, timers, flags, bitflags="0"):
    """_m.xml as Fiddler writes it: UTF-8 BOM, SessionTimers attributes, SessionFlags."""
    order = ["ClientConnected", "ClientBeginRequest", "GotRequestHeaders", "ClientDoneRequest", "GatewayTime",
             "DNSTime", "TCPConnectTime", "HTTPSHandshakeTime", "ServerConnected", "FiddlerBeginRequest",
             "ServerGotRequest", "ServerBeginResponse", "GotResponseHeaders", "ServerDoneResponse",
             "ClientBeginResponse", "ClientDoneResponse"]
    attrs = " ".join(f'{k}="{timers[k]}"' for k in order if k in timers)
    flag_xml = "".join(f'    <SessionFlag N="{n}" V="{v}" />\r\n' for n, v in flags)
    return ("\ufeff<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n"
            f'<Session SID="{sid}" BitFlags="{bitflags}">\r\n'
            f"  <SessionTimers {attrs} />\r\n"
            '  <PipeInfo CltReuse="true" />\r\n'
            "  <SessionFlags>\r\n" + flag_xml + "  </SessionFlags>\r\n</Session>")


def timers_at(base, offsets, zone="-07:00"):
    """base: 'YYYY-MM-DDTHH:MM:SS' local; offsets: name -> seconds after base (7 fractional digits)."""
    out = {"GatewayTime": "0", "DNSTime": "0", "TCPConnectTime": "0", "HTTPSHandshakeTime": "0"}
    for name, seconds in offsets.items():
        whole = int(seconds)
        frac = round((seconds - whole) * 10_000_000)
        hh, mm, ss = (int(x) for x in base[11:].split(":"))
        total = hh * 3600 + mm * 60 + ss + whole
        out[name] = f"{base[:11]}{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}.{frac:07d}{zone}"
    return out


def zip_bytes(members, compress=zipfile.ZIP_DEFLATED):
    import io
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for member in members:
            name, data = member[0], member[1]
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = member[2] if len(member) > 2 else compress if data else zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            z.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)
    return buf.getvalue()


def saz(sessions, width=2, extra_members=()):
    members = [("[Content_Types].xml", CONTENT_TYPES)]
    rows = []
    for sid, (c, s, m) in enumerate(sessions, start=1):
        n = f"{sid:0{width}d}"
        if c is not None:
            members.append((f"raw/{n}_c.txt", c))
        if s is not None:
            members.append((f"raw/{n}_s.txt", s))
        if m is not None:
            members.append((f"raw/{n}_m.xml", m))
        rows.append(f"<tr><td>{n}</td></tr>")
    members.append(("_index.htm", "<html><body><table>" + "".join(rows) + "</table></body></html>"))
    members.extend(extra_members)
    return zip_bytes(members)


# multi.saz: five sessions captured by Fiddler 5 on a machine at UTC-7 (timers "…-07:00", 7 digits)
#  01 GET http://iis.example.test/ (absolute form, as a proxy receives it) -> 200 CL 5, IIS 10
#     client 10.0.0.5:51000, server 10.0.0.50, egress port 52000
#     ClientBeginRequest 03:00:01.0000000-07:00 (10:00:01Z), ServerBeginResponse +0.020, done +0.025
#  02 POST http://iis.example.test/upload, Expect: 100-continue, CL 11; _s.txt holds
#     "HTTP/1.1 100 Continue" then "200 OK" (CL 2). Same client and egress port as 01: one connection
#  03 POST http://iis.example.test/chunked, chunked request body (2 chunks) and chunked response;
#     client port 51001, egress 52001 -> its own connection
#  04 GET http://[2001:db8::2]:8080/v6 -> 200; x-clientip "::ffff:10.0.0.6" (IPv4-mapped, read as
#     10.0.0.6), x-hostip 2001:db8::2 -> client 10.0.0.6:51002, server [2001:db8::2]:8080
#  05 CONNECT iis.example.test:443 -> 200 Connection Established (the tunnel Fiddler decrypts),
#     client port 51003, x-hostip 10.0.0.50, no egress port -> server 10.0.0.50:443
#  06 GET https://iis.example.test/secure, decrypted from that tunnel: the same client socket (51003)
#     and no egress port either. A tunnel session always stands alone (after a CONNECT the parser
#     would take the rest of the socket as tunnelled bytes), so 06 is a connection of its own.
def multi_saz():
    base = "2026-11-21T03:00:00"
    s1 = ("GET http://iis.example.test/ HTTP/1.1\r\nHost: iis.example.test\r\nConnection: keep-alive\r\n"
          "User-Agent: curl/8.4.0\r\n\r\n",
          "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nServer: Microsoft-IIS/10.0\r\n\r\nhello",
          session_xml(1, timers_at(base, {"ClientConnected": 0.9, "ClientBeginRequest": 1.0, "GotRequestHeaders": 1.001,
                                          "ClientDoneRequest": 1.001, "ServerConnected": 1.005,
                                          "FiddlerBeginRequest": 1.006, "ServerGotRequest": 1.007,
                                          "ServerBeginResponse": 1.020, "GotResponseHeaders": 1.021,
                                          "ServerDoneResponse": 1.025, "ClientBeginResponse": 1.021,
                                          "ClientDoneResponse": 1.026}),
                      [("x-clientip", "10.0.0.5"), ("x-clientport", "51000"), ("x-hostip", "10.0.0.50"),
                       ("x-egressport", "52000"), ("x-responsebodytransferlength", "5")]))
    s2 = ("POST http://iis.example.test/upload HTTP/1.1\r\nHost: iis.example.test\r\nExpect: 100-continue\r\n"
          "Content-Length: 11\r\nUser-Agent: curl/8.4.0\r\n\r\nhello world",
          "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\nServer: Microsoft-IIS/10.0\r\n\r\nok",
          session_xml(2, timers_at(base, {"ClientConnected": 0.9, "ClientBeginRequest": 2.0, "GotRequestHeaders": 2.001,
                                          "ClientDoneRequest": 2.050, "ServerConnected": 1.005,
                                          "FiddlerBeginRequest": 2.051, "ServerGotRequest": 2.052,
                                          "ServerBeginResponse": 2.060, "GotResponseHeaders": 2.061,
                                          "ServerDoneResponse": 2.062, "ClientBeginResponse": 2.061,
                                          "ClientDoneResponse": 2.063}),
                      [("x-clientip", "10.0.0.5"), ("x-clientport", "51000"), ("x-hostip", "10.0.0.50"),
                       ("x-egressport", "52000")]))
    s3 = ("POST http://iis.example.test/chunked HTTP/1.1\r\nHost: iis.example.test\r\nTransfer-Encoding: chunked\r\n"
          "\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
          "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nServer: Microsoft-IIS/10.0\r\n\r\n4\r\nabcd\r\n0\r\n\r\n",
          session_xml(3, timers_at(base, {"ClientConnected": 2.9, "ClientBeginRequest": 3.0, "GotRequestHeaders": 3.001,
                                          "ClientDoneRequest": 3.010, "ServerConnected": 3.012,
                                          "FiddlerBeginRequest": 3.013, "ServerGotRequest": 3.014,
                                          "ServerBeginResponse": 3.030, "GotResponseHeaders": 3.031,
                                          "ServerDoneResponse": 3.032, "ClientBeginResponse": 3.031,
                                          "ClientDoneResponse": 3.033}),
                      [("x-clientip", "10.0.0.5"), ("x-clientport", "51001"), ("x-hostip", "10.0.0.50"),
                       ("x-egressport", "52001")]))
    s4 = ("GET http://[2001:db8::2]:8080/v6 HTTP/1.1\r\nHost: [2001:db8::2]:8080\r\n\r\n",
          "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nServer: Kestrel\r\n\r\n",
          session_xml(4, timers_at(base, {"ClientConnected": 3.9, "ClientBeginRequest": 4.0, "GotRequestHeaders": 4.001,
                                          "ClientDoneRequest": 4.001, "ServerConnected": 4.002,
                                          "ServerGotRequest": 4.003, "ServerBeginResponse": 4.010,
                                          "GotResponseHeaders": 4.010, "ServerDoneResponse": 4.010,
                                          "ClientBeginResponse": 4.011, "ClientDoneResponse": 4.011}),
                      [("x-clientip", "::ffff:10.0.0.6"), ("x-clientport", "51002"), ("x-hostip", "2001:db8::2"),
                       ("x-egressport", "52002")]))
    s5 = ("CONNECT iis.example.test:443 HTTP/1.1\r\nHost: iis.example.test:443\r\n\r\n",
          "HTTP/1.1 200 Connection Established\r\nFiddlerGateway: Direct\r\n\r\n",
          session_xml(5, timers_at(base, {"ClientConnected": 4.9, "ClientBeginRequest": 5.0, "GotRequestHeaders": 5.0,
                                          "ClientDoneRequest": 5.0, "ServerConnected": 5.004,
                                          "ServerGotRequest": 5.004, "ServerBeginResponse": 5.004,
                                          "GotResponseHeaders": 5.004, "ServerDoneResponse": 5.004,
                                          "ClientBeginResponse": 5.004, "ClientDoneResponse": 5.005}),
                      [("x-clientip", "10.0.0.5"), ("x-clientport", "51003"), ("x-hostip", "10.0.0.50")],
                      bitflags="8192"))
    s6 = ("GET https://iis.example.test/secure HTTP/1.1\r\nHost: iis.example.test\r\n\r\n",
          "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nWWW-Authenticate: Negotiate\r\n\r\n",
          session_xml(6, timers_at(base, {"ClientBeginRequest": 6.0, "GotRequestHeaders": 6.0, "ClientDoneRequest": 6.0,
                                          "FiddlerBeginRequest": 6.001, "ServerGotRequest": 6.001,
                                          "ServerBeginResponse": 6.010, "GotResponseHeaders": 6.010,
                                          "ServerDoneResponse": 6.010, "ClientDoneResponse": 6.011}),
                      [("x-clientip", "10.0.0.5"), ("x-clientport", "51003"), ("x-hostip", "10.0.0.50")],
                      bitflags="1"))
    return saz([s1, s2, s3, s4, s5, s6])


# damaged.saz: four sessions (UTC+1 timers)
#  1 fine: GET / -> 200
#  2 _s.txt missing (Fiddler saves sessions that never got a response that way) -> request without response
#  3 _m.xml is not XML -> parsed without times, a located problem
#  4 _s.txt stored uncompressed with one byte changed after the CRC was computed -> damaged member
def damaged_saz():
    base = "2026-11-21T11:00:00"
    flags = lambda port: [("x-clientip", "10.0.0.7"), ("x-clientport", str(port)), ("x-hostip", "10.0.0.50"),
                          ("x-egressport", str(port + 1000))]
    timers = lambda t: timers_at(base, {"ClientConnected": t - 0.1, "ClientBeginRequest": t,
                                        "GotRequestHeaders": t + 0.001, "ClientDoneRequest": t + 0.001,
                                        "ServerGotRequest": t + 0.002, "ServerBeginResponse": t + 0.010,
                                        "GotResponseHeaders": t + 0.010, "ServerDoneResponse": t + 0.011,
                                        "ClientBeginResponse": t + 0.011, "ClientDoneResponse": t + 0.012},
                                 zone="+01:00")
    req = lambda path: f"GET http://iis.example.test{path} HTTP/1.1\r\nHost: iis.example.test\r\n\r\n"
    ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
    sessions = [
        (req("/1"), ok, session_xml(1, timers(1.0), flags(51010))),
        (req("/2"), None, session_xml(2, timers(2.0), flags(51011))),
        (req("/3"), ok, "<Session SID=\"3\"><SessionTimers ClientBeginRequest=\"2026-11-21T11:00:03"),
        (req("/4"), None, session_xml(4, timers(4.0), flags(51013))),
    ]
    damaged_body = "HTTP/1.1 200 OK\r\nContent-Length: 40\r\n\r\n" + "d" * 40
    data = bytearray(saz(sessions, width=1, extra_members=[("raw/4_s.txt", damaged_body, zipfile.ZIP_STORED)]))
    # The member was stored (not deflated), so its bytes appear verbatim: flip one body byte.
    at = data.index(b"d" * 40)
    data[at + 20] = ord("X")
    return bytes(data)


# truncated.saz: multi.saz cut after 60 % of its bytes (the central directory is gone)
def truncated_saz():
    data = multi_saz()
    return data[:len(data) * 6 // 10]


# bomb.saz: one session whose response is 20 MB of zeros (deflates to ~20 KB): the tests read it with
# small extraction limits and expect a located "limit" problem, not 20 MB in memory
def bomb_saz():
    head = "HTTP/1.1 200 OK\r\nContent-Length: 20000000\r\n\r\n"
    return saz([("GET http://iis.example.test/big HTTP/1.1\r\nHost: iis.example.test\r\n\r\n",
                 head.encode() + b"\0" * 20_000_000, None)])


# plain.zip: a zip of logs, not a SAZ (no raw/NN_c.txt): the SAZ sniffer must say no
def plain_zip():
    return zip_bytes([("logs/readme.txt", "not a session archive\r\n"),
                      ("logs/u_ex261121.log", "#Software: Microsoft Internet Information Services 10.0\r\n")])


# Fuzz seeds (tests/fuzz/seeds/{har,saz}): small HARs, and SAZ sessions in fuzz_saz's text form
# (request, response and _m.xml separated by "\n#~#\n", three parts per session) plus two archives.
def seeds():
    root = os.path.normpath(os.path.join(HERE, "..", "..", "fuzz", "seeds"))
    os.makedirs(os.path.join(root, "har"), exist_ok=True)
    os.makedirs(os.path.join(root, "saz"), exist_ok=True)

    def seed(kind, name, data):
        if isinstance(data, str):
            data = data.encode("utf-8")
        with open(os.path.join(root, kind, name), "wb") as f:
            f.write(data)

    seed("har", "chrome.har", dump(chrome()))
    seed("har", "firefox.har", dump(firefox()))
    seed("har", "fiddler.har", dump(fiddler()))
    seed("har", "bom.har", bom())
    seed("har", "wrong_types.har", dump(wrong_types()))
    seed("har", "truncated.har", truncated())
    sep = "\n#~#\n"
    meta = session_xml(1, timers_at("2026-11-21T03:00:00", {"ClientBeginRequest": 1.0, "FiddlerBeginRequest": 1.001,
                                                           "ServerGotRequest": 1.002, "ServerBeginResponse": 1.01,
                                                           "GotResponseHeaders": 1.011, "ServerDoneResponse": 1.02}),
                       [("x-clientip", "10.0.0.5"), ("x-clientport", "51000"), ("x-hostip", "10.0.0.50"),
                        ("x-egressport", "52000")])
    seed("saz", "continue.txt", sep.join([
        "POST http://h/upload HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\nhello",
        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", meta,
        "GET / HTTP/1.1\r\nHost: h\r\n\r\n", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
        meta.replace('SID="1"', 'SID="2"')]))
    seed("saz", "connect.txt", sep.join([
        "CONNECT h:443 HTTP/1.1\r\nHost: h:443\r\n\r\n", "HTTP/1.1 200 Connection Established\r\n\r\n",
        "<Session SID=\"9\" BitFlags=\"4097\"><SessionTimers ClientBeginRequest=\"0001-01-01T00:00:00\"/></Session>"]))
    seed("saz", "multi.saz", multi_saz())
    seed("saz", "damaged.saz", damaged_saz())


def main():
    write("chrome.har", dump(chrome()))
    write("firefox.har", dump(firefox()))
    write("charles.har", dump(charles()))
    write("fiddler.har", dump(fiddler()))
    write("safari.har", dump(safari()))
    write("bom.har", bom())
    write("truncated.har", truncated())
    write("wrong_types.har", dump(wrong_types()))
    write("syntax_error.har", syntax_error())
    write("garbage_between.har", garbage_between())
    write("log_not_object.har", log_not_object())
    write("multi.saz", multi_saz())
    write("damaged.saz", damaged_saz())
    write("truncated.saz", truncated_saz())
    write("bomb.saz", bomb_saz())
    write("plain.zip", plain_zip())
    seeds()


if __name__ == "__main__":
    main()
