"""The 办事指南 shown beside the search results, as HTML for a QTextBrowser.

Plain functions of the catalog dataclasses: presentation only (which materials apply is
decided by ``Item.materials_for``), and every catalog string is escaped, since an imported
catalog is data, not markup. Headings are styled paragraphs: QTextDocument enlarges <h1>–<h6>
beyond any CSS font-size. The classes are styled in ``resources/guide.css``. Labels go through
``QCoreApplication.translate`` like any UI text.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ui.i18n import QT_TRANSLATE_NOOP, code_label
from window_assistant.catalog.model import Bundle, CrossRegionEntry, Item, Material
from window_assistant.vocab import CaseType, LimitUnit, Necessity, Scope

ITEM_LINK = "item:"  # href prefix of links that open an item (bundle pages link to their items)

# The materials tables (an item's, a bundle's merged list); colours from resources/guide.css.
MATERIALS_TABLE = "<table class='mat' width='100%' border='1' cellspacing='0' cellpadding='5'>"


translate = QCoreApplication.translate  # called as translate("guide", "…") so lupdate finds it


_HTML_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}
)


def escape(text: str) -> str:
    """``html.escape(text, quote=True)``; the ``html`` module's entity table costs ~2 ms of
    start-up, and this is all the guide needs of it."""
    return text.translate(_HTML_ESCAPES)


def _e(value: object) -> str:
    return escape(str(value))


def _section(title: str, body: str) -> str:
    return f"<p class='h2'>{_e(title)}</p>{body}"


def _para(text: str) -> str:
    """A paragraph keeping the catalog's own line breaks; an em dash when empty."""
    if not text.strip():
        return "<p class='muted'>—</p>"
    return "<p>" + "<br/>".join(_e(line) for line in text.strip().splitlines()) + "</p>"


def _tag(text: str, css: str) -> str:
    return f"<span class='{css}'>&nbsp;{_e(text)}&nbsp;</span>"


def item_tags(item: Item, crossregion: CrossRegionEntry | None = None) -> str:
    tags = []
    if item.high_frequency:
        tags.append(_tag(translate("guide", "高频"), "tag-hf"))
    if item.comprehensive:
        tags.append(_tag(translate("guide", "综合窗口"), "tag-cw"))
    if crossregion is not None or item.scope != Scope.NONE:
        tags.append(_tag(translate("guide", "跨域通办"), "tag-cr"))
    return "&nbsp;".join(tags)


def time_limit_text(amount: int, unit: LimitUnit, case_type: CaseType) -> str:
    if amount > 0:
        return translate("guide", "{n} 个{unit}").format(n=amount, unit=code_label(unit))
    if case_type == CaseType.INSTANT:
        return translate("guide", "当场办结")
    return translate("guide", "未规定")


def material_state(material: Material) -> str:
    """The necessity as the clerk should read it, 电子证照 sharing first."""
    if material.shareable:
        return translate("guide", "免提交(可通过电子证照共享获取)")
    return code_label(material.necessity)


def _header_row(heads: list[tuple[str, int]]) -> str:
    """A table's header row; a width (percent) only where a column needs room, so the short
    columns keep their natural width instead of wrapping."""
    cells = "".join(
        f"<th width='{w}%'>{_e(translate('guide', h))}</th>"
        if w
        else f"<th>{_e(translate('guide', h))}</th>"
        for h, w in heads
    )
    return f"<tr>{cells}</tr>"


def materials_table(materials: list[Material]) -> str:
    if not materials:
        return "<p class='muted'>" + _e(translate("guide", "无需提交材料。")) + "</p>"
    heads = [
        (QT_TRANSLATE_NOOP("guide", "序号"), 0),
        (QT_TRANSLATE_NOOP("guide", "材料名称"), 36),
        (QT_TRANSLATE_NOOP("guide", "类型 / 来源"), 0),
        (QT_TRANSLATE_NOOP("guide", "必要性"), 0),
        (QT_TRANSLATE_NOOP("guide", "形式"), 0),
        (QT_TRANSLATE_NOOP("guide", "份数"), 0),
    ]
    rows = [_header_row(heads)]
    for n, m in enumerate(materials, 1):
        details = []
        if m.spec:
            details.append(translate("guide", "规格:") + m.spec)
        if m.notes:
            details.append(translate("guide", "填报须知:") + m.notes)
        name = f"<b>{_e(m.name)}</b>"
        if details:
            name += "<br/><span class='note'>" + "<br/>".join(_e(d) for d in details) + "</span>"
        state = _e(material_state(m))
        row_class = ""
        if m.shareable:
            state = f"<span class='share'>{state}</span>"
            row_class = " class='row-share'"
        elif m.necessity == Necessity.RONGQUE:
            state = f"<span class='rongque'>{state}</span>"
            row_class = " class='row-rongque'"
        origin = (
            f"{_e(code_label(m.kind))}<br/><span class='note'>{_e(code_label(m.source))}</span>"
        )
        counts = _e(translate("guide", "原件 {o}")).format(o=m.originals) + "<br/>"
        counts += _e(translate("guide", "复印件 {c}")).format(c=m.copies)
        cells = [str(n), name, origin, state, _e(code_label(m.form)), counts]
        rows.append(f"<tr{row_class}>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return MATERIALS_TABLE + "".join(rows) + "</table>"


def situations_html(item: Item, answers: dict[str, str]) -> str:
    parts = []
    for s in item.situations:
        chosen = answers.get(s.key)
        options = [
            f"<span class='chosen'>☑ {_e(o)}</span>" if o == chosen else f"☐ {_e(o)}"
            for o in s.options
        ]
        parts.append(f"<p><b>{_e(s.question)}</b>&nbsp;&nbsp;" + "&nbsp;&nbsp;".join(options))
    return "".join(parts)


def _definition_list(pairs: list[tuple[str, str]]) -> str:
    rows = "".join(
        f"<tr><td class='muted' width='110'>{_e(k)}</td><td>{v}</td></tr>" for k, v in pairs
    )
    return f"<table cellspacing='0' cellpadding='2'>{rows}</table>"


def item_guide_html(
    item: Item,
    answers: dict[str, str] | None = None,
    crossregion: CrossRegionEntry | None = None,
) -> str:
    """The full guide of ``item``, materials filtered by the situation ``answers``."""
    answers = answers or {}
    materials = item.materials_for(answers)
    dash = "—"
    out = [f"<p class='h1'>{_e(item.name)}</p>"]
    meta = [translate("guide", "事项编码:") + item.code]
    if item.handling_code:
        meta.append(translate("guide", "业务办理项编码:") + item.handling_code)
    out.append("<p class='meta'>" + _e("  ·  ".join(meta)) + "</p>")
    facts = "  ·  ".join(
        [
            translate("guide", "事项类型:") + code_label(item.kind),
            translate("guide", "实施主体:") + (item.department or dash),
            translate("guide", "办件类型:") + code_label(item.case_type),
        ]
    )
    tags = item_tags(item, crossregion)
    out.append(f"<p>{_e(facts)}&nbsp;&nbsp;{tags}</p>")
    if item.situations:
        out.append(_section(translate("guide", "申请情形"), situations_html(item, answers)))
    title = translate("guide", "申请材料")
    if len(materials) != len(item.materials):
        title += translate("guide", "(按所选情形:{n} / {total} 项)").format(
            n=len(materials), total=len(item.materials)
        )
    else:
        title += translate("guide", "(共 {n} 项)").format(n=len(materials))
    out.append(_section(title, materials_table(materials)))
    out.append(_section(translate("guide", "受理条件"), _para(item.conditions)))
    steps = "".join(f"<li>{_e(s)}</li>" for s in item.steps)
    out.append(
        _section(translate("guide", "办理流程"), f"<ol>{steps}</ol>" if steps else _para(""))
    )
    out.append(
        _section(
            translate("guide", "办理时限"),
            _definition_list(
                [
                    (
                        translate("guide", "法定办结时限"),
                        _e(
                            time_limit_text(item.legal_limit, item.legal_limit_unit, item.case_type)
                        ),
                    ),
                    (
                        translate("guide", "承诺办结时限"),
                        _e(
                            time_limit_text(
                                item.promised_limit, item.promised_limit_unit, item.case_type
                            )
                        ),
                    ),
                    (translate("guide", "办件类型"), _e(code_label(item.case_type))),
                ]
            ),
        )
    )
    if item.fee:
        fee = [
            (translate("guide", "收费标准"), _e(item.fee_standard or dash)),
            (translate("guide", "收费依据"), _e(item.fee_basis or dash)),
        ]
    else:
        fee = [(translate("guide", "是否收费"), _e(translate("guide", "不收费")))]
    out.append(_section(translate("guide", "收费"), _definition_list(fee)))
    out.append(
        _section(
            translate("guide", "办理地点与时间"),
            _definition_list(
                [
                    (translate("guide", "办理地点"), _e(item.place or dash)),
                    (translate("guide", "办理时间"), _e(item.hours or dash)),
                ]
            ),
        )
    )
    out.append(
        _section(
            translate("guide", "咨询与监督"),
            _definition_list(
                [
                    (translate("guide", "咨询电话"), _e(item.phone or dash)),
                    (translate("guide", "监督投诉电话"), _e(item.complaint_phone or dash)),
                ]
            ),
        )
    )
    online = (
        translate("guide", "支持网上办理") if item.online else translate("guide", "不支持网上办理")
    )
    if item.online and item.online_url:
        online += translate("guide", ",网办地址:") + item.online_url
    out.append(
        _section(
            translate("guide", "办理方式"),
            _definition_list(
                [
                    (
                        translate("guide", "到现场次数"),
                        _e(translate("guide", "{n} 次").format(n=item.visits)),
                    ),
                    (translate("guide", "网上办理"), _e(online)),
                ]
            ),
        )
    )
    out.append(_section(translate("guide", "设定依据"), _para(item.basis)))
    out.append(_section(translate("guide", "通办范围"), _scope_html(item, crossregion)))
    return "".join(out)


def _scope_html(item: Item, entry: CrossRegionEntry | None) -> str:
    scope = entry.scope if entry else item.scope
    pairs = [(translate("guide", "通办范围"), _e(code_label(scope)))]
    if entry is not None:
        pairs.append((translate("guide", "通办模式"), _e(code_label(entry.mode))))
        if entry.partners:
            pairs.append((translate("guide", "合作地区"), _e("、".join(entry.partners))))
        if entry.note:
            pairs.append((translate("guide", "说明"), _e(entry.note)))
    return _definition_list(pairs)


def bundle_guide_html(bundle: Bundle, items: list[Item]) -> str:
    """A 一件事 page: description, its items (links that open them), and one material list.

    The list is the plain union of the items' materials by name, showing which items need
    each; counts and necessities stay on each item's own guide.
    """
    out = [f"<p class='h1'>{_e(bundle.name)}</p>"]
    meta = [translate("guide", "一件事编码:") + bundle.code]
    if bundle.department:
        meta.append(translate("guide", "牵头部门:") + bundle.department)
    out.append("<p class='meta'>" + _e("  ·  ".join(meta)) + "</p>")
    out.append("<p>" + _tag(translate("guide", "高效办成一件事"), "tag-bd") + "</p>")
    out.append(_section(translate("guide", "说明"), _para(bundle.description)))
    links = "".join(
        f"<li><a href='{ITEM_LINK}{_e(i.code)}'>{_e(i.name)}</a>"
        f" <span class='muted'>{_e(i.department)} · {_e(i.code)}</span></li>"
        for i in items
    )
    found = {i.code for i in items}
    missing = [c for c in bundle.items if c not in found]
    if missing:
        links += "".join(
            f"<li class='muted'>{_e(c)} {_e(translate('guide', '(目录中没有此事项)'))}</li>"
            for c in missing
        )
    out.append(
        _section(
            translate("guide", "包含事项(共 {n} 项,点击查看办事指南)").format(n=len(bundle.items)),
            f"<ol>{links}</ol>",
        )
    )
    union: dict[str, list[str]] = {}
    for item in items:
        for m in item.materials:
            names = union.setdefault(m.name, [])
            if item.name not in names:
                names.append(item.name)
    rows = [
        _header_row(
            [
                (QT_TRANSLATE_NOOP("guide", "序号"), 0),
                (QT_TRANSLATE_NOOP("guide", "材料名称"), 40),
                (QT_TRANSLATE_NOOP("guide", "涉及事项"), 0),
            ]
        )
    ]
    for n, (name, users) in enumerate(union.items(), 1):
        rows.append(
            f"<tr><td>{n}</td><td><b>{_e(name)}</b></td><td>{_e('、'.join(users))}</td></tr>"
        )
    table = MATERIALS_TABLE + "".join(rows) + "</table>"
    out.append(
        _section(translate("guide", "材料清单(按名称合并,共 {n} 种)").format(n=len(union)), table)
    )
    return "".join(out)
