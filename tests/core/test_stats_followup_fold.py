"""The follow-up figures of ``statistics`` (folded from the steps by SQL rows, for speed) agree
with the follow-ups as ``ratings.followups`` folds them: corrections of the revisit's
satisfaction, an appeal rejected then made again, one upheld, 限期整改, 无法回访, untouched."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from tests.core.test_followups import boss, rated_case, step
from window_assistant.ratings.followups import followups
from window_assistant.ratings.stats import statistics
from window_assistant.vocab import FollowUpStep, RatingLevel, RevisitSatisfaction

St = FollowUpStep
MON = datetime(2026, 3, 9, 10, 0)
TODAY = date(2026, 4, 20)


def reference(services, date_from: date, date_to: date) -> dict[str, int]:
    """The figures counted from ``followups()``, the definitions of stats.py read literally."""
    counts = dict.fromkeys(
        ("bad", "replied", "named", "revisited", "revisit_handled", "revisits",
         "revisit_satisfied", "verified_on_time", "handled_on_time", "overdue_open", "closed"),
        0,
    )  # fmt: skip
    good = (RevisitSatisfaction.SATISFIED.value, RevisitSatisfaction.BASICALLY_SATISFIED.value)
    for f in followups(services, date_from=date_from, date_to=date_to):
        if f.excluded:
            continue
        handled = f.handled_on is not None
        counts["bad"] += 1
        counts["replied"] += f.verified_on is not None and handled
        counts["named"] += f.named
        counts["revisited"] += f.named and f.revisit is not None
        counts["revisit_handled"] += f.named and f.revisit is not None and handled
        counts["revisits"] += f.revisit is not None
        if f.revisit is not None:
            counts["revisit_satisfied"] += f.effective(f.revisit).get("satisfaction") in good
        counts["verified_on_time"] += f.verified_on is not None and f.verified_on <= f.verify_due
        counts["handled_on_time"] += handled and f.handled_on <= f.handle_due
        counts["overdue_open"] += f.closed_on is None and f.open_overdue(TODAY)
        counts["closed"] += f.closed_on is not None
    return counts


def test_the_folded_figures_agree_with_the_follow_ups(services):
    day = timedelta(days=1)
    clerk = services.default_clerk()
    a = rated_case(services, MON, phone="13800138000")
    step(services, a, St.VERIFY, MON + day, finding="属实")
    step(services, a, St.FIX_NOW, MON + day, action="改正")
    revisit = step(
        services, a, St.REVISIT, MON + 2 * day, date="2026-03-11", channel="电话",
        satisfaction="不满意",
    )  # fmt: skip
    step(services, a, St.CORRECT, MON + 3 * day, step=revisit.steps[-1].id, reason="记错",
         fields={"satisfaction": "满意"})  # fmt: skip
    step(services, a, St.CLOSE, MON + 3 * day)
    b = rated_case(services, MON + day, level=RatingLevel.VERY_DISSATISFIED)
    step(services, b, St.VERIFY, MON + 4 * day, finding="属实")  # late: due the 11th
    step(services, b, St.RECTIFY_PLAN, MON + 4 * day, plan="增加窗口")
    step(services, b, St.RECTIFIED, MON + 30 * day, action="已增加")  # late too
    step(services, b, St.UNREACHABLE, MON + 30 * day, reason="匿名")
    c = rated_case(services, MON + 2 * day, phone="13900139000")
    step(services, c, St.APPEAL, MON + 2 * day, clerk, kind="误评", reason="按错")
    step(services, c, St.APPEAL_DECISION, MON + 3 * day, upheld=False, decision="不属实")
    step(services, c, St.APPEAL, MON + 4 * day, clerk, kind="恶意差评", reason="有录音")
    d = rated_case(services, MON + 2 * day)
    step(services, d, St.APPEAL, MON + 2 * day, clerk, kind="误评", reason="按错")
    step(
        services, d, St.APPEAL_DECISION, MON + 3 * day, boss(services), upheld=True, decision="属实"
    )
    rated_case(services, MON + 3 * day)  # untouched: overdue
    rated_case(services, MON, level=RatingLevel.SATISFIED)
    first, last = date(2026, 3, 1), date(2026, 3, 31)
    stats = statistics(services, first, last, today=TODAY)
    figures = stats.to_json()["followup"]
    assert {k: figures[k] for k in reference(services, first, last)} == reference(
        services, first, last
    )
    assert (figures["bad"], stats.overall.excluded) == (4, 1)
    assert figures["revisit_satisfied"] == figures["revisits"] == 1  # as corrected
    assert (figures["verified_on_time"], figures["handled_on_time"]) == (1, 1)
    assert figures["overdue_open"] == 2 and figures["closed"] == 1
    for by in ("clerk", "day", "window"):
        grouped = statistics(services, first, last, by, today=TODAY)
        assert sum(g.followup.bad for g in grouped.groups) == 4
        assert sum(g.excluded for g in grouped.groups) == 1
        assert sum(g.total for g in grouped.groups) == stats.overall.total == 5
