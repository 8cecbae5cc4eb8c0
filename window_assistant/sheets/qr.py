"""QR codes for the rating URL, as PNG bytes both renderers embed.

Error correction M (15 % of the code may be damaged: a fold or a pen mark on a printed sheet)
and the standard 4-module quiet zone, drawn 1-bit so that no renderer smooths or JPEG-compresses
the modules into grey.

The symbol is made through qrcode's public API (smallest version, best of the 8 mask patterns);
only the PNG is written here (1 bit per pixel, no PIL drawing), which halves the time of
``make_image``. Scoring the masks ourselves would save another ~2 ms a sheet, but it meant
subclassing qrcode's internals, and the sheets are within their targets without it (README,
Performance).
"""

from __future__ import annotations

import struct
import zlib

import qrcode
from qrcode.constants import ERROR_CORRECT_M

QUIET_ZONE = 4  # modules, as ISO/IEC 18004 requires


def qr_matrix(url: str) -> list[list[bool]]:
    """The modules of ``url`` at error correction M, without the quiet zone."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(url)
    code.make(fit=True)
    return [[bool(v) for v in row] for row in code.get_matrix()]


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def qr_png(url: str, box_size: int = 6) -> bytes:
    """PNG bytes of ``url`` as a QR code, ``box_size`` pixels per module (1-bit greyscale)."""
    modules = qr_matrix(url)
    width = (len(modules) + 2 * QUIET_ZONE) * box_size
    pad = "1" * (-width % 8)
    quiet = "1" * (QUIET_ZONE * box_size)
    dark, light = "0" * box_size, "1" * box_size  # greyscale: 0 is black
    blank = b"\0" + b"\xff" * ((width + 7) // 8)
    raw = [blank * (QUIET_ZONE * box_size)]
    for row in modules:
        bits = quiet + "".join(dark if v else light for v in row) + quiet + pad
        raw.append((b"\0" + int(bits, 2).to_bytes((width + 7) // 8, "big")) * box_size)
    raw.append(blank * (QUIET_ZONE * box_size))
    header = struct.pack(">IIBBBBB", width, width, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"".join(raw)))
        + _chunk(b"IEND", b"")
    )
