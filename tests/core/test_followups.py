"""The 差评 follow-up (issue 10 §1) on real temporary databases: every legal and illegal
transition, the deadlines on the working-day calendar (春节 and 国庆 with their make-up days),
appeals that leave the log alone, 督办, corrections that keep the first entry, permissions."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta

import pytest

from tests.core.test_ratings_log import ITEM
from window_assistant.accounts import INSTALLER, User
from window_assistant.cases.registration import Case, CaseRequest, CaseService
from window_assistant.errors import UserError
from window_assistant.permissions import PermissionDenied
from window_assistant.ratings.followups import (
    followup,
    followups,
    needs_attention,
    record_step,
    visible_to,
)
from window_assistant.ratings.log import list_ratings, record_rating
from window_assistant.services import Services
from window_assistant.sheets.model import Person
from window_assistant.vocab import FollowUpState, FollowUpStep, RatingChannel, RatingLevel, Role

S, St = FollowUpState, FollowUpStep
BAD, GOOD = RatingLevel.DISSATISFIED, RatingLevel.SATISFIED


def boss(services: Services) -> User:
    found = services.accounts.user("S01")
    return found or services.accounts.add_account(
        INSTALLER, "S01", "王主任", "supervisor", "pw-123456"
    )


def rated_case(
    services: Services, at: datetime, level=BAD, phone: str = "", clerk: User | None = None
) -> Case:
    """A case registered and rated at ``at`` (the rating is at ``at`` too)."""
    applicant = Person("张三", "person", "resident_id", "", phone) if phone else None
    request = CaseRequest("item", ITEM, applicant=applicant, kind="notice")
    case = CaseService(services, clock=lambda: at).register(
        request, clerk or services.default_clerk()
    )
    record_rating(services, case.token, level, [], "", RatingChannel.QR_CODE, "phone", now=at)
    return case


def step(services, case, what, now, actor=None, **fields):
    return record_step(services, actor or boss(services), case.serial, what, fields, now=now)


MON = datetime(2026, 3, 9, 10, 0)  # a Monday with nothing special around it


# -- the main line -----------------------------------------------------------------------------
def test_a_bad_rating_has_a_follow_up_waiting_to_be_verified_and_a_good_one_none(services):
    bad = rated_case(services, MON)
    good = rated_case(services, MON, GOOD)
    found = followup(services, bad.serial)
    assert found.state is S.PENDING_VERIFY and found.steps == []
    assert found.verify_due == date(2026, 3, 10) and found.handle_due == date(2026, 3, 30)
    assert [f.serial for f in followups(services)] == [bad.serial]
    with pytest.raises(UserError, match="没有差评"):
        followup(services, good.serial)


@pytest.mark.parametrize(
    ("path", "end"),
    [
        ([(St.FIX_NOW, {"action": "当场补办"})], None),
        ([(St.EXPLAIN, {"explanation": "诉求无法律依据,已解释"})], None),
        (
            [(St.RECTIFY_PLAN, {"plan": "调整窗口排班"}), (St.RECTIFIED, {"action": "已增设窗口"})],
            None,
        ),
        (
            [
                (St.RECTIFY_PLAN, {"plan": "改造叫号"}),
                (St.CANNOT_RECTIFY, {"explanation": "需市级系统改造"}),
            ],
            None,
        ),
    ],
)
def test_each_way_through_to_closed(services, path, end):
    case = rated_case(services, MON, phone="13800138000")
    day = MON + timedelta(hours=2)
    state = step(services, case, St.VERIFY, day, finding="等候时间确实较长").state
    assert state is S.VERIFIED
    for kind, fields in path:
        state = step(services, case, kind, day, **fields).state
    assert state is S.PENDING_REVISIT
    done = step(
        services, case, St.REVISIT, day, date="2026-03-09", channel="电话", satisfaction="满意"
    )
    assert done.state is S.PENDING_CLOSE and done.revisit is not None
    closed = step(services, case, St.CLOSE, day)
    assert closed.state is S.CLOSED and closed.overdue(date(2026, 12, 31)) == []
    assert closed.handled_by is path[-1][0]


def test_an_anonymous_bad_rating_is_marked_unreachable_with_its_reason(services):
    case = rated_case(services, MON)  # no phone on the case
    assert followup(services, case.serial).named is False
    step(services, case, St.VERIFY, MON, finding="核实")
    step(services, case, St.EXPLAIN, MON, explanation="解释")
    with pytest.raises(UserError, match="无法回访的原因"):
        step(services, case, St.UNREACHABLE, MON, reason="  ")
    done = step(services, case, St.UNREACHABLE, MON, reason="匿名评价,无联系方式")
    assert done.state is S.PENDING_CLOSE and done.unreachable is not None


ILLEGAL = [
    (S.PENDING_VERIFY, St.FIX_NOW),
    (S.PENDING_VERIFY, St.REVISIT),
    (S.PENDING_VERIFY, St.CLOSE),
    (S.VERIFIED, St.VERIFY),
    (S.VERIFIED, St.RECTIFIED),
    (S.VERIFIED, St.CLOSE),
    (S.RECTIFYING, St.REVISIT),
    (S.RECTIFYING, St.FIX_NOW),
    (S.PENDING_REVISIT, St.CLOSE),
    (S.PENDING_REVISIT, St.EXPLAIN),
    (S.PENDING_CLOSE, St.REVISIT),
    (S.CLOSED, St.CLOSE),
    (S.CLOSED, St.VERIFY),
    (S.CLOSED, St.SUPERVISE),
]
FIELDS = {
    St.VERIFY: {"finding": "x"},
    St.FIX_NOW: {"action": "x"},
    St.RECTIFY_PLAN: {"plan": "x"},
    St.RECTIFIED: {"action": "x"},
    St.CANNOT_RECTIFY: {"explanation": "x"},
    St.EXPLAIN: {"explanation": "x"},
    St.REVISIT: {"date": "2026-03-09", "channel": "phone", "satisfaction": "satisfied"},
    St.UNREACHABLE: {"reason": "x"},
    St.CLOSE: {},
    St.SUPERVISE: {"note": "x"},
}
TO_STATE = {
    S.PENDING_VERIFY: [],
    S.VERIFIED: [St.VERIFY],
    S.RECTIFYING: [St.VERIFY, St.RECTIFY_PLAN],
    S.PENDING_REVISIT: [St.VERIFY, St.FIX_NOW],
    S.PENDING_CLOSE: [St.VERIFY, St.FIX_NOW, St.REVISIT],
    S.CLOSED: [St.VERIFY, St.FIX_NOW, St.REVISIT, St.CLOSE],
}


@pytest.mark.parametrize(("state", "kind"), ILLEGAL)
def test_a_step_that_skips_or_repeats_is_refused_with_nothing_written(services, state, kind):
    case = rated_case(services, MON, phone="13800138000")
    for earlier in TO_STATE[state]:
        step(services, case, earlier, MON, **FIELDS[earlier])
    assert followup(services, case.serial).state is state
    boss(services)
    before = services.store.execute("SELECT count(*) FROM followup_steps").fetchone()[0]
    audit = len(services.audit.entries(1000))
    with pytest.raises(UserError) as refused:
        step(services, case, kind, MON, **FIELDS[kind])
    assert "不能跳过" in refused.value.message or "已经办结" in refused.value.message
    assert services.store.execute("SELECT count(*) FROM followup_steps").fetchone()[0] == before
    assert len(services.audit.entries(1000)) == audit


@pytest.mark.parametrize(
    ("kind", "fields", "words"),
    [
        (St.VERIFY, {}, "核实情况"),
        (St.VERIFY, {"finding": "x", "extra": 1}, "没有这些项"),
        (St.VERIFY, {"finding": "a\x00b"}, "核实情况"),
        (St.VERIFY, {"finding": "长" * 501}, "核实情况"),
    ],
)
def test_bad_fields_are_named(services, kind, fields, words):
    case = rated_case(services, MON)
    with pytest.raises(UserError, match=words):
        step(services, case, kind, MON, **fields)


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"date": "2026-03-08", "channel": "电话", "satisfaction": "满意"}, "应在差评日期"),
        ({"date": "2026-03-20", "channel": "电话", "satisfaction": "满意"}, "应在差评日期"),
        ({"date": "明天", "channel": "电话", "satisfaction": "满意"}, "日期"),
        ({"date": "2026-03-09", "channel": "传真", "satisfaction": "满意"}, "回访方式"),
        ({"date": "2026-03-09", "channel": "电话", "satisfaction": "还行"}, "群众对处理结果的评价"),
        ({"date": "2026-03-09", "satisfaction": "满意"}, "回访方式"),
    ],
)
def test_a_revisit_needs_a_date_in_range_a_channel_and_the_citizens_view(services, fields, words):
    case = rated_case(services, MON)
    step(services, case, St.VERIFY, MON, finding="x")
    step(services, case, St.FIX_NOW, MON, action="x")
    with pytest.raises(UserError, match=words):
        step(services, case, St.REVISIT, MON + timedelta(days=2), **fields)


# -- deadlines ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("rated", "verify_due", "handle_due"),
    [
        # 2026 春节 2月15日–23日 off, 2月14日 and 2月28日 (Saturdays) worked: counted by hand
        (datetime(2026, 2, 13, 16, 0), date(2026, 2, 14), date(2026, 3, 12)),
        # 国庆 10月1日–7日, make-up day 10月10日 (Sat); rated on the eve
        (datetime(2026, 9, 30, 9, 0), date(2026, 10, 8), date(2026, 10, 27)),
    ],
)
def test_deadlines_run_on_the_working_day_calendar(services, rated, verify_due, handle_due):
    calendar = services.workdays
    assert calendar.add(rated.date(), 1) == verify_due  # the bundled 2026 arrangement
    case = rated_case(services, rated)
    found = followup(services, case.serial)
    assert (found.verify_due, found.handle_due) == (verify_due, handle_due)
    assert found.due_on(verify_due) and not found.open_overdue(verify_due)
    after = calendar.add(verify_due, 1)
    assert found.open_overdue(after) and found.overdue(after) == ["核实超期"]


def test_the_deadlines_are_settings(services):
    services.settings.change(INSTALLER, {"followup.verify_days": 5, "followup.rectify_days": 10})
    found = followup(services, rated_case(services, MON).serial)
    assert found.verify_due == date(2026, 3, 16) and found.handle_due == date(2026, 3, 23)


def test_a_step_taken_late_is_still_counted_late_after_it_is_done(services):
    case = rated_case(services, MON)
    late = step(services, case, St.VERIFY, MON + timedelta(days=3), finding="x")
    assert late.verified_on == date(2026, 3, 12)
    assert late.overdue(date(2026, 3, 12)) == ["核实超期"]
    assert not late.open_overdue(date(2026, 3, 12))


def test_attention_flags_overdue_and_due_today_for_whom_it_concerns(services):
    mine = rated_case(services, MON)
    other_clerk = services.accounts.add_account(INSTALLER, "1009", "赵丽", "clerk", "1357")
    theirs = rated_case(services, MON + timedelta(days=1), clerk=other_clerk)
    on = date(2026, 3, 11)  # mine was due on the 10th; theirs is due today
    clerk = services.default_clerk()
    assert [f.serial for f in needs_attention(services, clerk, on).overdue] == [mine.serial]
    assert needs_attention(services, clerk, on).due_today == []
    everyone = needs_attention(services, boss(services), on)
    assert [f.serial for f in everyone.overdue] == [mine.serial]
    assert [f.serial for f in everyone.due_today] == [theirs.serial]
    assert everyone.message() == "1 件差评跟进已超期,1 件今天到期"
    assert visible_to(clerk) == clerk.login and visible_to(boss(services)) is None


# -- appeals, 督办, corrections -----------------------------------------------------------------
def test_an_upheld_appeal_excludes_the_rating_which_stays_in_the_log(services):
    case = rated_case(services, MON)
    stored = services.store.execute("SELECT * FROM ratings").fetchall()
    clerk = services.default_clerk()
    appealed = step(
        services, case, St.APPEAL, MON, clerk, kind="恶意差评", reason="评价人误操作后承认"
    )
    assert appealed.appeal == "pending" and not appealed.excluded
    with pytest.raises(UserError, match="等待复核"):
        step(services, case, St.APPEAL, MON, clerk, kind="误评", reason="again")
    with pytest.raises(PermissionDenied):  # a clerk does not decide their own appeal
        step(services, case, St.APPEAL_DECISION, MON, clerk, upheld=True, decision="x")
    decided = step(services, case, St.APPEAL_DECISION, MON, upheld="成立", decision="经查属实")
    assert decided.excluded and decided.state is S.PENDING_VERIFY  # the deadlines keep running
    assert decided.open_overdue(date(2026, 3, 11))
    assert services.store.execute("SELECT * FROM ratings").fetchall() == stored
    assert len(list_ratings(services)) == 1


def test_a_rejected_appeal_may_be_followed_by_another(services):
    case = rated_case(services, MON)
    clerk = services.default_clerk()
    step(services, case, St.APPEAL, MON, clerk, kind="误评", reason="x")
    rejected = step(services, case, St.APPEAL_DECISION, MON, upheld=False, decision="不成立")
    assert rejected.appeal == "rejected" and not rejected.excluded
    assert (
        step(services, case, St.APPEAL, MON, clerk, kind="误评", reason="新证据").appeal
        == "pending"
    )


def test_a_clerk_appeals_only_their_own_cases_and_does_not_follow_up(services):
    other = services.accounts.add_account(INSTALLER, "1009", "赵丽", "clerk", "1357")
    case = rated_case(services, MON)  # the default clerk's
    with pytest.raises(PermissionDenied, match="只能对自己经办"):
        step(services, case, St.APPEAL, MON, other, kind="误评", reason="x")
    with pytest.raises(PermissionDenied):
        step(services, case, St.VERIFY, MON, services.default_clerk(), finding="x")
    assert services.store.execute("SELECT count(*) FROM followup_steps").fetchone()[0] == 0


def test_supervise_is_recorded_against_the_responsible_clerk(services):
    case = rated_case(services, MON)
    done = step(services, case, St.SUPERVISE, MON + timedelta(days=2), note="请今天内核实")
    assert done.supervised == 1 and done.state is S.PENDING_VERIFY
    assert done.steps[-1].detail == {
        "note": "请今天内核实",
        "clerk": services.default_clerk().login,
    }


def test_a_correction_keeps_the_first_entry_and_shows_the_corrected_one(services):
    case = rated_case(services, MON)
    verified = step(services, case, St.VERIFY, MON, finding="窗口人员态度生硬")
    first = verified.steps[0]
    corrected = step(
        services,
        case,
        St.CORRECT,
        MON,
        step=first.id,
        reason="记错了办件",
        fields={"finding": "等候时间较长"},
    )
    assert [s.step for s in corrected.steps] == [St.VERIFY, St.CORRECT]
    assert corrected.steps[0].detail["finding"] == "窗口人员态度生硬"
    assert corrected.effective(corrected.steps[0])["finding"] == "等候时间较长"
    with pytest.raises(UserError, match="没有这些项"):
        step(services, case, St.CORRECT, MON, step=first.id, reason="x", fields={"plan": "y"})
    with pytest.raises(UserError, match="没有第 999 号步骤"):
        step(services, case, St.CORRECT, MON, step=999, reason="x", fields={"finding": "y"})


def test_steps_cannot_be_changed_or_removed(services):
    case = rated_case(services, MON)
    step(services, case, St.VERIFY, MON, finding="x")
    for sql in ("UPDATE followup_steps SET detail = '{}'", "DELETE FROM followup_steps"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            services.store.execute(sql)
    assert services.audit.entries(1)[0].action == "rating.follow_up"


def test_an_unknown_step_or_case_is_a_clear_error(services):
    case = rated_case(services, MON)
    with pytest.raises(UserError, match="步骤无效"):
        record_step(services, boss(services), case.serial, "approve", {})
    with pytest.raises(UserError, match="没有差评"):
        record_step(
            services, boss(services), "铁西政服告〔2026〕999999号", St.VERIFY, {"finding": "x"}
        )


def test_a_supervisor_account_role_is_what_sees_everyone(services):
    assert boss(services).role == Role.SUPERVISOR
