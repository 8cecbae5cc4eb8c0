"""The monthly 好差评 report (issue 10 §4): a supervisor's paper with the month's figures, charts,
every 差评 with its follow-up, the appeals, and the chain head of every window.

Like a sheet, the report is built as plain data first (``MonthlyReport``: the figures it came
from and the ``blocks`` it prints, charts included as PNG bytes), then written by a writer chosen
by the file's extension: ``.docx`` here in the core (``report_docx``), anything else a plug-in of
the entry-point group ``window_assistant.report_writers`` (setup.cfg: the PDF is drawn by the Qt
renderer in ``ui/render``, which the core never names). Both writers print the same blocks.

The chain heads are those of the whole log when the report is made, with the full hash: written
on paper, they let a later ``ratings verify --head`` find ratings removed from the end.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from window_assistant.errors import UserError
from window_assistant.permissions import Action
from window_assistant.ratings import charts
from window_assistant.ratings.followups import _CODES, _TEXT_FIELDS, FollowUp, Step, followups
from window_assistant.ratings.log import ChainHead, chain_heads, mask_numbers
from window_assistant.ratings.stats import Figures, Statistics, statistics
from window_assistant.sheets.content import TEXT_WIDTH_MM
from window_assistant.vocab import FollowUpStep, RatingChannel, RatingLevel

if TYPE_CHECKING:
    from window_assistant.accounts import User
    from window_assistant.services import Services

St = FollowUpStep
WRITERS_GROUP = "window_assistant.report_writers"
DOCX = ".docx"
Progress = Callable[[int, int], None]
HEADING_PT = 14.0  # 四号: a section heading, one step below the title


# -- the blocks a writer prints ----------------------------------------------------------------
@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False
    indent: bool = False  # a first-line indent of two characters, as body text has
    small: bool = False  # the table size: notes, hashes
    before: float = 0.0  # space above, in points
    keep_next: bool = False
    code: bool = False  # to be copied exactly (a chain head): a fixed-width face


@dataclass(frozen=True)
class Table:
    widths_mm: tuple[float, ...]
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Chart:
    caption: str
    png: bytes
    width_mm: float = TEXT_WIDTH_MM
    aspect: float = charts.HEIGHT / charts.WIDTH  # height / width


Block = Heading | Paragraph | Table | Chart


@dataclass
class MonthlyReport:
    """One month's report: what it was computed from, and what it prints (``blocks``)."""

    centre: str
    month: date  # its first day
    made_on: date
    made_by: str  # the supervisor's name
    stats: Statistics
    by_window: list[Figures]
    by_clerk: list[Figures]
    followups: list[FollowUp]  # every 差评 of the month, excluded ones too
    heads: list[ChainHead]
    blocks: list[Block] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.centre}“好差评”月度报告（{self.month.year}年{self.month.month}月）"

    @property
    def header_line(self) -> str:
        """Printed at the top of every page."""
        return f"“好差评”月度报告 {self.month.year}年{self.month.month}月"

    def all_text(self) -> str:
        """Every character the pages can show (the PDF writer maps its glyphs back to these)."""
        return paper_text(self.title, self.header_line, self.blocks)


def paper_text(title: str, header_line: str, blocks: Sequence[Block]) -> str:
    """Every character a paper of blocks can show, with its title and page header (any paper
    the report's writers print: this report, the public 跨域通办 list)."""
    parts = [title, header_line]
    for block in blocks:
        if isinstance(block, Table):
            parts += block.header
            parts += ["".join(row) for row in block.rows]
        elif isinstance(block, Chart):
            parts.append(block.caption)
        else:
            parts.append(block.text)
    return "".join(parts) + "0123456789— "


class ReportWriter(Protocol):
    def __call__(
        self, report: MonthlyReport, path: Path, *, title_font: str, body_font: str
    ) -> None: ...


# -- months, percentages, dates ----------------------------------------------------------------
def parse_month(text: str) -> date:
    """The first day of the month ``text`` names as YYYY-MM; else UserError in Chinese."""
    match = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", str(text))
    if match and 1 <= int(match[2]) <= 12 and int(match[1]) >= 2000:
        return date(int(match[1]), int(match[2]), 1)
    raise UserError(f"月份「{str(text).strip()}」无效,应写成 年-月,例如 2026-03。")


def month_end(first: date) -> date:
    return (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def percent(rate: float | None) -> str:
    """66.7%, 100% (a whole number without its .0: table cells are narrow), — for no data."""
    return "—" if rate is None else f"{rate * 100:.1f}".removesuffix(".0") + "%"


def _day(text: str) -> str:
    """2026-03-09T10:00:00 → 2026-03-09 10:00"""
    return text[:16].replace("T", " ")


# -- the figures -------------------------------------------------------------------------------
def _overall_table(fig: Figures) -> Table:
    f = fig.followup.to_json()
    average = "—" if fig.average_score is None else f"{fig.average_score:.2f}"
    pairs = [
        ("评价总数", str(fig.total)),
        ("申诉成立不计入", str(fig.excluded)),
        ("好评(非常满意、满意、基本满意)", str(fig.good)),
        ("差评(不满意、非常不满意)", str(fig.bad)),
        ("好评率(主动评价好评率)", percent(fig.good_rate)),
        ("平均分", average),
        *((level.label, str(fig.by_level[level.value])) for level in RatingLevel),
        *((f"渠道:{ch.label}", str(fig.by_channel[ch.value])) for ch in RatingChannel),
        ("可评价办件", str(fig.ratable)),
        ("已评价办件", str(fig.rated)),
        ("尚在评价期内", str(fig.still_open)),
        ("未评办件", str(fig.unrated)),
        ("主动评价率", percent(fig.active_rate)),
        ("未评率", percent(fig.unrated_rate)),
        ("差评回复率", percent(f["reply_rate"])),
        ("实名差评", str(f["named"])),
        ("回访率(实名差评)", percent(f["revisit_rate"])),
        ("回访整改率", percent(f["revisit_rectify_rate"])),
        ("回访整改满意率", percent(f["revisit_satisfaction_rate"])),
        ("按时核实", str(f["verified_on_time"])),
        ("按时整改", str(f["handled_on_time"])),
        ("超期未办", str(f["overdue_open"])),
        ("已办结", str(f["closed"])),
    ]
    if len(pairs) % 2:
        pairs.append(("", ""))
    half = len(pairs) // 2
    rows = tuple((*a, *b) for a, b in zip(pairs[:half], pairs[half:]))
    return Table((50.0, 28.0, 50.0, 28.0), ("指标", "数值", "指标", "数值"), rows)


GROUP_HEADER = (
    "评价",
    "差评",
    "好评率",
    "平均分",
    "办件",
    "主动评价率",
    "未评率",
    "差评回复率",
    "回访率",
)


def _group_table(what: str, groups: Sequence[Figures]) -> Table:
    rows = []
    for g in groups:
        f = g.followup.to_json()
        average = "—" if g.average_score is None else f"{g.average_score:.1f}"
        rows.append(
            (
                g.label,
                str(g.total),
                str(g.bad),
                percent(g.good_rate),
                average,
                str(g.ratable),
                percent(g.active_rate),
                percent(g.unrated_rate),
                percent(f["reply_rate"]),
                percent(f["revisit_rate"]),
            )
        )
    widths = (30.0, *(14.0,) * len(GROUP_HEADER))
    return Table(widths, (what, *GROUP_HEADER), tuple(rows))


def _summary(report: MonthlyReport) -> str:
    fig, m = report.stats.overall, report.month
    f = fig.followup
    average = "—" if fig.average_score is None else f"{fig.average_score:.2f}"
    text = (
        f"{m.year}年{m.month}月,共收到评价 {fig.total} 条,其中好评 {fig.good} 条、差评 {fig.bad} 条,"
        f"好评率 {percent(fig.good_rate)},平均分 {average};登记办件 {fig.ratable} 件,"
        f"主动评价率 {percent(fig.active_rate)},未评率 {percent(fig.unrated_rate)}。"
    )
    if fig.bad:
        text += (
            f"差评 {fig.bad} 条中,已办结 {f.closed} 条,按时核实 {f.verified_on_time} 条,"
            f"按时整改 {f.handled_on_time} 条,截至 {report.made_on:%Y年%m月%d日} 超期未办 "
            f"{f.overdue_open} 条。"
        )
    if fig.excluded:
        text += f"另有 {fig.excluded} 条差评经申诉复核成立,不计入统计。"
    return text


# -- the 差评 and their follow-ups --------------------------------------------------------------
def _value(name: str, kind: str, value: object) -> str:
    if kind == "bool":
        return "成立" if value else "不成立"
    if kind in _CODES and value:
        return _CODES[kind].of(value).label
    if kind == "date":
        return str(value)
    return mask_numbers(str(value)) if value is not None else ""  # free text may hold a phone


def describe(f: FollowUp, step: Step) -> str:
    """What a step records, as corrected, with each correction's who, when and why."""
    detail = f.effective(step)
    parts = [
        f"{spec.label}:{_value(spec.name, spec.kind, detail.get(spec.name))}"
        for spec in _TEXT_FIELDS[step.step]
        if spec.kind != "step" and detail.get(spec.name) not in (None, "")
    ]
    notes = [
        f"〔{later.actor_name}于{_day(later.at)}更正,原因:{mask_numbers(str(later.detail.get('reason', '')))}〕"
        for later in f.steps
        if later.step is St.CORRECT and later.detail.get("step") == step.id
    ]
    return ";".join(parts) + "".join(notes)


def _deadline(what: str, due: date, done: date | None, today: date) -> str:
    if done is not None:
        return f"{what}期限 {due}:{done} 完成,{'按时' if done <= due else '超期'}"
    if today > due:
        return f"{what}期限 {due}:未完成,已超期"
    return f"{what}期限 {due}:未完成,尚未到期"


def _rating_line(n: int, f: FollowUp) -> str:
    r = f.rating
    return f"{n}. 办件 {r.case_serial},{_day(r.at)},{r.level.label}(渠道:{r.channel.label})"


def _rating_detail(f: FollowUp) -> str:
    r = f.rating
    tags = "、".join(r.tags) or "无"
    comment = mask_numbers(r.comment).replace("\n", " ") or "无"
    return (
        f"事项:{r.item_name};窗口:{r.window_name};经办人:{r.clerk_name};"
        f"{'实名' if f.named else '匿名(无联系方式)'};标签:{tags};意见:{comment}"
    )


STEP_WIDTHS = (34.0, 20.0, 22.0, TEXT_WIDTH_MM - 76.0)


def _steps_table(f: FollowUp) -> Table:
    rows = tuple(
        (_day(s.at), s.step.label, s.actor_name, describe(f, s))
        for s in f.steps
        if s.step is not St.CORRECT  # shown on the step they correct
    )
    return Table(STEP_WIDTHS, ("时间", "步骤", "办理人", "内容"), rows)


def _followup_blocks(f: FollowUp, n: int, today: date) -> list[Block]:
    blocks: list[Block] = [
        Paragraph(_rating_line(n, f), bold=True, before=6, keep_next=True),
        Paragraph(_rating_detail(f), small=True, keep_next=True),
    ]
    if f.steps:
        blocks.append(_steps_table(f))
    else:
        blocks.append(Paragraph("尚无跟进记录。", small=True))
    deadlines = [
        _deadline("核实", f.verify_due, f.verified_on, today),
        _deadline("整改", f.handle_due, f.handled_on, today),
    ]
    blocks.append(Paragraph(f"{';'.join(deadlines)};当前状态:{f.state.label}。", small=True))
    return blocks


def _appeal_rows(fs: Sequence[FollowUp]) -> tuple[tuple[str, ...], ...]:
    rows = []
    for f in fs:
        appeal: Step | None = None
        for s in f.steps:
            if s.step is St.APPEAL:
                appeal = s
            elif s.step is St.APPEAL_DECISION and appeal is not None:
                rows.append(_appeal_row(f, appeal, s))
                appeal = None
        if appeal is not None:
            rows.append(_appeal_row(f, appeal, None))
    return tuple(rows)


def _appeal_row(f: FollowUp, appeal: Step, decision: Step | None) -> tuple[str, ...]:
    asked = f"{describe(f, appeal)}({appeal.actor_name},{_day(appeal.at)})"
    if decision is None:
        return (f.serial, asked, "待复核", "—")
    decided = f"{describe(f, decision)}({decision.actor_name},{_day(decision.at)})"
    outcome = "不计入统计" if decision.detail.get("upheld") else "照常计入"
    return (f.serial, asked, decided, outcome)


# -- the charts --------------------------------------------------------------------------------
def _charts(report: MonthlyReport, by_day: Statistics, progress: Callable[[], None]) -> list[Block]:
    L = charts.label
    days = {g.key: g for g in by_day.groups}
    first, last = report.month, month_end(report.month)
    bars = []
    for n in range((last - first).days + 1):
        key = (first + timedelta(days=n)).isoformat()
        g = days.get(key)
        bars.append(charts.Bar(str(n + 1), g.total if g else 0, g.good_rate if g else None))
    blocks: list[Block] = [
        Chart(
            "图1 每日评价数(柱)与好评率(折线)",
            charts.columns(
                L("每日评价数与好评率", "Ratings per day and good rate"),
                bars,
                rate_axis=L("好评率", "good rate"),
            ),
        )  # fmt: skip
    ]
    progress()
    fig = report.stats.overall
    levels = [
        charts.Bar(L(level.label, level.label_en), fig.by_level[level.value], colour=colour)
        for level, colour in zip(RatingLevel, charts.LEVEL_COLOURS)
    ]
    blocks.append(
        Chart("图2 评价等级分布", charts.columns(L("评价等级分布", "Ratings by level"), levels))
    )
    progress()
    clerks = sorted(report.by_clerk, key=lambda g: (-g.total, g.key))
    per_clerk = [charts.Bar(L(g.label, g.key), g.total, g.good_rate) for g in clerks]
    blocks.append(
        Chart("图3 各经办人评价数与好评率", charts.rows(L("各经办人评价数", "Ratings per clerk"), per_clerk))
    )  # fmt: skip
    progress()
    tags: Counter[str] = Counter()
    untagged = 0
    for f in report.followups:
        if not f.excluded:
            tags.update(f.rating.tags)
            untagged += not f.rating.tags
    ranked = sorted(tags.items(), key=lambda kv: (-kv[1], kv[0]))
    tag_bars = [
        charts.Bar(L(tag, f"tag {i + 1}"), n, colour=charts.BAD_BAR)
        for i, (tag, n) in enumerate(ranked)
    ]
    if untagged:
        tag_bars.append(charts.Bar(L("未选标签", "no tag"), untagged, colour=charts.BAD_BAR))
    caption = "图4 差评按标签分布(一条差评可选多个标签)"
    if not charts.has_cjk() and ranked:
        caption += ":" + "、".join(f"tag {i + 1} = {tag}" for i, (tag, _) in enumerate(ranked))
    blocks.append(Chart(caption, charts.rows(L("差评按标签", "Bad ratings by tag"), tag_bars)))
    progress()
    return blocks


# -- building ----------------------------------------------------------------------------------
def _definitions(services: Services, scores: Sequence[int]) -> list[str]:
    """The definitions of stats.py's docstring, in short Chinese, with this centre's settings."""
    score_text = "/".join(str(n) for n in scores)
    period = services.settings.rating_period_days
    verify, rectify = (
        services.settings.followup_verify_days,
        services.settings.followup_rectify_days,
    )
    return [
        "评价按评价日期计入当月;申诉复核成立的差评不计入任何指标,另计为“申诉成立不计入”。",
        "好评 = 非常满意 + 满意 + 基本满意;差评 = 不满意 + 非常不满意;好评率 = 好评 ÷ 计入统计的"
        "评价数。系统不设默认评价,每条评价都是群众主动作出的,主动评价好评率即好评率。",
        f"平均分 = 各条评价等级分值的平均数(非常满意至非常不满意依次为 {score_text} 分,可在设置中修改)。",
        "办件按登记日期计入当月:可评价办件 = 登记的办件;已评价 = 其中已有评价的;尚在评价期内 = "
        f"未评价且仍在评价期({period} 天)内;未评 = 未评价且已过评价期。"
        "主动评价率 = 已评价 ÷ 可评价办件;未评率 = 未评 ÷ 可评价办件。",
        "差评回复率 = 已核实并已处理(立行立改、整改或解释说明)的差评 ÷ 差评;回访率 = 已回访的"
        "实名差评(办件留有联系电话)÷ 实名差评(目标 100%);回访整改率 = 既已处理又已回访的实名"
        "差评 ÷ 实名差评;回访整改满意率 = 群众对处理结果“满意”或“基本满意”的回访 ÷ 回访数。",
        f"按时 = 在期限内完成:核实期限为评价后 {verify} 个工作日,整改期限为 {rectify} 个工作日;"
        "超期未办 = 截至制表日期限已过而该步骤仍未完成。",
    ]


def _window_names(services: Services) -> dict[str, str]:
    rows = services.store.execute(
        "SELECT window_number, window_name FROM ratings WHERE id IN"
        " (SELECT max(id) FROM ratings GROUP BY window_number)"
    )
    return {w: name for w, name in rows}


STEPS = 8  # progress steps: figures, follow-ups, four charts, blocks, file


def build_report(
    services: Services,
    actor: User,
    month: date | str,
    *,
    today: date | None = None,
    progress: Progress | None = None,
) -> MonthlyReport:
    """The report of ``month`` (its first day, or YYYY-MM), as ``actor`` (a supervisor)."""
    actor = services.accounts.authorise(actor, Action.REPORT_RATINGS)
    first = month if isinstance(month, date) else parse_month(month)
    first = first.replace(day=1)
    last = month_end(first)
    today = today or date.today()
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, STEPS)

    stats = statistics(services, first, last, today=today)
    by_window = statistics(services, first, last, "window", today=today).groups
    by_clerk = statistics(services, first, last, "clerk", today=today).groups
    by_day = statistics(services, first, last, "day", today=today)
    step()
    report = MonthlyReport(
        centre=services.settings.centre_name,
        month=first,
        made_on=today,
        made_by=actor.name,
        stats=stats,
        by_window=by_window,
        by_clerk=by_clerk,
        followups=followups(services, date_from=first, date_to=last),
        heads=chain_heads(services),
        blocks=[],
    )
    step()
    report.blocks = _blocks(services, report, by_day, step)
    step()
    return report


def _blocks(
    services: Services, report: MonthlyReport, by_day: Statistics, step: Callable[[], None]
) -> list[Block]:
    fig, today = report.stats.overall, report.made_on
    blocks: list[Block] = [Heading("一、总体情况"), Paragraph(_summary(report), indent=True)]
    empty = fig.total == 0 and fig.excluded == 0
    if empty:
        blocks.append(Paragraph("本月没有收到评价。", bold=True, indent=True))
    blocks.append(_overall_table(fig))
    blocks.append(Heading("二、分窗口情况"))
    blocks.append(_group_table("窗口", report.by_window) if report.by_window else _none("窗口"))
    blocks.append(Heading("三、分经办人情况"))
    blocks.append(_group_table("经办人", report.by_clerk) if report.by_clerk else _none("经办人"))
    blocks.append(Heading("四、图表"))
    if fig.total:
        blocks += _charts(report, by_day, step)
    else:
        blocks.append(Paragraph("本月没有计入统计的评价,不绘制图表。", indent=True))
        for _ in range(4):
            step()
    counted = [f for f in report.followups if not f.excluded]
    blocks.append(Heading("五、差评及整改情况"))
    if counted:
        blocks.append(
            Paragraph(
                "核实、整改期限按工作日计算;步骤内容为更正后的内容,更正记录注明更正人、时间和原因。",
                indent=True,
                small=True,
            )
        )
    else:
        blocks.append(Paragraph("本月没有计入统计的差评。", indent=True))
    for n, f in enumerate(counted, 1):
        blocks += _followup_blocks(f, n, today)
    blocks.append(Heading("六、申诉复核"))
    appeals = _appeal_rows(report.followups)
    if appeals:
        blocks.append(Table((40.0, 50.0, 48.0, 18.0), ("办件", "申诉", "复核", "结果"), appeals))
    else:
        blocks.append(Paragraph("本月没有申诉。", indent=True))
    excluded = [f for f in report.followups if f.excluded]
    if excluded:
        blocks.append(Paragraph("申诉成立、不计入统计的评价:", bold=True, before=6, keep_next=True))
        rows = tuple(
            (f.serial, _day(f.rating.at), f.rating.level.label, f.rating.clerk_name,
             f.rating.window_name)
            for f in excluded
        )  # fmt: skip
        header = ("办件", "评价时间", "评价", "经办人", "窗口")
        blocks.append(Table((40.0, 32.0, 24.0, 24.0, 36.0), header, rows))
    blocks += _head_blocks(services, report)
    blocks.append(Heading("八、指标说明"))
    definitions = _definitions(services, report.stats.scores)
    blocks += [Paragraph(text, indent=True, small=True) for text in definitions]
    blocks += [
        Paragraph(
            f"制表:{report.made_by}        制表日期:{today:%Y年%m月%d日}", before=18, keep_next=True
        ),
        Paragraph("审核人(签字):________________        日期:______年____月____日", before=18),
    ]
    return blocks


def _none(what: str) -> Paragraph:
    return Paragraph(f"本月没有按{what}统计的评价或办件。", indent=True)


def _head_blocks(services: Services, report: MonthlyReport) -> list[Block]:
    blocks: list[Block] = [
        Heading("七、评价记录链头"),
        Paragraph(
            "截至制表时各窗口评价记录的链头如下(窗口编号:序号:校验值)。日后可用"
            "「python -m window_assistant ratings verify --head 窗口编号:序号:校验值」核验,"
            "以发现被删除的评价。",
            indent=True,
            small=True,
        ),
    ]
    if not report.heads:
        blocks.append(Paragraph("评价记录中还没有任何评价。", indent=True))
    names = _window_names(services)
    for head in report.heads:
        name = names.get(head.window, "")
        blocks.append(Paragraph(f"{name}(窗口 {head.window}):共 {head.count} 条", keep_next=True))
        blocks.append(Paragraph(head.text(), small=True, code=True))
    return blocks


# -- writing -----------------------------------------------------------------------------------
def report_writer_for(path: Path) -> ReportWriter:
    """The writer for ``path``'s extension, loaded now; UserError (Chinese) otherwise."""
    if Path(path).suffix.lower() == DOCX:
        from window_assistant.ratings.report_docx import write_report_docx

        return write_report_docx
    from window_assistant.sheets.writers import load_plugin

    writer: ReportWriter = load_plugin(WRITERS_GROUP, path)
    return writer


def write_report(
    services: Services,
    actor: User,
    month: date | str,
    path: Path,
    *,
    today: date | None = None,
    progress: Progress | None = None,
) -> MonthlyReport:
    """Build the report of ``month`` and write it to ``path`` whole (beside it, then renamed);
    audited with who, which month and where. Refused before any work when ``actor`` may not,
    the month is wrong or nobody writes ``path``'s format."""
    from window_assistant.sheets.writers import publish, stage

    services.accounts.authorise(actor, Action.REPORT_RATINGS)
    first = month if isinstance(month, date) else parse_month(month)
    path = Path(path)
    writer = report_writer_for(path)
    charts.warn_if_no_cjk()
    report = build_report(services, actor, first, today=today, progress=progress)
    settings = services.settings
    fonts = {"title_font": settings.title_font, "body_font": settings.body_font}
    publish(stage(lambda part: writer(report, part, **fonts), path), path)
    services.audit.record(
        actor.login,
        "ratings.report",
        month=f"{report.month:%Y-%m}",
        path=str(path),
        heads=[h.text() for h in report.heads],
    )
    if progress is not None:
        progress(STEPS, STEPS)
    return report
