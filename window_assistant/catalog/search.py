"""Instant search over the catalog's items and bundles, fast enough to run on every keystroke.

The catalog is read once into memory. For each searchable field the values of all entries are
joined, in static rank order (bundles, 高频, 综合窗口, shorter name, catalog order), into one
``"\\x00"``-separated string, so finding matches is ``str.find`` (or a regex) running at C speed;
a match offset is mapped back to its entry with ``bisect``. Match tiers are scanned best first
and the scan stops as soon as ``limit`` results are certain, so a keystroke costs about
``limit`` Python steps however big the catalog is. The few recently used entries of the window
are ranked by a separate per-entry check (they move up among equals).

Besides plain substrings, an abbreviation matches as a subsequence: 社保登记 / ``sbdj`` finds
社会保险登记 (its characters / initials in order). Those rank after the real substring matches
of the same tier.

Citizens' words (``synonyms.understand``): a query with request words (办, 申请 …), a word of
the synonym list, a term found nowhere (cut into pieces, read by its pinyin) or a hint (补办 …)
is searched as groups of alternatives: every group must match (else the entries matching most
groups, the later ones first: in 个体户注销 the action is the head), each entry ranking at its
weakest group's best alternative, names holding a hint first. Such queries scan every rule
(no early stop); plain queries take the fast path above. ``suggest`` offers the nearest word
of the catalog (「您要找的是不是…」) for a query that finds nothing.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass

from window_assistant.catalog.recent import RecentUses
from window_assistant.catalog.synonyms import (
    LITERAL,
    PINYIN,
    PREFERRED,
    Lexicon,
    Understood,
    bundled_lexicon,
    understand,
)
from window_assistant.store.database import Store
from window_assistant.vocab import Scope, SubjectKind

__all__ = ["BROWSE_TIER", "RecentUses", "SearchHit", "SearchIndex", "normalise"]

KINDS = tuple(SubjectKind)
BROWSE_TIER = -1  # tier of the hits listed for an empty query
_NOT_RECENT = 1 << 30
_MAX_SCANNERS = 16
_FIELDS = ("name", "initials", "pinyin", "keywords", "department", "code")
_PREFERRED_TIER = (1, -1)  # a preferred meaning in a name ranks above the word's own prefix
_PINYIN_TIER = (3, 5)  # a homophone: the term's full pinyin inside a name's
_SUGGEST_RATIO = 0.6  # how alike a word must be to be offered as 「您要找的是不是…」
_SOUND_RATIO = 0.8  # how alike its pinyin must be when the characters differ
_MAX_SOUND_WORDS = 50_000  # keywords read by their pinyin for homophones (pypinyin, once)
Needle = str | re.Pattern[str]  # a literal term, or a compiled subsequence for mode "regex"
_Rule = tuple[tuple[int, ...], str, str, Needle]  # (tier key, field, mode, needle)


@dataclass(frozen=True)
class SearchHit:
    kind: SubjectKind
    code: str
    name: str
    department: str
    theme: str
    tier: int  # 0 code, 1 name prefix, 2 name, 3 pinyin, 4 keywords, 5 department/code; -1 browse
    high_frequency: bool
    comprehensive: bool
    scope: Scope  # 通办范围 (none for bundles)


def normalise(text: str) -> str:
    """Fold what a clerk may type differently: full-width forms, Latin case, NUL."""
    return unicodedata.normalize("NFKC", text).lower().replace("\x00", "")


def _subsequence(term: str) -> re.Pattern[str]:
    """Characters of ``term`` in order inside one value (an abbreviation such as 社保登记).

    Each gap skips only characters that are not the next one, so the leftmost match is found
    without backtracking blow-up.
    """
    rest = "".join(f"[^\x00{re.escape(c)}]*{re.escape(c)}" for c in term[1:])
    return re.compile(re.escape(term[0]) + rest)


def _plan(term: str) -> list[_Rule]:
    """The match rules for one query term, best first: (tier key, field, mode, needle)."""
    plan: list[_Rule] = [
        ((0, 0), "code", "exact", term),
        ((1, 0), "name", "prefix", term),
        ((2, 0), "name", "find", term),
    ]
    if len(term) >= 2 and not term.isascii():
        plan.append(((2, 1), "name", "regex", _subsequence(term)))
    if term.isascii() and term.isalpha():
        plan += [
            ((3, 0), "initials", "prefix", term),
            ((3, 1), "pinyin", "prefix", term),
            ((3, 2), "initials", "find", term),
            ((3, 3), "pinyin", "find", term),
        ]
        if len(term) >= 3:  # two letters in order are everywhere
            plan.append(((3, 4), "initials", "regex", _subsequence(term)))
    plan += [
        ((4, 0), "keywords", "find", term),
        ((5, 0), "code", "prefix", term),
        ((5, 1), "department", "find", term),
        ((5, 2), "code", "find", term),
    ]
    return plan


def _value_matches(value: str, mode: str, needle: Needle) -> bool:
    if not isinstance(needle, str):
        return needle.search(value) is not None
    if mode == "exact":
        return value == needle
    if mode == "prefix":
        return value.startswith(needle)
    return needle in value


class _Column:
    """One field of a subset of entries joined into a single string, in static rank order."""

    def __init__(self, values: list[str]) -> None:
        self.text = "\x00" + "\x00".join(values) + "\x00"
        starts, pos = [], 1
        for value in values:
            starts.append(pos)
            pos += len(value) + 1
        starts.append(len(self.text))  # sentinel: the start of a value after the last one
        self.starts = starts
        self.chars = frozenset(self.text)  # a term with another character cannot match

    def scan(self, mode: str, needle: Needle) -> Iterator[int]:
        """Positions (in static order) of the values that match, each once, in order."""
        text, starts = self.text, self.starts
        find: Callable[[int], int]
        if not isinstance(needle, str):
            search, offset = needle.search, 0

            def find(start: int) -> int:
                m = search(text, start)
                return m.start() if m else -1
        elif mode == "prefix":
            pattern, offset = "\x00" + needle, 1

            def find(start: int) -> int:
                return text.find(pattern, start - 1)
        else:
            pattern, offset = needle, 0

            def find(start: int) -> int:
                return text.find(pattern, start)

        pos = find(1)
        while pos >= 0:
            k = bisect_right(starts, pos + offset) - 1
            yield k
            pos = find(starts[k + 1])

    def scan_all(self, mode: str, needle: Needle) -> list[int]:
        """Like ``scan`` but all at once: a tight loop for when every match is needed."""
        text, starts = self.text, self.starts
        out: list[int] = []
        append = out.append
        if not isinstance(needle, str):
            search = needle.search
            m = search(text, 1)
            while m:
                k = bisect_right(starts, m.start()) - 1
                append(k)
                m = search(text, starts[k + 1])
            return out
        find = text.find
        if mode == "prefix":
            pattern, offset, back = "\x00" + needle, 1, 1
        else:
            pattern, offset, back = needle, 0, 0
        pos = find(pattern, 0)
        while pos >= 0:
            k = bisect_right(starts, pos + offset) - 1
            append(k)
            pos = find(pattern, starts[k + 1] - back)
        return out


class _Scanner:
    """The joined columns of one filtered subset of the index (cached per filter)."""

    def __init__(self, index: SearchIndex, ids: list[int]) -> None:
        self.order = sorted(ids, key=index._static_key)
        self.position = {eid: k for k, eid in enumerate(self.order)}
        self.browse = sorted(ids, key=index._browse_key)
        self.columns = {f: _Column([index._fields[f][i] for i in self.order]) for f in _FIELDS}
        self.codes: dict[str, list[int]] = {}
        self._present: dict[str, bool] = {}
        for k, eid in enumerate(self.order):
            self.codes.setdefault(index._fields["code"][eid], []).append(k)

    def present(self, word: str) -> bool:
        """Whether ``word`` is in a name, keyword or department of this subset (remembered)."""
        known = self._present.get(word)
        if known is None:
            known = any(word in self.columns[f].text for f in ("name", "keywords", "department"))
            if len(self._present) > 4096:
                self._present.clear()
            self._present[word] = known
        return known

    def feasible(self, term: str, plan: list[_Rule]) -> list[_Rule]:
        """The rules that can match at all (every character of the term is in the field)."""
        chars = set(term)
        return [rule for rule in plan if chars <= self.columns[rule[1]].chars]

    def scan(self, field: str, mode: str, needle: Needle) -> Iterator[int]:
        if mode == "exact" and isinstance(needle, str):
            return iter(self.codes.get(needle, ()))
        return self.columns[field].scan(mode, needle)

    def scan_all(self, field: str, mode: str, needle: Needle) -> list[int]:
        if mode == "exact" and isinstance(needle, str):
            return self.codes.get(needle, [])
        return self.columns[field].scan_all(mode, needle)


def _dict_rows(store: Store, sql: str) -> list[dict[str, object]]:
    cursor = store.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor]


class SearchIndex:
    """All items and bundles in memory, searchable by name, pinyin, keywords, code, department."""

    def __init__(
        self,
        rows: Sequence[dict[str, object]],
        lexicon: Lexicon | None = None,
        extra: Sequence[tuple[str, Sequence[str]]] = (),
    ) -> None:
        """``rows``: items then bundles, each in catalog order, with the store's columns;
        ``lexicon``: the citizens' words (default: the list shipped in ``catalog/``, read on the
        first query that needs it, not at start-up), with a supervisor's ``extra`` entries."""
        self._lexicon = lexicon
        self._extra = tuple(extra)
        self._sounds: dict[str, str] | None = None  # full pinyin → a word with that sound
        self._pinyin_cache: dict[str, str] = {}
        self._kind = [SubjectKind.of(r["kind"]) for r in rows]
        self._code = [str(r["code"]) for r in rows]
        self._name = [str(r["name"]) for r in rows]
        self._department = [str(r.get("department") or "") for r in rows]
        self._theme = [str(r.get("theme") or "") for r in rows]
        self._scope = [Scope.of(r.get("scope") or Scope.NONE) for r in rows]
        self._hf = [bool(r.get("high_frequency")) for r in rows]
        self._comp = [bool(r.get("comprehensive")) for r in rows]
        self._fields = {f: [normalise(str(r.get(f) or "")) for r in rows] for f in _FIELDS}
        # Among equals: 高频 items of the window, other 高频 items, bundles, the window's, rest
        # (a bundle before the common item would make 个体户 open 个转企一件事).
        self._group = [
            2 if k == SubjectKind.BUNDLE else (0 if comp else 1) if hf else (3 if comp else 4)
            for k, hf, comp in zip(self._kind, self._hf, self._comp)
        ]
        # Browsing (an empty query) lists the bundles first, then by the same priority.
        self._browse_group = [
            0 if k == SubjectKind.BUNDLE else 1 + (not hf) * 2 + (not comp)
            for k, hf, comp in zip(self._kind, self._hf, self._comp)
        ]
        self._ids: dict[tuple[str, str], int] = {
            (k, c): i for i, (k, c) in enumerate(zip(self._kind, self._code))
        }
        self._scanners: dict[tuple[object, ...], _Scanner] = {}

    @classmethod
    def from_store(cls, store: Store) -> SearchIndex:
        """Read the items and bundles tables once, and the supervisor's synonyms."""
        from window_assistant.settings import Settings

        extra = Settings(store).search_synonyms
        items = _dict_rows(
            store,
            "SELECT 'item' AS kind, code, name, department, theme, scope, comprehensive,"
            " high_frequency, keywords, pinyin, initials FROM items ORDER BY seq",
        )
        bundles = _dict_rows(
            store,
            "SELECT 'bundle' AS kind, code, name, department, keywords, pinyin, initials"
            " FROM bundles ORDER BY seq",
        )
        return cls([*items, *bundles], extra=extra)

    def __len__(self) -> int:
        return len(self._code)

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            self._lexicon = bundled_lexicon().with_synonyms(self._extra)
        return self._lexicon

    # -- ranking keys ----------------------------------------------------------------------
    def _static_key(self, eid: int) -> tuple[int, int, int]:
        return (self._group[eid], len(self._name[eid]), eid)

    def _browse_key(self, eid: int) -> tuple[int, int]:
        return (self._browse_group[eid], eid)

    def _scanner(
        self, department: str | None, theme: str | None, kinds: Collection[str]
    ) -> _Scanner:
        wanted = frozenset(kinds)
        key = (department, theme, wanted)
        scanner = self._scanners.get(key)
        if scanner is None:
            ids = [
                i
                for i in range(len(self))
                if self._kind[i] in wanted
                and (department is None or self._department[i] == department)
                and (theme is None or self._theme[i] == theme)
            ]
            if len(self._scanners) >= _MAX_SCANNERS:
                self._scanners.pop(next(iter(self._scanners)))
            scanner = self._scanners[key] = _Scanner(self, ids)
        return scanner

    def _rank(self, eid: int, plan: list[_Rule]) -> tuple[int, ...] | None:
        """The best tier key of one entry for one term, or None (the per-entry rule)."""
        for tier, field, mode, needle in plan:
            if _value_matches(self._fields[field][eid], mode, needle):
                return tier
        return None

    # -- searching -------------------------------------------------------------------------
    def search(
        self,
        query: str,
        limit: int = 50,
        *,
        recent: Sequence[tuple[str, str]] = (),
        department: str | None = None,
        theme: str | None = None,
        kinds: Collection[str] = KINDS,
    ) -> list[SearchHit]:
        """Best matches first; a blank query lists the (filtered) catalog for browsing."""
        if limit <= 0:
            return []
        scanner = self._scanner(department, theme, kinds)
        recent_rank: dict[int, int] = {}
        for r, key in enumerate(recent):
            eid = self._ids.get((key[0], key[1]))
            if eid is not None and eid in scanner.position:
                recent_rank.setdefault(eid, r)
        terms = normalise(query).split()
        understood = self.understand(terms, scanner) if terms else None
        if not terms:
            ranked = self._browse(scanner, limit, recent_rank)
        elif understood is not None and not understood.literal:
            plans = self._rules(scanner, understood)
            ranked = []
            if not understood.hints:  # the fast scan, with each group's alternatives merged
                if len(plans) == 1:
                    ranked = self._one_term(scanner, plans[0], limit, recent_rank)
                else:
                    ranked = self._all_terms(scanner, plans, limit, recent_rank)
            if not ranked:
                ranked = self._understood(scanner, plans, understood.hints, limit, recent_rank)
        elif len(terms) == 1:
            plan = scanner.feasible(terms[0], _plan(terms[0]))
            ranked = self._one_term(scanner, plan, limit, recent_rank)
        else:
            unique = list(dict.fromkeys(terms))
            plans = [scanner.feasible(t, _plan(t)) for t in unique]
            ranked = self._all_terms(scanner, plans, limit, recent_rank)
        return [self._hit(eid, tier) for tier, eid in ranked]

    def _browse(self, scanner: _Scanner, limit: int, recent_rank: dict[int, int]):
        chosen = scanner.browse[: limit + len(recent_rank)]
        listed = set(chosen)
        chosen += [eid for eid in recent_rank if eid not in listed]
        chosen.sort(key=lambda e: (self._browse_group[e], recent_rank.get(e, _NOT_RECENT), e))
        return [(BROWSE_TIER, eid) for eid in chosen[:limit]]

    def _one_term(
        self, scanner: _Scanner, plan: list[_Rule], limit: int, recent_rank: dict[int, int]
    ):
        """``plan``: the term's feasible rules, best first, each tier key once."""
        found: list[tuple[tuple[int, ...], int, int]] = []  # (tier key, static position, eid)
        seen: set[int] = set(recent_rank)
        for eid in recent_rank:
            tier = self._rank(eid, plan)
            if tier is not None:
                found.append((tier, scanner.position[eid], eid))
        fresh = 0
        for tier, field, mode, needle in plan:
            for k in scanner.scan(field, mode, needle):
                eid = scanner.order[k]
                if eid in seen:
                    continue
                seen.add(eid)
                found.append((tier, k, eid))
                fresh += 1
                if fresh >= limit:  # everything not yet seen ranks below these
                    break
            if fresh >= limit:
                break
        return self._ordered(found, limit, recent_rank)

    def _all_terms(
        self, scanner: _Scanner, plans: list[list[_Rule]], limit: int, recent_rank: dict[int, int]
    ):
        """Entries matching every term, ranked by their weakest term.

        Tier by tier, each term's rule is scanned (as sets of static positions, so the set
        algebra runs in C); an entry whose last term arrives at tier T ranks at T. After a tier
        that completed ``limit`` entries, every entry not yet complete ranks below them.
        """
        found = []
        for eid in recent_rank:
            ranks = [self._rank(eid, plan) for plan in plans]
            tiers = [tier for tier in ranks if tier is not None]
            if len(tiers) == len(ranks):
                found.append((max(tiers), scanner.position[eid], eid))
        skip = {scanner.position[eid] for eid in recent_rank}
        seen: list[set[int]] = [set() for _ in plans]
        rules = sorted(
            ((rule[0], n, rule) for n, plan in enumerate(plans) for rule in plan),
            key=lambda r: (r[0], r[1]),
        )
        fresh = 0
        for i, (tier, n, (_t, field, mode, needle)) in enumerate(rules):
            new = set(scanner.scan_all(field, mode, needle))
            new -= seen[n]
            new -= skip
            seen[n] |= new
            complete = new.intersection(*seen[:n], *seen[n + 1 :])
            found += [(tier, k, scanner.order[k]) for k in complete]
            fresh += len(complete)
            if fresh >= limit and (i + 1 == len(rules) or rules[i + 1][0] != tier):
                break
        return self._ordered(found, limit, recent_rank)

    def _ordered(self, found, limit: int, recent_rank: dict[int, int]):
        found.sort(
            key=lambda f: (f[0], self._group[f[2]], recent_rank.get(f[2], _NOT_RECENT), f[1])
        )
        return [(tier[0], eid) for tier, _k, eid in found[:limit]]

    # -- citizens' words ---------------------------------------------------------------------
    def understand(self, terms: list[str], scanner: _Scanner | None = None) -> Understood:
        """What the search looks for, for normalised ``terms`` (see ``synonyms.understand``)."""
        scanner = scanner or self._scanner(None, None, KINDS)
        return understand(terms, self.lexicon, scanner.present, self._homophone)

    def is_plain(
        self,
        query: str,
        *,
        department: str | None = None,
        theme: str | None = None,
        kinds: Collection[str] = KINDS,
    ) -> bool:
        """Whether ``query`` is searched as typed (no word set aside, added or read by sound)."""
        terms = normalise(query).split()
        scanner = self._scanner(department, theme, kinds)
        return not terms or self.understand(terms, scanner).literal

    def _pinyin(self, word: str) -> str:
        full = self._pinyin_cache.get(word)
        if full is None:
            from window_assistant.catalog.pinyin import pinyin_keys

            full = pinyin_keys(word)[0]
            if len(self._pinyin_cache) > 2048:
                self._pinyin_cache.clear()
            self._pinyin_cache[word] = full
        return full

    def _sound_words(self) -> dict[str, str]:
        """Full pinyin → a word of the lexicon, the keywords or the names (built on first use)."""
        if self._sounds is None:
            lexicon = self.lexicon
            words = [*lexicon.synonyms, *lexicon.prefer, *lexicon.request_words, *lexicon.hints]
            for means in self.lexicon.synonyms.values():
                words += means
            keywords = {w for value in self._fields["keywords"] for w in value.split()}
            if len(keywords) <= _MAX_SOUND_WORDS:
                words += sorted(keywords)
            sounds: dict[str, str] = {}
            for word in words:
                if not word.isascii():
                    sounds.setdefault(self._pinyin(word), word)
            for word, full in zip(self._fields["name"], self._fields["pinyin"]):
                sounds.setdefault(full, word)
            self._sounds = sounds
        return self._sounds

    def _homophone(self, word: str) -> tuple[str, str] | None:
        """(a known word sounding like ``word``, or "", and its full pinyin), or None."""
        if not all("\u3400" <= c <= "\u9fff" for c in word):
            return None
        full = self._pinyin(word)
        if not full:
            return None
        found = self._sound_words().get(full, "")
        return (found if found != word else "", full)

    def _rules(self, scanner: _Scanner, understood: Understood) -> list[list[_Rule]]:
        """Per group, its alternatives' feasible rules, best first. The tier key gets the
        alternative's place as a third part: the word as typed before its synonyms, and each
        key once, so the fast scan may stop early as it does for a plain term."""
        out = []
        for group in understood.groups:
            rules: list[_Rule] = []
            for n, (text, kind) in enumerate(group.alternatives):
                if kind == PREFERRED:
                    plan: list[_Rule] = [
                        (_PREFERRED_TIER, "name", "find", text),
                        ((4, 0), "keywords", "find", text),
                    ]
                elif kind == PINYIN:
                    plan = [(_PINYIN_TIER, "pinyin", "find", text)]
                else:  # a synonym is a phrase to find as it is: no code, no abbreviation
                    plan = _plan(text)
                    if kind != LITERAL:
                        plan = [r for r in plan[1:] if r[2] != "regex"]
                for tier, field, mode, needle in scanner.feasible(text, plan):
                    rules.append(((*tier, n), field, mode, needle))
            rules.sort(key=lambda r: r[0])
            out.append(rules)
        return out

    def _understood(
        self,
        scanner: _Scanner,
        plans: list[list[_Rule]],
        hints: Sequence[str],
        limit: int,
        recent_rank: dict[int, int],
    ) -> list[tuple[int, int]]:
        """Every group's best tier per entry (all rules scanned), ranked as the module says:
        names holding a hint first; when no entry matches every group, the most groups."""
        best: list[dict[int, tuple[int, ...]]] = []
        for rules in plans:
            found: dict[int, tuple[int, ...]] = {}
            for tier, field, mode, needle in rules:
                for k in scanner.scan_all(field, mode, needle):
                    found.setdefault(k, tier)
            best.append(found)
        complete = set(best[0]).intersection(*best[1:])
        names, order = self._fields["name"], scanner.order
        ranked: list[tuple[tuple[int, int], tuple[int, ...], int]] = []
        if complete or len(best) == 1:
            for k in complete:
                ranked.append(((0, 0), max(found[k] for found in best), k))
        else:  # nothing matches every group: the most groups, the later (the head) first
            for k in set().union(*best):
                matched = [n for n, found in enumerate(best) if k in found]
                ranked.append(((-len(matched), -matched[-1]), best[matched[-1]][k], k))
        ranked.sort(
            key=lambda r: (
                r[0],
                not any(h in names[order[r[2]]] for h in hints),
                r[1],
                self._group[order[r[2]]],
                recent_rank.get(order[r[2]], _NOT_RECENT),
                r[2],
            )
        )
        return [(tier[0], order[k]) for _key, tier, k in ranked[:limit]]

    def suggest(self, query: str) -> str | None:
        """The catalog's word nearest to a query that found nothing (「您要找的是不是…」), or None.

        Candidates are the keywords, the lexicon's words and the names; a candidate is as near
        as the better of its characters' and its pinyin's likeness to the query's (set aside
        request words first), and must be at least ``_SUGGEST_RATIO`` alike."""
        terms = normalise(query).split()
        text = "".join(terms)
        if not text or text.isascii():
            return None
        from difflib import SequenceMatcher  # here: only a query that found nothing needs it

        from window_assistant.catalog.synonyms import _strip

        hints: list[str] = []
        text = _strip(text, self.lexicon, hints) or text
        chars = set(text)
        sound = self._pinyin(text) if all("\u3400" <= c <= "\u9fff" for c in text) else ""
        best: tuple[float, int, str] | None = None
        candidates = {w: full for full, w in self._sound_words().items()}
        for word, full in candidates.items():
            if word == text or abs(len(word) - len(text)) > 3:
                continue
            shared = chars & set(word)
            if not shared and not (sound and sound[:2] == full[:2]):
                continue
            ratio = SequenceMatcher(None, text, word).ratio() if shared else 0.0
            if sound and full and len(word) == len(text):  # the same syllables, one heard off
                heard = SequenceMatcher(None, sound, full).ratio()
                ratio = max(ratio, heard - 0.1 if heard >= _SOUND_RATIO else 0.0)
            key = (ratio, -abs(len(word) - len(text)), word)
            if ratio >= _SUGGEST_RATIO and (best is None or key > best):
                best = key
        return best[2] if best else None

    def _hit(self, eid: int, tier: int) -> SearchHit:
        return SearchHit(
            kind=self._kind[eid],
            code=self._code[eid],
            name=self._name[eid],
            department=self._department[eid],
            theme=self._theme[eid],
            tier=tier,
            high_frequency=self._hf[eid],
            comprehensive=self._comp[eid],
            scope=self._scope[eid],
        )
