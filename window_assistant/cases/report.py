"""The monthly 台账 report (issue 12 §3): the cases registered in a month, counted per item and
department, with 一次办结率, 补正率, 容缺率, the overdue cases and the cross-region cases by
partner region. Built as the 好差评 report's blocks (``ratings.report``) and written by its
writers: ``.docx`` by python-docx in the core, PDF by the plug-in of the entry-point group
``window_assistant.report_writers`` (the Qt renderer, which the core never names).

The rates are the centre's own (no national formula defines them; README "The monthly 台账
report"), over the applications of the month, a 咨询 (一次性告知) and a void case left out:

- 补正率 = applications that received at least one 补正告知 ÷ applications;
- 容缺率 = applications accepted with 容缺 ÷ applications accepted (受理 + 容缺受理);
- 一次办结率 = applications settled (办结) without any 补正告知 ÷ applications settled: the
  applicant brought what was needed the first time;
- 超期 = open applications past their next deadline on the day the report is made, plus
  those settled after their 承诺办结日期.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from window_assistant.cases.exports import CaseFacts, case_facts
from window_assistant.cases.lifecycle import CLOSED
from window_assistant.permissions import Action
from window_assistant.ratings.report import (
    Block,
    Heading,
    Paragraph,
    Table,
    month_end,
    paper_text,
    percent,
    report_writer_for,
)
from window_assistant.vocab import CaseFlow, CaseState, SheetKind

if TYPE_CHECKING:
    from window_assistant.accounts import User
    from window_assistant.services import Services

COUNT_HEADER = ("名称", "办件", "受理", "不予受理", "补正", "容缺", "办结", "超期",
                "一次办结率", "补正率", "容缺率")  # fmt: skip
COUNT_WIDTHS = (32.0, 12.0, 12.0, 13.0, 12.0, 12.0, 12.0, 12.0, 13.0, 13.0, 13.0)  # 156 mm
PARTNER_HEADER = ("合作地区", "代收寄出", "收到转来", "已完结", "办理中", "超期")
PARTNER_WIDTHS = (46.0, 22.0, 22.0, 22.0, 22.0, 22.0)


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass
class Counts:
    """The figures of one group of applications (an item, a department, the month)."""

    label: str
    cases: int = 0
    accepted: int = 0
    refused: int = 0
    corrected: int = 0
    rongque: int = 0
    settled: int = 0
    settled_once: int = 0
    overdue: int = 0

    def add(self, f: CaseFacts, on: date) -> None:
        self.cases += 1
        self.accepted += bool(f.accepted_at) and f.flow == CaseFlow.LOCAL.value
        self.refused += f.refused
        self.corrected += f.corrections > 0
        self.rongque += f.rongque
        self.settled += bool(f.settled_at)
        self.settled_once += bool(f.settled_at) and f.corrections == 0
        self.overdue += f.overdue(on) or f.late

    @property
    def once_rate(self) -> float | None:
        return _ratio(self.settled_once, self.settled)

    @property
    def correction_rate(self) -> float | None:
        return _ratio(self.corrected, self.cases)

    @property
    def rongque_rate(self) -> float | None:
        return _ratio(self.rongque, self.accepted)

    def row(self) -> tuple[str, ...]:
        return (
            self.label, str(self.cases), str(self.accepted), str(self.refused),
            str(self.corrected), str(self.rongque), str(self.settled), str(self.overdue),
            percent(self.once_rate), percent(self.correction_rate), percent(self.rongque_rate),
        )  # fmt: skip


@dataclass
class LedgerReport:
    """One month's 台账 report: what the writers print (``title``, ``header_line``, ``blocks``)."""

    centre: str
    month: date
    made_on: date
    made_by: str
    totals: Counts
    by_item: list[Counts]
    by_department: list[Counts]
    by_partner: list[tuple[str, int, int, int, int, int]]
    overdue: list[CaseFacts]
    blocks: list[Block] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.centre}办件台账月报（{self.month.year}年{self.month.month}月）"

    @property
    def header_line(self) -> str:
        return f"办件台账月报 {self.month.year}年{self.month.month}月"

    def all_text(self) -> str:
        return paper_text(self.title, self.header_line, self.blocks)


def is_application(f: CaseFacts) -> bool:
    """A 办件 the rates count: not a consultation (一次性告知 only), not void."""
    return not f.voided and not (f.kind == SheetKind.NOTICE.value and len(f.steps) <= 1)


def _grouped(
    facts: Iterable[CaseFacts],
    key: Callable[[CaseFacts], str],
    on: date,
    label: Callable[[CaseFacts], str] | None = None,
) -> list[Counts]:
    """The figures per ``key``, each labelled by ``label`` (the key itself by default)."""
    groups: dict[str, Counts] = {}
    for f in facts:
        name = key(f)
        if name not in groups:
            groups[name] = Counts(label(f) if label else name)
        groups[name].add(f, on)
    return sorted(groups.values(), key=lambda c: (-c.cases, c.label))


def build_ledger_report(
    services: Services, actor: User, month: date, *, today: date | None = None
) -> LedgerReport:
    on = today or date.today()
    facts = [f for f in case_facts(services, month, month_end(month)) if is_application(f)]
    totals = Counts("合计")
    for f in facts:
        totals.add(f, on)
    partners: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for f in facts:
        if f.flow == CaseFlow.LOCAL.value:
            continue
        counts = partners[f.region or "（未填）"]
        counts[0 if f.flow == CaseFlow.OUTBOUND.value else 1] += 1
        counts[2 if CaseState.of(f.state) in CLOSED else 3] += 1
        counts[4] += f.overdue(on)
    report = LedgerReport(
        services.settings.centre_name, month, on, actor.name, totals,
        _grouped(facts, lambda f: f.item_code, on, lambda f: f.item_name),  # names fit the column
        _grouped(facts, lambda f: f.department or "（目录中无此事项）", on),
        sorted((region, *c) for region, c in partners.items()),  # type: ignore[misc]
        [f for f in facts if f.overdue(on) or f.late],
    )  # fmt: skip
    report.blocks = _blocks(report)
    return report


def _blocks(r: LedgerReport) -> list[Block]:
    t = r.totals
    blocks: list[Block] = [
        Paragraph(
            f"本月登记办件 {t.cases} 件（不含咨询和作废），受理 {t.accepted} 件，不予受理 "
            f"{t.refused} 件，办结 {t.settled} 件；一次办结率 {percent(t.once_rate)}，补正率 "
            f"{percent(t.correction_rate)}，容缺率 {percent(t.rongque_rate)}；超期 {t.overdue} 件。",
            indent=True,
        ),
        Heading("一、按部门统计"),
        Table(COUNT_WIDTHS, COUNT_HEADER, (*(c.row() for c in r.by_department), t.row())),
        Heading("二、按事项统计"),
        Table(COUNT_WIDTHS, COUNT_HEADER, tuple(c.row() for c in r.by_item)),
        Heading("三、超期办件"),
    ]
    if r.overdue:
        blocks.append(
            Table(
                (46.0, 44.0, 24.0, 20.0, 22.0),
                ("编号", "事项", "期限", "状态", "经办人"),
                tuple(
                    (
                        f.serial,
                        f.item_name,
                        f.promised if f.late else (f.due or ""),
                        "逾期办结" if f.late else "超期未办",
                        f.clerk_name,
                    )
                    for f in r.overdue
                ),  # fmt: skip
            )
        )
    else:
        blocks.append(Paragraph("本月没有超期办件。", indent=True))
    blocks.append(Heading("四、跨域通办办件（按合作地区）"))
    if r.by_partner:
        rows = tuple(tuple(str(v) for v in row) for row in r.by_partner)
        blocks.append(Table(PARTNER_WIDTHS, PARTNER_HEADER, rows))
    else:
        blocks.append(Paragraph("本月没有跨域通办办件。", indent=True))
    blocks.append(
        Paragraph(
            "说明：一次办结率 = 办结的办件中未经补正告知的件数 ÷ 办结件数；补正率 = 收到补正告知的"
            "办件 ÷ 办件；容缺率 = 容缺受理的办件 ÷ 受理的办件；超期 = 制表日仍未办完且已过期限的"
            "办件，加上晚于承诺办结日期办结的办件。以上为本中心的统计口径。",
            small=True,
            before=6,
        )
    )
    blocks.append(
        Paragraph(f"制表：{r.made_by}　{r.made_on.year}年{r.made_on.month}月{r.made_on.day}日")
    )
    return blocks


def write_ledger_report(
    services: Services, actor: User, month: date, path: Path, *, today: date | None = None
) -> LedgerReport:
    """Build the report of ``month`` and write it to ``path`` whole; audited with who, which
    month and where. Refused before any work when ``actor`` may not or nobody writes the
    format."""
    from window_assistant.sheets.writers import publish, stage

    actor = services.accounts.authorise(actor, Action.REPORT_CASES)
    path = Path(path)
    writer = report_writer_for(path)  # it reads only what LedgerReport has
    report = build_ledger_report(services, actor, month, today=today)
    fonts = {"title_font": services.settings.title_font, "body_font": services.settings.body_font}
    publish(stage(lambda part: writer(report, part, **fonts), path), path)  # type: ignore[arg-type]
    services.audit.record(
        actor.login,
        "cases.report",
        month=f"{month:%Y-%m}",
        path=str(path),
        cases=report.totals.cases,
    )
    return report
