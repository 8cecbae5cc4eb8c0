"""Make the text of a Qt-written PDF copy, search and extract as the characters it shows.

Qt's PDF writer maps each embedded glyph back to the LOWEST code point that the font maps to it.
CJK fonts map several code points to one glyph: a radical and the ideograph of the same shape
(⼀ U+2F00 / 一, ⻝ U+2EDD / 食), a traditional and a simplified form drawn alike in an SC font
(戶 U+6236 / 户), even an accent and a digit. So a copy, a search or a text extractor gets the
wrong characters. We know exactly what was printed, so ``fix_text_map`` rewrites the PDF's
ToUnicode entries that name a code point we never printed to the printed character drawn by the
same glyph. Qt writes ToUnicode streams uncompressed and each entry keeps its length, so no byte
offset changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from PySide6.QtGui import QFont, QRawFont

_BMP = [cp for cp in range(1, 0x10000) if not 0xD800 <= cp <= 0xDFFF]
_STREAM = re.compile(rb"stream\r?\n(/CIDInit.*?)endstream", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f]{4})>")
_ARRAY = re.compile(rb"\[[^\]]*\]")
_RANGE = re.compile(rb"^(<[0-9A-Fa-f]{4}> <[0-9A-Fa-f]{4}> )<([0-9A-Fa-f]{4})>", re.M)
_CHAR = re.compile(rb"^(<[0-9A-Fa-f]{4}> )<([0-9A-Fa-f]{4})>$", re.M)


@lru_cache(maxsize=16)
def _glyphs(family: str) -> tuple[dict[int, int], dict[int, int]]:
    """(code point → glyph, glyph → the lowest code point drawn with it) for ``family``."""
    raw = QRawFont.fromFont(QFont(family))
    if not raw.isValid():
        return {}, {}
    glyph_of: dict[int, int] = {}
    first: dict[int, int] = {}
    for cp, glyph in zip(_BMP, raw.glyphIndexesForString("".join(map(chr, _BMP)))):
        if glyph:
            glyph_of[cp] = glyph
            first.setdefault(glyph, cp)
    return glyph_of, first


def text_map(families: Iterable[str], printed: str) -> dict[int, int]:
    """Code point Qt will write → the printed character with the same glyph."""
    used = {ord(c) for c in printed if ord(c) < 0x10000}
    mapping: dict[int, int] = {}
    for family in families:
        glyph_of, first = _glyphs(family)
        for cp in sorted(used):
            glyph = glyph_of.get(cp)
            lowest = first.get(glyph) if glyph else None
            if lowest is not None and lowest != cp and lowest not in used:
                mapping.setdefault(lowest, cp)
    return mapping


def _patch_cmap(cmap: bytes, mapping: dict[int, int]) -> bytes:
    def code(hex_digits: bytes) -> bytes:
        cp = int(hex_digits, 16)
        return b"<%04X>" % mapping[cp] if cp in mapping else b"<" + hex_digits + b">"

    cmap = _ARRAY.sub(lambda m: _HEX.sub(lambda h: code(h.group(1)), m.group(0)), cmap)
    for pattern in (_RANGE, _CHAR):  # destinations only: the source codes are glyph ids
        cmap = pattern.sub(lambda m: m.group(1) + code(m.group(2)), cmap)
    return cmap


def fix_text_map(path: Path, families: Iterable[str], printed: str) -> bool:
    """Rewrite the ToUnicode maps of the PDF at ``path`` in place; whether anything changed."""
    mapping = text_map(families, printed)
    data = Path(path).read_bytes()
    out = bytearray(data)
    changed = False
    for m in _STREAM.finditer(data):
        patched = _patch_cmap(m.group(1), mapping)
        if patched != m.group(1):
            if len(patched) != len(m.group(1)):  # cannot happen: every entry keeps its length
                raise AssertionError("ToUnicode entry changed length")
            out[m.start(1) : m.end(1)] = patched
            changed = True
    if changed:
        Path(path).write_bytes(bytes(out))
    return changed
