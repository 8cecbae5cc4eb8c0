"""The tables of the 办件台账: one case per row (``lifecycle.LedgerRow``: ID numbers arrive masked
from the core and stay so), and a case's timeline (``lifecycle.Progress.steps``, each step with
its fields as last corrected and, beside it, the corrections that name it). Overdue rows and
corrected steps take the palette's colours (ui/palette.py); the texts all come from the core."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt

from ui import palette
from ui.i18n import code_label
from ui.table_model import Index, ListTableModel
from ui.tables import plain_tip
from window_assistant.cases.lifecycle import FIELDS, LedgerRow, Progress
from window_assistant.steps import Step
from window_assistant.vocab import CaseFlow, CaseState, CaseStep, SheetKind

(TIME, SERIAL, SUBJECT, APPLICANT, ID_NUMBER, FLOW, REGION, STATE, DUE, CLERK) = range(10)
FILTER_ROLE = Qt.ItemDataRole.UserRole + 1  # "code name" of the item


class LedgerModel(ListTableModel):
    """Thousands of rows, asked for by the view per role and cell: the header is made once and
    every role but the three it answers is turned away before a row is looked up."""

    _ROLES = frozenset(
        {
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.ToolTipRole,
            FILTER_ROLE,
        }
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = self._make_headers()

    def headers(self) -> list[str]:
        return self._headers

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def _make_headers(self) -> list[str]:
        return [
            self.tr("登记时间"),
            self.tr("编号"),
            self.tr("事项"),
            self.tr("申请人"),
            self.tr("证件号"),
            self.tr("办理方向"),
            self.tr("合作地区"),
            self.tr("状态"),
            self.tr("下一期限"),
            self.tr("窗口人员"),
        ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in self._ROLES:
            return None
        row: LedgerRow | None = self.row_at(index)
        if row is None:
            return None
        if role == FILTER_ROLE:
            return f"{row.subject_code} {row.subject_name}"
        if role == Qt.ItemDataRole.ForegroundRole:
            return palette.OVERDUE if row.overdue else None
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == SUBJECT:
            return plain_tip(f"{row.subject_name}({row.subject_code})")
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.text(row, index.column())

    def text(self, row: LedgerRow, column: int) -> str:
        if column == TIME:
            return row.created_at.replace("T", " ")[:16]
        if column == SERIAL:
            return row.serial
        if column == SUBJECT:
            return row.subject_name
        if column == APPLICANT:
            return row.applicant_name
        if column == ID_NUMBER:
            return row.id_masked
        if column == FLOW:
            return code_label(CaseFlow.of(row.flow))
        if column == REGION:
            return row.region
        if column == STATE:
            state = code_label(CaseState.of(row.state))
            return self.tr("{state}(已超期)").format(state=state) if row.overdue else state
        if column == DUE:
            return row.due or ""
        return row.clerk_name


def kind_label(kind: str) -> str:
    return code_label(SheetKind.of(kind))


# -- a case's timeline ---------------------------------------------------------------------------
NUMBER, WHEN, WHAT, WHO, DETAIL, CORRECTED = range(6)


def _value_text(value: Any) -> str:
    if isinstance(value, bool):
        return "已确认" if value else "否"
    if isinstance(value, list):
        return "、".join(
            str(v.get("name", v))
            + (f"(应于 {v['supply_by']} 前补齐)" if v.get("supply_by") else "")
            if isinstance(v, dict)
            else str(v)
            for v in value
        )
    return str(value)


def step_text(p: Progress, step: Step[CaseStep]) -> str:
    """``step``'s fields as last corrected, labelled as its form labels them; a 更正 says what
    it corrects."""
    if step.step is CaseStep.CORRECT:
        target = next((s for s in p.steps if s.id == step.detail.get("step")), None)
        named = (
            f"#{target.id}「{code_label(target.step)}」"
            if target
            else f"#{step.detail.get('step')}"
        )
        if step.detail.get("withdraw"):
            return f"撤回 {named}:{step.detail.get('reason', '')}"
        changed = ";".join(
            f"{_label(target.step, k) if target else k}改为 {_value_text(v)}"
            for k, v in step.detail.get("fields", {}).items()
        )
        return f"更正 {named}:{step.detail.get('reason', '')}" + (f"({changed})" if changed else "")
    detail = p.effective(step)
    parts = []
    for spec in FIELDS.get(step.step, ()):
        value = detail.get(spec.name)
        if value in (None, "", []):
            continue
        parts.append(f"{spec.label}:{_value_text(value)}")
    if detail.get("due"):
        parts.append(f"期限:{detail['due']}")
    if detail.get("added"):
        parts.append(f"负责人增加:{_value_text(detail['added'])}")
    return ";".join(parts)


def _label(step: CaseStep, name: str) -> str:
    return next((f.label for f in FIELDS.get(step, ()) if f.name == name), name)


class TimelineModel(ListTableModel):
    """A case's steps, oldest first; a corrected or withdrawn one says so, with its
    corrections beside it (the 更正 entries stay rows of their own too)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.progress: Progress | None = None

    def headers(self) -> list[str]:
        return [
            self.tr("序号"),
            self.tr("时间"),
            self.tr("步骤"),
            self.tr("记录人"),
            self.tr("内容"),
            self.tr("更正"),
        ]

    def set_progress(self, p: Progress | None) -> None:
        self.progress = p
        self.set_rows(p.steps if p else [])

    def corrections(self, step: Step[CaseStep]) -> list[Step[CaseStep]]:
        if self.progress is None or not step.id:
            return []
        return [
            s
            for s in self.progress.steps
            if s.step is CaseStep.CORRECT and s.detail.get("step") == step.id
        ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        step: Step[CaseStep] | None = self.row_at(index)
        p = self.progress
        if step is None or p is None:
            return None
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (DETAIL, CORRECTED):
            text = self.text(step, index.column())
            return plain_tip(text) if text else None
        if role == Qt.ItemDataRole.ForegroundRole and self.corrections(step):
            return palette.MUTED
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.text(step, index.column())

    def text(self, step: Step[CaseStep], column: int) -> str:
        assert self.progress is not None
        if column == NUMBER:
            return f"#{step.id}" if step.id else self.tr("(登记)")
        if column == WHEN:
            return step.at.replace("T", " ")[:16]
        if column == WHAT:
            label = code_label(step.step)
            if step.id and step.id in self.progress.withdrawn():
                return self.tr("{step}(已撤回)").format(step=label)
            if self.corrections(step):
                return self.tr("{step}(已更正)").format(step=label)
            return label
        if column == WHO:
            return step.actor_name
        if column == DETAIL:
            return step_text(self.progress, step).replace("\n", " ")
        return ";".join(
            f"#{c.id} {c.at.replace('T', ' ')[:16]} {c.detail.get('reason', '')}"
            for c in self.corrections(step)
        )
