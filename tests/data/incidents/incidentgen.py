# SPDX-License-Identifier: MIT
"""incidentgen - write incident bundles: a capture plus the IIS logs of the same traffic (stdlib only).

A bundle is a folder as an operator would collect it from one server:

    capture.pcap[.gz]            what the network saw (written with ../captures/pcapgen.py)
    W3SVC1/u_ex261121.log        the site's W3C log (IIS writes one line when a response completes)
    HTTPERR/httperr1.log         HTTP.sys' error log

``Bundle`` keeps the three consistent: a request sent on a ``Conn`` can be logged in W3C with the
same client address, server port, method, path and completion time, and HTTP.sys lines carry the
exact 4-tuple of the connection they are about. Times are nanoseconds since the epoch (pcapgen's
convention); log lines are written in whole seconds, UTC, as IIS does. Used by gen_incidents.py,
the demo incident (resources/samples) and the knowledge-base benchmark.
"""

from __future__ import annotations

import gzip
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "captures"))
from pcapgen import (MS, S, US, Ethernet, TcpConversation, iso_ns, merge_frames,  # noqa: E402
                     pcap_bytes)

W3C_FIELDS = ("date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs-version "
              "cs(User-Agent) sc-status sc-substatus sc-win32-status time-taken")
HTTPERR_FIELDS = "date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason s-queuename"
REASONS = {100: "Continue", 200: "OK", 201: "Created", 400: "Bad Request", 401: "Unauthorized",
           404: "Not Found", 413: "Request Entity Too Large", 417: "Expectation Failed",
           503: "Service Unavailable"}


def crlf(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode()


def stamp(t_ns: int) -> str:
    """'2026-11-21 10:00:01' (UTC, truncated to the second like IIS)."""
    import datetime as dt
    return dt.datetime.fromtimestamp(t_ns // S, tz=dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


def request_head(method, target, host="web01", headers=(), version="HTTP/1.1") -> bytes:
    lines = ["%s %s %s" % (method, target, version), "Host: " + host] + list(headers)
    return crlf("\n".join(lines) + "\n\n")


def response(status, headers=(), body=b"", server="Microsoft-IIS/6.0", reason=None) -> bytes:
    lines = ["HTTP/1.1 %d %s" % (status, reason or REASONS.get(status, "Status"))]
    if server:
        lines.append("Server: " + server)
    lines += list(headers)
    if not any(h.lower().startswith(("content-length", "transfer-encoding")) for h in headers) and status >= 200:
        lines.append("Content-Length: %d" % len(body))
    return crlf("\n".join(lines) + "\n\n") + body


def chunked(body: bytes, chunk=64) -> bytes:
    out = b""
    for i in range(0, len(body), chunk):
        part = body[i:i + chunk]
        out += b"%x\r\n" % len(part) + part + b"\r\n"
    return out + b"0\r\n\r\n"


class Conn:
    """One TCP connection of the bundle; sends are recorded on the underlying pcapgen conversation."""

    def __init__(self, bundle: "Bundle", client_ip: str, client_port: int, t: int, handshake=True):
        self.bundle = bundle
        self.client_ip, self.client_port = client_ip, client_port
        self.conv = TcpConversation((client_ip, client_port), (bundle.server_ip, bundle.port))
        if handshake:
            self.conv.handshake(t)
        bundle.conns.append(self)

    @property
    def key(self) -> str:
        return "%s:%d->%s:%d" % (self.client_ip, self.client_port, self.bundle.server_ip, self.bundle.port)

    def client(self, data: bytes, t: int, note="", **kw):
        return self.conv.client_send(data, t, note=note, **kw)

    def server(self, data: bytes, t: int, note="", **kw):
        return self.conv.server_send(data, t, note=note, **kw)

    def fin(self, by_client: bool, t: int, note=""):
        return self.conv.fin(by_client, t, note=note or "FIN")

    def rst(self, by_client: bool, t: int, note=""):
        return self.conv.rst(by_client, t, note=note or "RST")

    def exchange(self, method, target, t, status=200, body=b"", resp_body=b"ok", headers=(), ua="Mozilla/5.0",
                 latency=5 * MS, log=True, win32=0, substatus=0, version="HTTP/1.1", resp_headers=()) -> int:
        """A plain request/response; returns the response's end time. Logged in W3C when log."""
        hdrs = list(headers) + (["User-Agent: " + ua] if ua else [])
        if body and not any(h.lower().startswith(("content-length", "transfer-encoding")) for h in hdrs):
            hdrs.append("Content-Length: %d" % len(body))
        self.client(request_head(method, target, headers=hdrs, version=version) + body, t)
        end = t + latency
        self.server(response(status, resp_headers, resp_body, server=self.bundle.banner), end)
        if log:
            self.bundle.w3c(end, self.client_ip, method, target, status, substatus, win32, end - t, ua, version)
        return end


class Bundle:
    def __init__(self, name: str, root: str, *, server_ip="10.0.0.50", port=80,
                 software="Microsoft Internet Information Services 6.0", banner="Microsoft-IIS/6.0",
                 httperr_software="Microsoft HTTP API 1.0"):
        self.name, self.dir = name, os.path.join(root, name)
        self.server_ip, self.port = server_ip, port
        self.software, self.banner, self.httperr_software = software, banner, httperr_software
        self.conns = []
        self._w3c, self._httperr = [], []  # (time_ns, order, line, tag)
        self.expected = {"description": "", "findings": [], "absent": [], "no_alarms": False}
        self.capture_name = "capture.pcap"
        self.gzip_capture = False
        self.gzip_logs = False
        self.skew_ns = 0  # the capture's clock runs this much ahead of the logs
        self.w3c_name = "W3SVC1/u_ex261121.log"
        self.write_expected = True
        self._frames = None

    # -- logs ------------------------------------------------------------------------------
    def w3c(self, t_end, client_ip, method, target, status, substatus=0, win32=0, taken_ns=0, ua="-",
            version="HTTP/1.1", tag=None, port=None):
        stem, _, query = target.partition("?")
        ua = (ua or "-").replace(" ", "+")
        line = "%s %s %s %s %s %d - %s %s %s %d %d %d %d" % (
            stamp(t_end), self.server_ip, method, stem, query or "-", port or self.port, client_ip, version, ua,
            status, substatus, win32, max(0, taken_ns // MS))
        self._w3c.append((t_end, len(self._w3c), line, tag))

    def httperr(self, t, client_ip, client_port, reason, method="-", uri="-", status="-", queue="-",
                version="-", site="-", tag=None, port=None):
        if method != "-" and version == "-":
            version = "HTTP/1.1"
        line = "%s %s %d %s %d %s %s %s %s %s %s %s" % (stamp(t), client_ip, client_port, self.server_ip,
                                                        port or self.port, version, method, uri, status, site,
                                                        reason, queue)
        self._httperr.append((t, len(self._httperr), line, tag))

    # -- expectations (read by tests/core/kb/test_kb_incidents.cpp) --------------------------
    def expect(self, id, **kw):
        entry = {"id": id}
        entry.update(kw)
        self.expected["findings"].append(entry)
        return entry

    def frame_of(self, note: str) -> int:
        """1-based frame number of the first frame whose note mentions `note`."""
        for i, f in enumerate(self.frames()):
            if note in f.note:
                return i + 1
        raise KeyError(note)

    def w3c_line_of(self, tag) -> int:
        return self._line_of(self._w3c, tag, self.software)

    def httperr_line_of(self, tag) -> int:
        return self._line_of(self._httperr, tag, self.httperr_software)

    @staticmethod
    def _line_of(rows, tag, _software):
        for i, row in enumerate(sorted(rows)):
            if row[3] == tag:
                return 4 + i + 1  # four directive lines come first
        raise KeyError(tag)

    def capture_path(self) -> str:
        return self.capture_name + (".gz" if self.gzip_capture else "")

    def w3c_path(self) -> str:
        return self.w3c_name + (".gz" if self.gzip_logs else "")

    def httperr_path(self) -> str:
        return "HTTPERR/httperr1.log"

    # -- writing ---------------------------------------------------------------------------
    def frames(self):
        if self._frames is None:
            self._frames = merge_frames(*[c.conv.frames(Ethernet()) for c in self.conns])
            for f in self._frames:
                f.time_ns += self.skew_ns
        return self._frames

    def write(self):
        os.makedirs(self.dir, exist_ok=True)
        if self.conns:
            data = pcap_bytes(self.frames(), linktype=Ethernet.linktype)
            path = os.path.join(self.dir, self.capture_path())
            if self.gzip_capture:
                with open(path, "wb") as f:
                    # mtime=0 and no name: the same bytes on every run
                    with gzip.GzipFile(fileobj=f, mode="wb", mtime=0, filename="") as g:
                        g.write(data)
            else:
                with open(path, "wb") as f:
                    f.write(data)
        if self._w3c:
            self._write_log(self.w3c_path(), self.software, W3C_FIELDS, self._w3c)
        if self._httperr:
            self._write_log(self.httperr_path(), self.httperr_software, HTTPERR_FIELDS, self._httperr)
        if not self.write_expected:
            return
        with open(os.path.join(self.dir, "expected.json"), "w", newline="\n") as f:
            json.dump(self.expected, f, indent=2, sort_keys=False)
            f.write("\n")

    def _write_log(self, rel, software, fields, rows):
        rows = sorted(rows)
        path = os.path.join(self.dir, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        first = rows[0][0]
        head = ["#Software: " + software, "#Version: 1.0", "#Date: " + stamp(first), "#Fields: " + fields]
        text = ("\r\n".join(head + [r[2] for r in rows]) + "\r\n").encode()  # IIS and HTTP.sys write CRLF
        with open(path, "wb") as f:
            if rel.endswith(".gz"):
                with gzip.GzipFile(fileobj=f, mode="wb", mtime=0, filename="") as g:
                    g.write(text)
            else:
                f.write(text)
