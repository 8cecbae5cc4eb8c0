"""The figures of 好差评 (issue 10 §2), per window, clerk, item, department, day, week or month.

The standards name the measures (GB/T 39734-2020, GB/T 39735-2020: 好评率, 主动评价好评率, 未评率;
差评回复率, 回访整改率, 回访整改满意率) but do not publish their formulas, so the definitions used
here are written out once, in ``DEFINITIONS`` (the README repeats them):

- Ratings are counted by the day they were given. A rating whose appeal was upheld (申诉复核成立)
  is left out of every figure and counted apart as ``excluded``.
- 好评 = 非常满意 + 满意 + 基本满意; 差评 = 不满意 + 非常不满意; 好评率 = 好评 / ratings counted.
  There is no default rating, so every rating is an active one and 主动评价好评率 = 好评率.
- 平均分 = the mean of the level scores (setting ``rating.level_scores``, 100/80/60/30/0).
- Cases are counted by the day they were registered: 可评价办件 = cases registered; 已评价 = those
  with a rating (whenever given); 评价期内 = not rated and still within the rating period;
  未评 = not rated and past it. 主动评价率 = 已评价 / 可评价办件; 未评率 = 未评 / 可评价办件.
- Follow-ups, over the 差评 counted: 差评回复率 = 差评 核实 and answered (处理 recorded: 立行立改,
  整改, 解释说明) / 差评; 回访率 = 实名差评 (the case has a phone) revisited / 实名差评 (target 100 %);
  回访整改率 = 实名差评 both handled and revisited / 实名差评; 回访整改满意率 = revisits where the
  citizen was 满意 or 基本满意 with the handling / revisits; plus those done on time and overdue.

Counting is done by SQLite (GROUP BY over the indexed columns); Python only re-groups the few
hundred rows that come back, so a month of a busy centre costs about one aggregate query.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from window_assistant.errors import UserError
from window_assistant.ratings.followups import HANDLED
from window_assistant.ratings.log import BAD_LEVELS
from window_assistant.vocab import (
    FollowUpStep as St,
)
from window_assistant.vocab import (
    RatingChannel,
    RatingLevel,
    RevisitSatisfaction,
)

if TYPE_CHECKING:
    from window_assistant.services import Services

GROUPINGS = ("window", "clerk", "item", "department", "day", "week", "month")
GROUPING_LABELS = {
    "window": "窗口",
    "clerk": "经办人",
    "item": "事项",
    "department": "部门",
    "day": "日",
    "week": "周",
    "month": "月",
}
LEVELS = list(RatingLevel)
GOOD_LEVELS = frozenset(LEVELS) - BAD_LEVELS
DEFINITIONS = __doc__ or ""


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


@dataclass
class FollowUpFigures:
    bad: int = 0  # 差评 counted
    replied: int = 0
    named: int = 0  # 实名差评
    revisited: int = 0  # 实名差评 revisited
    revisit_handled: int = 0  # 实名差评 handled and revisited
    revisits: int = 0  # every revisit
    revisit_satisfied: int = 0
    verified_on_time: int = 0
    handled_on_time: int = 0
    overdue_open: int = 0
    closed: int = 0

    def add(self, f: _Bad, today: date) -> None:
        self.bad += 1
        handled = f.handled_on is not None
        if f.verified_on is not None and handled:
            self.replied += 1
        if f.named:
            self.named += 1
            if f.revisited:
                self.revisited += 1
                if handled:
                    self.revisit_handled += 1
        if f.revisited:
            self.revisits += 1
            if f.satisfaction in _SATISFIED:
                self.revisit_satisfied += 1
        if f.verified_on is not None and f.verified_on <= f.verify_due:
            self.verified_on_time += 1
        if f.handled_on is not None and f.handled_on <= f.handle_due:
            self.handled_on_time += 1
        if f.closed_on is None and f.open_overdue(today):
            self.overdue_open += 1
        if f.closed_on is not None:
            self.closed += 1

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = dict(vars(self))
        data.update(
            reply_rate=_rate(self.replied, self.bad),
            revisit_rate=_rate(self.revisited, self.named),
            revisit_rectify_rate=_rate(self.revisit_handled, self.named),
            revisit_satisfaction_rate=_rate(self.revisit_satisfied, self.revisits),
        )
        return data


@dataclass
class Figures:
    """The figures of one group (or of everything, ``key`` "")."""

    key: str = ""
    label: str = "合计"
    by_level: dict[str, int] = field(default_factory=lambda: {lv.value: 0 for lv in LEVELS})
    by_channel: dict[str, int] = field(
        default_factory=lambda: {ch.value: 0 for ch in RatingChannel}
    )
    excluded: int = 0
    ratable: int = 0
    rated: int = 0
    still_open: int = 0
    followup: FollowUpFigures = field(default_factory=FollowUpFigures)
    _score_sum: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.by_level.values())

    @property
    def good(self) -> int:
        return sum(n for code, n in self.by_level.items() if RatingLevel.of(code) in GOOD_LEVELS)

    @property
    def bad(self) -> int:
        return self.total - self.good

    @property
    def unrated(self) -> int:
        return self.ratable - self.rated - self.still_open

    @property
    def good_rate(self) -> float | None:
        return _rate(self.good, self.total)

    @property
    def average_score(self) -> float | None:
        return round(self._score_sum / self.total, 2) if self.total else None

    @property
    def active_rate(self) -> float | None:
        return _rate(self.rated, self.ratable)

    @property
    def unrated_rate(self) -> float | None:
        return _rate(self.unrated, self.ratable)

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "total": self.total,
            "by_level": dict(self.by_level),
            "by_channel": dict(self.by_channel),
            "good": self.good,
            "bad": self.bad,
            "good_rate": self.good_rate,
            "active_good_rate": self.good_rate,
            "average_score": self.average_score,
            "excluded": self.excluded,
            "ratable": self.ratable,
            "rated": self.rated,
            "still_open": self.still_open,
            "unrated": self.unrated,
            "active_rate": self.active_rate,
            "unrated_rate": self.unrated_rate,
            "followup": self.followup.to_json(),
        }


@dataclass
class Statistics:
    date_from: date
    date_to: date
    by: str | None
    overall: Figures
    groups: list[Figures]
    scores: tuple[int, ...]

    def to_json(self) -> dict[str, Any]:
        data = self.overall.to_json()
        del data["key"], data["label"]
        data.update(
            date_from=self.date_from.isoformat(),
            date_to=self.date_to.isoformat(),
            by=self.by,
            level_scores=dict(zip((lv.value for lv in LEVELS), self.scores)),
            groups=[g.to_json() for g in self.groups],
        )
        return data

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=2)


# -- grouping ----------------------------------------------------------------------------------
def _period(day: str, by: str) -> tuple[str, str]:
    d = date.fromisoformat(day)
    if by == "week":
        year, week, _ = d.isocalendar()
        monday = d - timedelta(days=d.weekday())
        return f"{year}-W{week:02d}", f"{year}年第{week}周({monday:%m月%d日}起)"
    if by == "month":
        return day[:7], f"{d.year}年{d.month}月"
    return day, f"{d.year}年{d.month}月{d.day}日"


class _Grouper:
    """The group a row belongs to, from the raw columns SQL grouped by."""

    def __init__(self, services: Services, by: str | None) -> None:
        self.by = by
        self.departments: dict[str, str] = {}
        if by == "department":
            rows = services.store.execute("SELECT code, department FROM items")
            self.departments = {code: dept for code, dept in rows}

    def key(self, window: tuple[str, str], clerk: tuple[str, str], item: tuple[str, str],
            day: str) -> tuple[str, str]:  # fmt: skip
        by = self.by
        if by == "window":
            return str(window[0]), window[1]
        if by == "clerk":
            return clerk[0], f"{clerk[1]}({clerk[0]})"
        if by == "item":
            return item[0], item[1]
        if by == "department":
            dept = self.departments.get(item[0], "")
            return dept or "-", dept or "(一件事联办或已移出目录的事项)"
        if by in ("day", "week", "month"):
            return _period(day, by)
        return "", "合计"


_SATISFIED = frozenset(
    {RevisitSatisfaction.SATISFIED.value, RevisitSatisfaction.BASICALLY_SATISFIED.value}
)
_HANDLED = frozenset(step.value for step in HANDLED)
_BAD_CODES = ", ".join(f"'{level.value}'" for level in sorted(BAD_LEVELS))


@dataclass
class _Bad:
    """One 差评 of the period, its steps folded as ``followups._fold`` folds them, keeping only
    what the figures need (no Rating objects, no JSON but the few steps that carry a figure)."""

    key: tuple[Any, ...]  # window, clerk, item, day as _Grouper.key takes them
    named: bool
    verify_due: date
    handle_due: date
    level: str = ""
    channel: str = ""
    verified_on: date | None = None
    handled_on: date | None = None
    revisit_id: int | None = None
    satisfaction: str | None = None
    closed_on: date | None = None
    appeal: str = ""

    @property
    def revisited(self) -> bool:
        return self.revisit_id is not None

    def open_overdue(self, on: date) -> bool:
        return (self.verified_on is None and on > self.verify_due) or (
            self.handled_on is None and on > self.handle_due
        )


def _chunks(values: list[Any], size: int = 5000) -> Iterable[tuple[list[Any], str]]:
    """``values`` in slices SQLite takes as bound parameters, each with its "?, ?, …"."""
    for n in range(0, len(values), size):
        part = values[n : n + size]
        yield part, ", ".join("?" for _ in part)


def _bad_ratings(services: Services, ids: list[int]) -> dict[int, _Bad]:
    """The 差评 with rowids ``ids``, their follow-ups folded, by rowid: looked up by rowid and
    case serial, so the cost follows the number of 差评, not the size of the log."""
    settings, calendar = services.settings, services.workdays
    verify_days, rectify_days = settings.followup_verify_days, settings.followup_rectify_days
    dues: dict[str, tuple[date, date]] = {}
    found: dict[int, _Bad] = {}
    by_serial: dict[tuple[str, str], _Bad] = {}
    for part, marks in _chunks(ids):
        # 实名: a merged rating says so itself (its case is on the window's PC).
        rows = services.store.execute(
            "SELECT r.id, r.case_serial, r.window_number, r.window_name, r.clerk_login,"
            " r.clerk_name, r.item_code, r.item_name, substr(r.at, 1, 10), coalesce(r.named, 0),"
            f" r.level, r.channel FROM ratings r WHERE r.id IN ({marks})",
            part,
        )
        for rowid, serial, w, wn, c, cn, i, iname, day, named, level, channel in rows:
            if day not in dues:
                rated = date.fromisoformat(day)
                dues[day] = (calendar.add(rated, verify_days), calendar.add(rated, rectify_days))
            key = ((w, wn), (c, cn), (i, iname), day)
            found[rowid] = by_serial[(w, serial)] = _Bad(
                key, bool(named), *dues[day], level=level, channel=channel
            )
    serials = sorted({serial for _, serial in by_serial})
    for part, marks in _chunks(serials):
        steps = services.store.execute(
            "SELECT window_number, case_serial, id, step, substr(at, 1, 10), detail"
            f" FROM followup_steps WHERE case_serial IN ({marks}) ORDER BY id",
            part,
        )
        for window, serial, step_id, step, day, detail in steps:
            bad = by_serial.get((window, serial))
            if bad is not None:
                _fold(bad, step_id, step, day, detail)
    return found


def _fold(f: _Bad, step_id: int, step: str, day: str, detail: str) -> None:
    """One step into ``f``, as ``followups._fold`` and ``FollowUp.effective`` take it."""
    if step == St.VERIFY.value:
        f.verified_on = date.fromisoformat(day)
    elif step in _HANDLED:
        f.handled_on = date.fromisoformat(day)
    elif step == St.REVISIT.value:
        f.revisit_id, f.satisfaction = step_id, json.loads(detail).get("satisfaction")
    elif step == St.CLOSE.value:
        f.closed_on = date.fromisoformat(day)
    elif step == St.APPEAL.value:
        f.appeal = "pending"
    elif step == St.APPEAL_DECISION.value:
        f.appeal = "upheld" if json.loads(detail).get("upheld") else "rejected"
    elif step == St.CORRECT.value:  # a correction of the revisit's satisfaction counts
        correction = json.loads(detail)
        fields = correction.get("fields", {})
        if correction.get("step") == f.revisit_id and "satisfaction" in fields:
            f.satisfaction = fields["satisfaction"]


def _check_range(date_from: date, date_to: date) -> None:
    if date_to < date_from:
        raise UserError(
            f"统计的起止日期颠倒了:从 {date_from.isoformat()} 到 {date_to.isoformat()}。"
        )


def statistics(
    services: Services,
    date_from: date,
    date_to: date,
    by: str | None = None,
    *,
    clerk: str | None = None,
    today: date | None = None,
) -> Statistics:
    """The figures for ratings given and cases registered from ``date_from`` to ``date_to``
    (inclusive), in total and per ``by`` (one of ``GROUPINGS``); ``clerk`` keeps one clerk's."""
    if by is not None and by not in GROUPINGS:
        choices = "、".join(f"{k}({v})" for k, v in GROUPING_LABELS.items())
        raise UserError(f"分组方式「{by}」无效,可用:{choices}。")
    _check_range(date_from, date_to)
    today = today or date.today()
    now = datetime.combine(today, datetime.max.time())
    scores = dict(zip(LEVELS, services.settings.rating_level_scores))
    grouper = _Grouper(services, by)
    overall = Figures()
    groups: dict[str, Figures] = {}

    def both(key: tuple[str, str]) -> Iterable[Figures]:
        yield overall
        if by is not None:
            if key[0] not in groups:
                groups[key[0]] = Figures(key[0], key[1])
            yield groups[key[0]]

    # Ranges on the indexed time columns (ISO text sorts as time): the period's rows only.
    span = [date_from.isoformat(), (date_to + timedelta(days=1)).isoformat()]
    where, params = "r.at >= ? AND r.at < ?", list(span)
    if clerk is not None:
        where += " AND r.clerk_login = ?"
        params.append(clerk)
    # One pass over the period's ratings counted by group, level and channel (the raw aggregate
    # itself); the 差评 apart, through the (level, at) index, so that each one's follow-up, and
    # whether an upheld appeal excludes it (then taken back out of the counts), are looked up
    # for it alone.
    columns = _GROUP_COLUMNS[by]
    width = len(columns)
    picked = "".join(f"{c.format(t='r', at='r.at')}, " for c in columns)
    rows = services.store.execute(
        f"SELECT {picked}r.level, r.channel, count(*) FROM ratings r WHERE {where}"
        f" GROUP BY {', '.join(str(n + 1) for n in range(width + 2))}",
        params,
    ).fetchall()
    bad_ids = services.store.execute(
        f"SELECT r.id FROM ratings r WHERE r.level IN ({_BAD_CODES}) AND {where}", params
    ).fetchall()
    bad = _bad_ratings(services, [i for (i,) in bad_ids])
    for row in rows:
        level, channel, n = row[width:]
        for fig in both(grouper.key(*_parts(by, row[:width]))):
            fig.by_level[level] += n
            fig.by_channel[channel] += n
            fig._score_sum += scores[RatingLevel.of(level)] * n
    for f in bad.values():
        if f.appeal != "upheld":
            continue
        for fig in both(grouper.key(*f.key)):  # excluded: out of the counts, counted apart
            fig.by_level[f.level] -= 1
            fig.by_channel[f.channel] -= 1
            fig._score_sum -= scores[RatingLevel.of(f.level)]
            fig.excluded += 1
    # Cases registered in the period, rated or not, and still within their rating period:
    # the cases counted from their own table, the rated ones from the ratings recorded here
    # by when their case was registered (``case_created``, migration 0009): two counts over
    # indexes, no join of every case (README Performance). still_open = recent - rated recent.
    period = services.settings.rating_period_days
    opened = (now - timedelta(days=period)).isoformat(timespec="seconds")
    where_cases, params_cases = "c.created_at >= ? AND c.created_at < ?", list(span)
    where_rated, params_rated = "r.case_created >= ? AND r.case_created < ?", list(span)
    if clerk is not None:
        where_cases += " AND c.clerk_login = ?"
        params_cases.append(clerk)
        where_rated += " AND r.clerk_login = ?"
        params_rated.append(clerk)
    picked = ", ".join(f"{c.format(t='c', at='c.created_at')}" for c in _CASE_COLUMNS[by])
    grouping = f" GROUP BY {', '.join(str(n + 1) for n in range(width))}" if width else ""
    cases = services.store.execute(
        f"SELECT {picked}{', ' if width else ''}count(*), 0, sum(c.created_at > ?)"
        f" FROM cases c WHERE {where_cases}{grouping}",
        [opened, *params_cases],
    ).fetchall()
    picked = ", ".join(f"{c.format(t='r', at='r.case_created')}" for c in _GROUP_COLUMNS[by])
    rated = services.store.execute(
        f"SELECT {picked}{', ' if width else ''}0, count(*), -sum(r.case_created > ?)"
        f" FROM ratings r WHERE {where_rated}{grouping}",
        [opened, *params_rated],
    ).fetchall()
    # The cases of merged windows, as their exports counted them (travel.py): a day whose
    # rating period has not ended yet counts its unrated cases as still open.
    where_merged, params_merged = "m.day >= ? AND m.day < ?", list(span)
    if clerk is not None:
        where_merged += " AND m.clerk_login = ?"
        params_merged.append(clerk)
    picked = ", ".join(f"{c.format(t='m', at='m.day')}" for c in _MERGED_COLUMNS[by])
    merged = services.store.execute(
        f"SELECT {picked}{', ' if width else ''}sum(m.cases), sum(m.rated),"
        " sum(CASE WHEN m.day > ? THEN m.cases - m.rated ELSE 0 END)"
        f" FROM merged_case_counts m WHERE {where_merged}{grouping}",
        [opened[:10], *params_merged],
    ).fetchall()
    for row in (*cases, *rated, *merged):
        n, rated_n, still_open = row[width:]
        if not n and not rated_n:
            continue  # a period without cases: the bare count's one row of zeros
        for fig in both(grouper.key(*_parts(by, row[:width]))):
            fig.ratable += n
            fig.rated += rated_n
            fig.still_open += still_open or 0
    for f in bad.values():
        if f.appeal == "upheld":
            continue
        for fig in both(grouper.key(*f.key)):
            fig.followup.add(f, today)
    ordered = sorted(groups.values(), key=lambda g: g.key)
    return Statistics(date_from, date_to, by, overall, ordered, tuple(scores.values()))


# The columns each grouping needs from ratings (t = r) and cases (t = c), and how they become
# the (window, clerk, item, day) parts that _Grouper.key takes.
_WINDOW, _CLERK = ("{t}.window_number", "{t}.window_name"), ("{t}.clerk_login", "{t}.clerk_name")
_DAY = ("substr({at}, 1, 10)",)
_GROUP_COLUMNS: dict[str | None, tuple[str, ...]] = {
    None: (),
    "window": _WINDOW,
    "clerk": _CLERK,
    "item": ("{t}.item_code", "{t}.item_name"),
    "department": ("{t}.item_code", "{t}.item_name"),
    "day": _DAY,
    "week": _DAY,
    "month": _DAY,
}
# A case names its window by this PC's id: grouped by the window's number like its ratings.
_CASE_WINDOW = (
    "coalesce((SELECT w.number FROM windows w WHERE w.id = c.window_id), CAST(c.window_id AS TEXT))"
)
_CASE_COLUMNS = {
    by: tuple(
        c.replace("item_code", "subject_code")
        .replace("item_name", "subject_name")
        .replace("{t}.window_number", _CASE_WINDOW)
        for c in cs
    )
    for by, cs in _GROUP_COLUMNS.items()
}
_MERGED_COLUMNS = _GROUP_COLUMNS  # merged_case_counts has the ratings' column names


def _parts(by: str | None, values: tuple[Any, ...]) -> tuple[Any, Any, Any, str]:
    """(window, clerk, item, day) for ``_Grouper.key`` from the grouped columns (the parts a
    grouping does not use are left empty)."""
    empty = ("", "")
    if by == "window":
        return (values[0], values[1]), empty, empty, ""
    if by == "clerk":
        return empty, (values[0], values[1]), empty, ""
    if by in ("item", "department"):
        return empty, empty, (values[0], values[1]), ""
    if by in ("day", "week", "month"):
        return empty, empty, empty, values[0]
    return empty, empty, empty, ""
