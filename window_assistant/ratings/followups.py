"""The 差评 follow-up (整改台账): every 不满意 and 非常不满意 is verified, handled, revisited and
closed, on time, and nothing about it is ever erased.

A follow-up is not created: every 差评 in the log has one, in state 待核实 until its first step.
Its state is worked out from its steps, which are appended and never changed (the table's
triggers refuse it); a mistaken step is put right by a 更正 step naming it, and both stay.

    待核实 --核实--> 待处理 --立行立改 | 解释说明--> 待回访 --回访 | 无法回访--> 待办结 --办结--> 已办结
                          \\--限期整改--> 整改中 --已整改 | 无法整改--/

Beside the main line, at any time: 申诉 (误评/恶意差评, by the clerk whose case it is) and its
申诉复核 by a supervisor (upheld: the rating stays in the log, unchanged, and is left out of the
figures; the deadlines keep running), 督办 (a supervisor's reminder to the responsible clerk,
until closed) and 更正. Skipping a step is refused, with the step that is due named.

Two deadlines, in working days after the day of the rating (settings, Liaoning's 1 and 15):
核实 (the ``verify`` step) and 整改 (the handling done: 立行立改, 已整改, 无法整改 or 解释说明).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from window_assistant.accounts import User
from window_assistant.errors import UserError
from window_assistant.permissions import Action, PermissionDenied
from window_assistant.ratings.log import _SELECT, BAD_LEVELS, Rating, _rating
from window_assistant.steps import Field, Step, effective, refuse_unknown, text_value
from window_assistant.vocab import (
    AppealKind,
    FollowUpState,
    FollowUpStep,
    RevisitChannel,
    RevisitSatisfaction,
    Role,
)
from window_assistant.workdays import parse_user_date

if TYPE_CHECKING:
    from window_assistant.services import Services

S, St = FollowUpState, FollowUpStep
MAX_NOTE = 500

# step → (the states it may be taken from, the state it leads to; None: the state stays)
_MAIN: dict[FollowUpStep, tuple[frozenset[FollowUpState], FollowUpState]] = {
    St.VERIFY: (frozenset({S.PENDING_VERIFY}), S.VERIFIED),
    St.FIX_NOW: (frozenset({S.VERIFIED}), S.PENDING_REVISIT),
    St.RECTIFY_PLAN: (frozenset({S.VERIFIED}), S.RECTIFYING),
    St.EXPLAIN: (frozenset({S.VERIFIED}), S.PENDING_REVISIT),
    St.RECTIFIED: (frozenset({S.RECTIFYING}), S.PENDING_REVISIT),
    St.CANNOT_RECTIFY: (frozenset({S.RECTIFYING}), S.PENDING_REVISIT),
    St.REVISIT: (frozenset({S.PENDING_REVISIT}), S.PENDING_CLOSE),
    St.UNREACHABLE: (frozenset({S.PENDING_REVISIT}), S.PENDING_CLOSE),
    St.CLOSE: (frozenset({S.PENDING_CLOSE}), S.CLOSED),
}
_UNCORRECTABLE = frozenset({St.CORRECT, St.SUPERVISE, St.APPEAL_DECISION})  # recorded anew
HANDLED = frozenset({St.FIX_NOW, St.RECTIFIED, St.CANNOT_RECTIFY, St.EXPLAIN})  # 整改 done
# What each state waits for, as the board says it.
NEXT: dict[FollowUpState, str] = {
    S.PENDING_VERIFY: "核实",
    S.VERIFIED: "处理(立行立改、限期整改或解释说明)",
    S.RECTIFYING: "整改(已整改或无法整改)",
    S.PENDING_REVISIT: "回访(或无法回访)",
    S.PENDING_CLOSE: "办结",
    S.CLOSED: "",
}


# A field's kind: text | date | bool | step | a Code class name (see _CODES)
_Field = Field


_TEXT_FIELDS: dict[FollowUpStep, tuple[_Field, ...]] = {
    St.VERIFY: (_Field("finding", "核实情况"),),
    St.FIX_NOW: (_Field("action", "整改措施"),),
    St.RECTIFY_PLAN: (_Field("plan", "整改计划"),),
    St.RECTIFIED: (_Field("action", "整改结果"),),
    St.CANNOT_RECTIFY: (_Field("explanation", "无法整改的原因"),),
    St.EXPLAIN: (_Field("explanation", "解释说明"),),
    St.REVISIT: (
        _Field("date", "回访日期", "date"),
        _Field("channel", "回访方式", "channel"),
        _Field("satisfaction", "群众对处理结果的评价", "satisfaction"),
        _Field("note", "回访记录", "text", required=False),
    ),
    St.UNREACHABLE: (_Field("reason", "无法回访的原因"),),
    St.CLOSE: (_Field("note", "办结说明", "text", required=False),),
    St.APPEAL: (_Field("kind", "申诉类型", "appeal"), _Field("reason", "申诉理由")),
    St.APPEAL_DECISION: (_Field("upheld", "复核结论", "bool"), _Field("decision", "复核意见")),
    St.SUPERVISE: (_Field("note", "督办意见"),),
    St.CORRECT: (_Field("step", "更正的步骤", "step"), _Field("reason", "更正原因")),
}
_CODES = {"channel": RevisitChannel, "satisfaction": RevisitSatisfaction, "appeal": AppealKind}


@dataclass
class FollowUp:
    """One 差评 and where its follow-up stands (see the module docstring)."""

    rating: Rating
    named: bool  # the case has a contact: a 实名差评, which must be revisited
    verify_due: date
    handle_due: date
    steps: list[Step] = field(default_factory=list)
    state: FollowUpState = S.PENDING_VERIFY
    verified_on: date | None = None
    handled_on: date | None = None
    handled_by: FollowUpStep | None = None
    revisit: Step | None = None
    unreachable: Step | None = None
    closed_on: date | None = None
    appeal: str = ""  # "" | "pending" | "upheld" | "rejected"
    supervised: int = 0

    @property
    def serial(self) -> str:
        return self.rating.case_serial

    @property
    def excluded(self) -> bool:
        """Left out of the figures: an appeal was upheld (the rating stays in the log)."""
        return self.appeal == "upheld"

    @property
    def next_step(self) -> str:
        return NEXT[self.state]

    def overdue(self, on: date) -> list[str]:
        """The deadlines missed as of ``on``: still open past them, or met late."""
        late = []
        verified = self.verified_on
        if (verified is None and on > self.verify_due) or (verified and verified > self.verify_due):
            late.append("核实超期")
        handled = self.handled_on
        if (handled is None and on > self.handle_due) or (handled and handled > self.handle_due):
            late.append("整改超期")
        return late

    def open_overdue(self, on: date) -> bool:
        """A deadline has passed with its step still not taken (the board's red rows)."""
        return (self.verified_on is None and on > self.verify_due) or (
            self.handled_on is None and on > self.handle_due
        )

    def due_on(self, on: date) -> bool:
        """A step not yet taken is due exactly on ``on``."""
        return (self.verified_on is None and on == self.verify_due) or (
            self.handled_on is None and on == self.handle_due
        )

    def effective(self, step: Step) -> dict[str, Any]:
        """``step``'s fields as last corrected."""
        return effective(self.steps, step, St.CORRECT)


# -- reading -----------------------------------------------------------------------------------
RatingKey = tuple[str, str]  # (window number, case serial): a rating, centre-wide


def _steps(
    services: Services, ratings: Iterable[Rating] | None = None
) -> dict[RatingKey, list[Step]]:
    sql = (
        "SELECT id, window_number, case_serial, step, at, actor, actor_name, detail, corrects"
        " FROM followup_steps"
    )
    params: list[Any] = []
    if ratings is not None:
        wanted = sorted({r.case_serial for r in ratings})
        sql += f" WHERE case_serial IN ({', '.join('?' for _ in wanted)})"
        params = wanted
    found: dict[RatingKey, list[Step]] = {}
    for row in services.store.execute(sql + " ORDER BY id", params):
        step = Step(
            row[0], FollowUpStep.of(row[3]), row[4], row[5], row[6], json.loads(row[7]), row[8]
        )
        found.setdefault((row[1], row[2]), []).append(step)
    return found


def _fold(services: Services, rating: Rating, named: bool, steps: list[Step]) -> FollowUp:
    settings, calendar = services.settings, services.workdays
    day = date.fromisoformat(rating.at[:10])
    followup = FollowUp(
        rating,
        named,
        verify_due=calendar.add(day, settings.followup_verify_days),
        handle_due=calendar.add(day, settings.followup_rectify_days),
        steps=steps,
    )
    for step in steps:
        if step.step in _MAIN:
            followup.state = _MAIN[step.step][1]
            if step.step is St.VERIFY:
                followup.verified_on = step.day
            elif step.step in HANDLED:
                followup.handled_on, followup.handled_by = step.day, step.step
            elif step.step is St.REVISIT:
                followup.revisit = step
            elif step.step is St.UNREACHABLE:
                followup.unreachable = step
            elif step.step is St.CLOSE:
                followup.closed_on = step.day
        elif step.step is St.APPEAL:
            followup.appeal = "pending"
        elif step.step is St.APPEAL_DECISION:
            followup.appeal = "upheld" if step.detail.get("upheld") else "rejected"
        elif step.step is St.SUPERVISE:
            followup.supervised += 1
    return followup


# Whether the case named a contact (实名): a merged rating says so itself (its case is on the
# window's PC), a rating recorded here asks its case.
_NAMED = (
    "coalesce(named, (SELECT c.phone != '' FROM cases c"
    " WHERE c.serial = ratings.case_serial AND ratings.merge_id IS NULL), 0)"
)


def _bad_ratings(
    services: Services, where: str = "", params: Iterable[Any] = ()
) -> list[tuple[Rating, bool]]:
    """The 差评 matching ``where``, each with whether its case named a contact."""
    levels = ", ".join(f"'{level.value}'" for level in BAD_LEVELS)
    sql = (
        f"{_SELECT.replace(' FROM ratings', f', {_NAMED} FROM ratings')}"
        f" WHERE level IN ({levels}){where} ORDER BY at, window_number, seq"
    )
    return [(_rating(row[:-1]), bool(row[-1])) for row in services.store.execute(sql, [*params])]


def followups(
    services: Services,
    *,
    clerk: str | None = None,
    window: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> list[FollowUp]:
    """Every 差评's follow-up, oldest first; ``clerk`` keeps that clerk's cases only,
    ``window`` (a number) that window's."""
    where, params = "", []  # type: str, list[Any]
    if clerk is not None:
        where += " AND clerk_login = ?"
        params.append(clerk)
    if window is not None:
        where += " AND window_number = ?"
        params.append(window)
    if date_from is not None:
        where += " AND at >= ?"
        params.append(date_from.isoformat())
    if date_to is not None:
        where += " AND substr(at, 1, 10) <= ?"
        params.append(date_to.isoformat())
    found = _bad_ratings(services, where, params)
    ratings = [r for r, _ in found]
    steps = _steps(services) if len(ratings) > 500 else _steps(services, ratings)
    return [
        _fold(services, r, named, steps.get((r.window_number, r.case_serial), []))
        for r, named in found
    ]


def followup(services: Services, serial: str, window: str | None = None) -> FollowUp:
    """The follow-up of the 差评 of case ``serial`` (of window ``window``, a number: each PC
    numbers its own cases, so a merged log may hold one serial of several windows); UserError
    when that case has none, or when the serial is several windows' and ``window`` is None."""
    where, params = " AND case_serial = ?", [serial.strip()]
    if window is not None:
        where += " AND window_number = ?"
        params.append(str(window).strip())
    found = _bad_ratings(services, where, params)
    if not found:
        at = f"窗口 {window} 的" if window is not None else ""
        raise UserError(f"{at}办件 {serial.strip()} 没有差评,没有需要跟进的整改记录。")
    if len(found) > 1:
        windows = "、".join(r.window_number for r, _ in found)
        raise UserError(
            f"办件编号 {serial.strip()} 在窗口 {windows} 都有差评(各窗口的电脑各自编号),"
            "请指明窗口(--window 窗口编号)。"
        )
    rating, named = found[0]
    steps = _steps(services, [rating]).get((rating.window_number, rating.case_serial), [])
    return _fold(services, rating, named, steps)


def visible_to(actor: User) -> str | None:
    """Whose follow-ups ``actor`` sees: a clerk their own cases' (returns their login), a
    supervisor everyone's (None)."""
    return None if actor.role == Role.SUPERVISOR else actor.login


@dataclass(frozen=True)
class Attention:
    """What to flag at sign-in and on the board."""

    overdue: list[FollowUp]
    due_today: list[FollowUp]

    def message(self) -> str:
        parts = []
        if self.overdue:
            parts.append(f"{len(self.overdue)} 件差评跟进已超期")
        if self.due_today:
            parts.append(f"{len(self.due_today)} 件今天到期")
        return ",".join(parts)


def needs_attention(services: Services, actor: User, on: date | None = None) -> Attention:
    """The open follow-ups ``actor`` answers for that are overdue or due on ``on``."""
    on = on or date.today()
    mine = [f for f in followups(services, clerk=visible_to(actor)) if f.state is not S.CLOSED]
    return Attention(
        [f for f in mine if f.open_overdue(on)],
        [f for f in mine if not f.open_overdue(on) and f.due_on(on)],
    )


BOARD_VIEWS = {"open": "未办结", "overdue": "已超期", "due_today": "今天到期", "all": "全部"}


def board(
    services: Services,
    actor: User,
    view: str = "open",
    *,
    clerk: str | None = None,
    on: date | None = None,
) -> list[FollowUp]:
    """The 整改台账 as ``actor`` may see it (a clerk their own cases'), narrowed to one of
    ``BOARD_VIEWS`` as of ``on`` and, for a supervisor, to one ``clerk``."""
    if view not in BOARD_VIEWS:
        raise UserError(f"台账筛选「{view}」无效,可用:{'、'.join(BOARD_VIEWS)}。")
    on = on or date.today()
    own = visible_to(actor)
    if own is not None and clerk not in (None, own):
        raise PermissionDenied(f"账号 {actor.login} 只能查看自己经办的办件的差评跟进。")
    shown = followups(services, clerk=own or clerk)
    if view == "all":
        return shown
    shown = [f for f in shown if f.state is not S.CLOSED]
    if view == "overdue":
        return [f for f in shown if f.open_overdue(on)]
    if view == "due_today":
        return [f for f in shown if not f.open_overdue(on) and f.due_on(on)]
    return shown


# -- recording a step --------------------------------------------------------------------------
def _allowed_now(current: FollowUp, step: FollowUpStep) -> str | None:
    """Why ``step`` cannot be taken now, or None."""
    if step in _MAIN:
        sources, _ = _MAIN[step]
        if current.state in sources:
            return None
        if current.state is S.CLOSED:
            return "这件差评已经办结。"
        return f"这件差评现在应当{current.next_step},不能跳过步骤直接{step.label}。"
    if step is St.APPEAL:
        if current.appeal == "pending":
            return "这件差评已有申诉在等待复核。"
        if current.appeal == "upheld":
            return "这件差评的申诉已经复核成立。"
        return None
    if step is St.APPEAL_DECISION:
        return None if current.appeal == "pending" else "这件差评没有等待复核的申诉。"
    if step is St.SUPERVISE:
        return "这件差评已经办结,无需督办。" if current.state is S.CLOSED else None
    return None  # CORRECT: checked against the step it names


def _permission(services: Services, actor: User, current: FollowUp, step: FollowUpStep) -> User:
    if step is St.APPEAL:
        actor = services.accounts.authorise(actor, Action.APPEAL_RATING)
        if actor.role != Role.SUPERVISOR and current.rating.clerk_login != actor.login:
            raise PermissionDenied(
                f"账号 {actor.login} 只能对自己经办的办件的差评提出申诉(办件 {current.serial} "
                f"的经办人是 {current.rating.clerk_name})。"
            )
        return actor
    if step is St.APPEAL_DECISION:
        return services.accounts.authorise(actor, Action.DECIDE_APPEAL)
    return services.accounts.authorise(actor, Action.FOLLOW_UP)


def _value(spec: _Field, raw: Any, current: FollowUp, today: date) -> Any:
    where = spec.label
    if spec.kind == "text":
        return text_value(spec, raw, MAX_NOTE)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise UserError(f"请填写{where}。")
    if spec.kind == "date":
        day = raw if isinstance(raw, date) else parse_user_date(str(raw))
        rated = date.fromisoformat(current.rating.at[:10])
        if not rated <= day <= today:
            raise UserError(
                f"{where} {day.isoformat()} 应在差评日期 {rated.isoformat()} 与今天之间。"
            )
        return day.isoformat()
    if spec.kind == "bool":
        if isinstance(raw, bool):
            return raw
        words = {
            "成立": True,
            "是": True,
            "true": True,
            "不成立": False,
            "否": False,
            "false": False,
        }
        if str(raw).strip().lower() not in words:
            raise UserError(f"{where}只能是「成立」或「不成立」。")
        return words[str(raw).strip().lower()]
    if spec.kind == "step":
        ids = {s.id: s for s in current.steps}
        try:
            target = ids[int(raw)]
        except (KeyError, TypeError, ValueError):
            raise UserError(f"这件差评没有第 {raw} 号步骤,无法更正。") from None
        if target.step in _UNCORRECTABLE:
            raise UserError(f"「{target.step.label}」不能更正,请另行记录。")
        return target.id
    enum = _CODES[spec.kind]
    try:
        return enum.parse(str(raw)).value
    except ValueError as exc:
        raise UserError(f"{where}:{exc}") from None


def _detail(
    step: FollowUpStep, fields: Mapping[str, Any], current: FollowUp, today: date
) -> dict[str, Any]:
    specs = _TEXT_FIELDS[step]
    refuse_unknown(step.label, fields, specs, {"fields"} if step is St.CORRECT else ())
    detail = {spec.name: _value(spec, fields.get(spec.name), current, today) for spec in specs}
    if step is St.CORRECT:
        target = next(s for s in current.steps if s.id == detail["step"])
        replaced = fields.get("fields") or {}
        if not isinstance(replaced, Mapping) or not replaced:
            raise UserError("请填写更正后的内容。")
        own = {spec.name: spec for spec in _TEXT_FIELDS[target.step]}
        refuse_unknown(target.step.label, replaced, own.values())
        detail["fields"] = {
            name: _value(own[name], value, current, today) for name, value in replaced.items()
        }
    if step is St.SUPERVISE:
        detail["clerk"] = current.rating.clerk_login  # the 督办 is recorded against them
    return detail


def record_step(
    services: Services,
    actor: User,
    serial: str,
    step: FollowUpStep | str,
    fields: Mapping[str, Any] | None = None,
    now: datetime | None = None,
    window: str | None = None,
) -> FollowUp:
    """Take ``step`` in the follow-up of the 差评 of case ``serial``, with its ``fields`` (see
    ``_TEXT_FIELDS``), as ``actor``; returns the follow-up after it. Refused, with nothing
    written, when the actor may not, the step skips one that is due, or a field is wrong."""
    now = (now or datetime.now()).replace(microsecond=0)
    try:
        step = FollowUpStep.of(step)
    except ValueError as exc:
        raise UserError(f"步骤无效:{exc}") from None
    store = services.store
    with store.transaction():
        current = followup(services, serial, window)
        actor = _permission(services, actor, current, step)
        problem = _allowed_now(current, step)
        if problem:
            raise UserError(problem)
        detail = _detail(step, fields or {}, current, now.date())
        corrects = detail.get("step") if step is St.CORRECT else None
        cursor = store.execute(
            "INSERT INTO followup_steps (window_number, case_serial, step, at, actor, actor_name,"
            " detail, corrects) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                current.rating.window_number,
                current.serial,
                step.value,
                now.isoformat(),
                actor.login,
                actor.name,
                json.dumps(detail, ensure_ascii=False, default=str),
                corrects,
            ],
        )
        services.audit.record(
            actor.login,
            "rating.follow_up",
            window=current.rating.window_number,
            serial=current.serial,
            step=step,
            id=cursor.lastrowid,
        )
    return followup(services, current.serial, current.rating.window_number)


@dataclass(frozen=True)
class StepField:
    """One field a step records, as a form asks for it: ``kind`` is text, note (optional
    text), date, bool, step (one of the follow-up's own steps) or the name of a code
    (channel, satisfaction, appeal) whose members are ``choices``."""

    name: str
    label: str
    kind: str
    required: bool
    choices: tuple[tuple[str, str], ...] = ()


def step_fields(step: FollowUpStep) -> list[StepField]:
    """What ``record_step`` takes for ``step`` (a 更正 also takes ``fields``: the corrected
    step's own, see ``correctable``)."""
    shown = []
    for spec in _TEXT_FIELDS[step]:
        kind = "note" if spec.kind == "text" and not spec.required else spec.kind
        codes = _CODES.get(spec.kind)
        choices = tuple((c.value, c.label) for c in codes) if codes else ()
        shown.append(StepField(spec.name, spec.label, kind, spec.required, choices))
    return shown


def correctable(current: FollowUp) -> list[Step]:
    """The steps a 更正 may name (not a 更正, 督办 or 申诉复核, which are recorded anew)."""
    return [s for s in current.steps if s.step not in _UNCORRECTABLE]


def allowed_steps(services: Services, actor: User, current: FollowUp) -> list[FollowUpStep]:
    """The steps ``record_step`` would take now from ``actor`` on ``current`` (the board
    enables these), by the same checks: the permission, the state, a step to correct."""
    steps = []
    for step in FollowUpStep:
        try:
            _permission(services, actor, current, step)
        except PermissionDenied:
            continue
        if _allowed_now(current, step) is None and (step is not St.CORRECT or correctable(current)):
            steps.append(step)
    return steps
