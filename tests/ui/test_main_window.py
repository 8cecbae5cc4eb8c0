"""The clerk's main window, driven from the keyboard as a clerk would, on the bundled catalog.

Expectations are derived from the catalog itself (an item with situations, a 容缺 material, a
bundle …) so the tests follow the catalog as it grows, and each asserts what is on the screen:
the rows of the results table and the text of the guide.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor, QTextDocument

from tests.store_helpers import held_by_another_program
from tests.ui.helpers import show_active, type_into  # tests/ is on sys.path
from ui.fonts import cjk_font_families, installed_cjk_fonts, preferred_ui_font
from ui.help_dialogs import ShortcutsDialog
from ui.main_window import MainWindow
from ui.search.guide import escape, item_guide_html
from ui.shortcuts import SHORTCUTS
from window_assistant.accounts import INSTALLER
from window_assistant.catalog.model import Catalog, Item, Material, Situation
from window_assistant.catalog.search import RecentUses
from window_assistant.vocab import Necessity

SHARED = "免提交(可通过电子证照共享获取)"


@pytest.fixture
def catalog(services):
    return services.catalog.load()


def _window(qtbot, services, user) -> MainWindow:
    window = MainWindow(services, user)
    show_active(qtbot, window)
    return window


@pytest.fixture
def clerk(services):
    return services.default_clerk()


@pytest.fixture
def supervisor(services):
    return services.accounts.add_account(INSTALLER, "boss", "王主任", "supervisor", "secret-pass-1")


@pytest.fixture
def window(qtbot, services, clerk):
    return _window(qtbot, services, clerk)


def _unique_name_item(catalog: Catalog, predicate=lambda item: True) -> Item:
    """An item whose full name starts no other entry's name, so typing it ranks it first."""
    names = [i.name for i in catalog.items] + [b.name for b in catalog.bundles]
    for item in catalog.items:
        if predicate(item) and sum(n.startswith(item.name) for n in names) == 1:
            return item
    pytest.skip("the catalog has no such item")


def _rows(window: MainWindow) -> list[tuple[str, str]]:
    return [(h.kind, h.code) for h in window.model.hits()]


def _materials_section(window: MainWindow) -> str:
    text = window.guide.plain_text()
    return text[text.index("申请材料") : text.index("受理条件")]


def _type(qtbot, window: MainWindow, text: str) -> None:
    type_into(qtbot, window.search_box, text)


# -- the results model -------------------------------------------------------------------------
def test_results_model_is_a_valid_qt_model(qtmodeltester, window, catalog):
    model = window.model
    qtmodeltester.check(model)  # the browse list at start
    model.set_query("zzzzqqq")
    assert model.rowCount() == 0
    qtmodeltester.check(model)
    model.set_query(catalog.items[0].name[:2])
    assert model.rowCount() > 0
    qtmodeltester.check(model)
    model.set_query("", department=catalog.items[0].department)
    assert model.rowCount() > 0
    qtmodeltester.check(model)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "名称",
        "部门",
        "编码",
        "标签",
    ]


def test_search_box_has_focus_and_lists_the_catalog_at_start(window, catalog):
    assert window.focusWidget() is window.search_box
    codes = {code for kind, code in _rows(window) if kind == "item"}
    assert codes == {i.code for i in catalog.items}
    assert {code for kind, code in _rows(window) if kind == "bundle"} == {
        b.code for b in catalog.bundles
    }


def test_typing_a_name_lists_that_item_first_and_shows_its_guide(qtbot, window, catalog):
    item = _unique_name_item(catalog)
    _type(qtbot, window, item.name)
    assert _rows(window)[0] == ("item", item.code)
    index = window.model.index(0, 0)
    assert window.model.data(index) == item.name
    assert item.name in window.guide.plain_text()
    assert item.code in window.guide.plain_text()
    assert window.count_label.text() == f"{window.model.rowCount()} 条"


def test_pinyin_initials_find_a_high_frequency_item(qtbot, window, catalog):
    from window_assistant.catalog.pinyin import pinyin_keys

    item = next(i for i in catalog.items if i.high_frequency)
    _type(qtbot, window, pinyin_keys(item.name)[1])
    assert ("item", item.code) in _rows(window)[:5]


def test_down_and_enter_open_the_item_with_every_material_attribute(
    qtbot, window, services, catalog
):
    item = _unique_name_item(catalog, lambda i: len(i.materials) >= 2)
    _type(qtbot, window, item.name)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    assert window.focusWidget() is window.results
    qtbot.keyClick(window.results, Qt.Key.Key_Return)

    assert window.opened == ("item", item.code)
    assert RecentUses(services.store).uses(window.window_id, "item", item.code) == 1
    materials = _materials_section(window)
    for m in item.materials:
        assert m.name in materials
        assert all(v.label in materials for v in (m.kind, m.source, m.form))
        assert (SHARED if m.shareable else m.necessity.label) in materials
        if m.spec:
            assert m.spec in materials
        if m.notes:
            assert m.notes in materials
    text = window.guide.plain_text()
    for heading in ("受理条件", "办理流程", "法定办结时限", "承诺办结时限", "收费", "办理地点"):
        assert heading in text
    for value in (item.kind.label, item.department, item.case_type.label, item.place, item.phone):
        assert value in text
    assert (item.fee_standard if item.fee else "不收费") in text


def test_shared_and_rongque_materials_are_marked(qtbot, window, catalog):
    item = _unique_name_item(
        catalog,
        lambda i: (
            any(m.shareable for m in i.materials)
            or any(m.necessity == Necessity.RONGQUE for m in i.materials)
        ),
    )
    window.open_code("item", item.code)
    materials = _materials_section(window)
    if any(m.shareable for m in item.materials):
        assert SHARED in materials
    if any(m.necessity == Necessity.RONGQUE and not m.shareable for m in item.materials):
        assert "容缺后补" in materials


def test_up_and_down_move_the_selection_and_the_guide_follows(qtbot, window):
    first, second = window.model.hit(0), window.model.hit(1)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    qtbot.keyClick(window.results, Qt.Key.Key_Down)
    assert window.current_hit() == second
    assert (
        window.guide.plain_text().startswith(second.name)
        or second.name in (window.guide.plain_text()[:200])
    )
    qtbot.keyClick(window.results, Qt.Key.Key_Up)
    assert window.current_hit() == first
    assert first.name in window.guide.plain_text()[:200]
    qtbot.keyClick(window.results, Qt.Key.Key_Up)  # from the top row back to the search box
    assert window.focusWidget() is window.search_box


def test_a_situation_answer_limits_the_materials(qtbot, window, catalog):
    def conditional(item: Item) -> bool:
        return any(m.situations for m in item.materials)

    item = _unique_name_item(catalog, conditional)
    window.open_code("item", item.code)
    material = next(m for m in item.materials if m.situations)
    key, _, needed = material.situations[0].partition("=")
    situation = next(s for s in item.situations if s.key == key)
    other = next(o for o in situation.options if o not in material.conditions()[key])
    assert material.name in _materials_section(window)

    combo = window.guide.combos[key]
    combo.setFocus()
    combo.setCurrentIndex(combo.findText(other))
    shown = _materials_section(window)
    expected = item.materials_for({key: other})
    assert f"{len(expected)} / {len(item.materials)}" in shown
    for m in item.materials:
        if m in expected:
            assert m.name in shown
    if all(m.name != material.name for m in expected):
        assert material.name not in shown

    combo.setCurrentIndex(combo.findText(needed))
    assert material.name in _materials_section(window)


def test_department_filter_narrows_the_results(qtbot, window, catalog):
    everything = window.model.rowCount()
    department = catalog.items[-1].department
    combo = window.department_combo
    assert combo.itemText(0) == "全部部门"
    combo.setCurrentIndex(combo.findText(department))
    rows = window.model.hits()
    assert 0 < len(rows) < everything
    assert {h.department for h in rows} == {department}
    assert {h.code for h in rows if h.kind == "item"} == {
        i.code for i in catalog.items if i.department == department
    }
    combo.setCurrentIndex(0)
    assert window.model.rowCount() == everything


def test_theme_filter_lists_only_that_theme(qtbot, window, catalog):
    themes = [i.theme for i in catalog.items if i.theme]
    if not themes:
        pytest.skip("no themes in the catalog")
    combo = window.theme_combo
    combo.setCurrentIndex(combo.findText(themes[0]))
    assert {h.theme for h in window.model.hits()} == {themes[0]}


def _link_cursor(browser, code: str) -> QTextCursor:
    """A cursor just inside the first hyperlink whose target ends with ``code``."""
    block = browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().anchorHref().endswith(code):
                cursor = QTextCursor(browser.document())
                cursor.setPosition(fragment.position() + 1)
                return cursor
            it += 1
        block = block.next()
    raise AssertionError(f"no link to {code} in the guide")


def test_a_bundle_opens_lists_its_items_and_they_open(qtbot, window, catalog):
    if not catalog.bundles:
        pytest.skip("no bundles in the catalog")
    bundle = catalog.bundles[0]
    items = catalog.item_map()
    _type(qtbot, window, bundle.name)
    assert ("bundle", bundle.code) in _rows(window)
    row = _rows(window).index(("bundle", bundle.code))
    assert "一件事" in window.model.data(window.model.index(row, 3))
    window.results.setCurrentIndex(window.model.index(row, 0))
    qtbot.keyClick(window.results, Qt.Key.Key_Return)
    assert window.opened == ("bundle", bundle.code)
    text = window.guide.plain_text()
    assert bundle.name in text
    for code in bundle.items:
        assert items[code].name in text
    for code in bundle.items:
        for m in items[code].materials:
            assert m.name in text

    # Clicking the first item's link opens that item's guide, with a way back.
    first = items[bundle.items[0]]
    browser = window.guide.browser
    cursor = _link_cursor(browser, first.code)
    browser.setTextCursor(cursor)
    browser.ensureCursorVisible()
    point = browser.cursorRect(cursor).center() + QPoint(2, 0)
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: window.opened == ("item", first.code))
    assert f"返回「{bundle.name}」" in window.guide.plain_text()


def test_clerk_does_not_see_supervisor_actions(window):
    for action in (window.import_action, window.versions_action, window.accounts_action):
        assert not action.isVisible()
        assert not action.isEnabled()
    assert not window.catalog_menu.menuAction().isVisible()
    assert window.settings_action.isVisible()
    assert "窗口人员" in window.status_labels["user"].text()


def test_supervisor_sees_catalog_and_account_actions(qtbot, services, supervisor):
    window = _window(qtbot, services, supervisor)
    for action in (window.import_action, window.versions_action, window.accounts_action):
        assert action.isVisible() and action.isEnabled()
    assert window.catalog_menu.menuAction().isVisible()
    assert "王主任" in window.status_labels["user"].text()


def test_ctrl_f_and_escape_come_back_to_the_search_box(qtbot, window):
    _type(qtbot, window, "登记")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    assert window.focusWidget() is window.results
    qtbot.keyClick(window.results, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.focusWidget() is window.search_box
    assert window.search_box.selectedText() == "登记"

    window.results.setFocus()
    qtbot.keyClick(window.results, Qt.Key.Key_Escape)
    assert window.focusWidget() is window.search_box
    assert window.search_box.text() == "登记"
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    assert window.search_box.text() == ""


def test_enter_in_the_search_box_opens_the_top_hit(qtbot, window, catalog):
    item = _unique_name_item(catalog)
    _type(qtbot, window, item.name)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert window.opened == ("item", item.code)


def test_an_opened_item_ranks_up_among_equals_next_time(qtbot, window, catalog):
    """Two items of one department with the same 高频/综合窗口 flags list in catalog order
    until the clerk opens the second one."""
    groups: dict[tuple, list[Item]] = {}
    for item in catalog.items:
        key = (item.department, item.high_frequency, item.comprehensive)
        groups.setdefault(key, []).append(item)
    pair = next((g[:2] for g in groups.values() if len(g) >= 2), None)
    if pair is None:
        pytest.skip("no two comparable items in one department")
    first, second = pair
    window.set_filters(department=first.department)
    rows = _rows(window)
    assert rows.index(("item", first.code)) < rows.index(("item", second.code))
    window.open_row(rows.index(("item", second.code)))
    window.refresh_results()
    rows = _rows(window)
    assert rows.index(("item", second.code)) < rows.index(("item", first.code))


def test_an_item_opens_even_when_its_use_cannot_be_recorded(qtbot, window, services, catalog):
    item = _unique_name_item(catalog)
    _type(qtbot, window, item.name)
    with held_by_another_program(services.store):
        qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert window.opened == ("item", item.code)
    assert item.name in window.guide.plain_text()
    assert "另一个程序占用" in window.statusBar().currentMessage()
    assert RecentUses(services.store).recent(window.window_id) == []


def test_status_bar_shows_centre_window_user_version_and_counts(window, services, catalog):
    texts = " ".join(label.text() for label in window.status_labels.values())
    assert services.settings.centre_name in texts
    assert services.accounts.window(window.window_id).name in texts
    assert f"事项 {len(catalog.items)} 个" in texts
    assert "目录第 1 版" in texts


def test_after_an_import_the_window_lists_the_new_catalog(qtbot, window, services):
    new = Catalog(
        items=[
            Item(code="X-1", name="测试新事项", department="新部门", materials=[Material("新材料")])
        ]
    )
    services.catalog.replace(new, source="test")
    window.catalog_changed()
    assert _rows(window) == [("item", "X-1")]
    assert [window.department_combo.itemText(i) for i in range(2)] == ["全部部门", "新部门"]
    assert "事项 1 个" in window.status_labels["items"].text()
    assert "目录第 2 版" in window.status_labels["version"].text()
    assert "新材料" in window.guide.plain_text()


def test_typing_on_while_the_top_hit_stays_keeps_the_guide_as_it_is(qtbot, window, catalog):
    item = _unique_name_item(catalog, lambda i: len(i.name) >= 4 and bool(i.situations))
    _type(qtbot, window, item.name[:-1])
    if window.model.hit(0).code != item.code:
        pytest.skip("the shorter name ranks another entry first")
    situation = item.situations[0]
    window.guide.set_answer(situation.key, situation.options[0])
    cursor = window.guide.browser.textCursor()
    cursor.select(QTextCursor.SelectionType.Document)
    window.guide.browser.setTextCursor(cursor)  # the clerk selected the guide to copy it
    revision = window.guide.browser.document().revision()
    type_into(qtbot, window.search_box, item.name[-1], replace=False)
    assert window.search_box.text() == item.name
    assert window.model.hit(0).code == item.code
    assert window.guide.browser.document().revision() == revision  # not laid out again
    assert window.guide.browser.textCursor().hasSelection()
    assert window.guide.answers() == {situation.key: situation.options[0]}


def test_an_import_that_changes_the_situations_replaces_the_options(qtbot, window, services):
    def catalog_with(options: list[str]) -> Catalog:
        situation = Situation("who", "申请人类型", options)
        material = Material("证明", situations=[f"who={options[0]}"])
        return Catalog(
            items=[Item(code="X-1", name="测试事项", situations=[situation], materials=[material])]
        )

    services.catalog.replace(catalog_with(["个人", "企业"]), source="test")
    window.catalog_changed()
    assert window.guide.combos["who"].findText("企业") > 0
    services.catalog.replace(catalog_with(["个人", "社会组织"]), source="test")
    window.catalog_changed()
    combo = window.guide.combos["who"]
    assert combo.findText("社会组织") > 0 and combo.findText("企业") < 0


def test_the_shortcut_help_lists_every_bound_key(qtbot, window):
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    shown = {key for key, _ in dialog.texts()}
    bound = set(window.shortcuts) | {
        a.shortcut().toString() for a in window.findChildren(type(window.quit_action))
    }
    bound.discard("")
    assert bound <= shown
    assert {k for k, _, _ in SHORTCUTS if k} <= bound


def test_the_guide_escapes_catalog_text():
    item = Item(
        code="<i>1</i>",
        name="<b>登记</b>",
        conditions="a < b & c",
        materials=[Material("<script>x</script>", notes="<img src=x>")],
    )
    html = item_guide_html(item)
    assert "<script>" not in html and "<b>登记" not in html and "<img" not in html
    doc = QTextDocument()
    doc.setHtml(html)
    text = doc.toPlainText()
    for shown in ("<b>登记</b>", "<i>1</i>", "a < b & c", "<script>x</script>", "<img src=x>"):
        assert shown in text


@pytest.mark.parametrize(
    "text", ["", "a < b & c", "<a href='x'>\"引\"</a>", "&amp; 已转义", "普通"]
)
def test_guide_escape_matches_the_standard_library(text):
    import html

    assert escape(text) == html.escape(text, quote=True)


def test_cjk_font_detection(qapp):
    families = ["DejaVu Sans", "Noto Sans CJK SC", "Noto Serif CJK SC", "Liberation Serif"]
    assert cjk_font_families(families) == ["Noto Sans CJK SC", "Noto Serif CJK SC"]
    assert cjk_font_families(["DejaVu Sans", "Liberation Serif"]) == []
    assert preferred_ui_font(["SimSun", "Microsoft YaHei"]) == "Microsoft YaHei"
    assert preferred_ui_font(["DejaVu Sans"]) is None
    assert installed_cjk_fonts(), "this machine (and CI) has fonts-noto-cjk installed"


def test_start_opens_the_database_and_dresses_the_application(qapp, db_path):
    import main

    app, services = main.start(main.parse_args(["--db", str(db_path), "--lang", "zh_CN"]))
    try:
        assert services is not None and services.store.path == db_path
        assert services.catalog.stats()["items"] > 0
        assert "#searchBox" in app.styleSheet() and "@ICONS@" not in app.styleSheet()
        assert not app.windowIcon().isNull()
        assert app.font().pointSize() >= 11
        assert app.font().family() in installed_cjk_fonts()
    finally:
        services.close()


def test_a_database_a_newer_version_wrote_is_refused_with_a_dialog(qapp, db_path):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    import main
    from tests.store_helpers import written_by_a_newer_version
    from window_assistant.services import open_services
    from window_assistant.store.database import SCHEMA_VERSION

    open_services(db_path).close()
    written_by_a_newer_version(db_path)
    shown = []

    def read_and_close() -> None:
        box = qapp.activeModalWidget()
        if isinstance(box, QMessageBox):
            shown.append((box.windowTitle(), box.text()))
            box.accept()
        else:
            QTimer.singleShot(20, read_and_close)

    QTimer.singleShot(0, read_and_close)
    app, services = main.start(main.parse_args(["--db", str(db_path), "--lang", "zh_CN"]))
    assert services is None
    [(title, text)] = shown
    assert title == "无法启动"
    assert f"结构版本 {SCHEMA_VERSION + 1}" in text and "升级" in text


def test_daily_backup_is_made_once_after_start(qapp, services):
    import main
    from window_assistant.paths import backup_dir

    main.daily_backup(services)
    main.daily_backup(services)
    backups = list(backup_dir(services.store.path).glob("*.db"))
    assert len(backups) == 1
    assert [e.action for e in services.audit.entries()].count("backup.daily") == 1
