"""The monthly report's charts as PNG images, drawn with Pillow (the core never imports Qt).

Word and the PDF renderer only place pictures, so the charts are drawn here once and both writers
embed the same bytes. Chinese labels need a CJK font: the usual ones of Linux (fonts-noto-cjk,
WenQuanYi), Windows (黑体, 微软雅黑) and macOS are tried in turn. Without any, the charts are
still drawn, with the English labels of the codes and the accounts' logins instead of names, and a
warning says so: a report without its charts would be worse than one with plain labels.
"""

from __future__ import annotations

import io
import os
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

# (file, face index in a collection): Noto's .ttc holds JP, KR, SC, TC… faces; index 2 is SC.
CJK_FONTS: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("C:/Windows/Fonts/simhei.ttf", 0),
    ("C:/Windows/Fonts/msyh.ttc", 0),
    ("C:/Windows/Fonts/simsun.ttc", 0),
    ("/System/Library/Fonts/PingFang.ttc", 0),
    ("/System/Library/Fonts/STHeiti Medium.ttc", 0),
)
FONT_ENV = "WINDOW_ASSISTANT_CHART_FONT"  # a font file to use instead (or "none": none at all)
NO_CJK_WARNING = (
    "没有找到中文字体(如 fonts-noto-cjk 或 黑体),月度报告的图表改用英文标注。"
    "安装中文字体后重新生成即可显示中文。"
)

WIDTH, HEIGHT = 1600, 760  # pixels; placed 156 mm wide (about 260 dpi)
INK, GRID, BAR, BAD_BAR, LINE = "#222222", "#c8c8c8", "#3c6e9f", "#b0413e", "#d98c1f"
LEVEL_COLOURS = ("#2e7d32", "#66a84a", "#a7b84a", "#d98c1f", "#b0413e")


@lru_cache(maxsize=1)
def cjk_font_file() -> tuple[str, int] | None:
    """The CJK font the charts use (file, index), or None when this machine has none."""
    chosen = os.environ.get(FONT_ENV)
    if chosen is not None:
        return None if chosen.lower() == "none" else (chosen, 0)
    windows = os.environ.get("WINDIR")
    candidates = list(CJK_FONTS)
    if windows:
        candidates += [(f"{windows}/Fonts/{name}", 0) for name in ("simhei.ttf", "msyh.ttc")]
    for path, index in candidates:
        if Path(path).is_file():
            try:
                ImageFont.truetype(path, 12, index=index)
            except OSError:
                continue
            return path, index
    return None


@lru_cache(maxsize=16)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    found = cjk_font_file()
    if found is None:
        try:
            return ImageFont.load_default(size)
        except TypeError:  # Pillow before 10.1: one bitmap size only
            return ImageFont.load_default()
    return ImageFont.truetype(found[0], size, index=found[1])


def has_cjk() -> bool:
    return cjk_font_file() is not None


def label(chinese: str, fallback: str) -> str:
    """``chinese`` when the charts can draw it, else ``fallback`` (ASCII)."""
    return chinese if has_cjk() else fallback


def warn_if_no_cjk() -> None:
    if not has_cjk():
        warnings.warn(NO_CJK_WARNING, stacklevel=3)


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    rate: float | None = None  # a 好评率 drawn as a line or written beside the bar
    colour: str = BAR


class _Chart:
    """A canvas with a title and a plot area, in the report's print colours."""

    def __init__(self, title: str, left: int = 140, right: int = 140, bottom: int = 110) -> None:
        self.image = Image.new("RGB", (WIDTH, HEIGHT), "white")
        self.draw = ImageDraw.Draw(self.image)
        self.draw.text((WIDTH // 2, 24), title, fill=INK, font=_font(44), anchor="mt")
        self.box = (left, 110, WIDTH - right, HEIGHT - bottom)

    def text(self, xy: tuple[float, float], text: str, size: int = 28, anchor="mm", fill=INK):
        self.draw.text(xy, text, fill=fill, font=_font(size), anchor=anchor)

    def fit(self, text: str, width: float, size: int) -> str:
        """``text`` shortened with … to ``width`` pixels."""
        font = _font(size)
        if self.draw.textlength(text, font=font) <= width:
            return text
        while text and self.draw.textlength(text + "…", font=font) > width:
            text = text[:-1]
        return text + "…"

    def png(self) -> bytes:
        out = io.BytesIO()
        self.image.save(out, "PNG")
        return out.getvalue()


def _nice_top(value: int) -> int:
    """A round axis maximum at or above ``value`` that four grid steps divide into whole
    numbers (4, 8, 20, 40, 80, 200 …): a count axis never reads 0.5."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if value <= 4 * step * factor:
                return 4 * step * factor
        step *= 10


def columns(title: str, bars: Sequence[Bar], *, rate_axis: str = "") -> bytes:
    """Vertical bars with their counts; with ``rate_axis`` named, each bar's rate (0–1) as a
    line on a right-hand axis (the daily trend of ratings and 好评率)."""
    chart = _Chart(title)
    left, top, right, bottom = chart.box
    draw = chart.draw
    peak = _nice_top(max((b.value for b in bars), default=0))
    for i in range(5):
        y = bottom - (bottom - top) * i / 4
        draw.line((left, y, right, y), fill=GRID, width=2)
        chart.text((left - 14, y), str(peak * i // 4), anchor="rm")
        if rate_axis:
            chart.text((right + 14, y), f"{25 * i}%", anchor="lm", fill=LINE)
    if rate_axis:
        chart.text((right + 14, top - 40), rate_axis, size=26, anchor="lm", fill=LINE)
    draw.line((left, bottom, right, bottom), fill=INK, width=3)
    slot = (right - left) / max(len(bars), 1)
    every = max(1, round(len(bars) / 16))  # at most about 16 labels under the axis
    points = []
    for i, bar in enumerate(bars):
        x0, x1 = left + slot * i + slot * 0.18, left + slot * (i + 1) - slot * 0.18
        height = (bottom - top) * bar.value / peak
        if bar.value:
            draw.rectangle((x0, bottom - height, x1, bottom), fill=bar.colour)
            if slot >= 48:
                chart.text(((x0 + x1) / 2, bottom - height - 18), str(bar.value), size=26)
        if i % every == 0:
            name = chart.fit(bar.label, slot * every - 8, 26)
            chart.text(((x0 + x1) / 2, bottom + 34), name, size=26)
        if rate_axis and bar.rate is not None:
            points.append(((x0 + x1) / 2, bottom - (bottom - top) * bar.rate))
    if len(points) > 1:
        draw.line(points, fill=LINE, width=5, joint="curve")
    for x, y in points:
        draw.ellipse((x - 8, y - 8, x + 8, y + 8), fill=LINE)
    if not bars:
        chart.text(((left + right) / 2, (top + bottom) / 2), label("无数据", "no data"), size=36)
    return chart.png()


def rows(title: str, bars: Sequence[Bar]) -> bytes:
    """Horizontal bars, one per named row (clerks, tags), with the count and any rate written
    after the bar; long lists keep their first rows (the caller sorts them)."""
    shown = list(bars[:12])
    chart = _Chart(title, left=300, right=260, bottom=40)
    left, top, right, bottom = chart.box
    draw = chart.draw
    peak = _nice_top(max((b.value for b in shown), default=0))
    draw.line((left, top, left, bottom), fill=INK, width=3)
    slot = (bottom - top) / max(len(shown), 1)
    for i, bar in enumerate(shown):
        y0, y1 = top + slot * i + slot * 0.18, top + slot * (i + 1) - slot * 0.18
        width = (right - left) * bar.value / peak
        if bar.value:
            draw.rectangle((left, y0, left + width, y1), fill=bar.colour)
        middle = (y0 + y1) / 2
        chart.text((left - 16, middle), chart.fit(bar.label, left - 40, 28), anchor="rm")
        note = str(bar.value)
        if bar.rate is not None:
            note += label(f"(好评率 {bar.rate * 100:.1f}%)", f" ({bar.rate * 100:.1f}% good)")
        chart.text((left + width + 14, middle), note, size=26, anchor="lm")
    if not shown:
        chart.text(((left + right) / 2, (top + bottom) / 2), label("无数据", "no data"), size=36)
    return chart.png()
