"""跨域通办: the catalog's cross-region items with their partner regions and contact windows,
filtered by scope, mode, partner region, department and text; everyone views it and may
publish the public list (公示, .docx or PDF, written in the background); a supervisor imports
the partner agreements after seeing the diff and confirming it.

The rows and the filter's rule come from the core (``crossregion.service``): the proxy asks
``ListFilter.matches`` of each row, so the window and ``crossregion list`` filter alike.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.common import ErrorLabel, error_text, role_label
from ui.i18n import code_label
from ui.notice import ConfirmNotice
from ui.ratings.export_dialogs import BackgroundRun, Outcome
from ui.table_model import Index, ListTableModel
from ui.tables import plain_tip, read_only_table
from ui.worker import Report
from window_assistant.accounts import User
from window_assistant.crossregion.service import (
    ImportPreview,
    ListFilter,
    ListRow,
    apply_import,
    crossregion_list,
    preview_import,
    versions,
)
from window_assistant.permissions import Action, allowed
from window_assistant.services import Services, open_services
from window_assistant.vocab import AgreementStep, CrossMode, Scope

NAME, CODE, DEPARTMENT, SCOPE, MODE, REGIONS, CONTACT = range(7)
MAX_SHOWN_CHANGES = 12  # diff lines in the question; the rest under 详细信息


class CrossRegionModel(ListTableModel):
    """One ``ListRow`` per line."""

    def headers(self) -> list[str]:
        return [
            self.tr("事项名称"),
            self.tr("事项编码"),
            self.tr("实施主体"),
            self.tr("通办范围"),
            self.tr("办理模式"),
            self.tr("合作地区"),
            self.tr("联系窗口"),
        ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row: ListRow | None = self.row_at(index)
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == CONTACT and row.agreements:
                return plain_tip("\n".join(self._agreement_lines(row)))
            if column == NAME and row.note:
                return plain_tip(row.note)
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == CONTACT:
            if row.agreements:
                return row.contacts_text()
            return self.tr("网上办理") if row.mode == CrossMode.ONLINE else self.tr("本中心受理")
        return (
            row.item_name,
            row.item_code,
            row.department,
            code_label(row.scope),
            code_label(row.mode),
            row.regions_text(),
        )[column]

    def _agreement_lines(self, row: ListRow) -> list[str]:
        lines = []
        for p in row.agreements:
            limits = self.tr(",").join(
                self.tr("{step} {days} 个工作日").format(
                    step=code_label(AgreementStep.of(k)), days=v
                )
                for k, v in p.limits.items()
            )
            sample = self.tr("(示例)") if p.sample else ""
            lines.append(f"{p.code}{sample} {p.region}:{p.contact}\n  {limits}")
            if p.liabilities:
                lines.append("  " + self.tr("责任情形:{0}").format("、".join(p.liabilities)))
        return lines

    def detail(self, row: ListRow) -> str:
        """The selected item's agreements in full: contact, step limits, liabilities."""
        if not row.agreements:
            return self.tr("{name}:没有合作协议;{note}").format(name=row.item_name, note=row.note)
        return f"{row.item_name}\n" + "\n".join(self._agreement_lines(row))


class CrossRegionProxy(QSortFilterProxyModel):
    """Keeps the rows the core's ``ListFilter`` accepts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.where = ListFilter()

    def set_filter(self, where: ListFilter) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+, where invalidateFilter is deprecated
            self.beginFilterChange()
            self.where = where
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.where = where
            self.invalidateFilter()

    def filterAcceptsRow(  # noqa: N802
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.sourceModel()
        if not isinstance(model, CrossRegionModel) or not 0 <= source_row < len(model.rows):
            return False
        return self.where.matches(model.rows[source_row])


class CrossRegionWindow(QMainWindow):
    """A window of its own beside the main one (a status bar for the background run)."""

    def __init__(self, services: Services, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.services = services
        self.user = user
        self.run = BackgroundRun(self)
        self.confirm_box: QMessageBox | None = None
        self.setWindowTitle(self.tr("跨域通办事项清单"))

        self.scope_combo = self._combo(
            self.tr("全部范围"), [(code_label(s), s) for s in Scope if s != Scope.NONE]
        )
        self.mode_combo = self._combo(self.tr("全部模式"), [(code_label(m), m) for m in CrossMode])
        self.region_combo = self._combo(self.tr("全部合作地区"), [])
        self.department_combo = self._combo(self.tr("全部部门"), [])
        self.text_edit = QLineEdit(self)
        self.text_edit.setPlaceholderText(self.tr("事项名称、编码、地区或联系窗口"))
        self.text_edit.setClearButtonEnabled(True)
        filters = QHBoxLayout()
        for text, widget in (  # each filter reached by its Alt+letter (issue 13 §2)
            (self.tr("范围(&S)"), self.scope_combo),
            (self.tr("模式(&M)"), self.mode_combo),
            (self.tr("合作地区(&R)"), self.region_combo),
            (self.tr("部门(&D)"), self.department_combo),
            (self.tr("查找(&F)"), self.text_edit),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget, 1 if widget is self.text_edit else 0)

        self.model = CrossRegionModel(self)
        self.proxy = CrossRegionProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table: QTableView = read_only_table(self.proxy, self, CONTACT)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(REGIONS, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(REGIONS, 240)  # 全国各省区市婚姻登记机关 …: the contact gets the rest
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.detail_label = QLabel(self)
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextFormat(Qt.TextFormat.PlainText)
        self.detail_label.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        self.count_label = QLabel(self)
        self.version_label = role_label("hint", parent=self)
        self.error = ErrorLabel(self)

        self.import_button = QPushButton(self.tr("导入合作协议…"), self)
        self.docx_button = QPushButton(self.tr("生成公示清单 Word…"), self)
        self.pdf_button = QPushButton(self.tr("生成公示清单 PDF…"), self)
        self.close_button = QPushButton(self.tr("关闭"), self)
        may_import = allowed(user, Action.IMPORT_CROSSREGION)
        self.import_button.setVisible(may_import)
        self.import_button.setEnabled(may_import)
        may_publish = allowed(user, Action.PUBLISH_CROSSREGION)
        for button in (self.docx_button, self.pdf_button):
            button.setEnabled(may_publish)
        self.import_button.clicked.connect(lambda: self.import_file())
        self.docx_button.clicked.connect(lambda: self.publish(suffix=".docx"))
        self.pdf_button.clicked.connect(lambda: self.publish(suffix=".pdf"))
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label)
        buttons.addWidget(self.version_label, 1)
        for button in (self.import_button, self.docx_button, self.pdf_button, self.close_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)

        central = QWidget(self)
        self.confirm = ConfirmNotice(central)
        layout = QVBoxLayout(central)
        layout.addWidget(self.confirm)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail_label)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.setCentralWidget(central)

        for combo in (self.scope_combo, self.mode_combo, self.region_combo, self.department_combo):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.text_edit.textChanged.connect(self.apply_filter)
        self.refresh()
        self.resize(1300, 680)
        self.text_edit.setFocus()

    def _combo(self, everything: str, choices: list[tuple[str, Any]]) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(everything, None)
        for label, value in choices:
            combo.addItem(label, value)
        return combo

    @staticmethod
    def _refill(combo: QComboBox, values: list[str]) -> None:
        """New choices, keeping the chosen one when it is still there."""
        chosen = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for value in values:
            combo.addItem(value, value)
        index = combo.findData(chosen) if chosen else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    # -- listing ---------------------------------------------------------------------------
    def refresh(self) -> None:
        rows = crossregion_list(self.services)
        self._refill(self.region_combo, list(dict.fromkeys(p for r in rows for p in r.partners)))
        self._refill(self.department_combo, list(dict.fromkeys(r.department for r in rows)))
        self.model.set_rows(rows)
        kept = versions(self.services)
        if kept:
            v = kept[0]
            self.version_label.setText(
                self.tr("合作协议版本 {id}:{at},{who} 导入").format(
                    id=v.id, at=v.imported_at.replace("T", " ")[:16], who=v.actor
                )
            )
        else:
            self.version_label.setText(self.tr("尚未导入合作协议"))
        self.apply_filter()

    def filters(self) -> ListFilter:
        return ListFilter(
            scope=self.scope_combo.currentData(),
            mode=self.mode_combo.currentData(),
            region=self.region_combo.currentData() or "",
            department=self.department_combo.currentData() or "",
            text=self.text_edit.text(),
        )

    def apply_filter(self) -> None:
        self.proxy.set_filter(self.filters())
        self.count_label.setText(
            self.tr("共 {shown} 项(清单 {total} 项)").format(
                shown=self.proxy.rowCount(), total=len(self.model.rows)
            )
        )

    def _show_detail(self, current: QModelIndex) -> None:
        row = self.model.row_at(self.proxy.mapToSource(current))
        self.detail_label.setText(self.model.detail(row) if row is not None else "")

    # -- import (a supervisor's) -----------------------------------------------------------
    def import_file(self, path: Path | None = None) -> QMessageBox | None:
        """Read and check the file, then ask with the diff; applied only on 导入."""
        if not allowed(self.user, Action.IMPORT_CROSSREGION):
            return None
        if path is None:
            from ui.file_dialogs import open_file

            path = open_file(
                self,
                self.tr("导入跨域通办合作协议"),
                self.tr("合作协议 (*.xlsx *.json)"),
            )
            if path is None:
                return None
        try:
            preview = preview_import(self.services, path)
        except Exception as exc:  # a UserError's Chinese message; never a traceback
            self.error.show_message(error_text(exc))
            return None
        self.error.show_message(None)
        lines = preview.diff.lines()
        counts = preview.diff.summary()
        text = self.tr(
            "导入「{name}」将:新增协议 {a},删除协议 {r},修改协议 {c};"
            "新增协议事项 {ia},删除协议事项 {ir},修改协议事项 {ic}。"
        ).format(
            name=Path(preview.source).name,
            a=counts["agreements_added"],
            r=counts["agreements_removed"],
            c=counts["agreements_changed"],
            ia=counts["items_added"],
            ir=counts["items_removed"],
            ic=counts["items_changed"],
        )
        shown = "\n".join(lines[:MAX_SHOWN_CHANGES])
        if len(lines) > MAX_SHOWN_CHANGES:
            shown += "\n" + self.tr("……另有 {n} 处变化,见“详细信息”").format(
                n=len(lines) - MAX_SHOWN_CHANGES
            )
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("确认导入合作协议"), text)
        box.setParent(self, Qt.WindowType.Dialog)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setInformativeText(shown)
        box.setDetailedText("\n".join(lines))
        self.confirm_button = box.addButton(self.tr("导入"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole)
        box.finished.connect(lambda _r: self._confirmed(box, preview))
        self.confirm_box = box
        box.open()
        return box

    def _confirmed(self, box: QMessageBox, preview: ImportPreview) -> None:
        self.confirm_box = None
        if box.clickedButton() is not self.confirm_button:
            self.statusBar().showMessage(self.tr("没有导入,合作协议未改动。"))
            return
        try:
            version = apply_import(self.services, preview, self.user)
        except Exception as exc:
            self.error.show_message(error_text(exc))
            return
        self.refresh()
        text = self.tr("已导入合作协议版本 {id}:{n} 个协议。").format(
            id=version.id, n=version.summary.get("agreements", 0)
        )
        self.statusBar().showMessage(text)
        self.confirm.say(text)  # above the list, where it cannot be missed

    # -- the public list -------------------------------------------------------------------
    def choose_path(self, suffix: str) -> Path | None:
        from ui.file_dialogs import save_file

        name_filter = (
            self.tr("Word 文档 (*.docx)") if suffix == ".docx" else self.tr("PDF 文件 (*.pdf)")
        )
        chosen = save_file(
            self, self.tr("保存公示清单"), self.tr("跨域通办事项清单") + suffix, name_filter
        )
        if chosen is None:
            return None
        path = chosen[0]
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    def publish(self, path: Path | None = None, suffix: str = ".docx") -> None:
        """Write the public list in the background behind a progress dialog (the ratings'
        exports' ``BackgroundRun``); a notice at the end names the file."""
        if self.run.busy:
            self.run.tell_busy()
            return
        if path is None:
            path = self.choose_path(suffix)
            if path is None:
                return
        from window_assistant.crossregion.publish import publish_list

        db_path, actor = self.services.store.path, self.user
        done_text = self.tr("公示清单({n} 项)已保存到:\n{path}")

        def work(report: Report) -> Outcome:
            with open_services(db_path, seed=False) as own:  # this thread's own connection
                paper = publish_list(own, actor, path, progress=report)
            return Outcome(path, done_text.format(n=len(paper.rows), path=path))

        self.error.show_message(None)
        self.run.start(self.tr("正在生成公示清单…"), work)
