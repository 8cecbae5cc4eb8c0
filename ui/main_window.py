"""The clerk's screen: search box and filters, the results, and the selected item's guide.

Keyboard first: the search box has focus at start, results follow every keystroke, ↓ enters
the list, Enter opens, Esc comes back. Supervisor-only actions are hidden from clerks.
Dialogs are imported inside the slots that open them, so start-up loads none of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QModelIndex, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QFontDatabase,
    QIcon,
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QWindow,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.admin.holidays import HolidayReminder
from ui.app import icons_dir, preferred_ui_font
from ui.cases.attention import CaseAttention
from ui.common import after_first_paint
from ui.i18n import code_label
from ui.notice import ConfirmNotice
from ui.ratings.window_ratings import WindowRatings
from ui.search.guide_panel import GuidePanel
from ui.search.results_model import CODE, DEPARTMENT, NAME, TAGS, SearchResultsModel
from ui.search.results_pane import CountLabel, ResultsPane
from ui.shortcuts import SHORTCUTS
from ui.signin.lock import IdleWatch, LockScreen
from ui.tables import WrappedColumns
from window_assistant.accounts import User
from window_assistant.catalog.search import RecentUses, SearchHit
from window_assistant.errors import UserError
from window_assistant.permissions import Action, allowed
from window_assistant.services import Services
from window_assistant.vocab import Role

if TYPE_CHECKING:  # loaded when first opened, not at start-up
    from ui.cases.case_dialog import CaseDialog
    from ui.cases.cases_view import CasesDialog
    from ui.crossregion.view import CrossRegionWindow
    from ui.pad.controller import PadController
    from window_assistant.cases.model import Case


# The windows open now: a switch of user (at the locked screen) opens the other user's window
# and closes this one, so nothing else holds a reference to the new one.
OPEN_WINDOWS: list[MainWindow] = []


class MainWindow(QMainWindow):
    itemOpened = Signal(str, str)  # noqa: N815 - (kind, code), for the features that follow

    def __init__(
        self, services: Services, user: User, parent: QWidget | None = None, *, start: bool = True
    ) -> None:
        """The clerk's window for ``user``; ``start=False`` builds it without starting anything
        (no rating server, notices or idle lock) until ``start()``: the sign-in builds it while
        the clerk types the PIN, and starts it once the PIN is right."""
        super().__init__(parent)
        self.services = services
        self.user = user
        self.window_id = services.current_window_id()
        self.recent_uses = RecentUses(services.store)
        self._recent = self.recent_uses.recent(self.window_id)
        self.opened: tuple[str, str] | None = None
        self.case_dialog: CaseDialog | None = None  # the case being registered
        self.cases_dialog: CasesDialog | None = None  # 办件台账, kept between uses
        self.crossregion_window: CrossRegionWindow | None = None  # 跨域通办, kept too
        self.last_case: Case | None = None  # registered last: what 邀请评价 (F4) invites
        self._pad_controller: PadController | None = None
        self.lock_screen: LockScreen | None = None
        self._hold_preview = False  # while a new list selects its first row (refresh_results)
        self._hidden_while_locked: list[QWidget] = []
        OPEN_WINDOWS.append(self)

        self.model = SearchResultsModel(lambda: services.search, lambda: self._recent, self)
        self._build_search_bar()
        self._build_results()
        self.guide = GuidePanel(preferred_ui_font(QFontDatabase.families()), self)
        self.guide.itemLinkActivated.connect(self._open_linked_item)
        self.guide.bundleLinkActivated.connect(lambda code: self.open_code("bundle", code))

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.results_pane)
        self.splitter.addWidget(self.guide)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 6)
        self.splitter.setSizes([620, 746])
        self.splitter.setChildrenCollapsible(False)

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(10, 10, 10, 6)
        layout.setSpacing(8)
        layout.addLayout(self.search_bar)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.ratings = WindowRatings(self, layout)  # the rating server, 评价记录, notices
        self.case_attention = CaseAttention(services, user, self, layout)  # overdue cases
        self.statusBar().addPermanentWidget(self.case_attention.count)
        self.holiday_reminder = HolidayReminder(services, user, self.import_holidays, self)
        layout.insertWidget(0, self.holiday_reminder)  # next year's 节假日安排 (Nov, Dec)
        self.confirm = ConfirmNotice(self)  # 已登记 …, 目录已导入 …: above the search
        layout.insertWidget(0, self.confirm)

        self._build_menus()
        self._build_shortcuts()
        self._build_status_bar()
        self._load_filters()
        self.refresh_results()
        self.setWindowTitle(self.tr("窗口助手 — {centre}").format(centre=self._centre()))
        self._place_on_screen()
        self.search_box.setFocus()
        self.idle: IdleWatch | None = None
        if start:
            self.start()

    def start(self, *, after_paint: bool = False) -> None:
        """What runs while the window is in use: the rating server, the sign-in notices and
        the idle lock (once); ``after_paint``: once the window has first painted."""
        if self.idle is not None:
            return
        if after_paint:
            after_first_paint(self, self.start)
            QTimer.singleShot(2000, self, self.start)  # a window never painted (minimised) too
            return
        self.ratings.start()
        self.case_attention.start()
        self.idle = IdleWatch(self.services.settings.lock_idle_minutes, self)
        self.idle.idle.connect(self.lock)
        _application().focusWindowChanged.connect(self._offer_lock)
        QTimer.singleShot(0, self, self.holiday_reminder.check)  # once the window is up

    # -- construction ----------------------------------------------------------------------
    def _build_search_bar(self) -> None:
        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText(self.tr("输入事项名称、拼音首字母(如 sbdj)或事项编码…"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.addAction(
            QIcon(icons_dir() + "/search.svg"), QLineEdit.ActionPosition.LeadingPosition
        )
        self.search_box.textChanged.connect(self.refresh_results)
        self.search_box.installEventFilter(self)

        self.department_combo = QComboBox(self)
        self.department_combo.setMinimumContentsLength(10)
        self.department_combo.setToolTip(self.tr("按实施部门筛选(Ctrl+D)"))
        self.theme_combo = QComboBox(self)
        self.theme_combo.setMinimumContentsLength(8)
        self.theme_combo.setToolTip(self.tr("按主题筛选(Ctrl+T)"))
        self.department_combo.currentIndexChanged.connect(self.refresh_results)
        self.theme_combo.currentIndexChanged.connect(self.refresh_results)
        self.count_label = CountLabel(self)  # a fixed width: the search box never moves

        self.search_bar = QHBoxLayout()
        self.search_bar.setSpacing(8)
        self.search_bar.addWidget(self.search_box, 1)
        self.search_bar.addWidget(self.department_combo)
        self.search_bar.addWidget(self.theme_combo)
        self.search_bar.addWidget(self.count_label)

    def _build_results(self) -> None:
        self.results = QTableView(self)
        self.results.setObjectName("results")
        self.results.setModel(self.model)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setAlternatingRowColors(True)
        self.results.setShowGrid(False)
        self.results.setTabKeyNavigation(False)
        self.results.verticalHeader().hide()
        self.results.verticalHeader().setDefaultSectionSize(30)
        header = self.results.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DEPARTMENT, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(CODE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TAGS, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(DEPARTMENT, 108)
        header.resizeSection(CODE, 122)
        header.resizeSection(TAGS, 112)
        header.setHighlightSections(False)
        # a long name or department: two lines, not cut
        self.wrapped_names = WrappedColumns(self.results, (NAME, DEPARTMENT, TAGS))
        self.results.selectionModel().currentRowChanged.connect(self._preview_row)
        self.results.activated.connect(lambda index: self.open_row(index.row()))
        self.results.installEventFilter(self)
        self.results_pane = ResultsPane(self.results, self)  # or what to try, when empty
        self.results_pane.empty.suggestionChosen.connect(self.take_suggestion)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("文件(&F)"))
        self.lock_action = file_menu.addAction(self.tr("锁定 / 切换用户(&L)"), self.lock)
        self.lock_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.quit_action = file_menu.addAction(self.tr("退出(&X)"), self.close)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))

        self.case_menu = bar.addMenu(self.tr("办件(&B)"))
        self.new_case_action = self.case_menu.addAction(self.tr("登记办件…"), self.start_case)
        self.new_case_action.setShortcuts([QKeySequence("F2"), QKeySequence("Ctrl+N")])
        self.cases_action = self.case_menu.addAction(self.tr("办件台账…"), self.show_cases)
        self.cases_action.setShortcut(QKeySequence("Ctrl+L"))
        self.crossregion_action = self.case_menu.addAction(
            self.tr("跨域通办清单…"), self.show_crossregion
        )
        self.ledger_export_action = self.case_menu.addAction(
            self.tr("导出台账…"), self.export_ledger
        )
        self.ledger_report_action = self.case_menu.addAction(
            self.tr("生成台账月报…"), self.report_ledger
        )
        self.case_menu.addSeparator()
        self.invite_action = self.case_menu.addAction(
            self.tr("邀请评价"), lambda: self.invite_rating()
        )
        self.invite_action.setShortcut(QKeySequence("F4"))
        self.case_menu.addAction(self.tr("显示窗口评价器(副屏)"), lambda: self.pads.show_pad())
        self.case_menu.addAction(self.tr("配对评价平板…"), self.pair_pad)
        self.new_case_button = QToolButton(self)
        self.new_case_button.setDefaultAction(self.new_case_action)
        self.new_case_button.setText(self.tr("登记办件 F2"))
        self.new_case_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.new_case_button.setMinimumHeight(self.department_combo.sizeHint().height())
        self.search_bar.addWidget(self.new_case_button)

        self.catalog_menu = bar.addMenu(self.tr("目录(&C)"))
        self.import_action = self.catalog_menu.addAction(self.tr("导入目录…"), self.import_catalog)
        self.versions_action = self.catalog_menu.addAction(self.tr("版本记录…"), self.show_versions)
        self.ratings.build_menu(bar)  # 好差评: 评价记录, 差评整改台账, 统计与图表
        admin = bar.addMenu(self.tr("管理(&M)"))
        self.accounts_action = admin.addAction(self.tr("账号管理…"), self.manage_accounts)
        self.settings_action = admin.addAction(self.tr("设置…"), self.edit_settings)
        self.holidays_action = admin.addAction(self.tr("导入节假日安排…"), self.import_holidays)
        for action, needs in (
            (self.import_action, Action.IMPORT_CATALOG),
            (self.versions_action, Action.VIEW_VERSIONS),
            (self.accounts_action, Action.MANAGE_ACCOUNTS),
            (self.holidays_action, Action.IMPORT_WORKDAYS),
            (self.ledger_report_action, Action.REPORT_CASES),
        ):
            action.setVisible(allowed(self.user, needs))
            action.setEnabled(allowed(self.user, needs))
        self.catalog_menu.menuAction().setVisible(
            self.import_action.isVisible() or self.versions_action.isVisible()
        )

        help_menu = bar.addMenu(self.tr("帮助(&H)"))
        self.shortcuts_action = help_menu.addAction(self.tr("快捷键"), self.show_shortcuts)
        self.shortcuts_action.setShortcut(QKeySequence("F1"))
        self.about_action = help_menu.addAction(self.tr("关于"), self.show_about)

    def _build_shortcuts(self) -> None:
        handlers = {
            "Ctrl+F": self.focus_search,
            "Esc": self._escape,
            "Ctrl+D": lambda: self._pop_up(self.department_combo),
            "Ctrl+T": lambda: self._pop_up(self.theme_combo),
            "Ctrl+1": self.guide.focus_situations,
            "Ctrl+G": self.guide.browser.setFocus,
        }
        bound_by_menus = {"Ctrl+Q", "F1", "F2", "Ctrl+L", "F4", "Ctrl+Shift+L"}
        self.shortcuts: dict[str, QShortcut] = {}
        for key, _, _ in SHORTCUTS:
            if not key or key in bound_by_menus:
                continue
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(handlers[key])
            self.shortcuts[key] = shortcut

    def _build_status_bar(self) -> None:
        self.status_labels = {
            key: QLabel(self) for key in ("centre", "window", "user", "version", "items")
        }
        for label in self.status_labels.values():
            self.statusBar().addPermanentWidget(label)
        self.update_status()

    # -- on the screen ---------------------------------------------------------------------
    def _screen_settings(self) -> QSettings:
        """Where the window was on this PC: beside the database, in the user's data folder."""
        path = self.services.store.path.parent / "window.ini"
        return QSettings(str(path), QSettings.Format.IniFormat)

    def _place_on_screen(self) -> None:
        """As the window was left on this PC (Qt keeps a restored geometry on the screen);
        else maximised on the screen's available area, never a fixed size that a 1366×768
        screen cannot hold under its title bar and task bar."""
        settings = self._screen_settings()
        saved = settings.value("main_window/geometry")
        splitter = settings.value("main_window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        if isinstance(saved, QByteArray) and self.restoreGeometry(saved):
            return
        screen = self.screen()
        if screen is not None:
            self.setGeometry(screen.availableGeometry())
        self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def _remember_place(self) -> None:
        settings = self._screen_settings()
        settings.setValue("main_window/geometry", self.saveGeometry())
        settings.setValue("main_window/splitter", self.splitter.saveState())
        settings.sync()

    # -- status and filters ----------------------------------------------------------------
    def _centre(self) -> str:
        return self.services.settings.centre_name

    def update_status(self) -> None:
        window = self.services.accounts.window(self.window_id)
        role = code_label(Role.of(self.user.role))
        latest = self.services.catalog.latest_version()
        stats = self.services.catalog.stats()
        texts = {
            "centre": self._centre(),
            "window": window.name if window else self.tr("未指定窗口"),
            "user": self.tr("{role}:{name}").format(role=role, name=self.user.name),
            "version": (
                self.tr("目录第 {id} 版(导入于 {date})").format(id=latest[0], date=latest[1][:10])
                if latest
                else self.tr("尚未导入目录")
            ),
            "items": self.tr("事项 {items} 个 · 一件事 {bundles} 个").format(
                items=stats["items"], bundles=stats["bundles"]
            ),
        }
        for key, text in texts.items():
            self.status_labels[key].setText(text)

    def _load_filters(self) -> None:
        catalog = self.services.catalog
        for combo, everything, values in (
            (self.department_combo, self.tr("全部部门"), catalog.departments()),
            (self.theme_combo, self.tr("全部主题"), catalog.themes()),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, "")
            for value in values:
                combo.addItem(value, value)
            index = combo.findData(current) if current else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def set_filters(self, department: str = "", theme: str = "") -> None:
        self.department_combo.setCurrentIndex(max(self.department_combo.findData(department), 0))
        self.theme_combo.setCurrentIndex(max(self.theme_combo.findData(theme), 0))

    # -- searching -------------------------------------------------------------------------
    def refresh_results(self) -> None:
        self.model.set_query(
            self.search_box.text(),
            self.department_combo.currentData() or None,
            self.theme_combo.currentData() or None,
        )
        rows = self.model.rowCount()
        self.count_label.set_count(rows)
        query = self.search_box.text().strip()
        if rows or not query:
            self.results_pane.show_table()
        else:
            filtered = bool(self.model.department or self.model.theme)
            self.results_pane.show_empty(query, self.services.search.suggest(query), filtered)
        if rows:
            self._hold_preview = True
            try:
                self.results.setCurrentIndex(self.model.index(0, NAME))
                self.results.scrollToTop()
            finally:
                self._hold_preview = False
            if self.results.isVisible():  # the list on the screen before the guide is laid out
                self.results.viewport().repaint()
            self._preview_row(self.results.currentIndex(), QModelIndex())
        else:
            self.guide.clear()

    def take_suggestion(self, word: str) -> None:
        """Search for the suggested word (「您要找的是不是…」), the search box keeping focus."""
        if word:
            self.search_box.setText(word)
        self.focus_search()

    def current_hit(self) -> SearchHit | None:
        return self.model.hit(self.results.currentIndex().row())

    def _preview_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._hold_preview:
            return
        hit = self.model.hit(current.row())
        if hit is not None:
            self.show_hit(hit)

    def show_hit(self, hit: SearchHit) -> None:
        self.show_code(hit.kind, hit.code)

    def show_code(self, kind: str, code: str, back_bundle: str | None = None) -> bool:
        catalog = self.services.catalog
        if kind == "bundle":
            bundle = catalog.bundle(code)
            if bundle is None:
                return False
            items = [i for i in (catalog.item(c) for c in bundle.items) if i is not None]
            self.guide.show_bundle(bundle, items)
            return True
        item = catalog.item(code)
        if item is None:
            return False
        back = catalog.bundle(back_bundle) if back_bundle else None
        self.guide.show_item(item, catalog.crossregion_entry(code), back)
        return True

    # -- opening ---------------------------------------------------------------------------
    def open_row(self, row: int) -> None:
        hit = self.model.hit(row)
        if hit is not None:
            self.open_code(hit.kind, hit.code)

    def open_code(self, kind: str, code: str, back_bundle: str | None = None) -> None:
        """Show the guide and count the use, so this window's habits rank it up next time."""
        if not self.show_code(kind, code, back_bundle):
            return
        self.opened = (kind, code)
        shown = self.guide.item or self.guide.bundle
        name = shown.name if shown is not None else code
        try:
            self.recent_uses.record(self.window_id, kind, code)
        except UserError as exc:  # only a ranking hint was lost: the guide is open all the same
            self.statusBar().showMessage(str(exc), 8000)
        else:
            self._recent = self.recent_uses.recent(self.window_id)
            self.statusBar().showMessage(self.tr("已打开:{name}").format(name=name), 4000)
        self.itemOpened.emit(kind, code)

    def _open_linked_item(self, code: str) -> None:
        bundle = self.guide.bundle.code if self.guide.bundle else None
        self.open_code("item", code, back_bundle=bundle)

    # -- keyboard --------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def _escape(self) -> None:
        if self.search_box.hasFocus():
            self.search_box.clear()
        else:
            self.focus_search()

    def _pop_up(self, combo: QComboBox) -> None:
        combo.setFocus(Qt.FocusReason.ShortcutFocusReason)
        combo.showPopup()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.search_box:
                if key == Qt.Key.Key_Down and self.model.rowCount():
                    self.results.setFocus(Qt.FocusReason.OtherFocusReason)
                    if not self.results.currentIndex().isValid():
                        self.results.setCurrentIndex(self.model.index(0, NAME))
                    return True
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    if self.pads.take_scan(self.search_box.text()):  # a scanned rating code
                        self.search_box.clear()
                        return True
                    if not self.model.rowCount() and self.results_pane.suggestion():
                        self.take_suggestion(self.results_pane.suggestion())
                        return True
                    row = self.results.currentIndex().row()
                    self.open_row(row if row >= 0 else 0)
                    return True
            elif watched is self.results:
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self.open_row(self.results.currentIndex().row())
                    return True
                if key == Qt.Key.Key_Up and self.results.currentIndex().row() <= 0:
                    self.focus_search()
                    return True
        return super().eventFilter(watched, event)

    # -- dialogs ---------------------------------------------------------------------------
    def _warn(self, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox  # here: its enums cost ~1 ms of start-up

        QMessageBox.warning(self, self.tr("提示"), text)

    def _run(self, make_dialog) -> int:
        """Open a dialog; a UserError while building it is shown, not raised."""
        try:
            return make_dialog().exec()
        except UserError as exc:
            self._warn(str(exc))
            return QDialog.DialogCode.Rejected

    def import_catalog(self) -> None:
        if not allowed(self.user, Action.IMPORT_CATALOG):
            return
        from ui.admin.import_dialog import ImportDialog

        try:
            dialog = ImportDialog(self.services, self.user, self)
        except UserError as exc:
            self._warn(str(exc))
            return
        if dialog.exec() and dialog.version is not None:
            self.catalog_changed()
            stats = self.services.catalog.stats()
            self.confirm.say(
                self.tr("目录已导入:第 {id} 版,事项 {items} 个 · 一件事 {bundles} 个。").format(
                    id=dialog.version.id, items=stats["items"], bundles=stats["bundles"]
                )
            )

    def catalog_changed(self) -> None:
        """After an import: rebuild the index, reload filters and status, re-run the search."""
        self.services.catalog_changed()
        self._recent = self.recent_uses.recent(self.window_id)
        self._load_filters()
        self.update_status()
        self.refresh_results()

    def import_holidays(self) -> None:
        """管理 → 导入节假日安排…: a year's State Council arrangement replaces the estimate."""
        if not allowed(self.user, Action.IMPORT_WORKDAYS):
            return
        from ui.admin.holidays import import_holidays

        if import_holidays(self, self.services, self.user):
            self.holiday_reminder.check()

    def show_versions(self) -> None:
        if not allowed(self.user, Action.VIEW_VERSIONS):
            return
        from ui.admin.versions_dialog import VersionsDialog

        self._run(lambda: VersionsDialog(self.services, self))

    def manage_accounts(self) -> None:
        if not allowed(self.user, Action.MANAGE_ACCOUNTS):
            return
        from ui.admin.accounts_dialog import AccountsDialog

        self._run(lambda: AccountsDialog(self.services, self.user, self))
        self.update_status()

    def edit_settings(self) -> None:
        from ui.admin.settings_dialog import SettingsDialog

        if self._run(lambda: SettingsDialog(self.services, self.user, self)):
            self.window_id = self.services.current_window_id()
            self._recent = self.recent_uses.recent(self.window_id)
            self.setWindowTitle(self.tr("窗口助手 — {centre}").format(centre=self._centre()))
            self.update_status()
            self.ratings.settings_changed()
            if self.idle is not None:
                self.idle.set_minutes(self.services.settings.lock_idle_minutes)

    # -- cases (办件) -----------------------------------------------------------------------
    def export_ledger(self) -> QDialog | None:
        """办件 → 导出台账… (masked only for a clerk), in the background."""
        from ui.cases.ledger_exports import open_ledger_export

        return open_ledger_export(self.services, self.user, self.ratings.background_run(), self)

    def report_ledger(self) -> QDialog | None:
        """办件 → 生成台账月报… (a supervisor's), in the background."""
        from ui.cases.ledger_exports import open_ledger_report

        return open_ledger_report(self.services, self.user, self.ratings.background_run(), self)

    def start_case(self) -> None:
        """The case dialog for the item or bundle on show, with the situations already chosen."""
        if self.guide.item is not None:
            kind, code, answers = "item", self.guide.item.code, self.guide.answers()
        elif self.guide.bundle is not None:
            kind, code, answers = "bundle", self.guide.bundle.code, {}
        else:
            self.statusBar().showMessage(
                self.tr("请先搜索并选择事项或一件事,再按 F2 登记办件。"), 6000
            )
            return
        from ui.cases.case_dialog import CaseDialog

        try:
            dialog = CaseDialog(self.services, self.user, kind, code, answers, self)
        except UserError as exc:
            self._warn(str(exc))
            return
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.caseRegistered.connect(self._case_registered)
        dialog.papersPrinted.connect(self._case_printed)
        dialog.result_panel.inviteRequested.connect(self.invite_rating)
        dialog.finished.connect(self._case_closed)
        self.case_dialog = dialog
        dialog.open()

    def _case_closed(self) -> None:
        """However the case ended (Esc, after printing or saving), the next citizen's query can
        be typed at once: the search box has the focus, its last query selected."""
        self.case_dialog = None
        self.activateWindow()
        self.focus_search()

    def _case_registered(self, case: Case) -> None:
        text = self.tr("已登记:{serial}").format(serial=case.serial)
        self.statusBar().showMessage(text, 8000)
        self.confirm.say(text)
        self.last_case = case
        if self.cases_dialog is not None:
            self.cases_dialog.refresh()

    def _case_printed(self, case: Case, printer: str) -> None:
        """Printed straight to the default printer (setting ``print.direct``): where it went."""
        text = self.tr("已登记:{serial},已送打印机 {printer}").format(
            serial=case.serial, printer=printer
        )
        self.statusBar().showMessage(text, 8000)
        self.confirm.say(text)

    def show_cases(self) -> None:
        """办件台账, kept open beside the main window (Ctrl+L brings it back, refreshed)."""
        from ui.cases.cases_view import CasesDialog

        if self.cases_dialog is None:
            self.cases_dialog = CasesDialog(self.services, self.user, self)
            self.cases_dialog.inviteRequested.connect(self.invite_rating)
            self.cases_dialog.changed.connect(self.case_attention.check)
        else:
            self.cases_dialog.refresh()
        self.cases_dialog.show()
        self.cases_dialog.raise_()
        self.cases_dialog.activateWindow()

    def show_crossregion(self) -> None:
        """跨域通办: the list with its partners, kept open beside the main window."""
        from ui.crossregion.view import CrossRegionWindow

        if self.crossregion_window is None:
            self.crossregion_window = CrossRegionWindow(self.services, self.user, self)
        else:
            self.crossregion_window.refresh()
        self.crossregion_window.show()
        self.crossregion_window.raise_()
        self.crossregion_window.activateWindow()

    # -- the counter's pad (好差评) -----------------------------------------------------------
    @property
    def pads(self) -> PadController:
        """邀请评价 and the second-screen pad (made at the first use: start-up loads none)."""
        if self._pad_controller is None:
            from ui.pad.controller import PadController

            self._pad_controller = PadController(self.services, self.user, self)
            self._pad_controller.notice.connect(self._pad_notice)
            # 评价记录 and the status bar hear of a pad's rating at once, not at the next check
            self._pad_controller.rated.connect(lambda _rating: self.ratings.controller.check())
        return self._pad_controller

    def invite_rating(self, serial: str = "") -> None:
        """邀请评价: ``serial`` (a panel's button), else the case registered last, else the one
        selected in an open 办件台账."""
        if not serial and self.last_case is not None:
            serial = self.last_case.serial
        elif not serial and self.cases_dialog is not None and self.cases_dialog.isVisible():
            row = self.cases_dialog.selected()
            serial = row.serial if row is not None else ""
        if not serial:
            self.statusBar().showMessage(
                self.tr("请先登记办件,或在办件台账中选择要评价的办件。"), 8000
            )
            return
        self.pads.invite(serial)

    def _pad_notice(self, text: str, ok: bool) -> None:
        self.statusBar().showMessage(text, 8000)
        panel = self.case_dialog.result_panel if self.case_dialog is not None else None
        for screen in (panel, self.cases_dialog):
            if screen is not None and screen.isVisible():
                screen.show_invited(text, ok)

    def pair_pad(self) -> None:
        from ui.pad.pairing_dialog import PairingDialog

        self._run(lambda: PairingDialog(self.services, self.user, self.window_id, self))

    def show_ratings(self) -> None:
        self.ratings.show_list()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.ratings.close()  # no rating server left serving a window that is gone
        if self.idle is not None:  # started (a window built ahead of a sign-in may not be)
            self.idle.stop()
            _application().focusWindowChanged.disconnect(self._offer_lock)
        if self in OPEN_WINDOWS:
            OPEN_WINDOWS.remove(self)
        self._remember_place()
        super().closeEvent(event)

    # -- lock and switch user --------------------------------------------------------------
    def lock(self) -> None:
        """Hide what is on the screen (the guide, the results, every other window of the app
        but the citizen's pad) until someone signs in at the locked screen."""
        if self.lock_screen is not None and self.lock_screen.isVisible():
            return
        if self.idle is not None:
            self.idle.timer.stop()
        shown = (self.centralWidget(), *self._other_windows())
        self._hidden_while_locked = [w for w in shown if w is not None and w.isVisible()]
        for widget in self._hidden_while_locked:
            widget.hide()
        if self.lock_screen is None:
            self.lock_screen = LockScreen(self.services, self.user, self)
            self.lock_screen.unlocked.connect(self._unlocked)
        self.lock_screen.set_user(self.user)
        self.lock_screen.start()

    def _offer_lock(self, focused: QWindow | None) -> None:
        """Ctrl+Shift+L from whichever window has the keyboard (a case, its preview, 办件台账 …):
        the menu's shortcut alone is not heard while a dialog over this window is open."""
        for widget in self._windows(shown=False):
            if widget.windowHandle() is focused and self.lock_action not in widget.actions():
                widget.addAction(self.lock_action)

    def _other_windows(self) -> list[QWidget]:
        """The app's other windows on the screen: a case and its preview, 办件台账 and a case's
        detail, 评价记录, 跨域通办 … Not the citizen's pad, nor a dialog the app waits on
        (application-modal: hiding it would end it)."""
        return [
            w
            for w in self._windows(shown=True)
            if w.windowModality() != Qt.WindowModality.ApplicationModal
            and w.objectName() != "padWindow"
        ]

    def _windows(self, shown: bool) -> list[QWidget]:
        """The app's other windows and dialogs (never a popup or a tool tip), ``shown`` or all."""
        return [
            w
            for w in QApplication.topLevelWidgets()
            if (w.isVisible() or not shown)
            and w is not self
            and w is not self.lock_screen
            and w.windowType() in (Qt.WindowType.Window, Qt.WindowType.Dialog)
        ]

    def is_locked(self) -> bool:
        return self.lock_screen is not None and self.lock_screen.isVisible()

    def _unlocked(self, user: User) -> None:
        if user.id == self.user.id:
            for widget in self._hidden_while_locked:
                widget.show()
            self._hidden_while_locked = []
            if self.idle is not None:
                self.idle.restart()
            self.focus_search()
            return
        # 切换用户: the other user's own window (menus by role, window, counts), this one closed
        successor = MainWindow(self.services, user)
        successor.show()
        successor.raise_()
        successor.activateWindow()
        self.close()
        self.deleteLater()

    def show_shortcuts(self) -> None:
        from ui.help_dialogs import ShortcutsDialog

        ShortcutsDialog(self).exec()

    def show_about(self) -> None:
        from ui.help_dialogs import show_about

        show_about(self, self._centre())


def _application() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)  # a window needs one
    return app
