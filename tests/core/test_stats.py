"""The 好差评 figures (issue 10 §2) on a small data set whose every figure is counted by hand in
the comments below; per clerk, department and day; the settings that change them."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tests.core.test_followups import boss, step
from window_assistant.accounts import INSTALLER
from window_assistant.cases.registration import CaseRequest, CaseService
from window_assistant.errors import UserError
from window_assistant.ratings.log import record_rating
from window_assistant.ratings.stats import statistics
from window_assistant.sheets.model import Person
from window_assistant.vocab import FollowUpStep, RatingChannel, RatingLevel

St, L = FollowUpStep, RatingLevel
QR, PAD = RatingChannel.QR_CODE, RatingChannel.PAD
ITEM = "000920001000"  # 用人单位社保登记
ITEM2 = "001701001000"  # 企业设立登记
FROM, TO = date(2026, 3, 9), date(2026, 3, 12)
TODAY = date(2026, 3, 18)


def at(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 3, day, hour, 0)


@pytest.fixture
def data(services):
    return build_data(services)


def build_data(services):
    """Seven cases, 3月9日–12日:

    #  clerk item  registered rating (day, level, channel)        follow-up
    1  A     ITEM  9          9 非常满意 QR
    2  A     ITEM  9          9 满意 PAD
    3  A     ITEM2 9 phone    10 不满意 QR                        核实 10, 立行立改 10, 回访 11 满意, 办结
    4  B     ITEM2 9          10 非常不满意 QR                     申诉 成立 → excluded
    5  B     ITEM  9          11 基本满意 QR
    6  B     ITEM  9          —  (period ended 16th: 未评 on the 18th)
    7  A     ITEM  12         —  (period runs to the 19th: still open on the 18th)
    """
    a = services.default_clerk()
    b = services.accounts.add_account(INSTALLER, "1009", "赵丽", "clerk", "1357")
    cases = {}
    plan = [
        (1, a, ITEM, 9, False),
        (2, a, ITEM, 9, False),
        (3, a, ITEM2, 9, True),
        (4, b, ITEM2, 9, False),
        (5, b, ITEM, 9, False),
        (6, b, ITEM, 9, False),
        (7, a, ITEM, 12, False),
    ]
    for n, clerk, item, day, phone in plan:
        person = Person("张三", "person", "resident_id", "", "13800138000") if phone else None
        request = CaseRequest("item", item, applicant=person, kind="notice")
        cases[n] = CaseService(services, clock=lambda d=day: at(d, 9)).register(request, clerk)
    for n, day, level, channel in [
        (1, 9, L.VERY_SATISFIED, QR),
        (2, 9, L.SATISFIED, PAD),
        (3, 10, L.DISSATISFIED, QR),
        (4, 10, L.VERY_DISSATISFIED, QR),
        (5, 11, L.BASICALLY_SATISFIED, QR),
    ]:
        record_rating(services, cases[n].token, level, [], "", channel, "d", now=at(day))
    step(services, cases[3], St.VERIFY, at(10, 15), finding="属实")
    step(services, cases[3], St.FIX_NOW, at(10, 16), action="当场改正")
    step(
        services, cases[3], St.REVISIT, at(11), date="2026-03-11", channel="电话",
        satisfaction="满意",
    )  # fmt: skip
    step(services, cases[3], St.CLOSE, at(11))
    step(services, cases[4], St.APPEAL, at(10), b, kind="误评", reason="评价人按错")
    step(
        services, cases[4], St.APPEAL_DECISION, at(11), boss(services), upheld=True, decision="属实"
    )
    return services


def test_the_overall_figures(data):
    stats = statistics(data, FROM, TO, today=TODAY).to_json()
    assert stats["total"] == 4 and stats["excluded"] == 1
    assert stats["by_level"] == {
        "very_satisfied": 1,
        "satisfied": 1,
        "basically_satisfied": 1,
        "dissatisfied": 1,
        "very_dissatisfied": 0,
    }
    assert stats["by_channel"] == {"qr_code": 3, "pad": 1}
    assert stats["good"] == 3 and stats["bad"] == 1 and stats["good_rate"] == 0.75
    assert stats["active_good_rate"] == 0.75
    assert stats["average_score"] == 67.5  # (100 + 80 + 60 + 30) / 4
    assert (stats["ratable"], stats["rated"], stats["still_open"], stats["unrated"]) == (7, 5, 1, 1)
    assert stats["active_rate"] == 0.7143 and stats["unrated_rate"] == 0.1429
    f = stats["followup"]
    assert (f["bad"], f["replied"], f["named"], f["revisited"], f["revisits"]) == (1, 1, 1, 1, 1)
    assert f["reply_rate"] == f["revisit_rate"] == f["revisit_rectify_rate"] == 1.0
    assert f["revisit_satisfaction_rate"] == 1.0
    assert (f["verified_on_time"], f["handled_on_time"], f["closed"], f["overdue_open"]) == (
        1,
        1,
        1,
        0,
    )
    assert stats["groups"] == [] and stats["by"] is None


def test_per_clerk(data):
    groups = {
        g["key"]: g for g in statistics(data, FROM, TO, "clerk", today=TODAY).to_json()["groups"]
    }
    a, b = groups[data.default_clerk().login], groups["1009"]
    assert (a["total"], a["excluded"], a["ratable"], a["rated"], a["still_open"], a["unrated"]) == (
        3, 0, 4, 3, 1, 0,
    )  # fmt: skip
    assert (b["total"], b["excluded"], b["ratable"], b["rated"], b["still_open"], b["unrated"]) == (
        1, 1, 3, 2, 0, 1,
    )  # fmt: skip
    assert b["label"] == "赵丽(1009)" and b["good_rate"] == 1.0
    assert a["followup"]["bad"] == 1 and b["followup"]["bad"] == 0


def test_per_department_and_per_day(data):
    departments = dict(data.store.execute("SELECT code, department FROM items").fetchall())
    by_dept = statistics(data, FROM, TO, "department", today=TODAY).to_json()["groups"]
    assert {g["key"]: g["total"] for g in by_dept} == {
        departments[ITEM]: 3,
        departments[ITEM2]: 1,
    }
    by_day = statistics(data, FROM, TO, "day", today=TODAY).to_json()["groups"]
    assert [(g["key"], g["total"], g["excluded"], g["ratable"]) for g in by_day] == [
        ("2026-03-09", 2, 0, 6),
        ("2026-03-10", 1, 1, 0),
        ("2026-03-11", 1, 0, 0),
        ("2026-03-12", 0, 0, 1),
    ]
    by_month = statistics(data, FROM, TO, "month", today=TODAY).to_json()["groups"]
    assert [(g["key"], g["label"], g["total"]) for g in by_month] == [("2026-03", "2026年3月", 4)]


def test_a_clerk_sees_their_own_figures_only(data):
    mine = statistics(data, FROM, TO, clerk="1009", today=TODAY).to_json()
    assert (mine["total"], mine["excluded"], mine["ratable"]) == (1, 1, 3)


def test_the_level_scores_are_a_setting(data):
    data.settings.change(INSTALLER, {"rating.level_scores": "100,90,70,40,0"})
    assert statistics(data, FROM, TO, today=TODAY).overall.average_score == 75.0


def test_an_empty_period_has_no_rates_rather_than_a_division_by_zero(data):
    empty = statistics(data, date(2025, 1, 1), date(2025, 1, 31), "window").to_json()
    assert empty["total"] == 0 and empty["good_rate"] is None and empty["average_score"] is None
    assert empty["active_rate"] is None and empty["followup"]["reply_rate"] is None


@pytest.mark.parametrize(("by", "words"), [("weekday", "分组方式"), ("", "分组方式")])
def test_a_bad_grouping_is_named(data, by, words):
    with pytest.raises(UserError, match=words):
        statistics(data, FROM, TO, by)


def test_reversed_dates_are_refused(data):
    with pytest.raises(UserError, match="颠倒"):
        statistics(data, TO, FROM)
