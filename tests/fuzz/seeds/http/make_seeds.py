#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the seed corpus of fuzz_http (tests/fuzz/fuzz_http.cpp explains the record format).

Each seed is one scripted two-direction conversation covering a case the parser must handle:
keep-alive, pipelining, 100-continue (right, stray after the final, to HTTP/1.0), chunked bodies
with extensions and trailers, overflowing chunk sizes, TE+CL, HEAD/204/304, CONNECT, 101, HTTP/0.9,
gaps in heads and bodies, resets, TLS and mid-stream starts. Deterministic: run it again and the
files come out byte for byte the same.
"""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
C, S = 0, 1  # client->server, server->client


def data(direction, payload, cut=4):
    payload = payload.encode("latin-1") if isinstance(payload, str) else payload
    return bytes([0x00 | (direction << 4) | (cut << 5)]) + struct.pack("<H", len(payload)) + payload


def gap(direction, length):
    return bytes([0x01 | (direction << 4)]) + struct.pack("<I", length)


def fin(direction):
    return bytes([0x02 | (direction << 4)])


def rst(direction):
    return bytes([0x03 | (direction << 4)])


def seed(records, handshake=True, head_limit=0, lookahead=0):
    flags = (1 if handshake else 0) | (head_limit << 1) | (lookahead << 4)
    return bytes([flags]) + b"".join(records)


OK0 = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
SEEDS = {
    "get": seed([data(C, "GET /index.html HTTP/1.1\r\nHost: example.com\r\nUser-Agent: x\r\n\r\n"),
                 data(S, "HTTP/1.1 200 OK\r\nServer: Microsoft-IIS/10.0\r\nContent-Length: 5\r\n\r\nhello"),
                 fin(S), fin(C)]),
    "keepalive": seed([data(C, "GET /a HTTP/1.1\r\nHost: h\r\n\r\n"), data(S, OK0),
                       data(C, "GET /b HTTP/1.1\r\nConnection: close\r\n\r\n"),
                       data(S, "HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 2\r\n\r\nno")]),
    "pipelined": seed([data(C, "GET /1 HTTP/1.1\r\n\r\nHEAD /2 HTTP/1.1\r\n\r\nGET /3 HTTP/1.1\r\n\r\n", 3),
                       data(S, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nA"
                               "HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n" + OK0, 5)]),
    "continue": seed([data(C, "POST /u HTTP/1.1\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n"),
                      data(S, "HTTP/1.1 100 Continue\r\n\r\n"), data(C, "body"), data(S, OK0)]),
    "stray100": seed([data(C, "POST /svc HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi"),
                      data(S, "HTTP/1.1 200 OK\r\nServer: Microsoft-IIS/6.0\r\nContent-Length: 0\r\n\r\n"),
                      data(S, "HTTP/1.1 100 Continue\r\n\r\n"), rst(C)]),
    "continue10": seed([data(C, "POST / HTTP/1.0\r\nContent-Length: 1\r\n\r\nx"),
                        data(S, "HTTP/1.1 100 Continue\r\n\r\n" + OK0)]),
    "expect417": seed([data(C, "PUT /f HTTP/1.1\r\nContent-Length: 14\r\nExpect: 100-Continue\r\n\r\n"),
                       data(S, "HTTP/1.1 417 Expectation Failed\r\nContent-Length: 0\r\n\r\n"),
                       data(C, "PUT /f HTTP/1.1\r\nContent-Length: 1\r\n\r\nx")]),
    # Body bytes held (they might start the next request) over two segments, the second cut early.
    "expect417-held-body": seed([data(C, "PUT /f HTTP/1.1\r\nContent-Length: 14\r\nExpect: 100-continue\r\n\r\n"),
                                 data(S, "HTTP/1.1 417 Expectation Failed\r\nContent-Length: 0\r\n\r\n"),
                                 data(C, "C---------", 0), data(C, "----GET /next HTTP/1.1\r\n\r\n", 1)]),
    "chunked": seed([data(C, "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                             "5;a=b\r\nhello\r\nA\r\n0123456789\r\n0\r\nX-T: 1\r\n\r\n", 6),
                     data(S, "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n")]),
    "chunk-overflow": seed([data(C, "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                                    "10000000000000000\r\nx\r\n0\r\n\r\nGET /n HTTP/1.1\r\n\r\n")]),
    "chunk-10g": seed([data(C, "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n280000000\r\nzzzz"),
                       gap(C, 0xFFFFFFFF), data(C, "zz"), fin(C)]),
    "te-cl": seed([data(C, "POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
                           "1\r\nx\r\n0\r\n\r\n"), data(S, "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\nbad"),
                   fin(S)]),
    "no-body-status": seed([data(C, "GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\n"),
                            data(S, "HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 304 Not Modified\r\n"
                                    "Content-Length: 5\r\n\r\n")]),
    "connect": seed([data(C, "CONNECT h:443 HTTP/1.1\r\nHost: h:443\r\n\r\n"),
                     data(S, "HTTP/1.1 200 Connection Established\r\n\r\n"),
                     data(C, b"\x16\x03\x01\x00\x05hello")]),
    "upgrade": seed([data(C, "GET /ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"),
                     data(S, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n\x81\x02hi")]),
    "http09": seed([data(C, "GET /old\r\n"), data(S, "<html>old</html>"), fin(S)]),
    "gap-body": seed([data(C, "GET / HTTP/1.1\r\n\r\n"), data(S, "HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n01234"),
                      gap(S, 40), data(S, "56789" + OK0)]),
    "gap-head": seed([data(C, "POST /f HTTP/1.1\r\nHost: h\r\nUser-Ag"), gap(C, 300),
                      data(C, "lost\r\nGET /next HTTP/1.1\r\n\r\n"), data(S, OK0 + OK0)]),
    "rst-body": seed([data(C, "POST /up HTTP/1.1\r\nContent-Length: 100000\r\n\r\n" + "b" * 200), rst(S)]),
    "until-close": seed([data(C, "GET / HTTP/1.0\r\n\r\n"), data(S, "HTTP/1.0 200 OK\r\n\r\nsome bytes"), fin(S)]),
    "tls": seed([data(C, b"\x16\x03\x01\x00\x50\x01\x00\x00\x4c\x03\x03"), data(S, b"\x16\x03\x03\x00\x02\x02\x00")]),
    "midstream": seed([data(S, "tail of a body\r\n"), data(C, "dy\r\nGET /x HTTP/1.1\r\n\r\n"), data(S, OK0)],
                      handshake=False, lookahead=5),
    "folded-barelf": seed([data(C, "GET / HTTP/1.1\nHost: a\nUser-Agent: x\n y\nBad Name: 1\n\n"),
                           data(S, "HTTP/1.1 200 OK\r\nContent-Length: 3, 3\r\n\r\nabc")]),
    "too-long": seed([data(C, "GET /l HTTP/1.1\r\nX: " + "a" * 300 + "\r\n\r\nGET /ok HTTP/1.1\r\n\r\n")],
                     head_limit=3),
    "early-414": seed([data(C, "GET /" + "a" * 100), data(S, "HTTP/1.1 414 URI Too Long\r\nContent-Length: 0\r\n\r\n"),
                       data(C, "a HTTP/1.1\r\n\r\n")]),
}


def main():
    for name, blob in SEEDS.items():
        with open(os.path.join(HERE, name + ".bin"), "wb") as f:
            f.write(blob)


if __name__ == "__main__":
    main()
