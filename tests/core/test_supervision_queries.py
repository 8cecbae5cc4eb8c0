"""What the supervisor's view in the window asks of the core (issue 10 §3): the filtered rating
log (a clerk sees their own ratings only), the 整改台账's views, the steps a follow-up allows
now for an actor (what the board enables), the fields each step's form asks for, and 差评 per
reason tag for the charts."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tests.core.test_followups import boss, rated_case, step
from tests.core.test_stats import at
from window_assistant.accounts import INSTALLER
from window_assistant.cases.registration import CaseRequest, CaseService
from window_assistant.errors import UserError
from window_assistant.permissions import PermissionDenied
from window_assistant.ratings.feed import RatingQuery, bad_tags, query_ratings, rating_choices
from window_assistant.ratings.followups import (
    allowed_steps,
    board,
    correctable,
    followup,
    record_step,
    step_fields,
)
from window_assistant.ratings.log import record_rating
from window_assistant.vocab import FollowUpStep, RatingChannel, RatingLevel

St, L = FollowUpStep, RatingLevel
QR, PAD = RatingChannel.QR_CODE, RatingChannel.PAD
ITEM, ITEM2 = "000920001000", "001701001000"


@pytest.fixture
def log(services):
    """Four ratings by two clerks on two items, 3月9日–11日:

    clerk item  day level      channel tags             comment
    A     ITEM  9   非常满意    QR
    A     ITEM2 10  不满意      PAD     态度不好, 等候时间长 "<b>x</b>"
    B     ITEM  10  非常不满意  QR      态度不好
    B     ITEM  11  满意        QR                       "好"
    """
    a = services.default_clerk()
    b = services.accounts.add_account(INSTALLER, "1009", "赵丽", "clerk", "1357")
    plan = [
        (a, ITEM, 9, L.VERY_SATISFIED, QR, [], ""),
        (a, ITEM2, 10, L.DISSATISFIED, PAD, ["态度不好", "等候时间长"], "<b>x</b>"),
        (b, ITEM, 10, L.VERY_DISSATISFIED, QR, ["态度不好"], ""),
        (b, ITEM, 11, L.SATISFIED, QR, [], "好"),
    ]
    for clerk, item, day, level, channel, tags, comment in plan:
        case = CaseService(services, clock=lambda d=day: at(d, 9)).register(
            CaseRequest("item", item, kind="notice"), clerk
        )
        record_rating(services, case.token, level, tags, comment, channel, "d", now=at(day))
    return a, b, boss(services)


def serials_of(ratings) -> list[tuple[str, str]]:
    return [(r.clerk_login, r.at[:10]) for r in ratings]


def test_each_filter_narrows_the_supervisors_log(services, log):
    a, b, chief = log
    everything = query_ratings(services, chief, RatingQuery())
    assert len(everything) == 4 and everything[0].at > everything[-1].at  # newest first
    assert len(query_ratings(services, chief, RatingQuery(date_from=date(2026, 3, 10)))) == 3
    assert len(query_ratings(services, chief, RatingQuery(date_to=date(2026, 3, 10)))) == 3
    day = date(2026, 3, 10)
    assert len(query_ratings(services, chief, RatingQuery(date_from=day, date_to=day))) == 2
    assert {r.clerk_login for r in query_ratings(services, chief, RatingQuery(clerk=b.login))} == {
        b.login
    }
    assert [r.item_code for r in query_ratings(services, chief, RatingQuery(item=ITEM2))] == [ITEM2]
    assert [
        r.level for r in query_ratings(services, chief, RatingQuery(level=L.VERY_DISSATISFIED))
    ] == [L.VERY_DISSATISFIED]
    assert [r.channel for r in query_ratings(services, chief, RatingQuery(channel=PAD))] == [PAD]
    commented = query_ratings(services, chief, RatingQuery(has_comment=True))
    assert sorted(r.comment for r in commented) == ["<b>x</b>", "好"]  # stored as typed
    assert len(query_ratings(services, chief, RatingQuery(has_comment=False))) == 2
    window = services.accounts.window(services.current_window_id()).number
    assert len(query_ratings(services, chief, RatingQuery(window=window))) == 4
    assert query_ratings(services, chief, RatingQuery(window="99")) == []
    both = RatingQuery(clerk=a.login, level=L.DISSATISFIED, has_comment=True)
    assert serials_of(query_ratings(services, chief, both)) == [(a.login, "2026-03-10")]


def test_a_clerk_sees_only_their_own_ratings_whatever_they_ask(services, log):
    a, b, _chief = log
    assert {r.clerk_login for r in query_ratings(services, b, RatingQuery())} == {b.login}
    assert query_ratings(services, b, RatingQuery(clerk=a.login)) == []
    choices = rating_choices(services, b)
    assert choices.clerks == [(b.login, f"赵丽({b.login})")]
    assert [code for code, _ in choices.items] == [ITEM]


def test_the_choices_list_what_the_log_holds_for_a_supervisor(services, log):
    a, b, chief = log
    choices = rating_choices(services, chief)
    assert {login for login, _ in choices.clerks} == {a.login, b.login}
    assert {code for code, _ in choices.items} == {ITEM, ITEM2}
    assert [w for w, _ in choices.windows] == [
        services.accounts.window(services.current_window_id()).number
    ]


def test_reversed_dates_are_refused_in_chinese(services, log):
    with pytest.raises(UserError, match="起止日期颠倒"):
        query_ratings(services, log[2], RatingQuery(date(2026, 3, 11), date(2026, 3, 9)))


def test_bad_ratings_per_tag_leave_out_upheld_appeals(services, log):
    chief = log[2]
    period = (date(2026, 3, 9), date(2026, 3, 11))
    assert bad_tags(services, *period) == {"态度不好": 2, "等候时间长": 1}
    assert bad_tags(services, date(2026, 3, 11), date(2026, 3, 11)) == {}
    assert bad_tags(services, *period, clerk="1009") == {"态度不好": 1}
    b_bad = [f for f in board(services, chief, "all") if f.rating.clerk_login == "1009"][0]
    step(services, b_bad, St.APPEAL, at(11), chief, kind="误评", reason="按错")
    assert bad_tags(services, *period) == {"态度不好": 2, "等候时间长": 1}  # pending: counted
    step(services, b_bad, St.APPEAL_DECISION, at(11), chief, upheld=True, decision="属实")
    assert bad_tags(services, *period) == {"态度不好": 1, "等候时间长": 1}
    assert bad_tags(services, *period, clerk="1009") == {}


# -- the board ---------------------------------------------------------------------------------
MON = datetime(2026, 3, 9, 10, 0)


def test_the_boards_views_open_overdue_due_today_and_all(services):
    chief = boss(services)
    late = rated_case(services, MON)  # 核实 due 3月10日
    today = rated_case(services, datetime(2026, 3, 11, 10))  # 核实 due 3月12日
    closed = rated_case(services, MON)
    step(services, closed, St.VERIFY, MON, finding="属实")
    step(services, closed, St.EXPLAIN, MON, explanation="已解释")
    step(services, closed, St.UNREACHABLE, MON, reason="匿名")
    step(services, closed, St.CLOSE, MON)
    on = date(2026, 3, 12)

    def serials(view: str) -> list[str]:
        return [f.serial for f in board(services, chief, view, on=on)]

    assert serials("all") == [late.serial, closed.serial, today.serial]
    assert serials("open") == [late.serial, today.serial]
    assert serials("overdue") == [late.serial]
    assert serials("due_today") == [today.serial]
    with pytest.raises(UserError, match="台账筛选"):
        board(services, chief, "soon")


def test_a_clerk_sees_their_own_cases_follow_ups_only(services):
    chief = boss(services)
    other = services.accounts.add_account(INSTALLER, "1009", "赵丽", "clerk", "1357")
    mine = rated_case(services, MON, clerk=other)
    rated_case(services, MON)  # the default clerk's
    assert [f.serial for f in board(services, other, "all")] == [mine.serial]
    assert len(board(services, chief, "all")) == 2
    assert [f.serial for f in board(services, chief, "all", clerk=other.login)] == [mine.serial]
    with pytest.raises(PermissionDenied):
        board(services, other, "all", clerk=services.default_clerk().login)


def test_the_allowed_steps_follow_the_state_and_the_actor(services):
    chief = boss(services)
    clerk = services.default_clerk()
    stranger = services.accounts.add_account(INSTALLER, "1009", "赵丽", "clerk", "1357")
    case = rated_case(services, MON)
    fresh = followup(services, case.serial)
    assert allowed_steps(services, chief, fresh) == [St.VERIFY, St.APPEAL, St.SUPERVISE]
    assert allowed_steps(services, clerk, fresh) == [St.APPEAL]  # their own case
    assert allowed_steps(services, stranger, fresh) == []
    step(services, case, St.VERIFY, MON, finding="属实")
    step(services, case, St.APPEAL, MON, clerk, kind="误评", reason="按错")
    now = followup(services, case.serial)
    assert allowed_steps(services, chief, now) == [
        St.FIX_NOW, St.RECTIFY_PLAN, St.EXPLAIN, St.APPEAL_DECISION, St.SUPERVISE, St.CORRECT,
    ]  # fmt: skip
    assert allowed_steps(services, clerk, now) == []  # the appeal waits for its decision
    step(services, case, St.EXPLAIN, MON, explanation="已解释")
    step(services, case, St.UNREACHABLE, MON, reason="匿名")
    step(services, case, St.CLOSE, MON)
    closed = followup(services, case.serial)
    assert allowed_steps(services, chief, closed) == [St.APPEAL_DECISION, St.CORRECT]


def test_every_allowed_step_is_accepted_and_every_other_refused(services):
    """The board's buttons and record_step agree, for each step and state along one path."""
    chief = boss(services)
    case = rated_case(services, MON)
    path = [(St.VERIFY, {"finding": "属实"}), (St.RECTIFY_PLAN, {"plan": "排班"}),
            (St.RECTIFIED, {"action": "已改"}), (St.UNREACHABLE, {"reason": "匿名"}),
            (St.CLOSE, {})]  # fmt: skip
    for taken, fields in path:
        current = followup(services, case.serial)
        allowed = allowed_steps(services, chief, current)
        for other in (St.VERIFY, St.FIX_NOW, St.RECTIFY_PLAN, St.RECTIFIED, St.CLOSE):
            if other not in allowed:
                with pytest.raises(UserError):
                    record_step(services, chief, case.serial, other, {}, now=MON)
        assert taken in allowed
        record_step(services, chief, case.serial, taken, fields, now=MON)


def test_step_fields_describe_the_forms(services):
    revisit = {f.name: f for f in step_fields(St.REVISIT)}
    assert revisit["date"].kind == "date" and revisit["date"].required
    assert ("phone", "电话") in revisit["channel"].choices
    assert [c for c, _ in revisit["satisfaction"].choices] == [
        "satisfied", "basically_satisfied", "dissatisfied",
    ]  # fmt: skip
    assert revisit["note"].kind == "note" and not revisit["note"].required
    assert [f.kind for f in step_fields(St.APPEAL_DECISION)] == ["bool", "text"]
    chief = boss(services)
    case = rated_case(services, MON)
    step(services, case, St.VERIFY, MON, finding="属实")
    step(services, case, St.SUPERVISE, MON, note="请尽快")
    assert [s.step for s in correctable(followup(services, case.serial))] == [St.VERIFY]
    assert chief.login == "S01"
