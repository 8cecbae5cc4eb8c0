"""Every shortcut of the clerk's screen in one table: the main window binds the first column,
the help dialog shows the other two, so the list cannot drift from the bindings."""

from __future__ import annotations

from ui.i18n import QT_TRANSLATE_NOOP

# (key as Qt reads it, key as the clerk reads it, what it does). The main window binds the first
# column and the help dialog shows the other two, so the list cannot drift from the bindings.
SHORTCUTS: list[tuple[str, str, str]] = [
    ("Ctrl+F", "Ctrl+F", QT_TRANSLATE_NOOP("shortcuts", "定位到搜索框并全选")),
    ("Esc", "Esc", QT_TRANSLATE_NOOP("shortcuts", "回到搜索框;在搜索框中按则清空搜索")),
    (
        "",
        QT_TRANSLATE_NOOP("shortcuts", "↓(在搜索框中)"),
        QT_TRANSLATE_NOOP("shortcuts", "进入结果列表"),
    ),
    (
        "",
        QT_TRANSLATE_NOOP("shortcuts", "↑ / ↓(在结果列表中)"),
        QT_TRANSLATE_NOOP("shortcuts", "选择上一条 / 下一条,右侧办事指南随之切换"),
    ),
    ("", "Enter", QT_TRANSLATE_NOOP("shortcuts", "打开所选事项(记入本窗口常用,下次排在前面)")),
    ("Ctrl+D", "Ctrl+D", QT_TRANSLATE_NOOP("shortcuts", "选择部门筛选")),
    ("Ctrl+T", "Ctrl+T", QT_TRANSLATE_NOOP("shortcuts", "选择主题筛选")),
    ("Ctrl+1", "Ctrl+1", QT_TRANSLATE_NOOP("shortcuts", "选择第一个申请情形")),
    ("Ctrl+G", "Ctrl+G", QT_TRANSLATE_NOOP("shortcuts", "转到办事指南(可用方向键滚动)")),
    (
        "F2",
        "F2",
        QT_TRANSLATE_NOOP("shortcuts", "为所选事项或一件事登记办件(带入已选的申请情形)"),
    ),
    ("", "Ctrl+N", QT_TRANSLATE_NOOP("shortcuts", "同 F2:登记办件")),
    ("Ctrl+L", "Ctrl+L", QT_TRANSLATE_NOOP("shortcuts", "打开办件台账(详情、办理步骤、重新打印)")),
    (
        "",
        QT_TRANSLATE_NOOP("shortcuts", "Enter / Esc(办件台账中)"),
        QT_TRANSLATE_NOOP("shortcuts", "打开所选办件的详情(办理过程、文书、可记录的步骤)/ 关闭"),
    ),
    (
        "",
        QT_TRANSLATE_NOOP("shortcuts", "Ctrl+F(办件台账中)"),
        QT_TRANSLATE_NOOP("shortcuts", "查找申请人、完整证件号码或编号"),
    ),
    (
        "F4",
        "F4",
        QT_TRANSLATE_NOOP(
            "shortcuts", "邀请评价:在窗口评价器上显示刚登记的办件(办件窗口、办件台账中同样可用)"
        ),
    ),
    (
        "",
        QT_TRANSLATE_NOOP("shortcuts", "扫码枪扫描告知书上的评价二维码"),
        QT_TRANSLATE_NOOP("shortcuts", "在搜索框中:邀请评价该办件(不搜索)"),
    ),
    (
        "",
        QT_TRANSLATE_NOOP("shortcuts", "F11(评价器窗口中)"),
        QT_TRANSLATE_NOOP("shortcuts", "评价器全屏 / 退出全屏"),
    ),
    (
        "",
        QT_TRANSLATE_NOOP("shortcuts", "Ctrl+1 / Ctrl+2 / Ctrl+3 / Ctrl+4(办件窗口中)"),
        QT_TRANSLATE_NOOP("shortcuts", "转到 申请情形 / 已带材料 / 申请人 / 告知书与办件结果"),
    ),
    (
        "",
        QT_TRANSLATE_NOOP("shortcuts", "空格(材料列表中)"),
        QT_TRANSLATE_NOOP("shortcuts", "勾选或取消当前材料(已带)"),
    ),
    (
        "",
        QT_TRANSLATE_NOOP("shortcuts", "Ctrl+A / Ctrl+Shift+A(办件窗口中)"),
        QT_TRANSLATE_NOOP("shortcuts", "材料全部已带 / 全部未带"),
    ),
    (
        "",
        QT_TRANSLATE_NOOP("shortcuts", "Ctrl+Shift+P(办件窗口中)"),
        QT_TRANSLATE_NOOP("shortcuts", "预览告知书(不登记,编号显示为 ______)"),
    ),
    (
        "",
        QT_TRANSLATE_NOOP("shortcuts", "Ctrl+P(办件窗口中)"),
        QT_TRANSLATE_NOOP(
            "shortcuts", "登记并打开打印预览(再按 Ctrl+P 打印);设为直接打印时直接送默认打印机"
        ),
    ),
    (
        "",
        QT_TRANSLATE_NOOP("shortcuts", "Ctrl+S(办件窗口中)"),
        QT_TRANSLATE_NOOP("shortcuts", "登记并保存告知书(PDF 或 Word)"),
    ),
    (
        "",
        QT_TRANSLATE_NOOP("shortcuts", "Ctrl+P / Ctrl+S(办件台账及办件详情中)"),
        QT_TRANSLATE_NOOP("shortcuts", "重新打印 / 另存所选办件的告知书(与原件相同)"),
    ),
    (
        "Ctrl+Shift+L",
        "Ctrl+Shift+L",
        QT_TRANSLATE_NOOP("shortcuts", "锁定屏幕;解锁时可换人登录(不关闭窗口助手)"),
    ),
    ("Ctrl+Q", "Ctrl+Q", QT_TRANSLATE_NOOP("shortcuts", "退出")),
    ("F1", "F1", QT_TRANSLATE_NOOP("shortcuts", "显示本快捷键列表")),
]
