#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes HttpSleuth's incident bundles: one folder per symptom id (capture + the W3C and HTTPERR logs
of the same traffic, with consistent 4-tuples and times) plus healthy bundles that must not raise a
warning. Each folder's expected.json says what tests/core/kb/test_kb_incidents.cpp checks: finding
ids, confidence, severity, count, connection keys and the evidence (file + frame or line) they cite.
Deterministic: run it again and nothing changes.

    python3 gen_incidents.py
"""

import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from incidentgen import MS, S, Bundle, Conn, chunked, crlf, iso_ns, request_head, response  # noqa: E402

T0 = iso_ns("2026-11-21T10:00:00Z")
IIS6 = dict(software="Microsoft Internet Information Services 6.0", banner="Microsoft-IIS/6.0",
            httperr_software="Microsoft HTTP API 1.0")
IIS75 = dict(software="Microsoft Internet Information Services 7.5", banner="Microsoft-IIS/7.5",
             httperr_software="Microsoft HTTP API 2.0")
IIS85 = dict(software="Microsoft Internet Information Services 8.5", banner="Microsoft-IIS/8.5",
             httperr_software="Microsoft HTTP API 2.0")
IIS10 = dict(software="Microsoft Internet Information Services 10.0", banner="Microsoft-IIS/10.0",
             httperr_software="Microsoft HTTP API 2.0")
W3C = "W3SVC1/u_ex261121.log"
ERR = "HTTPERR/httperr1.log"
BUNDLES = []


def bundle(name, **kw):
    b = Bundle(name, HERE, **kw)
    BUNDLES.append(b)
    return b


def background(b, t, clients=3, port0=52000, requests=3):
    """Ordinary keep-alive browsing, logged in W3C: the healthy traffic around an incident."""
    for i in range(clients):
        c = Conn(b, "10.0.1.%d" % (10 + i), port0 + i, t + i * 200 * MS)
        tt = t + i * 200 * MS + 2 * MS
        for k in range(requests):
            tt = c.exchange("GET", "/app/page%d.aspx" % k, tt + 20 * MS, resp_body=b"<html>page</html>") + MS
        c.fin(True, tt + 5 * S)
        c.fin(False, tt + 5 * S + MS)


def stray_continue(b, client_ip="10.0.0.5", port=51000, t=T0 + 5 * S, path="/upload.aspx"):
    c = Conn(b, client_ip, port, t)
    ua = "Mozilla/4.0 (compatible; MSIE 6.0)"
    c.client(request_head("POST", path, headers=["Content-Length: 5000", "User-Agent: " + ua]) + b"x" * 5000,
             t + 10 * MS, note="POST " + path)
    c.server(response(200, body=b"stored", server=b.banner), t + 50 * MS, note="final response")
    c.server(crlf("HTTP/1.1 100 Continue\n\n"), t + 52 * MS, note="stray 100 Continue after the final response")
    c.rst(True, t + 60 * MS, note="client RST after the stray 100")
    b.w3c(t + 50 * MS, client_ip, "POST", path, 200, 0, 0, 40 * MS, ua, tag="stray")
    return c


# -- one bundle per symptom id ------------------------------------------------------------------
def kb898708():
    b = bundle("kb898708", **IIS6)
    b.expected["description"] = "IIS 6.0 sends 100 Continue after 200 OK on a POST; the client resets."
    background(b, T0)
    c = stray_continue(b)
    b.expect("kb898708", confidence="high", severity="critical", count=1, connection=c.key,
             evidence=[{"source": b.capture_path(), "frame": b.frame_of("stray 100")},
                       {"source": W3C, "line": b.w3c_line_of("stray")}])
    b.expected["absent"] = ["continue-after-final-response"]


def continue_after_final():
    b = bundle("continue-after-final-response", **IIS10)
    b.expected["description"] = "IIS 10 (not 6.0) sends a stray 100 after the final response."
    background(b, T0)
    c = stray_continue(b)
    b.expect("continue-after-final-response", confidence="high", severity="warning", count=1, connection=c.key,
             evidence=[{"source": b.capture_path(), "frame": b.frame_of("stray 100")}])
    b.expected["absent"] = ["kb898708"]


def chunked_post_reset():
    b = bundle("chunked-post-reset", **IIS6)
    b.expected["description"] = ("3,999 chunked POSTs on one keep-alive connection, HTTP.sys resets it on the "
                                 "4,000th and logs Timer_HeaderWait for the 4-tuple (KB967853).")
    b.gzip_capture = True
    b.gzip_logs = True
    background(b, T0)
    c = Conn(b, "10.0.0.7", 51515, T0 + 2 * S)
    head = request_head("POST", "/ingest/events.ashx",
                        headers=["Transfer-Encoding: chunked", "User-Agent: EventAgent/2.1"])
    body = chunked(b'{"event":"tick"}')
    t = T0 + 2 * S + 10 * MS
    for i in range(3999):
        c.client(head + body, t, ack=False)
        c.server(response(200, body=b"ok", server=b.banner), t + 4 * MS, ack=False)
        b.w3c(t + 4 * MS, "10.0.0.7", "POST", "/ingest/events.ashx", 200, 0, 0, 4 * MS, "EventAgent/2.1")
        t += 20 * MS
    c.client(head + b"10\r\n{\"event\":\"ti", t, ack=False, note="POST #4000, in flight")
    c.rst(False, t + 3 * MS, note="server RST")
    b.httperr(t + 3 * MS, "10.0.0.7", 51515, "Timer_HeaderWait", tag="headerwait")
    b.expect("chunked-post-reset", confidence="high", severity="critical", count=1, connection=c.key,
             text_contains=["request #4,000"],
             evidence=[{"source": b.capture_path(), "frame": b.frame_of("server RST")},
                       {"source": ERR, "line": b.httperr_line_of("headerwait")}])


def keepalive_by_design():
    b = bundle("http11-keepalive-by-design", software="Microsoft Internet Information Server 4.0",
               banner="Microsoft-IIS/4.0", httperr_software="Microsoft HTTP API 1.0")
    b.expected["description"] = "IIS 4.0 with keep-alives unchecked: HTTP/1.0 keep-alive closed, HTTP/1.1 persists."
    a = Conn(b, "10.2.0.5", 1025, T0)
    end = a.exchange("GET", "/index.htm", T0 + 10 * MS, version="HTTP/1.0", headers=["Connection: Keep-Alive"],
                     ua="Mozilla/4.0 (compatible; MSIE 4.01)", resp_body=b"<html>home</html>")
    a.fin(False, end + MS, note="server closes the HTTP/1.0 keep-alive connection")
    a.fin(True, end + 2 * MS)
    c = Conn(b, "10.2.0.6", 1030, T0 + S)
    t = T0 + S + 10 * MS
    for path in ("/index.htm", "/logo.gif", "/style.css"):
        t = c.exchange("GET", path, t + 10 * MS, ua="Mozilla/4.0 (compatible; MSIE 5.0)", resp_body=b"data") + MS
    b.expect("http11-keepalive-by-design", confidence="high", severity="info")
    b.expected["no_alarms"] = True


def continue_to_http10():
    b = bundle("continue-to-http10-client", **IIS6)
    b.expected["description"] = "100 Continue answered to an HTTP/1.0 POST."
    background(b, T0)
    c = Conn(b, "10.3.0.5", 2000, T0 + 3 * S)
    t = T0 + 3 * S + 10 * MS
    c.client(request_head("POST", "/cgi/form.asp", version="HTTP/1.0",
                          headers=["Content-Length: 120", "Expect: 100-continue", "User-Agent: LegacyAgent/1.0"]),
             t, note="HTTP/1.0 POST head")
    c.server(crlf("HTTP/1.1 100 Continue\n\n"), t + MS, note="100 to HTTP/1.0")
    c.client(b"f" * 120, t + 2 * MS)
    c.server(response(200, body=b"thanks", server=b.banner), t + 20 * MS)
    c.fin(False, t + 21 * MS)
    b.w3c(t + 20 * MS, "10.3.0.5", "POST", "/cgi/form.asp", 200, 0, 0, 20 * MS, "LegacyAgent/1.0", "HTTP/1.0")
    b.expect("continue-to-http10-client", confidence="high", severity="warning", count=1, connection=c.key,
             evidence=[{"source": b.capture_path(), "frame": b.frame_of("100 to HTTP/1.0")}])


def server_waits_for_body():
    b = bundle("server-waits-for-body-before-100", **IIS10)
    b.expected["description"] = "curl waits 1 s, sends the body, and only then the server sends 100."
    background(b, T0)
    c = Conn(b, "10.4.0.5", 3000, T0 + 3 * S)
    t = T0 + 3 * S + 10 * MS
    c.client(request_head("POST", "/upload", headers=["Content-Length: 4000", "Expect: 100-continue",
                                                      "User-Agent: curl/7.68.0"]), t, note="POST head")
    c.client(b"d" * 4000, t + 1001 * MS, note="body after 1 s")
    c.server(crlf("HTTP/1.1 100 Continue\n\n"), t + 1010 * MS, note="late 100")
    c.server(response(200, body=b"ok", server=b.banner), t + 1050 * MS)
    c.fin(True, t + 1100 * MS)
    b.w3c(t + 1050 * MS, "10.4.0.5", "POST", "/upload", 200, 0, 0, 1050 * MS, "curl/7.68.0", tag="post")
    b.expect("server-waits-for-body-before-100", confidence="high", severity="warning", count=1, connection=c.key,
             evidence=[{"source": b.capture_path(), "frame": b.frame_of("late 100")},
                       {"source": W3C, "line": b.w3c_line_of("post")}])
    b.expect("expect-100-client-wait", confidence="high", count=1, text_contains=["curl / libcurl"])


def continue_without_final():
    b = bundle("continue-without-final-response", **IIS10)
    b.expected["description"] = "100 Continue, the body stalls, HTTP.sys resets after 2 minutes (Timer_EntityBody)."
    background(b, T0)
    c = Conn(b, "10.5.0.5", 4000, T0 + 3 * S)
    t = T0 + 3 * S + 10 * MS
    c.client(request_head("POST", "/upload", headers=["Content-Length: 50000", "Expect: 100-continue",
                                                      "User-Agent: Uploader/2.0"]), t, note="POST head")
    c.server(crlf("HTTP/1.1 100 Continue\n\n"), t + MS, note="100 Continue")
    c.client(b"u" * 8000, t + 3 * MS, note="first 8000 body bytes, then nothing")
    c.rst(False, t + 123 * S, note="server RST after connectionTimeout")
    b.httperr(t + 123 * S, "10.5.0.5", 4000, "Timer_EntityBody", method="POST", uri="/upload", site="1",
              queue="DefaultAppPool", tag="entity")
    b.expect("continue-without-final-response", confidence="high", severity="warning", count=1, connection=c.key,
             evidence=[{"source": b.capture_path(), "frame": b.frame_of("server RST")},
                       {"source": ERR, "line": b.httperr_line_of("entity")}])
    b.expect("slow-request-body", confidence="high", count=1)


def expect_without_body():
    b = bundle("expect-without-body", **IIS10)
    b.expected["description"] = "GET with Expect: 100-continue."
    background(b, T0)
    c = Conn(b, "10.6.0.5", 5000, T0 + 3 * S)
    t = T0 + 3 * S + 10 * MS
    c.client(request_head("GET", "/status", headers=["Expect: 100-continue", "User-Agent: Monitor/1.0"]), t,
             note="GET with Expect")
    c.server(response(200, body=b"up", server=b.banner), t + 3 * MS)
    c.fin(True, t + 10 * MS)
    b.w3c(t + 3 * MS, "10.6.0.5", "GET", "/status", 200, 0, 0, 3 * MS, "Monitor/1.0")
    b.expect("expect-without-body", confidence="high", severity="warning", count=1, connection=c.key,
             evidence=[{"source": b.capture_path(), "frame": b.frame_of("GET with Expect")}])


def client_wait():
    b = bundle("expect-100-client-wait", **IIS10)
    b.expected["description"] = "curl waits 1 s for a 100 that never comes on three uploads (a proxy drops it)."
    background(b, T0)
    c = Conn(b, "10.7.0.5", 6000, T0 + 3 * S)
    t = T0 + 3 * S + 10 * MS
    for i in range(3):
        c.client(request_head("POST", "/api/import", headers=["Content-Length: 3000", "Expect: 100-continue",
                                                              "User-Agent: curl/7.68.0"]), t, note="POST head %d" % i)
        c.client(b"i" * 3000, t + 1002 * MS, note="body after 1 s %d" % i)
        c.server(response(200, body=b"imported", server=b.banner), t + 1040 * MS)
        b.w3c(t + 1040 * MS, "10.7.0.5", "POST", "/api/import", 200, 0, 0, 1040 * MS, "curl/7.68.0")
        t += 2 * S
    c.fin(True, t)
    b.expect("expect-100-client-wait", confidence="high", severity="warning", count=3, connection=c.key,
             text_contains=["curl / libcurl"],
             evidence=[{"source": b.capture_path(), "frame": b.frame_of("body after 1 s 0")}])


def case_mismatch():
    b = bundle("expect-100-case-mismatch", **IIS6)
    b.expected["description"] = "Expect: 100-Continue ignored by HTTP.sys; the upload stalls until Timer_EntityBody."
    background(b, T0)
    c = Conn(b, "10.8.0.5", 7000, T0 + 3 * S)
    t = T0 + 3 * S + 10 * MS
    c.client(request_head("POST", "/upload.ashx", headers=["Content-Length: 500000", "Expect: 100-Continue",
                                                           "User-Agent: JavaUploader/1.4"]), t, note="POST head")
    c.rst(False, t + 120 * S + 200 * MS, note="server RST")
    b.httperr(t + 120 * S + 200 * MS, "10.8.0.5", 7000, "Timer_EntityBody", method="POST", uri="/upload.ashx",
              site="1", queue="DefaultAppPool", tag="entity")
    b.expect("expect-100-case-mismatch", confidence="high", severity="warning", count=1, connection=c.key,
             evidence=[{"source": b.capture_path(), "frame": b.frame_of("POST head")},
                       {"source": ERR, "line": b.httperr_line_of("entity")}])


def expectation_failed():
    b = bundle("expectation-failed-417", server_ip="172.16.0.1", port=3128, **IIS10)
    b.expected["description"] = "Client-side capture: Squid 2.7 answers 417; the client retries without Expect."
    c = Conn(b, "172.16.0.5", 8000, T0)
    t = T0 + 10 * MS
    url = "http://app.example.com/api/orders"
    c.client(request_head("POST", url, host="app.example.com",
                          headers=["Content-Length: 500", "Expect: 100-continue", "User-Agent: curl/7.70.0"]),
             t, note="POST with Expect")
    c.server(response(417, headers=["Via: 1.0 proxy.example.com:3128 (squid/2.7.STABLE9)"],
                      body=b"expectation failed", server="squid/2.7.STABLE9"), t + 3 * MS, note="417 from Squid")
    c.client(request_head("POST", url, host="app.example.com",
                          headers=["Content-Length: 500", "User-Agent: curl/7.70.0"]) + b"o" * 500, t + 10 * MS)
    c.server(response(200, headers=["Via: 1.0 proxy.example.com:3128 (squid/2.7.STABLE9)"], body=b"ok",
                      server="Microsoft-IIS/10.0"), t + 60 * MS)
    c.fin(True, t + 100 * MS)
    b.expect("expectation-failed-417", confidence="high", severity="warning", count=1, connection=c.key,
             text_contains=["retried without Expect"],
             evidence=[{"source": b.capture_path(), "frame": b.frame_of("417 from Squid")}])


def early_response_reset():
    b = bundle("early-response-reset", **IIS75)
    b.expected["description"] = "413 to a 20 MB upload before the body was read; the server resets the sender."
    background(b, T0)
    c = Conn(b, "10.9.0.5", 9000, T0 + 3 * S)
    t = T0 + 3 * S + 10 * MS
    c.client(request_head("POST", "/upload.aspx", headers=["Content-Length: 20000000", "User-Agent: Uploader/1.0"])
             + b"z" * 60000, t, note="upload head and first 60 KB")
    c.server(response(413, headers=["Connection: close"], body=b"too large", server=b.banner), t + 40 * MS,
             note="413 before the body was read")
    c.fin(False, t + 41 * MS)
    c.client(b"z" * 30000, t + 45 * MS, ack=False, note="client still sending")
    c.rst(False, t + 46 * MS, note="server RST")
    b.w3c(t + 40 * MS, "10.9.0.5", "POST", "/upload.aspx", 413, 0, 64, 40 * MS, "Uploader/1.0", tag="413")
    b.expect("early-response-reset", confidence="high", severity="warning", count=1, connection=c.key,
             evidence=[{"source": b.capture_path(), "frame": b.frame_of("server RST")},
                       {"source": W3C, "line": b.w3c_line_of("413")}])
    b.expected["absent"] = ["client-cert-renegotiation-413"]


def idle_race():
    b = bundle("keepalive-idle-race", **IIS85)
    b.expected["description"] = "A pooled connection is reused as HTTP.sys closes it after 120 s idle."
    background(b, T0)
    c = Conn(b, "10.10.0.5", 9100, T0 + 3 * S)
    t = T0 + 3 * S + 10 * MS
    end = c.exchange("GET", "/api/a", t, ua="OrdersClient/3.2 (.NET CLR 4.0.30319)")
    close = end + 120 * S
    c.fin(False, close, note="server FIN after 120 s idle")
    c.client(request_head("GET", "/api/b", headers=["User-Agent: OrdersClient/3.2 (.NET CLR 4.0.30319)"]),
             close + 300 * 1000, ack=False, note="request crossing the FIN")
    c.rst(False, close + MS, note="server RST")
    b.httperr(close, "10.10.0.5", 9100, "Timer_ConnectionIdle", tag="idle")
    b.expect("keepalive-idle-race", confidence="high", severity="warning", count=1, connection=c.key,
             text_contains=["120 s"],
             evidence=[{"source": b.capture_path(), "frame": b.frame_of("request crossing")},
                       {"source": ERR, "line": b.httperr_line_of("idle")}])


def connection_dropped():
    b = bundle("connection-dropped", **IIS75)
    b.expected["description"] = "40 Connection_Dropped lines for a slow report; W3C shows 200 0 64 aborts."
    background(b, T0)
    for i in range(40):
        t = T0 + 10 * S + i * 30 * S
        b.httperr(t, "10.11.1.%d" % (i + 1), 5100 + i, "Connection_Dropped", method="GET", uri="/reports/big.aspx",
                  site="1", queue="ReportsPool", tag="drop%d" % i)
        b.w3c(t - 5 * S, "10.11.2.%d" % (i + 1), "GET", "/reports/big.aspx", 200, 0, 64, 95 * S)
    c = Conn(b, "10.11.1.1", 5100, T0 + 10 * S - 90 * S)
    t = T0 + 10 * S - 90 * S + 10 * MS
    c.client(request_head("GET", "/reports/big.aspx", headers=["User-Agent: Mozilla/5.0"]), t, note="report request")
    c.rst(True, t + 60 * S, note="client gives up")
    b.expect("connection-dropped", confidence="high", severity="warning", count=40, connection=c.key,
             text_contains=["/reports/big.aspx (40)", "ReportsPool (40)"],
             evidence=[{"source": ERR, "line": b.httperr_line_of("drop0")}])


def slow_request_body():
    b = bundle("slow-request-body", **IIS10)
    b.expected["description"] = "Three uploads stall; one is in the capture."
    background(b, T0)
    c = Conn(b, "10.12.0.5", 7103, T0 + 3 * S)
    t = T0 + 3 * S + 10 * MS
    c.client(request_head("POST", "/upload.ashx", headers=["Content-Length: 900000", "User-Agent: Sync/5.0"])
             + b"s" * 20000, t, note="upload starts")
    c.rst(False, t + 121 * S, note="server RST")
    b.httperr(t + 121 * S, "10.12.0.5", 7103, "Timer_EntityBody", method="POST", uri="/upload.ashx", site="1",
              queue="DefaultAppPool", tag="captured")
    b.httperr(T0 + 600 * S, "10.12.0.6", 7104, "Timer_EntityBody", method="POST", uri="/upload.ashx", site="1",
              queue="DefaultAppPool")
    b.httperr(T0 + 1200 * S, "10.12.0.7", 7105, "Timer_EntityBody", method="PUT", uri="/files/a.bin", site="1",
              queue="DefaultAppPool")
    b.expect("slow-request-body", confidence="high", severity="info", count=3, connection=c.key,
             evidence=[{"source": ERR, "line": b.httperr_line_of("captured")}])


def slow_reader():
    b = bundle("slow-reader", **IIS10)
    b.expected["description"] = "25 Timer_MinBytesPerSecond resets; one download is in the capture."
    background(b, T0)
    for i in range(25):
        b.httperr(T0 + 300 * S + i * 72 * S, "10.13.1.%d" % (i + 1), 8100 + i, "Timer_MinBytesPerSecond",
                  tag="slow%d" % i)
    c = Conn(b, "10.13.1.1", 8100, T0 + 300 * S - 180 * S)
    t = T0 + 120 * S + 10 * MS
    c.client(request_head("GET", "/downloads/setup.exe", headers=["User-Agent: Mozilla/5.0"]), t)
    c.server(crlf("HTTP/1.1 200 OK\nServer: %s\nContent-Length: 40000000\n\n" % b.banner) + b"e" * 2920, t + 5 * MS,
             note="download starts")
    c.rst(False, T0 + 300 * S, note="server RST")
    b.expect("slow-reader", confidence="high", severity="warning", count=25, connection=c.key,
             evidence=[{"source": ERR, "line": b.httperr_line_of("slow0")}])


def service_unavailable():
    b = bundle("service-unavailable-503", **IIS10)
    b.expected["description"] = "A minute of QueueFull 503s in an otherwise quiet hour."
    background(b, T0)
    for i in range(60):
        b.httperr(T0 + i * 60 * S, "10.15.1.%d" % (i + 1), 9100 + i, "Timer_ConnectionIdle")
    for i in range(150):
        b.httperr(T0 + 1800 * S + i * 400 * MS, "10.15.2.%d" % (i % 200 + 1), 10000 + i, "QueueFull", method="POST",
                  uri="/api/orders", status="503", site="1", queue="OrdersPool", tag="q%d" % i)
    c = Conn(b, "10.15.2.1", 10000, T0 + 1800 * S - 5 * MS)
    c.client(request_head("POST", "/api/orders", headers=["Content-Length: 300", "User-Agent: Shop/1.0"])
             + b"p" * 300, T0 + 1800 * S - 2 * MS)
    c.server(response(503, body=b"<h1>Service Unavailable</h1>", server="Microsoft-HTTPAPI/2.0"), T0 + 1800 * S,
             note="503 from HTTP.sys")
    c.fin(False, T0 + 1800 * S + MS)
    b.expect("service-unavailable-503", confidence="high", severity="critical", count=150, connection=c.key,
             text_contains=["Spikes:", "OrdersPool (150)"],
             evidence=[{"source": ERR, "line": b.httperr_line_of("q0")},
                       {"source": b.capture_path(), "frame": b.frame_of("503 from HTTP.sys")}])


def app_pool_abandoned():
    b = bundle("app-pool-abandoned", **IIS10)
    b.expected["description"] = "Eight requests orphaned when the worker process crashed."
    background(b, T0)
    for i in range(8):
        b.httperr(T0 + 1200 * S + i * 100 * MS, "10.16.1.%d" % (i + 1), 6100 + i, "Connection_Abandoned_By_ReqQueue",
                  method="POST", uri="/checkout.aspx", site="1", queue="ShopPool", tag="a%d" % i)
    c = Conn(b, "10.16.1.1", 6100, T0 + 1195 * S)
    c.client(request_head("POST", "/checkout.aspx", headers=["Content-Length: 2000", "User-Agent: Mozilla/5.0"])
             + b"c" * 2000, T0 + 1195 * S + 10 * MS, note="checkout")
    c.rst(False, T0 + 1200 * S, note="server RST")
    b.expect("app-pool-abandoned", confidence="high", severity="critical", count=8, connection=c.key,
             evidence=[{"source": ERR, "line": b.httperr_line_of("a0")},
                       {"source": b.capture_path(), "frame": b.frame_of("server RST")}])


def oversized_headers():
    b = bundle("oversized-request-headers", **IIS10)
    b.expected["description"] = "Kerberos token bloat: HTTP.sys rejects the request headers (RequestLength)."
    background(b, T0)
    for i in range(3):
        b.httperr(T0 + 60 * S + i * 20 * S, "10.17.0.%d" % (5 + i), 9300 + i, "RequestLength", method="GET",
                  uri="/intranet/", status="400", tag="r%d" % i)
    c = Conn(b, "10.17.0.5", 9300, T0 + 60 * S - 5 * MS)
    token = "YII" + "A" * 20000
    c.client(request_head("GET", "/intranet/", headers=["User-Agent: Mozilla/5.0", "Authorization: Negotiate " + token]),
             T0 + 60 * S - 3 * MS, note="request with a 20 KB Authorization header")
    c.server(response(400, body=b"Bad Request - Request Header Too Long", server="Microsoft-HTTPAPI/2.0",
                      reason="Bad Request"), T0 + 60 * S, note="400 from HTTP.sys")
    c.fin(False, T0 + 60 * S + MS)
    b.expect("oversized-request-headers", confidence="high", severity="warning", count=3, connection=c.key,
             evidence=[{"source": ERR, "line": b.httperr_line_of("r0")}])


def ambiguous_framing():
    b = bundle("ambiguous-framing-te-cl", **IIS10)
    b.expected["description"] = "A request with both Transfer-Encoding: chunked and Content-Length."
    background(b, T0)
    c = Conn(b, "10.18.0.5", 9400, T0 + 3 * S)
    t = T0 + 3 * S + 10 * MS
    body = chunked(b"a=1&b=2")
    c.client(request_head("POST", "/api/submit", headers=["Transfer-Encoding: chunked", "Content-Length: %d" % len(body),
                                                          "User-Agent: Probe/0.1"]) + body, t, note="TE+CL request")
    c.server(response(200, body=b"ok", server=b.banner), t + 5 * MS)
    end = c.exchange("GET", "/api/next", t + 10 * MS, ua="Probe/0.1")
    c.fin(True, end + MS)
    b.w3c(t + 5 * MS, "10.18.0.5", "POST", "/api/submit", 200, 0, 0, 5 * MS, "Probe/0.1")
    b.expect("ambiguous-framing-te-cl", confidence="high", severity="warning", count=1, connection=c.key,
             evidence=[{"source": b.capture_path(), "frame": b.frame_of("TE+CL request")}])


def client_cert():
    b = bundle("client-cert-renegotiation-413", port=443, **IIS85)
    b.expected["description"] = "Large HTTPS uploads to a client-certificate path get 413; renegotiations stall."
    for i in range(4):
        b.w3c(T0 + 60 * S + i * 90 * S, "10.19.0.%d" % (5 + i), "POST", "/certauth/upload.aspx", 413, 0, 0, 15 * MS,
              "Mozilla/5.0", tag="w%d" % i)
    for i in range(2):
        b.httperr(T0 + 200 * S + i * 100 * S, "10.19.0.%d" % (20 + i), 9500 + i, "Timer_SslRenegotiation", tag="s%d" % i)
    b.expect("client-cert-renegotiation-413", confidence="high", severity="warning", count=4,
             evidence=[{"source": W3C, "line": b.w3c_line_of("w0")}, {"source": ERR, "line": b.httperr_line_of("s0")}])


def clock_skew():
    b = bundle("clock-skew", **IIS6)
    b.expected["description"] = ("The capture was taken on a machine whose clock runs 37.25 s ahead; the offset "
                                 "is estimated from matching requests and the W3C line still corroborates.")
    b.skew_ns = 37250 * MS
    c = Conn(b, "10.0.0.5", 50990, T0)
    t = T0 + 10 * MS
    for i in range(12):
        t = c.exchange("GET", "/catalog/item%d.aspx" % i, t + 700 * MS + i * 37 * MS, ua="Mozilla/5.0",
                       resp_body=b"item") + MS
    c.fin(True, t + 10 * MS)
    s = stray_continue(b, t=T0 + 20 * S)
    b.expect("kb898708", confidence="high", severity="critical", count=1, connection=s.key,
             evidence=[{"source": W3C, "line": b.w3c_line_of("stray")}])
    b.expected["clock_offset"] = {"source": b.capture_path(), "offset_us": -37250000, "tolerance_us": 700000}


# -- healthy bundles ------------------------------------------------------------------------------
def healthy(name, style):
    b = bundle(name, **style)
    b.expected["description"] = ("Healthy traffic: keep-alive reuse, prompt 100-continue, chunked uploads, idle "
                                 "connections closed by HTTP.sys (Timer_ConnectionIdle), one cancelled download.")
    b.expected["no_alarms"] = True
    background(b, T0, clients=5, requests=4)
    t = T0 + 5 * S
    for i in range(3):  # uploads with Expect answered at once
        c = Conn(b, "10.20.0.%d" % (i + 1), 40000 + i, t)
        h = t + 10 * MS
        c.client(request_head("POST", "/upload", headers=["Content-Length: 2000", "Expect: 100-continue",
                                                          "User-Agent: curl/7.68.0"]), h)
        c.server(crlf("HTTP/1.1 100 Continue\n\n"), h + MS)
        c.client(b"b" * 2000, h + 2 * MS)
        c.server(response(201, body=b"created", server=b.banner), h + 30 * MS)
        b.w3c(h + 30 * MS, "10.20.0.%d" % (i + 1), "POST", "/upload", 201, 0, 0, 30 * MS, "curl/7.68.0")
        c.fin(True, h + 40 * MS)
        c.fin(False, h + 41 * MS)
        t += 3 * S
    c = Conn(b, "10.21.0.1", 41000, t)  # normal chunked uploads on one keep-alive connection
    h = t + 10 * MS
    for i in range(60):
        c.client(request_head("POST", "/ingest/events.ashx", headers=["Transfer-Encoding: chunked",
                                                                      "User-Agent: EventAgent/2.1"])
                 + chunked(b'{"event":%d}' % i), h)
        c.server(response(200, body=b"ok", server=b.banner), h + 4 * MS)
        b.w3c(h + 4 * MS, "10.21.0.1", "POST", "/ingest/events.ashx", 200, 0, 0, 4 * MS, "EventAgent/2.1")
        h += 50 * MS
    c.fin(True, h)
    c.fin(False, h + MS)
    for i in range(6):  # idle keep-alive connections that HTTP.sys closes after connectionTimeout
        c = Conn(b, "10.22.0.%d" % (i + 1), 42000 + i, t + i * S)
        end = c.exchange("GET", "/home.aspx", t + i * S + 10 * MS, resp_body=b"home")
        c.fin(False, end + 120 * S)
        c.fin(True, end + 120 * S + MS)
        b.httperr(end + 120 * S, "10.22.0.%d" % (i + 1), 42000 + i, "Timer_ConnectionIdle")
    c = Conn(b, "10.23.0.1", 43000, t + 10 * S)  # a cancelled download
    h = t + 10 * S + 10 * MS
    c.client(request_head("GET", "/files/big.zip", headers=["User-Agent: Mozilla/5.0"]), h)
    c.server(crlf("HTTP/1.1 200 OK\nServer: %s\nContent-Length: 9000000\n\n" % b.banner) + b"z" * 8760, h + 5 * MS)
    c.rst(True, h + 900 * MS)
    b.w3c(h + 900 * MS, "10.23.0.1", "GET", "/files/big.zip", 200, 0, 64, 900 * MS, "Mozilla/5.0")


def main():
    for name in os.listdir(HERE):  # regenerate from scratch: a removed scenario leaves nothing behind
        path = os.path.join(HERE, name)
        if os.path.isdir(path) and os.path.exists(os.path.join(path, "expected.json")):
            shutil.rmtree(path)
    for make in (kb898708, continue_after_final, chunked_post_reset, keepalive_by_design, continue_to_http10,
                 server_waits_for_body, continue_without_final, expect_without_body, client_wait, case_mismatch,
                 expectation_failed, early_response_reset, idle_race, connection_dropped, slow_request_body,
                 slow_reader, service_unavailable, app_pool_abandoned, oversized_headers, ambiguous_framing,
                 client_cert, clock_skew):
        make()
    healthy("healthy-iis10", IIS10)
    healthy("healthy-iis6", IIS6)
    for b in BUNDLES:
        b.write()
        print("wrote", b.name)


if __name__ == "__main__":
    main()
