"""The writer of a paper, chosen by the output file's extension: one dispatch for every front end.

``.docx`` is written here, by the core. Any other format is a plug-in found through the entry-point
group ``window_assistant.sheet_writers`` (setup.cfg: ``pdf = ui.render.pdf:write_pdf``), so the
core never names the Qt renderer, and a machine without PySide6 still writes .docx. Front ends
call ``writer_for`` before registering a case: an unknown extension or a writer that cannot load
is refused while nothing is written yet.
"""

from __future__ import annotations

from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from typing import Protocol

from window_assistant.errors import UserError
from window_assistant.sheets.model import Sheet

ENTRY_POINT_GROUP = "window_assistant.sheet_writers"
DOCX = ".docx"


class SheetWriter(Protocol):
    """Every writer's signature: the sheet, the file (overwritten), the configured faces."""

    def __call__(self, sheet: Sheet, path: Path, *, title_font: str, body_font: str) -> None: ...


def _plugins() -> dict[str, EntryPoint]:
    return {f".{ep.name.lower()}": ep for ep in entry_points(group=ENTRY_POINT_GROUP)}


def suffixes() -> tuple[str, ...]:
    """The extensions a sheet can be written as, .docx first (whether a plug-in loads is only
    known when it is asked for)."""
    return (DOCX, *sorted(set(_plugins()) - {DOCX}))


def writer_for(path: Path) -> SheetWriter:
    """The writer for ``path``'s extension, loaded now; UserError (in Chinese, suggesting .docx)
    for an extension nobody writes or a writer that cannot load."""
    suffix = Path(path).suffix.lower()
    if suffix == DOCX:
        from window_assistant.sheets.docx import write_docx  # python-docx: only when writing

        return write_docx
    plugin = _plugins().get(suffix)
    if plugin is None:
        raise UserError(
            f"文件 {Path(path).name} 的扩展名应为 {' 或 '.join(suffixes())}。"
            f"例如 {Path(path).with_suffix(DOCX).name}。"
        )
    try:
        writer: SheetWriter = plugin.load()
    except ImportError as exc:  # e.g. PySide6 not installed on this machine
        raise UserError(
            f"无法生成 {suffix[1:].upper()} 文件(未能加载它的输出组件:{exc})。"
            f"请改为输出 .docx 文件,例如 {Path(path).with_suffix(DOCX).name}。"
        ) from None
    return writer


def write_sheet(
    writer: SheetWriter, sheet: Sheet, path: Path, *, title_font: str, body_font: str
) -> None:
    """``writer(sheet, path, …)``, a file-system failure told as a UserError."""
    try:
        writer(sheet, path, title_font=title_font, body_font=body_font)
    except OSError as exc:
        raise UserError(
            f"无法写入 {path}:{exc.strerror or exc}。请检查文件是否被其他程序打开,或换一个位置。"
        ) from None
