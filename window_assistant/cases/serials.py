"""Sheet serial numbers (编号) such as 铁西政服告〔2026〕123号 (GB/T 9704-2012 §7.2.5: no leading
zeros): one gap-free sequence per paper kind and year.

The number is taken from a ``serials(kind, year, last)`` row inside the transaction that also
inserts the case. ``Store.transaction`` begins IMMEDIATE, so that transaction holds the database's
write lock from its first statement: two clerks (threads or processes) registering at once queue
on the busy timeout instead of reading the same ``last``, and a registration that fails rolls its
number back with everything else. No number is ever reserved outside a case, hence no gaps.
"""

from __future__ import annotations

from window_assistant.cases.tokens import SerialRef
from window_assistant.sheets.model import SERIAL_CHARS
from window_assistant.store.database import Store
from window_assistant.vocab import SheetKind

PLACEHOLDER = "______"  # where the number goes on a preview: it is only known at registration


def kind_char(kind: str) -> str:
    """The serial character of a sheet kind (notice → 告)."""
    try:
        return SERIAL_CHARS[SheetKind.of(kind)]
    except ValueError:
        raise ValueError(f"unknown sheet kind {kind!r}") from None


def take_number(store: Store, kind: str, year: int) -> int:
    """The next number of ``kind`` in ``year``. Must run inside ``store.transaction()``: the
    number belongs to that transaction and is given back if it rolls back."""
    if not store.conn.in_transaction:
        raise RuntimeError("take_number must run inside store.transaction()")
    kind_char(kind)  # a kind that has no serial fails here, before anything is written
    rows = store.execute(
        "INSERT INTO serials (kind, year, last) VALUES (?, ?, 1)"
        " ON CONFLICT (kind, year) DO UPDATE SET last = last + 1 RETURNING last",
        [str(kind), year],
    ).fetchall()  # all rows: a half-read RETURNING statement would stay open
    return int(rows[0][0])


def serial_ref(kind: str, year: int, number: int) -> SerialRef:
    return SerialRef(kind_char(kind), year, number)


def format_serial(abbrev: str, kind: str, year: int, number: int) -> str:
    """铁西政服告〔2026〕123号 (no leading zeros, GB/T 9704-2012 §7.2.5)."""
    return serial_ref(kind, year, number).text(abbrev)


def preview_serial(abbrev: str, kind: str, year: int) -> str:
    """铁西政服告〔2026〕______号: what a preview shows before the number is taken."""
    return f"{abbrev}{kind_char(kind)}〔{year}〕{PLACEHOLDER}号"


def last_number(store: Store, kind: str, year: int) -> int:
    """The last number issued (0 if none), for reports and tests."""
    row = store.execute(
        "SELECT last FROM serials WHERE kind = ? AND year = ?", [str(kind), year]
    ).fetchone()
    return int(row[0]) if row else 0
