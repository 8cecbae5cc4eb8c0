"""A streaming reader for the cell values of an xlsx workbook (SpreadsheetML in a zip).

openpyxl's read-only mode builds a cell object per cell and is the slowest part of a big
import; the catalog only needs values, so this parses the sheet XML with the C-accelerated
``iterparse`` and yields plain tuples. It reads what Excel, WPS, LibreOffice and openpyxl
write (shared or inline strings, numbers, booleans, sparse rows, strict OOXML namespaces).
Progress is reported in uncompressed bytes of sheet XML parsed.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator
from typing import IO, Any
from xml.etree.ElementTree import iterparse

_REL = "officeDocument/2006/relationships"
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_COLUMN = re.compile(r"[A-Z]+")


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _unescape(text: str) -> str:
    """Excel writes control characters as _xHHHH_ (e.g. _x000D_ for a carriage return)."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def _column_index(ref: str, cache: dict[str, int]) -> int:
    letters = _COLUMN.match(ref)
    key = letters.group(0) if letters else ""
    index = cache.get(key)
    if index is None:
        index = 0
        for ch in key:
            index = index * 26 + ord(ch) - 64
        index -= 1
        cache[key] = index
    return index


class _Counting:
    """A file wrapper that reports how many bytes have been read through it."""

    def __init__(self, raw: IO[bytes], on_read: Callable[[int], None]) -> None:
        self.raw, self.on_read = raw, on_read

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.on_read(len(data))
        return data


class Workbook:
    """Sheet names → worksheet XML parts, plus the shared strings, of one xlsx file."""

    def __init__(self, zf: zipfile.ZipFile) -> None:
        self.zf = zf
        names = set(zf.namelist())
        book = self._target("", "_rels/.rels", "officeDocument", names) or "xl/workbook.xml"
        base = posixpath.dirname(book)
        rels_path = posixpath.join(base, "_rels", posixpath.basename(book) + ".rels")
        targets = self._relationships(rels_path, base, names)
        self.ns = ""
        self.sheets: dict[str, str] = {}
        for _event, el in iterparse(zf.open(book)):
            if _local(el.tag) == "sheet":
                rid = next((v for k, v in el.attrib.items() if k.endswith("}id")), "")
                self.ns = el.tag[: -len("sheet")]
                target = targets.get(rid, ("", ""))[1]
                if target in names:
                    self.sheets[el.get("name", "").strip()] = target
        strings = [t for kind, t in targets.values() if kind == "sharedStrings"]
        self.strings = self._shared_strings(strings[0]) if strings else []

    def _target(self, base: str, rels: str, kind: str, names: set[str]) -> str:
        found = [t for k, t in self._relationships(rels, base, names).values() if k == kind]
        return found[0] if found else ""

    def _relationships(self, rels: str, base: str, names: set[str]) -> dict[str, tuple[str, str]]:
        """Relationship id → (type's last word, part path inside the zip)."""
        if rels not in names:
            return {}
        out = {}
        for _event, el in iterparse(self.zf.open(rels)):
            if _local(el.tag) == "Relationship":
                target = el.get("Target", "")
                path = (
                    target.lstrip("/")
                    if target.startswith("/")
                    else posixpath.normpath(posixpath.join(base, target))
                )
                out[el.get("Id", "")] = (el.get("Type", "").rpartition("/")[2], path)
        return out

    def _shared_strings(self, part: str) -> list[str]:
        if part not in self.zf.namelist():
            return []
        out: list[str] = []
        for _event, el in iterparse(self.zf.open(part)):
            if _local(el.tag) == "si":
                out.append(_unescape(_inline_text(el)))
                el.clear()
        return out

    def part_size(self, name: str) -> int:
        return self.zf.getinfo(self.sheets[name]).file_size

    def rows(self, name: str, on_read: Callable[[int], None]) -> Iterator[tuple[Any, ...]]:
        """Every row of a sheet from row 1 on as a tuple of values; missing rows are ()."""
        ns, strings = self.ns, self.strings
        row_tag, c_tag, v_tag, is_tag, t_tag = ns + "row", ns + "c", ns + "v", ns + "is", ns + "t"
        cache: dict[str, int] = {}
        expected = 1
        source = _Counting(self.zf.open(self.sheets[name]), on_read)
        for _event, el in iterparse(source):
            if el.tag != row_tag:
                continue
            number = int(el.get("r") or expected)
            while expected < number:  # rows absent from the XML are blank
                yield ()
                expected += 1
            values: list[Any] = []
            for c in el:
                if c.tag != c_tag:
                    continue
                ref = c.get("r")
                if ref:
                    index = _column_index(ref, cache)
                    if index > len(values):
                        values.extend([None] * (index - len(values)))
                kind = c.get("t")
                if kind == "inlineStr":
                    inline = c.find(is_tag)
                    if inline is None:
                        value: Any = None
                    elif len(inline) == 1 and inline[0].tag == t_tag:  # the usual plain text
                        value = _unescape(inline[0].text or "")
                    else:
                        value = _unescape(_inline_text(inline))
                else:
                    v = c.find(v_tag)
                    text = None if v is None else v.text
                    if text is None:
                        value = None
                    elif kind == "s":
                        value = strings[int(text)]
                    elif kind in (None, "n"):
                        value = _number(text)
                    elif kind == "b":
                        value = text.strip() == "1"
                    else:  # "str" (formula result), "e" (error), "d" (ISO date)
                        value = _unescape(text)
                values.append(value)
            el.clear()
            expected = number + 1
            yield tuple(values)


def _inline_text(el: Any) -> str:
    """The text of a <si> or <is>: plain <t>, or the <t> of each rich-text run <r>;
    phonetic guides (<rPh>) are not part of the value."""
    parts = []
    for child in el:
        local = _local(child.tag)
        if local == "t":
            parts.append(child.text or "")
        elif local == "r":
            for t in child:
                if _local(t.tag) == "t":
                    parts.append(t.text or "")
    return "".join(parts)


def _number(text: str) -> int | float:
    try:
        return int(text)
    except ValueError:
        value = float(text)
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
