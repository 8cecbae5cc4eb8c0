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
from window_assistant.ratings.followups import FollowUp, followups
from window_assistant.ratings.log import BAD_LEVELS
from window_assistant.vocab import (
    FollowUpStep,
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

    def add(self, f: FollowUp, today: date) -> None:
        self.bad += 1
        handled = f.handled_on is not None
        if f.verified_on is not None and handled:
            self.replied += 1
        if f.named:
            self.named += 1
            if f.revisit is not None:
                self.revisited += 1
                if handled:
                    self.revisit_handled += 1
        if f.revisit is not None:
            self.revisits += 1
            view = f.effective(f.revisit).get("satisfaction")
            if view in (RevisitSatisfaction.SATISFIED, RevisitSatisfaction.BASICALLY_SATISFIED):
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

    def key(self, window: tuple[int, str], clerk: tuple[str, str], item: tuple[str, str],
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


def _excluded(services: Services) -> set[str]:
    """The cases whose 差评 had an appeal upheld (the last decision counts)."""
    upheld: dict[str, bool] = {}
    rows = services.store.execute(
        "SELECT case_serial, detail FROM followup_steps WHERE step = ? ORDER BY id",
        [FollowUpStep.APPEAL_DECISION.value],
    )
    for serial, detail in rows:
        upheld[serial] = bool(json.loads(detail).get("upheld"))
    return {serial for serial, yes in upheld.items() if yes}


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
    excluded = _excluded(services)
    overall = Figures()
    groups: dict[str, Figures] = {}

    def both(key: tuple[str, str]) -> Iterable[Figures]:
        yield overall
        if by is not None:
            if key[0] not in groups:
                groups[key[0]] = Figures(key[0], key[1])
            yield groups[key[0]]

    where = "substr(at, 1, 10) BETWEEN ? AND ?"
    params: list[Any] = [date_from.isoformat(), date_to.isoformat()]
    if clerk is not None:
        where += " AND clerk_login = ?"
        params.append(clerk)
    # One aggregate over the ratings; the excluded ones come back apart (their serials are few).
    marks = ", ".join("?" for _ in excluded)
    out = f"case_serial IN ({marks})" if excluded else "0"
    rows = services.store.execute(
        f"SELECT window_id, window_name, clerk_login, clerk_name, item_code, item_name,"
        f" substr(at, 1, 10), level, channel, {out}, count(*) FROM ratings WHERE {where}"
        " GROUP BY 1, 3, 5, 7, 8, 9, 10",
        [*excluded, *params],
    )
    for w, wn, c, cn, i, iname, day, level, channel, is_out, n in rows:
        for fig in both(grouper.key((w, wn), (c, cn), (i, iname), day)):
            if is_out:
                fig.excluded += n
                continue
            fig.by_level[level] += n
            fig.by_channel[channel] += n
            fig._score_sum += scores[RatingLevel.of(level)] * n
    # Cases registered in the period, rated or not, and still within their rating period.
    period = services.settings.rating_period_days
    opened = (now - timedelta(days=period)).isoformat(timespec="seconds")
    where_cases = "substr(c.created_at, 1, 10) BETWEEN ? AND ?"
    params_cases: list[Any] = [date_from.isoformat(), date_to.isoformat()]
    if clerk is not None:
        where_cases += " AND c.clerk_login = ?"
        params_cases.append(clerk)
    rows = services.store.execute(
        "SELECT c.window_id, c.window_name, c.clerk_login, c.clerk_name, c.subject_code,"
        " c.subject_name, substr(c.created_at, 1, 10), count(*), count(r.id),"
        " sum(r.id IS NULL AND c.created_at > ?)"
        " FROM cases c LEFT JOIN ratings r ON r.case_serial = c.serial"
        f" WHERE {where_cases} GROUP BY 1, 3, 5, 7",
        [opened, *params_cases],
    )
    for w, wn, c, cn, i, iname, day, n, rated, still_open in rows:
        for fig in both(grouper.key((w, wn), (c, cn), (i, iname), day)):
            fig.ratable += n
            fig.rated += rated
            fig.still_open += still_open or 0
    for f in followups(services, clerk=clerk, date_from=date_from, date_to=date_to):
        if f.excluded:
            continue
        r = f.rating
        key = grouper.key((r.window_id, r.window_name), (r.clerk_login, r.clerk_name),
                          (r.item_code, r.item_name), r.at[:10])  # fmt: skip
        for fig in both(key):
            fig.followup.add(f, today)
    ordered = sorted(groups.values(), key=lambda g: g.key)
    return Statistics(date_from, date_to, by, overall, ordered, tuple(scores.values()))
