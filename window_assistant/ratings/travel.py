"""What travels with a window's ratings when its log is merged into another installation's
(``ratings merge``, see merge.py), besides the rows and their chain heads:

- the 差评 follow-up steps of the ratings exported (a follow-up belongs to its rating);
- which of the exported 差评 named a contact (实名: the case, with the applicant's phone, stays
  on the window's PC, but 回访率 counts 实名差评 only);
- the cases registered, counted per window, day, clerk and item, with how many of them were
  rated: 主动评价率 and 未评率 need the cases the ratings came from, and the cases themselves
  (personal data) do not travel.

Each is read by the exports in the snapshot that reads the rows, so all of it agrees.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from window_assistant.ratings.log import BAD_LEVELS, FOLLOWUP_FIELDS, mask_numbers

if TYPE_CHECKING:
    from window_assistant.services import Services

Slice = tuple[str, int, int]  # (window number, first seq, last seq) of an export
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}(T[0-9:]+)?")
_BAD = ", ".join(f"'{level.value}'" for level in BAD_LEVELS)


def day_range(date_from: date | None, date_to: date | None, column: str) -> tuple[str, list[Any]]:
    """A WHERE clause on the ISO time or day ``column`` for ``date_from`` to ``date_to``
    inclusive (None: no bound)."""
    where, params = ["1 = 1"], []  # type: list[str], list[Any]
    if date_from:
        where.append(f"{column} >= ?")
        params.append(date_from.isoformat())
    if date_to:
        where.append(f"{column} < ?")
        params.append((date_to + timedelta(days=1)).isoformat())
    return " AND ".join(where), params


def _in_slices(slices: Iterable[Slice] | None) -> tuple[str, list[Any]]:
    if slices is None:
        return "1 = 1", []
    parts, params = [], []  # type: list[str], list[Any]
    for window, first, last in slices:
        parts.append("(r.window_number = ? AND r.seq BETWEEN ? AND ?)")
        params += [window, first, last]
    return (" OR ".join(parts) or "0 = 1"), params


def followup_steps(
    services: Services, slices: Iterable[Slice] | None = None, masked: bool = False
) -> list[dict[str, Any]]:
    """The follow-up steps of the exported ratings, in the order taken (``FOLLOWUP_FIELDS``;
    ``detail`` decoded). ``masked``: phone and ID numbers typed in a step's text are masked
    like the comments (dates are left as they are)."""
    where, params = _in_slices(slices)
    rows = services.store.execute(
        "SELECT f.id, f.window_number, f.case_serial, f.step, f.at, f.actor, f.actor_name,"
        " f.detail, f.corrects FROM followup_steps f JOIN ratings r"
        " ON r.window_number = f.window_number AND r.case_serial = f.case_serial"
        f" WHERE {where} ORDER BY f.id",
        params,
    )
    steps = []
    for row in rows:
        step = dict(zip(FOLLOWUP_FIELDS, row))
        detail = json.loads(step["detail"])
        step["detail"] = _masked(detail) if masked else detail
        steps.append(step)
    return steps


def _masked(value: Any) -> Any:
    if isinstance(value, str):
        return value if _ISO_DAY.fullmatch(value) else mask_numbers(value)
    if isinstance(value, dict):
        return {k: _masked(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_masked(v) for v in value]
    return value


def named_bad(services: Services, slices: Iterable[Slice] | None = None) -> list[list[str]]:
    """[window number, case serial] of each exported 差评 whose case named a contact."""
    where, params = _in_slices(slices)
    rows = services.store.execute(
        "SELECT r.window_number, r.case_serial FROM ratings r"
        f" WHERE r.level IN ({_BAD}) AND ({where}) AND coalesce(r.named, (SELECT c.phone != ''"
        " FROM cases c WHERE c.serial = r.case_serial AND r.merge_id IS NULL), 0)"
        " ORDER BY 1, 2",
        params,
    )
    return [[str(w), str(s)] for w, s in rows]


def case_counts(
    services: Services, date_from: date | None = None, date_to: date | None = None
) -> list[list[Any]]:
    """The cases registered from ``date_from`` to ``date_to`` (None: no bound), as
    ``CASE_COUNT_FIELDS`` rows: this installation's own cases, counted with their ratings, and
    those an earlier merge brought (so that a merged log can be merged again)."""
    where, params = day_range(date_from, date_to, "c.created_at")
    own = services.store.execute(
        "SELECT coalesce(w.number, CAST(c.window_id AS TEXT)), substr(c.created_at, 1, 10),"
        " c.clerk_login, c.subject_code, max(c.window_name), max(c.clerk_name),"
        " max(c.subject_name), count(*), count(r.id)"
        " FROM cases c LEFT JOIN windows w ON w.id = c.window_id"
        " LEFT JOIN ratings r ON r.case_serial = c.serial AND r.merge_id IS NULL"
        f" WHERE {where} GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4",
        params,
    ).fetchall()
    where, params = day_range(date_from, date_to, "day")
    merged = services.store.execute(
        "SELECT window_number, day, clerk_login, item_code, window_name, clerk_name, item_name,"
        f" cases, rated FROM merged_case_counts WHERE {where} ORDER BY 1, 2, 3, 4",
        params,
    ).fetchall()
    return [list(row) for row in (*own, *merged)]
