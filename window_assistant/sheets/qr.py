"""QR codes for the rating URL, as PNG bytes both renderers embed.

Error correction M (15 % of the code may be damaged: a fold or a pen mark on a printed sheet)
and the standard 4-module quiet zone, drawn 1-bit so that no renderer smooths or JPEG-compresses
the modules into grey.

The qrcode library encodes the data and places it; two slow parts are done here instead, with
the same results: choosing the best of the 8 mask patterns (ISO/IEC 18004 penalty rules, scored
exactly as ``qrcode.util.lost_point`` scores them, on rows held as integers rather than by one
Python call per module and mask) and writing the PNG (1 bit per pixel, no PIL drawing).
"""

from __future__ import annotations

import re
import struct
import zlib
from functools import lru_cache

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from qrcode.util import mask_func

QUIET_ZONE = 4  # modules, as ISO/IEC 18004 requires

_RUN = re.compile(r"0{5,}|1{5,}")  # rule 1: five or more modules of one colour in a line
_FINDER_LIKE = re.compile(r"(?=10111010000|00001011101)")  # rule 3, overlapping matches


class _Code(qrcode.QRCode):
    """Remembers which modules ``map_data`` fills: the data area a mask pattern applies to."""

    data_area: list[list[bool]]

    def map_data(self, data, mask_pattern):
        self.data_area = [[v is None for v in row] for row in self.modules]
        super().map_data(data, mask_pattern)


def _row_int(cells) -> int:
    """A row of modules as an integer, the leftmost module in the highest bit."""
    return int("".join("1" if v else "0" for v in cells), 2)


@lru_cache(maxsize=16)
def _mask_rows(size: int) -> tuple[tuple[int, ...], ...]:
    """Each mask pattern as row integers: depends on the symbol size only."""
    return tuple(
        tuple(_row_int(func(r, c) for c in range(size)) for r in range(size))
        for func in map(mask_func, range(8))
    )


def penalty(rows: list[int], size: int) -> int:
    """ISO/IEC 18004 penalty score of a ``size``×``size`` matrix given as row integers (1 =
    dark), equal to ``qrcode.util.lost_point`` on the same matrix."""
    lines = [format(row, f"0{size}b") for row in rows]
    columns = ["".join(col) for col in zip(*lines)]
    text = "|".join(lines + columns)  # one string: no run or pattern crosses a "|"
    runs = _RUN.findall(text)
    score = sum(map(len, runs)) - 2 * len(runs) + 40 * len(_FINDER_LIKE.findall(text))
    full = (1 << size) - 1
    blocks = 0
    for upper, lower in zip(rows, rows[1:]):
        same_down = ~(upper ^ lower) & full  # bit c: upper[c] == lower[c]
        same_right = ~(upper ^ (upper >> 1)) & (full >> 1)  # bit c: upper[c] == upper[c + 1]
        blocks += (same_down & (same_down >> 1) & same_right).bit_count()
    score += 3 * blocks
    dark = sum(row.bit_count() for row in rows)
    percent = float(dark) / (size**2)
    return score + int(abs(percent * 100 - 50) / 5) * 10


def qr_matrix(url: str) -> list[list[bool]]:
    """The modules of ``url`` at error correction M, with the mask pattern qrcode would choose
    (lowest penalty, the first on a tie), without the quiet zone."""
    code = _Code(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(url)
    code.best_fit()
    code.makeImpl(True, 0)  # the matrix as qrcode scores it: format information left blank
    size = code.modules_count
    masks = _mask_rows(size)
    areas = [_row_int(row) for row in code.data_area]
    values = [_row_int(row) for row in code.modules]
    base = [value & ~area for value, area in zip(values, areas)]
    data = [(value ^ m) & area for value, m, area in zip(values, masks[0], areas)]
    best, best_score = 0, None
    for pattern in range(8):
        rows = [b | ((d ^ m) & a) for b, d, m, a in zip(base, data, masks[pattern], areas)]
        score = penalty(rows, size)
        if best_score is None or score < best_score:
            best, best_score = pattern, score
    code.makeImpl(False, best)
    return [[bool(v) for v in row] for row in code.modules]


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
