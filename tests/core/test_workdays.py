"""The working-day calendar on the bundled State Council arrangements, and imports of a new year
into a real temporary database."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from window_assistant.accounts import INSTALLER
from window_assistant.audit import AuditLog
from window_assistant.errors import UserError
from window_assistant.store.database import Store
from window_assistant.workdays import (
    WorkdayCalendar,
    bundled_years,
    import_years,
    load_calendar,
    parse_user_date,
    statutory_year,
    year_to_import,
)

D = date.fromisoformat


@pytest.fixture(scope="module")
def cal() -> WorkdayCalendar:
    return load_calendar()


@pytest.fixture
def store(db_path):
    with Store(db_path) as s:
        yield s


# -- the bundled years -------------------------------------------------------------------------
def test_the_issue_example_national_day_2025(cal):
    # 国庆·中秋 Oct 1–8, Saturday Oct 11 worked: Oct 9, 10, 11.
    assert cal.add(D("2025-09-30"), 3) == D("2025-10-11")
    assert cal.between(D("2025-09-30"), D("2025-10-11")) == 3
    assert cal.holiday_name(D("2025-10-06")) == "国庆节、中秋节"


def test_spring_festival_2025(cal):
    assert cal.is_workday(D("2025-01-26"))  # Sunday worked
    assert cal.add(D("2025-01-25"), 1) == D("2025-01-26")
    assert cal.add(D("2025-01-27"), 1) == D("2025-02-05")  # 1/28–2/4 off
    assert cal.add(D("2025-02-07"), 1) == D("2025-02-08")  # Saturday worked
    assert cal.between(D("2025-01-24"), D("2025-02-10")) == 7  # 1/26, 1/27, 2/5–2/8, 2/10
    assert not any(cal.is_workday(D("2025-01-28") + timedelta(i)) for i in range(8))


def test_spring_festival_and_national_day_2026(cal):
    assert cal.add(D("2026-02-13"), 1) == D("2026-02-14")  # Saturday before 春节 worked
    assert cal.add(D("2026-02-14"), 1) == D("2026-02-24")  # nine days off, 2/15–2/23
    assert cal.add(D("2026-02-27"), 1) == D("2026-02-28")  # and the Saturday after
    assert cal.add(D("2026-09-19"), 1) == D("2026-09-20")  # Sunday before 国庆 worked
    assert cal.add(D("2026-09-30"), 1) == D("2026-10-08")
    assert cal.add(D("2026-09-30"), 3) == D("2026-10-10")  # Thu 8, Fri 9, Sat 10 worked
    assert cal.add(D("2026-01-01"), 1) == D("2026-01-04")  # 元旦 1/1–1/3, Sunday 1/4 worked


def test_a_make_up_saturday_counts_and_an_ordinary_one_does_not(cal):
    assert cal.is_workday(D("2024-10-12"))  # make-up Saturday
    assert not cal.is_workday(D("2024-10-19"))  # ordinary Saturday
    assert cal.add(D("2024-10-11"), 1) == D("2024-10-12")
    assert cal.add(D("2024-10-18"), 1) == D("2024-10-21")


def test_working_days_per_year_match_the_published_totals(cal):
    assert cal.between(D("2023-12-31"), D("2024-12-31")) == 251
    assert cal.between(D("2024-12-31"), D("2025-12-31")) == 248


def test_between_agrees_with_add_and_with_counting_day_by_day(cal):
    start = D("2023-12-01")
    for offset in range(0, 1200, 7):
        d = start + timedelta(offset)
        for n in (0, 1, 3, 5, 10, 22, 60):
            end = cal.add(d, n)
            assert cal.between(d, end) == n
            assert cal.between(end, d) == -n
            if n:
                assert cal.is_workday(end)
                assert cal.add(d, n - 1) < end
        b = d + timedelta(offset % 45)
        by_hand = sum(cal.is_workday(d + timedelta(i)) for i in range(1, (b - d).days + 1))
        assert cal.between(d, b) == by_hand


def test_zero_days_is_the_day_itself_even_on_a_holiday(cal):
    assert cal.add(D("2025-10-01"), 0) == D("2025-10-01")
    assert cal.between(D("2025-10-01"), D("2025-10-01")) == 0


def test_negative_or_absurd_counts_are_refused(cal):
    with pytest.raises(UserError, match="负数"):
        cal.add(D("2025-09-30"), -1)
    with pytest.raises(UserError, match="过大"):
        cal.add(D("2025-09-30"), 1_000_000)


def test_an_unarranged_year_is_estimated_on_the_statutory_holidays_with_a_warning(cal):
    assert cal.years == (2024, 2025, 2026)
    assert cal.warning_for(D("2025-06-01")) is None
    warning = cal.warning_for(D("2027-03-01"))
    assert warning is not None and "2027 年" in warning and "国务院办公厅" in warning
    assert "法定节假日" in warning and "调休未知" in warning and "周一至周五" not in warning
    assert "2027" in (cal.warning_for(D("2026-12-30"), D("2027-01-04")) or "")
    assert "2023" in (cal.warning_for(D("2023-05-01")) or "")
    assert cal.estimated(2027) and cal.estimated(2023)
    assert not cal.estimated(2026) and not cal.estimated(2150)
    # 2027: 13 statutory days, each on a weekday or given back (补假) on one: 261 − 13.
    assert cal.between(D("2026-12-31"), D("2027-12-31")) == 248


def test_across_new_year_2027_the_first_of_january_is_a_day_off(cal):
    # The bug of issue 11 §4: Friday 2027-01-01 counted as a working day.
    assert not cal.is_workday(D("2027-01-01"))
    assert cal.holiday_name(D("2027-01-01")) == "元旦"
    assert cal.add(D("2026-12-31"), 1) == D("2027-01-04")
    assert cal.add(D("2026-12-28"), 5) == D("2027-01-05")  # 12/29, 12/30, 12/31, 1/4, 1/5
    assert cal.deadline(D("2026-12-25"), 7, "自然日") == D("2027-01-04")  # ends on 1/1: rolls
    assert cal.between(D("2026-12-30"), D("2027-01-08")) == 6


def test_spring_festival_2027_on_the_lunar_calendar(cal):
    # 2027 春节 (正月初一) is Saturday 6 February, 除夕 Friday 5 February (published calendars);
    # 初一 and 初二 fall on the weekend: 补假 on Tuesday 9 and Wednesday 10 (放假办法第六条).
    off = [D("2027-02-05"), D("2027-02-08"), D("2027-02-09"), D("2027-02-10")]
    assert [
        d
        for d in (D("2027-02-01") + timedelta(i) for i in range(14))
        if not cal.is_workday(d) and d.weekday() < 5
    ] == off
    assert all(cal.holiday_name(D("2027-02-05") + timedelta(i)) == "春节" for i in range(6))
    assert cal.add(D("2027-02-04"), 1) == D("2027-02-11")
    assert cal.add(D("2027-02-01"), 10) == D("2027-02-19")
    assert cal.between(D("2027-02-04"), D("2027-02-12")) == 2


def test_national_day_and_the_other_holidays_of_2027(cal):
    # 10/1 Friday; 10/2–10/3 on the weekend → 补假 Monday 4 and Tuesday 5.
    assert cal.add(D("2027-09-30"), 1) == D("2027-10-06")
    assert cal.add(D("2027-09-29"), 3) == D("2027-10-07")
    assert cal.deadline(D("2027-09-28"), 5, "工作日") == D("2027-10-08")
    assert cal.holiday_name(D("2027-10-05")) == "国庆节"
    assert cal.add(D("2027-09-14"), 1) == D("2027-09-16")  # 中秋 Wednesday 9/15
    assert cal.add(D("2027-06-08"), 1) == D("2027-06-10")  # 端午 Wednesday 6/9
    assert cal.add(D("2027-04-02"), 1) == D("2027-04-06")  # 清明 Monday 4/5
    assert cal.add(D("2027-04-30"), 1) == D("2027-05-05")  # 劳动节 5/1–5/2 → 补假 5/3, 5/4


def test_the_statutory_year_from_the_package_is_the_law_and_cached():
    year = statutory_year(2027)
    assert statutory_year(2027) is year  # computed once per process
    spans = [(h.name, h.start.isoformat(), h.end.isoformat()) for h in year.holidays]
    assert spans == [
        ("元旦", "2027-01-01", "2027-01-01"),
        ("春节", "2027-02-05", "2027-02-10"),
        ("清明节", "2027-04-05", "2027-04-05"),
        ("劳动节", "2027-05-01", "2027-05-04"),
        ("端午节", "2027-06-09", "2027-06-09"),
        ("中秋节", "2027-09-15", "2027-09-15"),
        ("国庆节", "2027-10-01", "2027-10-05"),
    ]
    # The 2024 revision of 《全国年节及纪念日放假办法》: 13 days (春节 4 from 除夕, 劳动节 2);
    # 2028's 元旦 is a Saturday, given back on Monday 3 January.
    assert sum(len(h.days()) for h in statutory_year(2029).holidays) >= 13
    assert D("2028-01-03") in statutory_year(2028).names()


def test_the_packages_own_tiao_xiu_is_not_used_for_an_unarranged_year():
    """holidays.China knows 2026's 调休 (Friday 1/2 off, paid for by Sunday 1/4): without the
    make-up Sunday, taking the Friday would lose a working day, so only the law's days count."""
    bare = WorkdayCalendar([])
    assert not bare.is_workday(D("2026-01-01"))
    assert bare.is_workday(D("2026-01-02"))
    assert not bare.is_workday(D("2026-02-16"))  # 除夕 2026, statutory since 2025
    assert bare.is_workday(D("2026-02-20")) and bare.is_workday(D("2026-02-23"))  # 调休 there
    assert bare.is_workday(D("2020-01-31"))  # 2020's 春节延长假期 was not statutory


def test_beyond_what_can_be_computed_monday_to_friday_and_said(cal):
    assert cal.add(D("2150-01-01"), 1) == D("2150-01-02")  # 元旦 unknown: no lunar calendar
    warning = cal.warning_for(D("2150-01-01"))
    assert warning is not None and "2150 年无法推算节假日,按周一至周五计算" in warning


def test_between_agrees_with_add_and_counting_day_by_day_across_estimated_years(cal):
    start = D("2026-11-02")
    for offset in range(0, 900, 11):
        d = start + timedelta(offset)
        for n in (1, 5, 20, 60):
            end = cal.add(d, n)
            assert cal.between(d, end) == n and cal.between(end, d) == -n
            assert cal.is_workday(end)
        b = d + timedelta(offset % 400)
        by_hand = sum(cal.is_workday(d + timedelta(i)) for i in range(1, (b - d).days + 1))
        assert cal.between(d, b) == by_hand


def test_deadlines_in_working_and_calendar_days(cal):
    assert cal.deadline(D("2025-09-30"), 3, "工作日") == D("2025-10-11")
    assert cal.deadline(D("2025-09-25"), 5, "自然日") == D("2025-09-30")
    # Ends on 10/1, inside the holiday: the last day becomes the first working day after it.
    assert cal.deadline(D("2025-09-26"), 5, "自然日") == D("2025-10-09")
    assert cal.deadline(D("2025-09-26"), 5, "自然日", roll_to_workday=False) == D("2025-10-01")
    assert cal.deadline(D("2025-09-26"), 2, "自然日") == D("2025-09-28")  # a worked Sunday
    with pytest.raises(UserError, match="时限单位"):
        cal.deadline(D("2025-09-26"), 2, "小时")


def test_the_bundled_file_covers_2024_to_2026_with_sources():
    years = {y.year: y for y in bundled_years()}
    assert set(years) >= {2024, 2025, 2026}
    assert "国办发明电〔2024〕12号" in years[2025].source
    for y in years.values():
        assert "国务院办公厅" in y.source
        assert all(d.weekday() >= 5 for d in y.workdays)
    assert [h.name for h in years[2026].holidays][:2] == ["元旦", "春节"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-09-30", D("2025-09-30")),
        ("2025/9/30", D("2025-09-30")),
        ("2025.9.3", D("2025-09-03")),
        ("2025年9月30日", D("2025-09-30")),
        ("20250930", D("2025-09-30")),
    ],
)
def test_dates_as_clerks_type_them(text, expected):
    assert parse_user_date(text) == expected


@pytest.mark.parametrize("text", ["2025-02-30", "明天", "2025-9", "30/09/2025", ""])
def test_impossible_dates_are_refused_in_chinese(text):
    with pytest.raises(UserError, match="日期.*无效"):
        parse_user_date(text)


@pytest.mark.parametrize(
    "text", ["9999-12-31", "0001-01-01", "1899-12-31", "2200-01-01", "9999年12月31日"]
)
def test_dates_outside_what_the_centre_can_mean_are_refused_naming_the_range(text):
    with pytest.raises(UserError, match="超出可计算的范围.1900-01-01 至 2199-12-31."):
        parse_user_date(text)


@pytest.mark.parametrize("text", ["0000-01-01", "2026-02-29", "2026-13-01", "2026-04-31"])
def test_days_that_do_not_exist_are_refused(text):
    with pytest.raises(UserError, match="没有这一天"):
        parse_user_date(text)


def test_full_width_digits_are_dates_other_scripts_digits_are_not():
    assert parse_user_date("２０２６－０３－０２") == D("2026-03-02")
    with pytest.raises(UserError, match="无效"):
        parse_user_date("\u0662\u0660\u0662\u0666-03-02")  # ٢٠٢٦


def test_counting_from_the_end_of_the_calendar_is_refused_not_an_overflow(cal):
    for start in (date.max, date(9999, 12, 24), date(2200, 1, 1), date.min):
        with pytest.raises(UserError, match="超出可计算的范围"):
            cal.add(start, 5)
        with pytest.raises(UserError, match="超出可计算的范围"):
            cal.deadline(start, 5, "自然日")
    assert cal.add(D("2199-12-31"), 10_000) > D("2199-12-31")  # the latest date still counts


def test_a_long_span_of_unknown_years_is_named_as_a_range(cal):
    warning = cal.warning_for(D("2026-01-01"), D("2199-12-31"))
    assert warning is not None and "2027–2100 年" in warning and "2101–2199 年" in warning
    assert len(warning) < 120


# -- importing a new year ----------------------------------------------------------------------
def year_2027(**changes) -> dict:
    """A made-up 2027 arrangement (the real one is not published yet)."""
    entry = {
        "year": 2027,
        "source": "国务院办公厅关于2027年部分节假日安排的通知(测试用虚构数据)",
        "holidays": [
            {"name": "元旦", "start": "2027-01-01", "end": "2027-01-03"},
            {"name": "春节", "start": "2027-02-06", "end": "2027-02-14"},
            {"name": "国庆节", "start": "2027-10-01", "end": "2027-10-07"},
        ],
        "workdays": ["2027-02-20", "2027-09-26", "2027-10-09"],
    }
    entry.update(changes)
    return entry


def write(tmp_path: Path, data, name: str = "holidays-2027.json") -> Path:
    path = tmp_path / name
    text = data if isinstance(data, str) else json.dumps({"years": data}, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path


def imports_logged(store: Store) -> list[dict]:
    return [e.detail for e in AuditLog(store).entries() if e.action == "workdays.import"]


def test_importing_a_new_year_is_used_by_the_calendar_and_audited(store, tmp_path):
    before = load_calendar(store)
    assert before.add(D("2027-02-05"), 1) == D("2027-02-11")  # estimated, with a warning
    assert not before.is_workday(D("2027-04-05"))  # 清明, estimated
    imported = import_years(store, write(tmp_path, [year_2027()]), actor=INSTALLER)
    assert [(i.year.year, i.replaced) for i in imported] == [(2027, False)]

    cal = load_calendar(store)
    assert cal.years == (2024, 2025, 2026, 2027)
    assert cal.warning_for(D("2027-02-05")) is None
    assert cal.add(D("2027-02-05"), 1) == D("2027-02-15")  # 春节 2/6–2/14
    assert cal.add(D("2027-02-19"), 1) == D("2027-02-20")  # make-up Saturday
    assert cal.add(D("2026-12-31"), 1) == D("2027-01-04")  # across the new year
    assert cal.add(D("2025-09-30"), 3) == D("2025-10-11")  # bundled years still there
    # The imported year wins over the estimate: the made-up 2027 has no 清明 and its 春节
    # starts on 2/6, so 4/5 and 除夕 2/5 (both estimated off before) are worked.
    assert cal.is_workday(D("2027-04-05")) and cal.is_workday(D("2027-02-05"))
    assert cal.holiday_name(D("2027-04-05")) is None and not cal.estimated(2027)
    assert cal.between(D("2027-01-31"), D("2027-02-28")) == 16  # 20 weekdays − 2/8–2/12 + 2/20
    assert imports_logged(store) == [{"years": [2027], "file": "holidays-2027.json"}]


def test_reimporting_a_year_replaces_it_including_a_bundled_one(store, tmp_path):
    import_years(store, write(tmp_path, [year_2027()]), actor=INSTALLER)
    # A corrected 2027 (春节 one day shorter) and a correction of the bundled 2026.
    shorter = year_2027(
        holidays=[{"name": "春节", "start": "2027-02-06", "end": "2027-02-12"}], workdays=[]
    )
    corrected_2026 = {
        "year": 2026,
        "source": "国务院办公厅关于2026年部分节假日安排的通知(更正)",
        "holidays": [{"name": "国庆节", "start": "2026-10-01", "end": "2026-10-08"}],
        "workdays": [],
    }
    imported = import_years(store, write(tmp_path, [shorter, corrected_2026]), actor=INSTALLER)
    assert {i.year.year: i.replaced for i in imported} == {2027: True, 2026: True}

    cal = load_calendar(store)
    assert cal.add(D("2027-02-11"), 1) == D("2027-02-15")  # Fri 2/12 now off, Mon 2/15 worked
    assert cal.add(D("2027-02-19"), 1) == D("2027-02-22")  # 2/20 no longer worked
    assert cal.add(D("2026-09-30"), 1) == D("2026-10-09")
    assert cal.is_workday(D("2026-02-16"))  # the corrected 2026 has no 春节: as imported
    assert cal.year(2026).source.endswith("(更正)")
    assert store.execute("SELECT count(*) FROM holiday_years").fetchone()[0] == 2


BAD_FILES = {
    "malformed JSON": ('{"years": [', "不是有效的 JSON"),
    "not an object": ("[1, 2]", "years 列表"),
    "wrong format tag": ('{"format": "something-else", "years": []}', "format"),
    "no years": ('{"years": []}', "空的"),
    "impossible date": (
        [year_2027(holidays=[{"name": "春节", "start": "2027-02-30", "end": "2027-03-01"}])],
        "2027-02-30”不是有效日期",
    ),
    "date in another format": (
        [year_2027(holidays=[{"name": "春节", "start": "2027/2/6", "end": "2027-02-14"}])],
        "应写成 YYYY-MM-DD",
    ),
    "end before start": (
        [year_2027(holidays=[{"name": "春节", "start": "2027-02-14", "end": "2027-02-06"}])],
        "结束日期 2027-02-06 早于开始日期 2027-02-14",
    ),
    "make-up day on a weekday": (
        [year_2027(workdays=["2027-02-19"])],
        "2027-02-19 是星期五,调休上班日只能是周六或周日",
    ),
    "holiday not in its year": (
        [year_2027(holidays=[{"name": "国庆节", "start": "2026-10-01", "end": "2026-10-07"}])],
        "不在 2027 年内",
    ),
    "make-up day not in its year": ([year_2027(workdays=["2026-10-10"])], "不在 2027 年内"),
    "make-up day inside the holiday": ([year_2027(workdays=["2027-02-13"])], "落在放假期间"),
    "overlapping holidays": (
        [
            year_2027(
                holidays=[
                    {"name": "国庆节", "start": "2027-10-01", "end": "2027-10-07"},
                    {"name": "中秋节", "start": "2027-10-07", "end": "2027-10-08"},
                ]
            )
        ],
        "重叠",
    ),
    "a month typo": (
        [year_2027(holidays=[{"name": "国庆节", "start": "2027-10-01", "end": "2027-11-07"}])],
        "超过 20 天",
    ),
    "missing source": ([year_2027(source="")], "缺少 source"),
    "year not a number": ([year_2027(year="二〇二七")], "year"),
    "same year twice": ([year_2027(), year_2027()], "出现了两次"),
    "good 2027 with a bad 2028": (
        [
            year_2027(),
            year_2027(
                year=2028,
                holidays=[{"name": "元旦", "start": "2028-01-01", "end": "2028-01-01"}],
                workdays=["2028-01-03"],  # a Monday
            ),
        ],
        "2028 年的调休上班日 2028-01-03 是星期一",
    ),
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_every_kind_of_bad_file_changes_nothing(store, tmp_path, kind):
    import_years(store, write(tmp_path, [year_2027()], "good.json"), actor=INSTALLER)
    rows_before = store.execute("SELECT * FROM holiday_years").fetchall()
    logged_before = imports_logged(store)

    data, message = BAD_FILES[kind]
    with pytest.raises(UserError) as info:
        import_years(store, write(tmp_path, data, "bad.json"), actor=INSTALLER)
    assert message in str(info.value)
    assert "bad.json" in str(info.value)

    assert store.execute("SELECT * FROM holiday_years").fetchall() == rows_before
    assert imports_logged(store) == logged_before
    assert load_calendar(store).add(D("2027-02-05"), 1) == D("2027-02-15")


def test_unreadable_files_are_reported(store, tmp_path):
    with pytest.raises(UserError, match="找不到节假日文件"):
        import_years(store, tmp_path / "none.json", actor=INSTALLER)
    gbk = tmp_path / "gbk.json"
    gbk.write_bytes(json.dumps({"years": [year_2027()]}, ensure_ascii=False).encode("gbk"))
    with pytest.raises(UserError, match="UTF-8"):
        import_years(store, gbk, actor=INSTALLER)
    assert store.execute("SELECT count(*) FROM holiday_years").fetchone()[0] == 0


def test_a_file_saved_by_notepad_with_a_bom_imports(store, tmp_path):
    path = tmp_path / "bom.json"
    text = json.dumps({"years": [year_2027()]}, ensure_ascii=False)
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert [i.year.year for i in import_years(store, path, actor=INSTALLER)] == [2027]


def test_services_share_one_calendar_and_reload_it_after_an_import(services, tmp_path):
    calendar = services.workdays
    assert calendar is services.workdays
    assert calendar.add(date(2025, 9, 30), 3) == date(2025, 10, 11)
    assert 2027 not in calendar.years
    data = {
        "format": "window-assistant-holidays",
        "version": 1,
        "years": [
            {
                "year": 2027,
                "source": "测试用安排",
                "holidays": [{"name": "元旦", "start": "2027-01-01", "end": "2027-01-03"}],
                "workdays": [],
            }
        ],
    }
    path = tmp_path / "2027.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    import_years(services.store, path, INSTALLER)
    services.holidays_changed()
    assert 2027 in services.workdays.years


# -- the reminder to import next year ----------------------------------------------------------
def test_a_supervisor_is_reminded_in_november_and_december_while_next_year_is_missing(
    services, tmp_path
):
    chief = services.accounts.add_account(INSTALLER, "S09", "周敏", "supervisor", "secret-pass-9")
    clerk = services.accounts.add_account(INSTALLER, "1009", "赵丽", "clerk", "1357")
    assert year_to_import(services, chief, D("2026-12-02")) == 2027
    assert year_to_import(services, chief, D("2026-11-01")) == 2027
    assert year_to_import(services, chief, D("2026-10-31")) is None  # not yet the season
    assert year_to_import(services, chief, D("2025-12-15")) is None  # 2026 is bundled
    assert year_to_import(services, clerk, D("2026-12-02")) is None  # a clerk cannot import
    import_years(services.store, write(tmp_path, [year_2027()]), actor=chief)
    services.holidays_changed()
    assert year_to_import(services, chief, D("2026-12-02")) is None
