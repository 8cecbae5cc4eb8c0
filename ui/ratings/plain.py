"""A citizen's words shown where Qt would read rich text. A table cell never interprets its
text, but a tool tip (and a label in auto format) renders ``<b>…</b><img …>`` as markup, so
such text is escaped into a rich-text document of its literal characters."""

from __future__ import annotations

import html


def plain_tip(text: str) -> str:
    """``text`` as a tool tip shows it literally (``<qt>`` marks it rich text, so the escapes
    are read as the characters they stand for); line breaks kept."""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"
