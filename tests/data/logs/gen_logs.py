#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the log fixtures the reader tests check field by field.

Every file is small and documented here; the tests in tests/core/test_w3c_reader.cpp,
test_httperr_reader.cpp and test_access_formats.cpp assert the values written below.
Deterministic: running it twice gives identical bytes.

    python3 tests/data/logs/gen_logs.py        # rewrites the fixtures next to this script
"""
import gzip
import io
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, data):
    path = os.path.join(HERE, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


IIS10_HEADER = (
    "#Software: Microsoft Internet Information Services 10.0\r\n"
    "#Version: 1.0\r\n"
    "#Date: 2026-11-21 10:00:00\r\n"
    "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) "
    "cs(Referer) sc-status sc-substatus sc-win32-status time-taken\r\n"
)

# w3c/iis10_basic.log: UTF-8 BOM, CRLF, the IIS 8.0+ default field set.
#   line 5: GET 200 from 10.0.0.5 with a '+'-encoded user agent
#   line 6: POST 200 0 64 (client went away) from an IPv6 client with a zone id, 1250 ms
#   line 7: 404 with a query string, '-' for user agent and referer
#   line 8: UTF-8 path (é), 500.19
#   line 9: HEAD with sub-status 0 and win32 1236
IIS10_LINES = [
    "2026-11-21 10:00:01 10.0.0.50 GET /index.html - 80 - 10.0.0.5 "
    "Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64) - 200 0 0 15",
    "2026-11-21 10:00:02 10.0.0.50 POST /upload/data.aspx - 80 CONTOSO\\alice fe80::1%3 "
    "curl/8.4.0 https://app.example/form 200 0 64 1250",
    "2026-11-21 10:00:03 10.0.0.50 GET /missing.gif id=7&x=%20 80 - 10.0.0.6 - - 404 0 2 3",
    "2026-11-21 10:00:04 10.0.0.50 GET /caf\u00e9/men\u00fc.aspx - 443 - 10.0.0.7 Edge - 500 19 13 31",
    "2026-11-21 10:00:05 10.0.0.50 HEAD /big.iso - 80 - 10.0.0.8 Wget/1.21 - 200 0 1236 90000",
]
write("w3c/iis10_basic.log",
      b"\xef\xbb\xbf" + (IIS10_HEADER + "\r\n".join(IIS10_LINES) + "\r\n").encode("utf-8"))

# w3c/fields_change.log: LF, a restart re-emits the header with a different field set mid-file,
# custom fields (IIS 8.5+ X-Forwarded-For, sc(Content-Type)), and no final newline.
#   line 5: first layout (7 fields)
#   line 10: second layout (11 fields) with cs-host, sc-bytes, cs-bytes, cs-version and custom fields
#   line 11: second layout, last line without a newline
FIELDS_CHANGE = (
    "#Software: Microsoft Internet Information Services 8.5\n"
    "#Version: 1.0\n"
    "#Date: 2026-11-21 09:00:00\n"
    "#Fields: date time c-ip cs-method cs-uri-stem sc-status time-taken\n"
    "2026-11-21 09:00:01 192.0.2.10 GET /a 200 5\n"
    "#Software: Microsoft Internet Information Services 8.5\n"
    "#Version: 1.0\n"
    "#Date: 2026-11-21 09:30:00\n"
    "#Fields: date time c-ip cs-version cs-method cs-uri-stem cs-host sc-status sc-bytes cs-bytes "
    "X-Forwarded-For sc(Content-Type)\n"
    "2026-11-21 09:30:01 192.0.2.11 HTTP/1.1 POST /b app.example 201 512 4096 203.0.113.9 application/json\n"
    "2026-11-21 09:30:02 192.0.2.12 HTTP/1.0 GET /c app.example 304 0 180 - -"
)
write("w3c/fields_change.log", FIELDS_CHANGE.encode("ascii"))

# w3c/byte_counts.log: sc-bytes / cs-bytes at the limits of the 40-bit columns (1 TiB - 2).
#   line 3: both at the largest value kept, 1099511627774
#   line 4: sc-bytes one above it -> left empty with a note; cs-bytes 2^64 - 1 -> the same
#   line 5: zero and "-"
BYTE_COUNTS = (
    "#Software: Microsoft Internet Information Services 10.0\n"
    "#Fields: date time c-ip cs-method cs-uri-stem sc-status sc-bytes cs-bytes\n"
    "2026-11-21 11:00:01 10.0.0.1 GET /huge 200 1099511627774 1099511627774\n"
    "2026-11-21 11:00:02 10.0.0.1 GET /huger 200 1099511627775 18446744073709551615\n"
    "2026-11-21 11:00:03 10.0.0.1 GET /empty 204 0 -\n"
)
write("w3c/byte_counts.log", BYTE_COUNTS.encode("ascii"))

# w3c/ansi.log: written in the ANSI code page (Windows-1252): the path holds 0xE9 ('é').
ANSI = (IIS10_HEADER.replace("\r\n", "\n") +
        "2026-11-21 11:00:00 10.0.0.50 GET /r\xe9sum\xe9.html - 80 - 10.0.0.9 Mozilla/4.0 - 200 0 0 7\n")
write("w3c/ansi.log", ANSI.encode("cp1252"))

# w3c/dateless.log: IIS 6-style custom field set without a date column: the date comes from #Date.
DATELESS = (
    "#Software: Microsoft Internet Information Services 6.0\n"
    "#Version: 1.0\n"
    "#Date: 2026-11-20 23:59:00\n"
    "#Fields: time c-ip cs-method cs-uri-stem sc-status \n"   # trailing space, as IIS 6 writes it
    "23:59:58 10.1.1.1 GET /x 200\n"
    "#Date: 2026-11-21 00:00:00\n"
    "00:00:01 10.1.1.1 GET /y 302\n"
)
write("w3c/dateless.log", DATELESS.encode("ascii"))

# w3c/bad_lines.log: every kind of bad line the reader must reject (or note) with its line number.
#   1: data before any #Fields that fits no default field set      -> rejected (no-fields)
#   6: 3 fields under a 6-field layout                               -> rejected (field-count)
#   7: NUL byte inside the line                                      -> rejected (binary)
#   8: bad time "25:61:00"                                           -> rejected (bad-time)
#   9: sc-status "abc"                                               -> record, status empty, note
#  10: fine                                                          -> record
#  11: '#Fields:' with zero fields
#  12: data under a zero-field layout                                -> rejected (field-count)
#  13: #Fields with a duplicate name (c-ip twice)
#  14: data under it                                                 -> record (last c-ip wins)
#  15: blank                                                         -> neither
#  16: truncated last line (cut while written)                       -> rejected (field-count)
BAD = (
    b"hello this is not a log\n"                                                      # 1
    b"#Software: Microsoft Internet Information Services 10.0\n"                     # 2
    b"#Version: 1.0\n"                                                                # 3
    b"#Date: 2026-11-21 12:00:00\n"                                                   # 4
    b"#Fields: date time c-ip cs-method cs-uri-stem sc-status\n"                      # 5
    b"2026-11-21 12:00:01 10.0.0.1\n"                                                 # 6
    b"2026-11-21 12:00:02 10.0.0.1 GET /nul\x00byte 200\n"                            # 7
    b"2026-11-21 25:61:00 10.0.0.1 GET /badtime 200\n"                                # 8
    b"2026-11-21 12:00:03 10.0.0.1 GET /badstatus abc\n"                              # 9
    b"2026-11-21 12:00:04 10.0.0.1 GET /fine 200\n"                                   # 10
    b"#Fields:\n"                                                                     # 11
    b"2026-11-21 12:00:05 10.0.0.1 GET /nofields 200\n"                               # 12
    b"#Fields: date time c-ip cs-method cs-uri-stem sc-status c-ip\n"                 # 13
    b"2026-11-21 12:00:06 10.0.0.1 GET /dup 200 10.0.0.2\n"                           # 14
    b"\n"                                                                             # 15
    b"2026-11-21 12:00:07 10.0.0.1 GE"                                                # 16
)
write("w3c/bad_lines.log", BAD)

# w3c/headerless.log: no directives at all (a log cut out of a larger file), IIS 8.0+ default set.
write("w3c/headerless.log", ("\n".join(IIS10_LINES[:3]) + "\n").encode("utf-8"))

# w3c/utf16.log: saved as "Unicode" (UTF-16LE with BOM) by an editor.
write("w3c/utf16.log", "\ufeff".encode("utf-16-le") +
      (IIS10_HEADER + IIS10_LINES[0] + "\r\n").encode("utf-16-le"))

HTTPERR_HEADER = (
    "#Software: Microsoft HTTP API 2.0\r\n"
    "#Version: 1.0\r\n"
    "#Date: 2026-11-21 10:00:00\r\n"
    "#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason "
    "s-queuename\r\n"
)
# httperr/httperr1.log: the default HTTP.sys field set, CRLF.
#   line 5: 503 QueueFull with the app pool name
#   line 6: KB967853's connection-level line: request fields empty, no queue name (12 fields)
#   line 7: Timer_ConnectionIdle from an IPv6 client with a zone id
#   line 8: 400 FieldLength with a URL holding a query
#   line 9: Connection_Abandoned_By_ReqQueue with request fields
#   line 10: only 3 fields -> rejected "3 fields, 13 declared in #Fields"
#   line 11: 15 fields -> rejected
HTTPERR_LINES = [
    "2026-11-21 10:00:01 10.0.0.5 51000 10.0.0.50 80 HTTP/1.1 GET /api/orders 503 1 QueueFull DefaultAppPool",
    "2026-11-21 10:00:02 10.0.0.5 51001 10.0.0.50 80 - - - - - Timer_HeaderWait",
    "2026-11-21 10:00:03 fe80::1%3 49152 fe80::2%3 443 - - - - - Timer_ConnectionIdle -",
    "2026-11-21 10:00:04 10.0.0.6 52000 10.0.0.50 80 HTTP/1.1 GET /search?q=big 400 1 FieldLength -",
    "2026-11-21 10:00:05 10.0.0.7 53000 10.0.0.50 80 HTTP/1.1 POST /upload - 1 Connection_Abandoned_By_ReqQueue "
    "OrdersPool",
    "2026-11-21 10:00:06 10.0.0.8",
    "2026-11-21 10:00:07 10.0.0.8 1 10.0.0.50 80 - - - - - Timer_ConnectionIdle - extra1 extra2",
]
write("httperr/httperr1.log", (HTTPERR_HEADER + "\r\n".join(HTTPERR_LINES) + "\r\n").encode("ascii"))

# httperr/httperr_2022.log: Windows Server 2022+ field set (streamid, streamid_ex, transport,
# fault-code, extended-fault-code); LF; no final newline.
write("httperr/httperr_2022.log", (
    "#Software: Microsoft HTTP API 2.0\n#Version: 1.0\n#Date: 2026-11-21 08:00:00\n"
    "#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid streamid_ex sc-status "
    "s-siteid s-reason s-queuename transport fault-code extended-fault-code\n"
    "2026-11-21 08:00:01 2001:db8::10 60000 2001:db8::1 443 HTTP/2.0 GET /h2 5 - 400 3 Header - TCP - -\n"
    "2026-11-21 08:00:02 198.51.100.7 60001 198.51.100.1 443 HTTP/3 POST /h3 0 - 503 3 QueueFull H3Pool QUIC "
    "0x1 -").encode("ascii"))

# httperr/headerless.log: HTTPERR lines without any directive.
write("httperr/headerless.log", ("\n".join(HTTPERR_LINES[:2]) + "\n").encode("ascii"))

# iis/in_native.log: IIS log format (comma separated, local time, two- and four-digit years,
# a user name with a space, trailing ", ").
write("iis/in261121.log", (
    "10.0.0.5, -, 11/21/26, 9:05:01, W3SVC1, WEB01, 10.0.0.50, 15, 420, 3120, 200, 0, GET, /index.htm, -,\r\n"
    "10.0.0.6, NT AUTHORITY\\LOCAL SERVICE, 11/21/2026, 10:05:02, W3SVC1, WEB01, 10.0.0.50, 0, 261, 1913, 401, "
    "2148074254, POST, /_vti_bin/sitedata.asmx, a=1, \r\n"
    "10.0.0.7, -, 13/45/26, 9:05:03, W3SVC1, WEB01, 10.0.0.50, 1, 1, 1, 200, 0, GET, /bad-date, -,\r\n"
).encode("ascii"))

# ncsa/access.log: NCSA combined (line 1) and common (line 2) with offsets; line 3 is garbage.
write("ncsa/access.log", (
    '10.0.0.5 - alice [21/Nov/2026:11:00:01 +0100] "GET /index.html?x=1 HTTP/1.1" 200 2326 '
    '"https://ref.example/" "Mozilla/5.0 (X11)"\n'
    '10.0.0.6 - - [21/Nov/2026:04:00:02 -0500] "POST /upload HTTP/1.0" 413 -\n'
    'this is not NCSA\n'
).encode("ascii"))

# bundle/: a gzip'ed W3C log and a zip bundle with a site folder and an HTTPERR folder.
gz = io.BytesIO()
with gzip.GzipFile(fileobj=gz, mode="wb", mtime=0) as g:
    g.write((IIS10_HEADER + IIS10_LINES[0] + "\r\n").encode("utf-8"))
write("bundle/u_ex261121.log.gz", gz.getvalue())

zbuf = io.BytesIO()
with zipfile.ZipFile(zbuf, "w", zipfile.ZIP_DEFLATED) as z:
    for name, data in [
        ("logs/W3SVC1/u_ex261121.log", (IIS10_HEADER + "\r\n".join(IIS10_LINES) + "\r\n").encode("utf-8")),
        ("logs/HTTPERR/httperr1.log", (HTTPERR_HEADER + "\r\n".join(HTTPERR_LINES[:5]) + "\r\n").encode("ascii")),
        ("logs/readme.txt", b"Collected from WEB01 on 2026-11-21.\n"),
    ]:
        info = zipfile.ZipInfo(name, date_time=(2026, 11, 21, 12, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, data)
write("bundle/web01-logs.zip", zbuf.getvalue())
