"""The shapes of a case (办件): what the clerk enters, what is stored, what the cases view lists,
and the check of an applicant's or agent's name, document number and phone.

Kept apart from cases.py (the service) so the UI can build requests and filters without it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from window_assistant.cases import ids
from window_assistant.errors import UserError
from window_assistant.sheets.model import Person, Sheet
from window_assistant.text import clean_text
from window_assistant.vocab import Coded, IdType, Outcome, PersonKind, SheetKind, SubjectKind

MAX_PERSON_NAME = 100  # characters: the longest registered company names are about 60


@dataclass
class CaseRequest:
    """What the clerk entered at the counter. ``kind`` None takes the suggested one."""

    subject_kind: SubjectKind
    subject_code: str
    answers: dict[str, str] = field(default_factory=dict)
    brought: set[str] = field(default_factory=set)
    applicant: Person | None = None
    agent: Person | None = None
    kind: SheetKind | None = None  # a code, or the title a user typed
    outcome: Outcome | None = None  # a code, or the Chinese word a user typed
    reason: str = ""
    basis: str = ""  # the 依据 of a 不予受理 (else the item's, see sheets/decisions.py)
    receipt: bool = False  # hand out a 收件回执 with the case's paper
    # 补正意见 per material name: (CorrectionOpinion code or Chinese word, or None; free text)
    opinions: dict[str, tuple[str | None, str]] = field(default_factory=dict)
    guide_sheet: bool | None = None  # the 告知书's guide sheet; None: the centre's setting
    crossregion: str = ""  # 跨域通办: the partner region the materials will go to


@dataclass
class Paper(Coded):
    """A paper a case handed out besides its own sheet (the 收件回执), under its own serial."""

    serial: str
    kind: SheetKind
    created_at: str
    sheet: Sheet
    snapshot: str  # the JSON exactly as stored: ``content_hash`` is its SHA-256
    content_hash: str


@dataclass
class Case(Coded):
    id: int
    serial: str
    kind: SheetKind
    outcome: Outcome
    reason: str
    created_at: str
    subject_kind: SubjectKind
    subject_code: str
    subject_name: str
    applicant: Person | None
    agent: Person | None
    answers: dict[str, str]
    brought: list[str]
    clerk_login: str
    clerk_name: str
    window_id: int
    window_name: str
    sheet: Sheet
    snapshot: str  # the sheet's JSON exactly as stored: ``content_hash`` is its SHA-256
    content_hash: str
    token: str
    rating_url: str
    papers: list[Paper] = field(default_factory=list)  # the 收件回执, when one was given


@dataclass
class CaseFilter:
    date_from: date | None = None
    date_to: date | None = None  # inclusive
    clerk_login: str | None = None
    item_code: str | None = None  # item or bundle code
    outcome: Outcome | None = None


@dataclass
class CaseRow(Coded):
    """One line of the cases view: ID number and phone already masked."""

    serial: str
    kind: SheetKind
    created_at: str
    subject_code: str
    subject_name: str
    outcome: Outcome
    applicant_name: str
    id_type: IdType | None  # None when no applicant was recorded
    id_masked: str
    phone_masked: str
    clerk_login: str
    clerk_name: str
    window_name: str


def check_person(person: Person, role: str, today: date) -> Person:
    """The person with normalised ID number and phone, or UserError saying what to correct."""
    name = clean_text(person.name, f"{role}名称", max_length=MAX_PERSON_NAME)
    if not name:
        raise UserError(f"请填写{role}名称。")
    try:
        kind = PersonKind.parse(person.kind or "")
    except ValueError:
        raise UserError(f"{role}类型「{person.kind or ''}」无效,应为个人或单位。") from None
    id_type = ids.id_type(person.id_type) if person.id_type else ids.RESIDENT_ID
    organisation = kind == PersonKind.ORGANISATION
    if organisation != (id_type in ids.ORGANISATION_ID_TYPES):
        expected = ids.USCC.label if organisation else "个人证件"
        raise UserError(f"{role}为{kind.label}时证件类型应为{expected}。")
    number = ""
    if person.id_number.strip():
        try:
            number = ids.check_id(id_type, person.id_number, today=today)
        except UserError as exc:
            raise UserError(f"{role}:{exc.message}") from None
    phone = ""
    if person.phone.strip():
        try:
            phone = ids.check_phone(person.phone)
        except UserError as exc:
            raise UserError(f"{role}:{exc.message}") from None
    return Person(name=name, kind=kind, id_type=id_type, id_number=number, phone=phone)
