"""Page breaks a QTextDocument does not make by itself: no table row split across two pages, and
the closing group (落款, signatures, the QR block, a seal box) never alone on the last page
(GB/T 9704-2012 §7.3.5). The .docx gets the same from Word (``w:cantSplit``, ``w:keepNext``).

QTextDocument breaks a table row between two lines of a cell and has no keep-with-next, so the
sheet's HTML is laid out, the first offence found, a break put before it (the table is cut
there and its part after starts a page, header repeated; or the note starts a page), and laid
out again, until none is left. A row taller than a page is left to split (nothing else fits).
"""

from __future__ import annotations

import math
from typing import Protocol

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QTextDocument, QTextTable

MAX_PASSES = 12  # each pass moves one row or one note to the next page
SAMPLES = 12  # points across a table at which a page boundary is tested


class PagedHtml(Protocol):
    """What ``paginate`` needs of the sheet's HTML writer (``ui.render.pdf._Html``)."""

    breaks: set[tuple[int, int]]
    note_breaks: set[int]
    emitted: list[tuple[int, int, bool]]
    closings: list[tuple[tuple[str, int, int], int]]
    note_ends: dict[int, str]

    def document(self) -> str: ...


def paginate(doc: QTextDocument, maker: PagedHtml) -> int:
    """Lay ``doc`` out again with breaks until no row is split and no closing group stands
    alone; returns the number of breaks made."""
    made = 0
    for _ in range(MAX_PASSES):
        row = split_row(doc, maker)
        if row is not None and row not in maker.breaks:
            maker.breaks.add(row)
        else:
            lonely = lonely_closing(doc, maker)
            if lonely is None:
                return made
            (kind, number, rows), end = lonely
            maker.breaks.discard((end, 0))  # the group now follows its body to the next page
            if kind == "table" and (number, max(rows - 1, 0)) not in maker.breaks:
                maker.breaks.add((number, max(rows - 1, 0)))
            elif kind == "note" and number not in maker.note_breaks:
                maker.note_breaks.add(number)
            else:
                return made
        made += 1
        doc.setHtml(maker.document())
    return made


def _tables(doc: QTextDocument) -> list[QTextTable]:
    return [f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)]


def split_row(doc: QTextDocument, maker: PagedHtml) -> tuple[int, int] | None:
    """(table number, row) of the first row that crosses a page boundary, if any."""
    layout = doc.documentLayout()
    page = doc.pageSize().height()
    for table, (number, first, header) in zip(_tables(doc), maker.emitted):
        rect = layout.frameBoundingRect(table)
        slack = page / 1000  # a table laid out at the very top of a page may start a hair above
        boundary = (math.floor((rect.top() + slack) / page) + 1) * page
        while boundary < rect.bottom() - slack:
            row = _row_across(layout, table, rect.left(), rect.width(), boundary, page, header)
            if row is not None:
                data_row = first + row - (1 if header else 0)
                if data_row > first or (data_row == 0 and first == 0):
                    return number, data_row  # row 0: the whole table (and its heading) moves
            boundary += page
    return None


def _row_across(
    layout: QAbstractTextDocumentLayout,
    table: QTextTable,
    left: float,
    width: float,
    boundary: float,
    page: float,
    header: bool,
) -> int | None:
    """The table row that has text on both sides of ``boundary``, if any."""
    step = page / 400
    for i in range(SAMPLES):
        x = left + width * (i + 0.5) / SAMPLES
        above = table.cellAt(
            layout.hitTest(QPointF(x, boundary - step), Qt.HitTestAccuracy.FuzzyHit)
        )
        if not above.isValid():
            continue
        y = boundary + step
        while y < boundary + page / 3:  # past a header row repeated at the top of the page
            below = table.cellAt(layout.hitTest(QPointF(x, y), Qt.HitTestAccuracy.FuzzyHit))
            if below.isValid() and not (header and below.row() == 0):
                if below.row() == above.row():
                    return above.row()
                break
            y += step * 4
    return None


def lonely_closing(doc: QTextDocument, maker: PagedHtml) -> tuple[tuple[str, int, int], int] | None:
    """The body element to move to the next page because the table ending a closing group
    (the QR block and 落款, the seal box) is on a later page than the body before the group:
    ("table", number, rows) or ("note", content number, 0), and that table's number."""
    layout = doc.documentLayout()
    page = doc.pageSize().height()
    tables = _tables(doc)
    for last, end in maker.closings:
        kind, number, _rows = last
        ends = [t for t, e in zip(tables, maker.emitted) if e[0] == end]
        if not kind or not ends:
            continue
        top = layout.frameBoundingRect(ends[0]).top() + page / 1000
        if kind == "table":
            parts = [t for t, e in zip(tables, maker.emitted) if e[0] == number]
            if not parts:
                continue
            # a table ending at the foot of a page reports its bottom border a hair into the
            # next one: less than any row, so a margin of a row's fraction tells them apart
            before = layout.frameBoundingRect(parts[-1]).bottom() - page / 100
        else:
            before = _block_bottom(doc, maker.note_ends.get(number, ""))
        if math.floor(top / page) > math.floor(before / page):
            return last, end
    return None


def _block_bottom(doc: QTextDocument, text: str) -> float:
    """The bottom of the top-level block showing ``text`` (the note's last paragraph)."""
    block = doc.begin()
    while block.isValid():
        if text and block.text() == text and doc.frameAt(block.position()) == doc.rootFrame():
            return doc.documentLayout().blockBoundingRect(block).bottom() - 1
        block = block.next()
    return 0.0
