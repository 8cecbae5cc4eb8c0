"""The tables of the 差评整改台账: one follow-up per row, and the steps of the selected one
(each with its fields as last corrected, and the correction said). Overdue rows take the
palette's colour; the texts all come from the core's ``FollowUp``. Read-only: the default
flags of ``QAbstractTableModel`` (enabled, selectable) are right."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QObject, Qt

from ui import palette
from ui.i18n import code_label
from ui.table_model import Index, ListTableModel
from ui.tables import plain_tip
from window_assistant.ratings.followups import FollowUp, Step, step_fields
from window_assistant.vocab import FollowUpStep

(SERIAL, RATED, LEVEL, CLERK, ITEM, STATE, NEXT, VERIFY_DUE, HANDLE_DUE, OVERDUE, APPEAL,
 SUPERVISED) = range(12)  # fmt: skip


class FollowUpsModel(ListTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.today = date.today()

    def headers(self) -> list[str]:
        return [
            self.tr("办件编号"),
            self.tr("差评时间"),
            self.tr("评价"),
            self.tr("经办人"),
            self.tr("事项"),
            self.tr("状态"),
            self.tr("下一步"),
            self.tr("核实期限"),
            self.tr("整改期限"),
            self.tr("超期"),
            self.tr("申诉"),
            self.tr("督办"),
        ]

    def set_followups(self, rows: list[FollowUp], today: date) -> None:
        self.today = today
        self.set_rows(rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        f: FollowUp | None = self.row_at(index)
        if f is None:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return palette.OVERDUE if f.open_overdue(self.today) else None
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == ITEM:
            return plain_tip(f.rating.item_name)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.text(f, index.column())

    def text(self, f: FollowUp, column: int) -> str:
        if column == SERIAL:
            return f.serial
        if column == RATED:
            return f.rating.at.replace("T", " ")[:16]
        if column == LEVEL:
            return code_label(f.rating.level)
        if column == CLERK:
            return f.rating.clerk_name
        if column == ITEM:
            return f.rating.item_name
        if column == STATE:
            return code_label(f.state)
        if column == NEXT:
            return f.next_step
        if column == VERIFY_DUE:
            return f.verify_due.isoformat()
        if column == HANDLE_DUE:
            return f.handle_due.isoformat()
        if column == OVERDUE:
            return "、".join(f.overdue(self.today))
        if column == APPEAL:
            return {
                "pending": self.tr("待复核"),
                "upheld": self.tr("成立(不计入统计)"),
                "rejected": self.tr("不成立"),
            }.get(f.appeal, "")
        return str(f.supervised) if f.supervised else ""


WHEN, WHAT, WHO, DETAIL = range(4)


def step_text(followup: FollowUp, step: Step) -> str:
    """The step's fields as last corrected, labelled as its form labels them."""
    if step.step is FollowUpStep.CORRECT:
        target = next((s for s in followup.steps if s.id == step.detail.get("step")), None)
        named = code_label(target.step) if target else str(step.detail.get("step"))
        return f"更正「{named}」:{step.detail.get('reason', '')}"
    detail = followup.effective(step)
    parts = []
    for spec in step_fields(step.step):
        value = detail.get(spec.name)
        if value in (None, ""):
            continue
        if spec.kind == "bool":
            value = "成立" if value else "不成立"
        elif spec.choices:
            value = dict(spec.choices).get(value, value)
        parts.append(f"{spec.label}:{value}")
    return ";".join(parts)


class StepsModel(ListTableModel):
    """The selected follow-up's steps, oldest first; a corrected one says so."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.followup: FollowUp | None = None

    def headers(self) -> list[str]:
        return [self.tr("时间"), self.tr("步骤"), self.tr("记录人"), self.tr("内容")]

    def set_followup(self, followup: FollowUp | None) -> None:
        self.followup = followup
        self.set_rows(followup.steps if followup else [])

    def corrected(self, step: Step) -> bool:
        return self.followup is not None and any(
            s.step is FollowUpStep.CORRECT and s.detail.get("step") == step.id
            for s in self.followup.steps
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        step: Step | None = self.row_at(index)
        if step is None or self.followup is None:
            return None
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == DETAIL:
            return plain_tip(step_text(self.followup, step))
        if role == Qt.ItemDataRole.ForegroundRole and self.corrected(step):
            return palette.MUTED
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if index.column() == WHEN:
            return step.at.replace("T", " ")[:16]
        if index.column() == WHAT:
            label = code_label(step.step)
            return self.tr("{step}(已更正)").format(step=label) if self.corrected(step) else label
        if index.column() == WHO:
            return step.actor_name
        return step_text(self.followup, step).replace("\n", " ")
