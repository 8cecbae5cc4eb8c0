"""Append-only step logs: the 差评 follow-up's (ratings/followups.py) and a case's lifecycle
(cases/lifecycle.py). Both keep every entry as first written; a mistaken one is put right by a
later 更正 entry naming it (``corrects``), and both stay readable. Here: one entry's shape, the
fields a step records, an entry as its corrections left it, and the checks of what was typed."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from window_assistant.errors import UserError
from window_assistant.text import TextError, clean_text
from window_assistant.vocab import Code

C = TypeVar("C", bound=Code)


@dataclass(frozen=True)
class Field:
    """One field a step records: ``kind`` says how it is read (text, or what the log's own
    reader knows: a date, a code, a step to correct …)."""

    name: str
    label: str
    kind: str = "text"
    required: bool = True


@dataclass(frozen=True)
class Step(Generic[C]):
    id: int
    step: C
    at: str  # ISO date-time, local
    actor: str
    actor_name: str
    detail: dict[str, Any]
    corrects: int | None = None

    @property
    def day(self) -> date:
        return date.fromisoformat(self.at[:10])


def effective(steps: Iterable[Step[Any]], step: Step[Any], correct: Code) -> dict[str, Any]:
    """``step``'s fields as the later ``correct`` entries among ``steps`` left them."""
    detail = dict(step.detail)
    for later in steps:
        if later.step is correct and later.detail.get("step") == step.id:
            detail.update(later.detail.get("fields", {}))
    return detail


def text_value(spec: Field, raw: Any, max_length: int) -> str:
    """What was typed for the text field ``spec``, cleaned; UserError naming the field."""
    try:
        return clean_text(
            "" if raw is None else str(raw),
            spec.label,
            multiline=True,
            max_length=max_length,
            required=spec.required,
        )
    except TextError as exc:
        raise UserError(exc.message) from None


def refuse_unknown(
    label: str, given: Mapping[str, Any], specs: Iterable[Field], extra: Collection[str] = ()
) -> None:
    """UserError when ``given`` names a field the step ``label`` does not record."""
    unknown = sorted(set(map(str, given)) - {s.name for s in specs} - set(extra))
    if unknown:
        raise UserError(f"「{label}」没有这些项:{'、'.join(unknown)}。")
