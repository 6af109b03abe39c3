#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Pack rendered PNGs into one Windows .ico (PNG-compressed entries, supported since Windows Vista).

Usage: make_ico.py OUT.ico IN-16.png IN-32.png ... (each a square PNG of at most 256 pixels).
Standard library only; the output depends on the input bytes alone, so it is reproducible.
"""
import struct
import sys


def png_size(data: bytes) -> tuple[int, int]:
    # The IHDR chunk always follows the 8-byte signature: length(4) type(4) width(4) height(4).
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError("not a PNG file")
    return struct.unpack(">II", data[16:24])


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    out_path, inputs = argv[1], argv[2:]
    images = []
    for path in inputs:
        with open(path, "rb") as f:
            data = f.read()
        width, height = png_size(data)
        if width != height or width > 256:
            raise ValueError(f"{path}: {width}x{height}, need a square of at most 256 pixels")
        images.append((width, data))
    images.sort(key=lambda item: item[0])

    header = struct.pack("<HHH", 0, 1, len(images))  # reserved, type 1 = icon, count
    offset = len(header) + 16 * len(images)
    directory, payload = b"", b""
    for width, data in images:
        size_byte = 0 if width == 256 else width  # 0 means 256 in an ICONDIRENTRY
        directory += struct.pack("<BBBBHHII", size_byte, size_byte, 0, 0, 1, 32, len(data), offset)
        payload += data
        offset += len(data)
    with open(out_path, "wb") as f:
        f.write(header + directory + payload)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
