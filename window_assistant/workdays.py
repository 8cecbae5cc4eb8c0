"""Working days: Chinese public holidays and 调休 make-up workdays.

Time limits in the catalog are counted in 工作日 (行政许可法第八十二条: working days, public
holidays excluded), so "3 working days after 2025-09-30" must skip the National Day holiday
and count the make-up Saturday 2025-10-11. The State Council (国务院办公厅) publishes each
year's arrangement late in the previous year; the years we know ship in
``catalog/holidays.json`` and a supervisor imports a new year in the same format, stored in
the ``holiday_years`` table and overriding the bundled year of the same number.

A year without an arrangement (today: the next one, until the State Council publishes it) is
estimated: the statutory holidays of 《全国年节及纪念日放假办法》 (2024 revision, in force since
2025: 元旦 1 day, 春节 4 days from 农历除夕, 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3; lunar dates
included) are days off, and so is the working day given in lieu of one that falls on a weekend
(its 第六条, 补假). Those dates come from the ``holidays`` package (``holidays.China``), of which
only the statutory days and their 补假 are kept: the package's own 调休 for the years it knows are
dropped, since the make-up workdays that pay for them are not modelled. The 调休 of an estimated
year is unknown, which ``warning_for`` says; an imported year always wins. Beyond the years the
package can compute (lunar dates end with 2100) the calendar falls back to Monday–Friday and says
that too.

The calendar is sorted lists of dates and, per estimated year, a set computed once per process
(``statutory_year`` is cached), so counting deadlines in a list stays micro- to milliseconds.
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from window_assistant.cases.ids import half_width
from window_assistant.errors import UserError
from window_assistant.paths import catalog_file
from window_assistant.vocab import LimitUnit

if TYPE_CHECKING:
    from window_assistant.accounts import User
    from window_assistant.services import Services
    from window_assistant.store.database import Store

HOLIDAYS_FILE = "holidays.json"
FORMAT_TAG = "window-assistant-holidays"
FORMAT_VERSION = 1
MAX_HOLIDAY_DAYS = 20  # the longest so far is 9 (春节 2026); more is a typo in a month
YEAR_SPILL_DAYS = 7  # a notice may reach into the next/previous year (2019: 2018-12-29 上班)
MAX_COUNT = 10_000  # working or calendar days a deadline may be counted over
# Dates a user may type: the service centre's records, with room for old birth dates and long
# deadlines; 10,000 working days after the last one still fit in Python's calendar (≤ 9999).
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2199, 12, 31)
MAX_ERRORS_SHOWN = 20
WEEKDAYS_CN = "一二三四五六日"
# The ``holidays`` package's names (its zh_CN source strings) of the days 《全国年节及纪念日放假办法》
# 第二条 gives every citizen off, as our calendar names them; any other day it lists (its 调休
# 休息日, one-off days such as 2020's 春节延长假期) is not statutory and is left out.
STATUTORY_NAMES = {
    "元旦": "元旦",
    "农历除夕": "春节",
    "春节": "春节",
    "清明节": "清明节",
    "劳动节": "劳动节",
    "端午节": "端午节",
    "中秋节": "中秋节",
    "国庆节": "国庆节",
}
_PACKAGE_SUFFIX = re.compile(r"（(补假|推定|补假，推定)）$")
REMIND_FROM_MONTH = 11  # November and December: remind the supervisor to import next year


@dataclass(frozen=True)
class Holiday:
    name: str
    start: date
    end: date

    def days(self) -> list[date]:
        return [self.start + timedelta(i) for i in range((self.end - self.start).days + 1)]


@dataclass(frozen=True)
class HolidayYear:
    """One year's arrangement as published: holidays and the weekend days worked instead."""

    year: int
    source: str
    holidays: tuple[Holiday, ...]
    workdays: tuple[date, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "source": self.source,
            "holidays": [
                {"name": h.name, "start": h.start.isoformat(), "end": h.end.isoformat()}
                for h in self.holidays
            ],
            "workdays": [d.isoformat() for d in self.workdays],
        }


@dataclass(frozen=True)
class StatutoryYear:
    """A year's statutory days off as the law fixes them, with no 调休: ``holidays`` is empty
    when the ``holidays`` package cannot compute the year (before 1950, after 2100)."""

    year: int
    holidays: tuple[Holiday, ...]

    @property
    def covered(self) -> bool:
        return bool(self.holidays)

    def names(self) -> dict[date, str]:
        return {d: h.name for h in self.holidays for d in h.days()}


@functools.cache
def statutory_year(year: int) -> StatutoryYear:
    """The statutory holidays of ``year`` and their 补假, from the ``holidays`` package, grouped
    into runs of days with one name (2027: 春节 2027-02-05 to 2027-02-10). Computed once per year
    and process; the package is imported on first use only (it takes ~0.1 s)."""
    import holidays  # not at start-up: most sessions never count past the known years

    names: dict[date, str] = {}
    for day, raw in holidays.China(years=year, language="zh_CN").items():
        if day.year != year:
            continue
        kept = [
            STATUTORY_NAMES.get(_PACKAGE_SUFFIX.sub("", part.strip())) for part in raw.split(";")
        ]
        found = [name for name in dict.fromkeys(kept) if name]
        if found:
            names[day] = "、".join(found)
    runs: list[Holiday] = []
    for day in sorted(names):
        last = runs[-1] if runs else None
        if last and last.name == names[day] and (day - last.end).days == 1:
            runs[-1] = Holiday(last.name, last.start, day)
        else:
            runs.append(Holiday(names[day], day, day))
    return StatutoryYear(year, tuple(runs))


@dataclass(frozen=True)
class _Estimate:
    """One unarranged year as a calendar uses it: weekdays off, sorted, and the days' names."""

    off: frozenset[date]
    off_sorted: tuple[date, ...]
    names: dict[date, str]
    covered: bool


def _weekdays_through(d: date) -> int:
    """Mondays–Fridays from 0001-01-01 (a Monday) to ``d`` inclusive."""
    weeks, rest = divmod(d.toordinal(), 7)
    return 5 * weeks + min(rest, 5)


class WorkdayCalendar:
    """Which days are working days: the years arranged as published; other years estimated
    from the statutory holidays (no 调休); Monday–Friday where even those are unknown."""

    def __init__(self, years: Iterable[HolidayYear]) -> None:
        self._years = {y.year: y for y in years}
        names: dict[date, str] = {}
        on: set[date] = set()
        for y in sorted(self._years.values(), key=lambda y: y.year):
            for h in y.holidays:
                for d in h.days():
                    names[d] = h.name
            on.update(y.workdays)
        self._names = names
        self._on = on  # weekend days that are worked (调休)
        self._off = {d for d in names if d.weekday() < 5 and d not in on}  # weekdays off
        self._on_sorted = sorted(on)
        self._off_sorted = sorted(self._off)
        self._estimates: dict[int, _Estimate] = {}

    def _estimate(self, year: int) -> _Estimate:
        """An unarranged year's statutory weekdays off, minus what an arranged neighbour says
        of the same dates (a notice may reach a few days into the next year)."""
        found = self._estimates.get(year)
        if found is None:
            statutory = statutory_year(year)
            names = {d: n for d, n in statutory.names().items() if d not in self._names}
            off = frozenset(d for d in names if d.weekday() < 5 and d not in self._on)
            found = _Estimate(off, tuple(sorted(off)), names, statutory.covered)
            self._estimates[year] = found
        return found

    def estimated(self, year: int) -> bool:
        """Whether ``year`` is counted on the statutory holidays alone (not arranged, but
        computable); False for an arranged year and for one counted Monday–Friday."""
        return year not in self._years and self._estimate(year).covered

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted(self._years))

    def year(self, year: int) -> HolidayYear | None:
        return self._years.get(year)

    def is_workday(self, d: date) -> bool:
        if d in self._on:
            return True
        if d.weekday() >= 5 or d in self._off:
            return False
        return d.year in self._years or d not in self._estimate(d.year).off

    def holiday_name(self, d: date) -> str | None:
        """The holiday ``d`` falls in (weekends inside it included), e.g. "春节"; in an
        estimated year, the statutory day or its 补假."""
        name = self._names.get(d)
        if name is None and d.year not in self._years:
            name = self._estimate(d.year).names.get(d)
        return name

    def add(self, d: date, n: int) -> date:
        """The ``n``-th working day after ``d`` (``add(d, 1)`` is the next one; ``add(d, 0)``
        is ``d`` itself, working day or not)."""
        _check_count(n)
        _check_in_range(d)
        one = timedelta(days=1)
        while n > 0:
            d += one
            if self.is_workday(d):
                n -= 1
        return d

    def next_workday(self, d: date) -> date:
        """``d`` if it is a working day, else the first working day after it."""
        _check_in_range(d)
        one = timedelta(days=1)
        while not self.is_workday(d):
            d += one
        return d

    def between(self, a: date, b: date) -> int:
        """Working days in (a, b]: after ``a``, up to and including ``b``; so
        ``between(d, add(d, n)) == n``. Negative (``-between(b, a)``) when ``b`` is before
        ``a``."""
        if b < a:
            return -self.between(b, a)
        count = _weekdays_through(b) - _weekdays_through(a)
        count += bisect_right(self._on_sorted, b) - bisect_right(self._on_sorted, a)
        count -= bisect_right(self._off_sorted, b) - bisect_right(self._off_sorted, a)
        for year in range(a.year, b.year + 1):
            if year in self._years:
                continue
            off = self._estimate(year).off_sorted
            if a.year < year < b.year:
                count -= len(off)
            else:
                count -= bisect_right(off, b) - bisect_right(off, a)
        return count

    def deadline(self, start: date, n: int, unit: str, *, roll_to_workday: bool = True) -> date:
        """The last day of a time limit of ``n`` days in the catalog's ``unit`` counted from
        ``start`` (the day of acceptance itself not counted). A 自然日 limit ending on a day off
        moves to the next working day (民法典第二百零三条), unless ``roll_to_workday`` is off."""
        try:
            unit = LimitUnit.parse(unit)
        except ValueError:
            words = "或".join(u.label for u in LimitUnit)
            raise UserError(f"时限单位“{unit}”无效,只能是{words}。") from None
        if unit == LimitUnit.WORKDAY:
            return self.add(start, n)
        _check_count(n)
        _check_in_range(start)
        end = start + timedelta(days=n)
        return self.next_workday(end) if roll_to_workday else end

    def missing_years(self, a: date, b: date) -> list[int]:
        """The years from ``a`` to ``b`` without the State Council's arrangement."""
        low, high = sorted((a.year, b.year))
        return [y for y in range(low, high + 1) if y not in self._years]

    def warning_for(self, d: date, until: date | None = None) -> str | None:
        """A Chinese warning if ``d`` (or any year up to ``until``) has no arrangement: what
        was counted instead, and that the State Council's arrangement decides."""
        missing = self.missing_years(d, until or d)
        if not missing:
            return None
        estimated = [y for y in missing if self._estimate(y).covered]
        unknown = [y for y in missing if y not in estimated]
        parts = []
        if estimated:
            parts.append(
                f"{_year_ranges(estimated)} 年的节假日安排尚未导入,已按法定节假日(含补假)"
                "估算,调休未知"
            )
        if unknown:
            parts.append(f"{_year_ranges(unknown)} 年无法推算节假日,按周一至周五计算")
        return ";".join(parts) + "。以国务院办公厅公布的安排为准,公布后请导入。"


def _year_ranges(years: list[int]) -> str:
    """2027、2029–2031: runs of consecutive years shown as ranges (a span of centuries is one)."""
    runs: list[list[int]] = []
    for year in sorted(years):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return "、".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


def _check_in_range(d: date) -> None:
    """A date the arithmetic may start from: bounded, so counting on never leaves the calendar."""
    if not EARLIEST_DATE <= d <= LATEST_DATE:
        raise UserError(
            f"日期 {d.isoformat()} 超出可计算的范围({EARLIEST_DATE.isoformat()} 至 "
            f"{LATEST_DATE.isoformat()}),请核对年份。"
        )


def _check_count(n: int) -> None:
    if n < 0:
        raise UserError(f"天数不能为负数(收到 {n})。")
    if n > MAX_COUNT:
        raise UserError(f"天数 {n} 过大,最多 {MAX_COUNT} 天。")


# -- reading and validating the data -----------------------------------------------------------
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_USER_DATE = re.compile(r"\s*([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?\s*")
_COMPACT_DATE = re.compile(r"\s*([0-9]{4})([0-9]{2})([0-9]{2})\s*")


def parse_user_date(text: str) -> date:
    """A date as a clerk types it: 2025-09-30, 2025/9/30, 2025.9.30, 2025年9月30日, 20250930
    (full-width digits too), from EARLIEST_DATE to LATEST_DATE."""
    typed = half_width(text)
    m = _USER_DATE.fullmatch(typed) or _COMPACT_DATE.fullmatch(typed)
    if m:
        try:
            parsed = date(*(int(g) for g in m.groups()))
        except ValueError:
            raise UserError(f"日期“{text}”无效:没有这一天,请核对年、月、日。") from None
        _check_in_range(parsed)
        return parsed
    raise UserError(f"日期“{text}”无效,请按 2025-09-30 的格式填写。")


def _strict_date(value: Any, what: str, errors: list[str]) -> date | None:
    if isinstance(value, str) and _ISO.fullmatch(value):
        with contextlib.suppress(ValueError):  # e.g. 2025-02-30: reported below
            return date.fromisoformat(value)
    errors.append(f"{what}“{value}”不是有效日期,应写成 YYYY-MM-DD,如 2025-10-01。")
    return None


def _in_year(d: date, year: int) -> bool:
    spill = timedelta(days=YEAR_SPILL_DAYS)
    return date(year, 1, 1) - spill <= d <= date(year, 12, 31) + spill


def _parse_year(entry: Any, where: str, errors: list[str]) -> HolidayYear | None:
    if not isinstance(entry, dict):
        errors.append(f"{where} 应是一个对象(含 year、source、holidays、workdays)。")
        return None
    year = entry.get("year")
    if isinstance(year, bool) or not isinstance(year, int) or not 1949 <= year <= 2200:
        errors.append(f"{where} 的 year “{year}”无效,应是四位数年份,如 2027。")
        return None
    where = f"{year} 年"
    before = len(errors)
    source = entry.get("source")
    if not isinstance(source, str) or not source.strip():
        errors.append(
            f"{where} 缺少 source(出处,如“国务院办公厅关于{year}年部分节假日安排的通知”)。"
        )
        source = ""
    raw_holidays, raw_workdays = entry.get("holidays"), entry.get("workdays", [])
    if not isinstance(raw_holidays, list) or not raw_holidays:
        errors.append(f"{where} 缺少 holidays(放假安排列表)。")
        raw_holidays = []
    if not isinstance(raw_workdays, list):
        errors.append(f"{where} 的 workdays 应是日期列表。")
        raw_workdays = []

    holidays: list[Holiday] = []
    for i, h in enumerate(raw_holidays, 1):
        if not isinstance(h, dict):
            errors.append(f"{where} 第 {i} 个假期应是含 name、start、end 的对象。")
            continue
        name = h.get("name")
        if not isinstance(name, str) or not name.strip():
            errors.append(f"{where} 第 {i} 个假期缺少名称(name)。")
            continue
        label = f"{where}{name}"
        start = _strict_date(h.get("start"), f"{label}的开始日期", errors)
        end = _strict_date(h.get("end"), f"{label}的结束日期", errors)
        if start is None or end is None:
            continue
        if end < start:
            errors.append(f"{label}的结束日期 {end} 早于开始日期 {start}。")
        elif (end - start).days + 1 > MAX_HOLIDAY_DAYS:
            errors.append(f"{label}从 {start} 到 {end} 超过 {MAX_HOLIDAY_DAYS} 天,请检查月份。")
        elif not (_in_year(start, year) and _in_year(end, year)):
            errors.append(f"{label}({start} 至 {end})不在 {year} 年内。")
        else:
            for other in holidays:
                if start <= other.end and other.start <= end:
                    errors.append(f"{label}与{other.name}的日期重叠。")
            holidays.append(Holiday(name.strip(), start, end))

    workdays: list[date] = []
    for value in raw_workdays:
        d = _strict_date(value, f"{where}的调休上班日", errors)
        if d is None:
            continue
        if d.weekday() < 5:
            errors.append(
                f"{where}的调休上班日 {d} 是星期{WEEKDAYS_CN[d.weekday()]},"
                "调休上班日只能是周六或周日。"
            )
        elif not _in_year(d, year):
            errors.append(f"{where}的调休上班日 {d} 不在 {year} 年内。")
        elif d in workdays:
            errors.append(f"{where}的调休上班日 {d} 重复。")
        elif any(h.start <= d <= h.end for h in holidays):
            errors.append(f"{where}的调休上班日 {d} 落在放假期间。")
        else:
            workdays.append(d)
    if len(errors) > before:
        return None
    holidays.sort(key=lambda h: h.start)
    return HolidayYear(year, source.strip(), tuple(holidays), tuple(sorted(workdays)))


def parse_holidays(data: Any, origin: str) -> list[HolidayYear]:
    """Every year in a holidays file, or a UserError listing every problem (all-or-nothing)."""
    problem = f"节假日文件 {origin} 格式不对:"
    if not isinstance(data, dict) or not isinstance(data.get("years"), list):
        raise UserError(problem + "应是含 years 列表的 JSON 对象,可参照内置的 holidays.json。")
    if data.get("format", FORMAT_TAG) != FORMAT_TAG:
        raise UserError(problem + f"format 应为 {FORMAT_TAG}。")
    if data.get("version", FORMAT_VERSION) != FORMAT_VERSION:
        raise UserError(problem + f"version 应为 {FORMAT_VERSION}。")
    if not data["years"]:
        raise UserError(problem + "years 列表是空的。")
    errors: list[str] = []
    years: list[HolidayYear] = []
    for i, entry in enumerate(data["years"], 1):
        parsed = _parse_year(entry, f"第 {i} 个年份", errors)
        if parsed is None:
            continue
        if any(y.year == parsed.year for y in years):
            errors.append(f"{parsed.year} 年在文件中出现了两次。")
        years.append(parsed)
    if errors:
        shown = errors[:MAX_ERRORS_SHOWN]
        if len(errors) > len(shown):
            shown.append(f"……另有 {len(errors) - len(shown)} 处")
        raise UserError(
            f"节假日文件 {origin} 有 {len(errors)} 处错误,未导入任何内容。请改正后重新导入:",
            details=shown,
        )
    return years


def parse_holidays_text(text: str, origin: str) -> list[HolidayYear]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(
            f"节假日文件 {origin} 不是有效的 JSON(第 {exc.lineno} 行第 {exc.colno} 列:{exc.msg})。"
        ) from exc
    return parse_holidays(data, origin)


# -- loading and importing ---------------------------------------------------------------------
def bundled_years() -> list[HolidayYear]:
    text = catalog_file(HOLIDAYS_FILE).read_text(encoding="utf-8")
    return parse_holidays_text(text, HOLIDAYS_FILE)


def stored_years(store: Store) -> list[HolidayYear]:
    """Years a supervisor imported, as validated when they were imported."""
    rows = store.execute("SELECT data FROM holiday_years ORDER BY year").fetchall()
    if not rows:
        return []
    return parse_holidays({"years": [json.loads(r[0]) for r in rows]}, "(数据库)")


def load_calendar(store: Store | None = None) -> WorkdayCalendar:
    """The bundled years, with the years imported into ``store`` taking precedence."""
    years = {y.year: y for y in bundled_years()}
    if store is not None:
        years.update((y.year, y) for y in stored_years(store))
    return WorkdayCalendar(years.values())


def year_to_import(services: Services, actor: User, today: date | None = None) -> int | None:
    """Next year, when ``actor`` may import the holiday calendar, it is November or December
    and next year has no arrangement yet (bundled or imported); else None. The window reminds
    the supervisor of it at sign-in (the State Council publishes the arrangement late in the
    year)."""
    from window_assistant.permissions import Action, allowed

    today = today or date.today()
    if today.month < REMIND_FROM_MONTH or not allowed(actor, Action.IMPORT_WORKDAYS):
        return None
    coming = today.year + 1
    return None if services.workdays.year(coming) is not None else coming


@dataclass(frozen=True)
class ImportedYear:
    year: HolidayYear
    replaced: bool  # the calendar knew this year before (bundled or imported earlier)


def import_years(store: Store, path: str | Path, actor: User) -> list[ImportedYear]:
    """Validate a holidays file and store its years, all or nothing, replacing any year it
    repeats; audited in the same transaction. A supervisor's to do."""
    from window_assistant.accounts import Accounts
    from window_assistant.audit import AuditLog
    from window_assistant.permissions import Action

    actor = Accounts(store).authorise(actor, Action.IMPORT_WORKDAYS)

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise UserError(f"找不到节假日文件 {path},请检查路径。") from exc
    except UnicodeDecodeError as exc:
        raise UserError(f"节假日文件 {path} 不是 UTF-8 编码的文本,请另存为 UTF-8 后重试。") from exc
    except OSError as exc:
        raise UserError(f"无法读取节假日文件 {path}:{exc}。") from exc
    years = parse_holidays_text(text, path.name)
    known = set(load_calendar(store).years)
    now = datetime.now().isoformat(timespec="seconds")
    with store.transaction() as db:
        for y in years:
            db.execute(
                "INSERT OR REPLACE INTO holiday_years (year, data, source, imported_at)"
                " VALUES (?, ?, ?, ?)",
                [y.year, json.dumps(y.to_dict(), ensure_ascii=False), y.source, now],
            )
        AuditLog(store).record(
            actor.login, "workdays.import", years=[y.year for y in years], file=path.name
        )
    return [ImportedYear(y, y.year in known) for y in years]
