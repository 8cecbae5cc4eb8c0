"""Pinyin keys for search: full pinyin and initials, computed once when the catalog is stored.

pypinyin's phrase dictionary gets polyphones right in context (银行 → yinhang, 行政 → xingzheng,
重新 → chongxin); ``Style.FIRST_LETTER`` keeps initials of zero-initial syllables (安 → a), which
``Style.INITIALS`` drops. pypinyin is imported on first use: loading its dictionaries takes
longer than the window's whole start-up, and start-up never needs them.
"""

from __future__ import annotations


def _letters(syllables: list[str]) -> list[str]:
    return [s.lower() for s in syllables if s and s.isascii() and s.isalnum()]


def pinyin_keys(text: str) -> tuple[str, str]:
    """Return (full pinyin, initials) of ``text``, lower-case ASCII letters only."""
    from pypinyin import Style, lazy_pinyin

    # errors=list: characters without pinyin come back one entry each (pypinyin documents a
    # callable returning a list; its type stub says str).
    full = "".join(_letters(lazy_pinyin(text, errors=list)))  # type: ignore[arg-type]
    initials = "".join(
        _letters(lazy_pinyin(text, style=Style.FIRST_LETTER, errors=list))  # type: ignore[arg-type]
    )
    return full, initials
