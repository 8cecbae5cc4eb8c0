"""The right-hand side of the clerk's screen: situation choices above the 办事指南.

Picking an option re-renders the guide with only the materials that apply (the choice itself is
``Item.materials_for``); links on a 一件事 page open its items.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui.app import resource_text
from ui.search.guide import ITEM_LINK, bundle_guide_html, escape, item_guide_html
from window_assistant.catalog.model import Bundle, CrossRegionEntry, Item

BUNDLE_LINK = "bundle:"


class GuidePanel(QWidget):
    itemLinkActivated = Signal(str)  # noqa: N815 - Qt naming
    bundleLinkActivated = Signal(str)  # noqa: N815
    answersChanged = Signal(dict)  # noqa: N815

    def __init__(self, font_family: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item: Item | None = None
        self.bundle: Bundle | None = None
        self._crossregion: CrossRegionEntry | None = None
        self._back: Bundle | None = None
        self.combos: dict[str, QComboBox] = {}

        self.situations_box = QGroupBox(self.tr("申请情形(选择后只列出适用的材料)"), self)
        self.situations_box.setObjectName("situations")
        self.situations_form = QFormLayout(self.situations_box)
        self.situations_form.setContentsMargins(8, 10, 8, 6)
        self.situations_form.setHorizontalSpacing(12)
        self.situations_form.setVerticalSpacing(6)
        self.situations_form.setFieldGrowthPolicy(
            QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint
        )
        self.situations_box.hide()

        self.browser = QTextBrowser(self)
        self.browser.setObjectName("guide")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._on_link)
        font = QFont(font_family) if font_family else QFont(self.browser.font())
        font.setPointSize(12)
        self.browser.document().setDefaultFont(font)
        self.browser.document().setDefaultStyleSheet(resource_text("guide.css"))
        self.browser.document().setDocumentMargin(8)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        # The guide keeps the height: many situations scroll in at most a quarter of the panel.
        self.situations_scroll = QScrollArea(self)
        self.situations_scroll.setWidgetResizable(True)
        self.situations_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.situations_scroll.setWidget(self.situations_box)
        self.situations_scroll.hide()
        layout.addWidget(self.situations_scroll)
        layout.addWidget(self.browser, 1)
        self.clear()

    # -- content ---------------------------------------------------------------------------
    def clear(self) -> None:
        self.item = self.bundle = self._back = None
        self._bundle_items: list[Item] = []
        self._set_situations([])
        self.browser.setHtml(
            "<p class='placeholder'>"
            + escape(self.tr("在左侧搜索并选择事项,这里显示完整的办事指南。"))
            + "</p>"
        )

    def show_item(
        self,
        item: Item,
        crossregion: CrossRegionEntry | None = None,
        back: Bundle | None = None,
    ) -> None:
        """Show ``item``'s guide; ``back`` is the 一件事 it was opened from, for a return link.

        The guide already on screen is left as it is (typing on while the top hit stays the
        same costs no re-layout, and keeps the clerk's scroll position and selection)."""
        if (self.item, self._crossregion, self._back) == (item, crossregion, back):
            return
        same_code = self.item is not None and self.item.code == item.code
        # The answers stay when the same item is shown again, unless an import changed its
        # situations (then the old options may no longer exist).
        keep_answers = (
            self.item is not None and same_code and self.item.situations == item.situations
        )
        self.item, self.bundle, self._crossregion, self._back = item, None, crossregion, back
        self._bundle_items = []
        if not keep_answers:
            self._set_situations(item.situations)
        self._render(keep_scroll=same_code)

    def show_bundle(self, bundle: Bundle, items: list[Item]) -> None:
        if self.item is None and (self.bundle, self._bundle_items) == (bundle, items):
            return  # already on screen, as in show_item
        self.item, self.bundle, self._crossregion, self._back = None, bundle, None, None
        self._bundle_items = items
        self._set_situations([])
        self.browser.setHtml(bundle_guide_html(bundle, items))

    def answers(self) -> dict[str, str]:
        out = {}
        for key, combo in self.combos.items():
            value = combo.currentData()
            if value:
                out[key] = value
        return out

    def set_answer(self, key: str, option: str) -> None:
        combo = self.combos[key]
        index = combo.findData(option)
        if index < 0:
            raise ValueError(f"{key}: no option {option!r}")
        combo.setCurrentIndex(index)

    def focus_situations(self) -> bool:
        if not self.combos:
            return False
        next(iter(self.combos.values())).setFocus()
        return True

    def plain_text(self) -> str:
        return self.browser.toPlainText()

    # -- internals -------------------------------------------------------------------------
    def _set_situations(self, situations: list) -> None:
        while self.situations_form.rowCount():
            self.situations_form.removeRow(0)
        self.combos = {}
        for situation in situations:
            combo = QComboBox(self.situations_box)
            combo.setMinimumWidth(260)
            combo.addItem(self.tr("未选择(列出全部材料)"), "")
            for option in situation.options:
                combo.addItem(option, option)
            combo.currentIndexChanged.connect(self._on_answer)
            label = QLabel(situation.question, self.situations_box)
            label.setBuddy(combo)
            self.situations_form.addRow(label, combo)
            self.combos[situation.key] = combo
        self.situations_box.setVisible(bool(situations))
        self.situations_scroll.setVisible(bool(situations))
        self._fit_situations()

    def _fit_situations(self) -> None:
        wanted = self.situations_box.sizeHint().height()
        self.situations_scroll.setMaximumHeight(min(wanted, max(self.height() // 4, 90)))
        self.situations_scroll.setMinimumHeight(min(wanted, max(self.height() // 4, 90)))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_situations()

    def _on_answer(self) -> None:
        if self.item is not None:
            self._render(keep_scroll=True)
        self.answersChanged.emit(self.answers())

    def _render(self, keep_scroll: bool) -> None:
        assert self.item is not None
        bar = self.browser.verticalScrollBar()
        position = bar.value()
        html = ""
        if self._back is not None:
            html = (
                f"<p><a href='{BUNDLE_LINK}{escape(self._back.code)}'>"
                + escape(self.tr("← 返回「{name}」").format(name=self._back.name))
                + "</a></p>"
            )
        html += item_guide_html(self.item, self.answers(), self._crossregion)
        self.browser.setHtml(html)
        if keep_scroll:
            bar.setValue(position)

    def _on_link(self, url: QUrl) -> None:
        target = url.toString()
        if target.startswith(ITEM_LINK):
            self.itemLinkActivated.emit(target[len(ITEM_LINK) :])
        elif target.startswith(BUNDLE_LINK):
            self.bundleLinkActivated.emit(target[len(BUNDLE_LINK) :])
