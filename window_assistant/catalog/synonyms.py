"""What citizens say, in the catalog's words: request words, synonyms, and homophone typos.

The lexicon ships as ``catalog/synonyms.json`` (documented in ``catalog/SYNONYMS.md``); a
supervisor adds entries in 设置 (the setting ``search.synonyms``, changed through the settings
use case: permission, checks and audit). ``understand`` turns one query term into what the
search looks for:

- request words (办, 办理, 申请, 我要 …) at either end are set aside, unless nothing is left;
- words that carry a meaning (补办, 丢了 …) are set aside too but kept as *hints*: items whose
  name contains one of the hint's words (补领, 遗失 …) rank first;
- a term found nowhere in the catalog's names and keywords is cut at the lexicon's words
  (个体户注销 → 个体户 + 注销), and a piece (or the whole term) found nowhere is read by its
  full pinyin (营业只照 → 营业执照, 身分证 → 身份证);
- each remaining word brings its synonyms (身份证 → 居民身份证), found like the word itself,
  and its *preferred* meanings (营业执照 → 设立登记), whose name matches rank above the word's
  own name matches.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from window_assistant.errors import UserError
from window_assistant.paths import catalog_file

__all__ = [
    "SYNONYMS_FILE",
    "Group",
    "Lexicon",
    "Understood",
    "bundled_lexicon",
    "parse_synonym_lines",
    "understand",
]

SYNONYMS_FILE = "synonyms.json"
FORMAT = "window-assistant-synonyms"
MAX_WORD = 12  # characters of a citizen's word
MAX_MEANING = 20  # characters of one meaning (a phrase of an item's name)
MAX_MEANINGS = 8
MAX_ENTRIES = 300
_SEPARATORS = re.compile("[\u3001,\uff0c;\uff1b]")  # 、 and commas, semicolons (either width)
_ARROWS = re.compile("=|\uff1d|->|→")

# The kinds of alternative a group holds, best first.
LITERAL, SYNONYM, PREFERRED, PINYIN = "literal", "synonym", "preferred", "pinyin"


@dataclass(frozen=True)
class Lexicon:
    request_words: tuple[str, ...] = ()
    hints: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    split_words: frozenset[str] = frozenset()
    synonyms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    prefer: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    version: int = 0

    def with_synonyms(self, extra: Iterable[tuple[str, Iterable[str]]]) -> Lexicon:
        """This lexicon with a supervisor's entries added (their meanings after the file's)."""
        merged = {word: list(means) for word, means in self.synonyms.items()}
        for word, means in extra:
            have = merged.setdefault(word, [])
            have += [m for m in means if m not in have]
        return Lexicon(
            request_words=self.request_words,
            hints=self.hints,
            split_words=self.split_words,
            synonyms={w: tuple(m) for w, m in merged.items()},
            prefer=self.prefer,
            version=self.version,
        )

    def words(self) -> list[str]:
        """The lexicon's words of two characters or more, longest first (for cutting a term
        into pieces: a single character such as 补 would cut 补贴 in two)."""
        known = {*self.request_words, *self.hints, *self.split_words, *self.synonyms}
        known |= set(self.prefer)
        return sorted((w for w in known if len(w) > 1), key=lambda w: (-len(w), w))


def _strings(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise UserError(f"检索同义词文件中「{where}」须为非空文字的列表。")
    return tuple(value)


def _mapping(value: object, where: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise UserError(f"检索同义词文件中「{where}」须为「说法: [用语…]」的对照表。")
    return {str(k): _strings(v, f"{where}.{k}") for k, v in value.items()}


def lexicon_from_json(text: str) -> Lexicon:
    """The lexicon in ``text`` (the format of ``catalog/synonyms.json``), checked."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(f"检索同义词文件不是有效的 JSON(第 {exc.lineno} 行)。") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise UserError(f'检索同义词文件须以 "format": "{FORMAT}" 标明格式。')
    version = data.get("version")
    if not isinstance(version, int) or version != 1:
        raise UserError(f"检索同义词文件的版本 {version} 不是本程序能读取的版本 1。")
    request = _strings(data.get("request_words", []), "request_words")
    return Lexicon(
        request_words=tuple(sorted(request, key=lambda w: (-len(w), w))),
        hints=_mapping(data.get("hints", {}), "hints"),
        split_words=frozenset(_strings(data.get("split_words", []), "split_words")),
        synonyms=_mapping(data.get("synonyms", {}), "synonyms"),
        prefer=_mapping(data.get("prefer", {}), "prefer"),
        version=version,
    )


_BUNDLED: Lexicon | None = None


def bundled_lexicon() -> Lexicon:
    """The lexicon shipped in ``catalog/`` (read once per process)."""
    global _BUNDLED
    if _BUNDLED is None:
        import catalog  # the data package: a folder beside the code, or inside a wheel

        path = Path(catalog.__file__).with_name(SYNONYMS_FILE)  # importlib.resources: +7 ms
        text = (path if path.is_file() else catalog_file(SYNONYMS_FILE)).read_text(encoding="utf-8")
        _BUNDLED = lexicon_from_json(text)
    return _BUNDLED


# -- a supervisor's entries -------------------------------------------------------------------
def _word_problem(word: str, what: str, limit: int) -> str | None:
    from window_assistant.text import clean_text

    try:
        clean_text(word, what, max_length=limit)
    except UserError as exc:
        return exc.message
    if word.isascii():
        return f"{what}须含汉字(拼音和编码本来就能检索)。"
    if any(c.isspace() for c in word):
        return f"{what}不能含空格(空格在检索中表示「并且」)。"
    return None


def parse_synonym_lines(raw: object) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A supervisor's synonyms: one a line, 「说法=用语、用语」 (or a list of [word, [meanings]]).

    UserError (in Chinese, naming the line) for a line without 「=」, an empty side, a word or
    meaning too long, without any 汉字, with a space, a meaning equal to its word, or a word
    given twice; at most ``MAX_ENTRIES`` lines."""
    from window_assistant.text import lookalike_key

    entries: list[tuple[str, list[str]]] = []
    if isinstance(raw, str):
        for n, line in enumerate(raw.splitlines(), 1):
            line = line.strip()
            if not line:
                continue
            parts = _ARROWS.split(line, maxsplit=1)
            if len(parts) != 2:
                raise UserError(
                    f"检索同义词第 {n} 行「{line[:30]}」缺少「=」,应写作:身份证=居民身份证"
                )
            word, means = parts[0].strip(), [m.strip() for m in _SEPARATORS.split(parts[1])]
            entries.append((word, [m for m in means if m]))
    elif isinstance(raw, (list, tuple)):
        for entry in raw:
            if (
                not isinstance(entry, (list, tuple))
                or len(entry) != 2
                or not isinstance(entry[0], str)
                or not isinstance(entry[1], (list, tuple))
                or not all(isinstance(m, str) for m in entry[1])
            ):
                raise ValueError(raw)
            entries.append((entry[0].strip(), [m.strip() for m in entry[1] if m.strip()]))
    else:
        raise ValueError(raw)
    if len(entries) > MAX_ENTRIES:
        raise UserError(f"检索同义词最多 {MAX_ENTRIES} 行,现有 {len(entries)} 行。")
    seen: dict[str, str] = {}
    out: list[tuple[str, tuple[str, ...]]] = []
    for n, (word, means) in enumerate(entries, 1):
        where = f"检索同义词第 {n} 行"
        if not word or not means:
            raise UserError(f"{where}:「=」两边都要填写,例如:身份证=居民身份证")
        problem = _word_problem(word, f"{where}的说法「{word[: MAX_WORD + 4]}」", MAX_WORD)
        if problem:
            raise UserError(problem)
        if len(means) > MAX_MEANINGS:
            raise UserError(f"{where}:一个说法最多对应 {MAX_MEANINGS} 个用语。")
        for meaning in means:
            problem = _word_problem(
                meaning, f"{where}的用语「{meaning[: MAX_MEANING + 4]}」", MAX_MEANING
            )
            if problem:
                raise UserError(problem)
            if lookalike_key(meaning) == lookalike_key(word):
                raise UserError(f"{where}:用语「{meaning}」与说法相同,请删去。")
        key = lookalike_key(word)
        if key in seen:
            raise UserError(f"{where}:说法「{word}」已在第 {seen[key]} 行写过,请合并为一行。")
        seen[key] = str(n)
        out.append((word, tuple(dict.fromkeys(means))))
    return tuple(out)


def synonym_lines(entries: Iterable[tuple[str, Iterable[str]]]) -> str:
    """The entries as a supervisor types them, one a line."""
    return "\n".join(f"{word}={'、'.join(means)}" for word, means in entries)


# -- understanding a query --------------------------------------------------------------------
@dataclass(frozen=True)
class Group:
    """One thing the citizen asked for: any of its alternatives (text, kind) may match."""

    alternatives: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Understood:
    groups: tuple[Group, ...]
    hints: tuple[str, ...] = ()  # names containing one of these rank first
    literal: bool = False  # the terms as typed, nothing added: the plain search answers


def _strip(term: str, lexicon: Lexicon, hints: list[str]) -> str:
    """``term`` without request words (and hint words, remembered) at either end."""
    strip_words = sorted({*lexicon.hints, *lexicon.request_words}, key=lambda w: (-len(w), w))
    changed = True
    while changed and term:
        changed = False
        for word in strip_words:
            if len(word) >= len(term):
                continue
            if term.startswith(word):
                term, changed = term[len(word) :], True
            elif term.endswith(word):
                term, changed = term[: -len(word)], True
            else:
                continue
            hints += lexicon.hints.get(word, ())
            break
    return term


def _cut(term: str, words: list[str]) -> list[str]:
    """``term`` cut at the lexicon's words, longest first; unknown stretches kept whole."""
    pieces: list[str] = []
    chunk = ""
    i = 0
    while i < len(term):
        word = next((w for w in words if term.startswith(w, i)), None)
        if word is None:
            chunk += term[i]
            i += 1
            continue
        if chunk:
            pieces.append(chunk)
            chunk = ""
        pieces.append(word)
        i += len(word)
    if chunk:
        pieces.append(chunk)
    return pieces


def _present_parts(chunk: str, present: Callable[[str], bool]) -> list[str]:
    """``chunk`` cut around its longest stretch found in the catalog (漏水维修资金 → 漏水 +
    维修资金), again on either side; single characters left over are dropped."""
    if len(chunk) < 2:
        return []
    if present(chunk):
        return [chunk]
    for size in range(len(chunk) - 1, 1, -1):
        for start in range(len(chunk) - size + 1):
            middle = chunk[start : start + size]
            if present(middle):
                return [
                    *_present_parts(chunk[:start], present),
                    middle,
                    *_present_parts(chunk[start + size :], present),
                ]
    return [chunk]


def understand(
    terms: list[str],
    lexicon: Lexicon,
    present: Callable[[str], bool],
    homophone: Callable[[str], tuple[str, str] | None],
) -> Understood:
    """What to look for, for the query's ``terms`` (normalised, split at spaces).

    ``present(word)``: the word is in some name, keyword or department of the catalog searched.
    ``homophone(word)``: (a word of the catalog or lexicon with the same full pinyin, or "",
    and the full pinyin) for a word found nowhere, or None when it has no pinyin."""
    groups: list[Group] = []
    hints: list[str] = []
    literal = True
    words = lexicon.words()
    for raw in terms:
        if raw.isascii() or len(raw) < 2:
            groups.append(Group(((raw, LITERAL),)))
            continue
        term = _strip(raw, lexicon, hints) or raw
        if term != raw and present(raw) and raw not in lexicon.synonyms:
            term = raw  # 办退休 is a keyword as it is: nothing to set aside
        pieces = [term]
        if not present(term) and term not in lexicon.synonyms and term not in lexicon.prefer:
            sound = homophone(term)
            if sound and sound[0]:
                pieces = [sound[0]]
            else:
                pieces = []
                for piece in _cut(term, words):
                    if piece in lexicon.hints:
                        hints += lexicon.hints[piece]
                    elif piece in lexicon.request_words or (
                        len(piece) == 1 and piece not in lexicon.synonyms
                    ):
                        continue
                    elif piece in lexicon.synonyms or piece in lexicon.split_words:
                        pieces.append(piece)
                    else:
                        pieces += _present_parts(piece, present)
                pieces = pieces or [term]
        before = len(groups)
        for piece in pieces:
            alternatives = [(piece, LITERAL)]
            if not present(piece) and piece not in lexicon.synonyms:
                sound = homophone(piece)
                if sound and sound[0] in lexicon.hints:  # 补半 heard as 补办
                    hints += lexicon.hints[sound[0]]
                    continue
                if sound and sound[0] in lexicon.request_words:  # 社保卡办里: 办理 misheard
                    continue
                if sound and sound[0] and sound[0] != piece:
                    alternatives = [(sound[0], LITERAL)]
                elif sound:
                    alternatives.append((sound[1], PINYIN))
            base = alternatives[0][0]
            alternatives += [(m, SYNONYM) for m in lexicon.synonyms.get(base, ()) if m != base]
            alternatives += [(m, PREFERRED) for m in lexicon.prefer.get(base, ())]
            if alternatives != [(raw, LITERAL)]:
                literal = False
            groups.append(Group(tuple(dict.fromkeys(alternatives))))
        if len(groups) == before:  # every piece was a request word: search the term itself
            groups.append(Group(((term, LITERAL),)))
    if hints:
        literal = False
    return Understood(tuple(groups), tuple(dict.fromkeys(hints)), literal)
