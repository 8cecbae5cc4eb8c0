"""Cases (办件登记): who came for what, what they brought, what the clerk decided, and the sheet
they were given, stored whole so it can be reprinted unchanged years later.

``CaseService.register`` checks everything first (item or bundle, situation answers, materials,
applicant's and agent's ID numbers and phones, kind against outcome), then in ONE transaction takes
the serial number, signs the rating token, builds the sheet and inserts the case with the sheet's
snapshot and the audit entry. Anything wrong raises ``UserError`` and nothing is registered; no
serial number is lost (see serials.py). The audit entry names the case, never the applicant.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from window_assistant.accounts import User
from window_assistant.cases import ids, serials
from window_assistant.cases.lifecycle import crossregion_line, record_registration
from window_assistant.cases.model import (
    Case,
    CaseFilter,
    CaseRequest,
    CaseRow,
    Paper,
    check_person,
)
from window_assistant.cases.tokens import SerialRef, issue_token, rating_url
from window_assistant.errors import UserError
from window_assistant.permissions import Action
from window_assistant.sheets.build import (
    SheetContext,
    Subject,
    build_sheet,
    check_answers,
    check_brought,
    check_opinions,
    default_outcome,
    kind_for_outcome,
    parse_kind,
    parse_outcome,
    resolve_subject,
    rongque_supply_dates,
    suggest_kind,
)
from window_assistant.sheets.decisions import (
    build_receipt,
    fill_decision,
    paper_kind,
    promised_date,
)
from window_assistant.sheets.model import SERIAL_CHARS, Person, Sheet, snapshot_hash
from window_assistant.sheets.writers import (
    SheetWriter,
    discard,
    publish,
    remove_leftovers,
    stage_sheet,
    writer_for,
)
from window_assistant.text import clean_code, clean_text
from window_assistant.vocab import SheetKind, known_fields

if TYPE_CHECKING:
    from window_assistant.services import Services

# The case shapes live in case_model.py; the API is imported from here.
__all__ = [
    "Case",
    "CaseFilter",
    "CaseRequest",
    "CaseRow",
    "CaseService",
    "SheetNotSaved",
    "check_person",
]


class SheetNotSaved(UserError):
    """The case is registered (its serial is used) but its file could not take its name."""

    def __init__(self, case: Case, reason: str) -> None:
        super().__init__(
            f"办件已登记,编号 {case.serial};但告知书文件没有保存:{reason}"
            "可用“另存为”(命令行:cases reprint)按原样重新输出,编号不变。"
        )
        self.case = case


# The PC clock numbers each case (the year in 〔2026〕) and dates its sheet. Outside these bounds
# it cannot be right (a flat CMOS battery resets it to 2000 or so; a typo sets 2062), and a
# serial of that year, once printed, can never be withdrawn: registration is refused instead.
EARLIEST_CLOCK = datetime(2020, 1, 1)
LATEST_CLOCK = datetime(2100, 1, 1)
MAX_REASON = 500  # characters: a reason is a paragraph on a one-page sheet


def check_clock(now: datetime) -> datetime:
    """``now`` if a case may be registered with it, else UserError saying to fix the clock."""
    if EARLIEST_CLOCK <= now < LATEST_CLOCK:
        return now
    raise UserError(
        f"本机时钟显示 {now:%Y-%m-%d %H:%M},这个日期不可能正确(应在 {EARLIEST_CLOCK.year}–"
        f"{LATEST_CLOCK.year - 1} 年之间)。办件编号的年份和告知书的日期都取自本机时钟,"
        "请先改正电脑的日期和时间,再登记办件。"
    )


class CaseService:
    """Registers, finds, lists and reprints cases over one installation's services."""

    def __init__(self, services: Services, clock: Callable[[], datetime] = datetime.now) -> None:
        self.services = services
        self._clock = clock

    # -- building --------------------------------------------------------------------------
    def _checked(self, request: CaseRequest, today: date) -> tuple[Subject, CaseRequest, SheetKind]:
        code = clean_code(request.subject_code, "事项编码")
        subject = resolve_subject(self.services.catalog, request.subject_kind, code)
        answers = check_answers(subject, request.answers)
        brought = check_brought(subject, request.brought)
        opinions = check_opinions(subject, brought, request.opinions)
        applicant = check_person(request.applicant, "申请人", today) if request.applicant else None
        agent = check_person(request.agent, "代理人", today) if request.agent else None
        outcome = parse_outcome(request.outcome) if request.outcome else None
        kind = parse_kind(request.kind) if request.kind else None
        kind = kind or (kind_for_outcome(outcome) if outcome else None)
        kind = kind or suggest_kind(subject, answers, brought, opinions)
        kind = paper_kind(kind, outcome)  # a stated 受理/不予受理 is written as its decision
        checked = CaseRequest(
            subject.kind,
            subject.code,
            answers,
            brought,
            applicant,
            agent,
            kind,
            outcome,
            clean_text(request.reason, "理由", multiline=True, max_length=MAX_REASON),
            clean_text(request.basis, "依据", multiline=True, max_length=MAX_REASON),
            request.receipt,
            {name: (code, text) for name, (code, text) in opinions.items()},
            request.guide_sheet,
            clean_text(request.crossregion, "跨域通办地区"),
        )
        return subject, checked, kind

    def _context(
        self, clerk: User, now: datetime, serial: str, url: str, r: CaseRequest
    ) -> SheetContext:
        settings = self.services.settings
        window = self.services.accounts.window(self._window_id(clerk))
        return SheetContext(
            serial=serial,
            issued_at=now,
            centre=settings.centre_name,
            centre_address=settings.centre_address,
            centre_phone=settings.centre_phone,
            complaint_phone=settings.complaint_phone,
            window=window.name if window else "",
            clerk=clerk.name,
            applicant=r.applicant,
            agent=r.agent,
            rating_url=url,
            delivery=settings.sheet_delivery,
            correction_commitment=settings.correction_commitment,
            lapse=settings.correction_lapse,
            guide_sheet=settings.sheet_guide_sheet if r.guide_sheet is None else r.guide_sheet,
        )

    def _window_id(self, clerk: User) -> int:
        """The window of this machine (where the applicant stands), else the clerk's own."""
        window_id = self.services.current_window_id()
        return window_id or clerk.window_id or 0

    def _deadline(self, kind: str, today: date) -> date | None:
        if kind == "correction":
            days = self.services.settings.correction_days
        elif kind == "rongque":
            days = self.services.settings.rongque_days
        else:
            return None
        return self.services.workdays.add(today, days)

    def _sheet(
        self, request: CaseRequest, clerk: User, now: datetime, serial: str, url: str
    ) -> tuple[CaseRequest, Sheet]:
        subject, checked, kind = self._checked(request, now.date())
        supply_dates = (
            rongque_supply_dates(
                subject,
                checked.answers,
                now.date(),
                self.services.workdays,
                self.services.settings.rongque_days,
            )
            if kind == SheetKind.RONGQUE
            else None
        )
        sheet = build_sheet(
            subject,
            checked.answers,
            checked.brought,
            kind,
            self._context(clerk, now, serial, url, checked),
            outcome=checked.outcome,
            reason=checked.reason,
            deadline=self._deadline(kind, now.date()),
            opinions=check_opinions(subject, checked.brought, checked.opinions),
            supply_dates=supply_dates,
        )
        if checked.crossregion:
            sheet.crossregion = crossregion_line(
                self.services, subject.code, checked.crossregion, now.date()
            )
        settings = self.services.settings
        calendar = self.services.workdays
        promised = promised_date(calendar, subject.items, now.date())
        fill_decision(
            sheet,
            subject,
            promised=promised,
            estimated=promised is not None
            and calendar.warning_for(now.date(), promised) is not None,
            review_body=settings.review_body,
            court=settings.court,
            basis=checked.basis,
        )
        return checked, sheet

    def _receipt(
        self, request: CaseRequest, clerk: User, now: datetime, serial: str, case: Sheet
    ) -> Sheet:
        """The 收件回执 of the case whose paper is ``case``, numbered ``serial``."""
        subject, checked, _ = self._checked(request, now.date())
        context = self._context(clerk, now, serial, "", checked)
        outcome = case.outcome or default_outcome(case.kind, False)
        return build_receipt(
            subject,
            checked.answers,
            checked.brought,
            context,
            outcome=outcome,
            case_serial=case.serial,
        )

    def preview(self, request: CaseRequest, clerk: User) -> Sheet:
        """The sheet as it would be printed, without registering anything (no number yet)."""
        return self.preview_papers(request, clerk)[0]

    def preview_papers(self, request: CaseRequest, clerk: User) -> list[Sheet]:
        """Every paper the registration would hand out (the case's own, then the 收件回执 when
        asked for), as printed but not numbered yet."""
        now = check_clock(self._clock().replace(microsecond=0))
        abbrev = self.services.settings.centre_abbrev
        sheet = self._sheet(request, clerk, now, "", "")[1]
        sheet.serial = serials.preview_serial(abbrev, sheet.kind, now.year)
        papers = [sheet]
        if request.receipt:
            receipt_serial = serials.preview_serial(abbrev, SheetKind.RECEIPT, now.year)
            papers.append(self._receipt(request, clerk, now, receipt_serial, sheet))
        return papers

    def check(self, request: CaseRequest, clerk: User) -> None:
        """Refuse now what ``register`` would refuse (the clerk, the request, its papers), so
        that the window asks where to save only a case that can be registered. Writes nothing."""
        clerk = self.services.accounts.authorise(clerk, Action.REGISTER_CASE)
        self.preview_papers(request, clerk)

    # -- registering -----------------------------------------------------------------------
    def register(
        self,
        request: CaseRequest,
        clerk: User,
        *,
        out: Path | None = None,
        writer: SheetWriter | None = None,
        receipt_out: Path | None = None,
        receipt_writer: SheetWriter | None = None,
    ) -> Case:
        """Check, number, sign, build and store the case in one transaction; with ``out``, its
        sheet's file too (``writer``, else the one for ``out``'s extension).

        The file is written inside the transaction under a temporary name (a write error
        registers nothing and uses no serial number) and takes its name only after COMMIT (a
        failed commit or a killed process leaves no paper with a serial the database lacks,
        and the number goes to the next case). Should the rename itself fail, the case stays
        registered and ``SheetNotSaved`` says so, with its serial.

        With ``request.receipt`` the 收件回执 is numbered (its own sequence), stored and, with
        ``receipt_out``, written in the same way and the same transaction."""
        clerk = self.services.accounts.authorise(clerk, Action.REGISTER_CASE)
        now = check_clock(self._clock().replace(microsecond=0))
        settings = self.services.settings
        first = self._sheet(request, clerk, now, "", "")[1]  # fail before taking the lock
        kind = first.kind
        if request.receipt:
            self._receipt(request, clerk, now, "", first)  # a receipt that cannot be given
        if out is not None and writer is None:
            writer = writer_for(out)
        if receipt_out is not None and not request.receipt:
            raise UserError("要输出收件回执,请同时选择出具收件回执。")
        if receipt_out is not None and receipt_writer is None:
            receipt_writer = writer_for(receipt_out)
        secret = settings.centre_secret
        window_id = self._window_id(clerk)
        store = self.services.store
        staged: Path | None = None
        staged_receipt: Path | None = None
        try:
            with store.transaction():
                number = serials.take_number(store, kind, now.year)
                ref = serials.serial_ref(kind, now.year, number)
                serial = ref.text(settings.centre_abbrev)
                token = issue_token(secret, ref, window_id, clerk.id, now)
                host = settings.phone_rating_host()
                url = rating_url(host, settings.rating_port, token) if host else ""
                checked, sheet = self._sheet(request, clerk, now, serial, url)
                case_id = self._insert(checked, sheet, clerk, window_id, number, token)
                receipt = None
                if checked.receipt:
                    receipt = self._insert_receipt(request, clerk, now, case_id, sheet)
                record_registration(self.services, case_id, sheet, clerk)
                self.services.audit.record(
                    clerk.login,
                    "case.register",
                    serial=serial,
                    kind=kind,
                    outcome=sheet.outcome,
                    subject=sheet.subject_code,
                    **({"receipt": receipt.serial} if receipt else {}),
                )
                if out is not None and writer is not None:
                    remove_leftovers(out.parent)
                    staged = stage_sheet(
                        writer,
                        sheet,
                        out,
                        title_font=settings.title_font,
                        body_font=settings.body_font,
                    )
                if receipt is not None and receipt_out is not None and receipt_writer is not None:
                    staged_receipt = stage_sheet(
                        receipt_writer,
                        receipt,
                        receipt_out,
                        title_font=settings.title_font,
                        body_font=settings.body_font,
                    )
        except BaseException:
            for part in (staged, staged_receipt):
                if part is not None:
                    discard(part)  # the COMMIT failed: this paper must never appear
            raise
        case = self.get(serial)
        assert case is not None and case.id == case_id
        for part, path in ((staged, out), (staged_receipt, receipt_out)):
            if part is not None and path is not None:
                try:
                    publish(part, path)
                except UserError as exc:
                    if staged_receipt is not None and part is staged:
                        discard(staged_receipt)
                    raise SheetNotSaved(case, exc.message) from None
        return case

    def _insert_receipt(
        self, request: CaseRequest, clerk: User, now: datetime, case_id: int, case: Sheet
    ) -> Sheet:
        """Number, build and store the case's 收件回执 (inside the registration's transaction)."""
        store = self.services.store
        number = serials.take_number(store, SheetKind.RECEIPT, now.year)
        serial = serials.format_serial(
            self.services.settings.centre_abbrev, SheetKind.RECEIPT, now.year, number
        )
        receipt = self._receipt(request, clerk, now, serial, case)
        snapshot = receipt.to_json()
        store.execute(
            "INSERT INTO papers (case_id, serial, kind, year, number, created_at, snapshot,"
            " content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                case_id,
                serial,
                receipt.kind,
                now.year,
                number,
                receipt.issued_at,
                snapshot,
                snapshot_hash(snapshot),
            ],
        )
        return receipt

    def _insert(
        self, r: CaseRequest, sheet: Sheet, clerk: User, window_id: int, number: int, token: str
    ) -> int:
        a = r.applicant
        applicant = (a.name, a.kind, a.id_type, a.id_number, a.phone) if a else ("",) * 5
        snapshot = sheet.to_json()
        cur = self.services.store.execute(
            "INSERT INTO cases (serial, kind, year, number, created_at, subject_kind,"
            " subject_code, subject_name, outcome, reason, applicant_name, applicant_kind,"
            " id_type, id_number, phone, agent, answers, brought, clerk_id, clerk_login,"
            " clerk_name, window_id, window_name, snapshot, content_hash, token, rating_url)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            " ?, ?)",
            [
                sheet.serial,
                sheet.kind,
                int(sheet.issued_at[:4]),
                number,
                sheet.issued_at,
                sheet.subject_kind,
                sheet.subject_code,
                sheet.subject_name,
                sheet.outcome,
                sheet.reason,
                *applicant,
                _dumps(r.agent.__dict__) if r.agent else None,
                _dumps(r.answers),
                _dumps(sorted(r.brought)),
                clerk.id,
                clerk.login,
                clerk.name,
                window_id,
                sheet.window,
                snapshot,
                snapshot_hash(snapshot),
                token,
                sheet.rating_url,
            ],
        )
        return int(cur.lastrowid or 0)

    # -- reading ---------------------------------------------------------------------------
    def get(self, serial: str) -> Case | None:
        """The case of ``serial`` as printed, with or without the leading zeros serials had
        before GB/T 9704's rule was followed (000123 and 123 name one case)."""
        store = self.services.store
        rows = _named_rows(store.execute("SELECT * FROM cases WHERE serial = ?", [serial.strip()]))
        key = _serial_key(serial)
        if not rows and key is not None:
            rows = _named_rows(
                store.execute("SELECT * FROM cases WHERE kind = ? AND year = ? AND number = ?", key)
            )
        if not rows:
            return None
        case = _case(rows[0])
        papers = store.execute("SELECT * FROM papers WHERE case_id = ? ORDER BY id", [case.id])
        case.papers = [_paper(r) for r in _named_rows(papers)]
        return case

    def paper(self, serial: str) -> Paper | None:
        """The paper (收件回执) of ``serial``, leading zeros or not."""
        store = self.services.store
        rows = _named_rows(store.execute("SELECT * FROM papers WHERE serial = ?", [serial.strip()]))
        key = _serial_key(serial)
        if not rows and key is not None:
            rows = _named_rows(
                store.execute(
                    "SELECT * FROM papers WHERE kind = ? AND year = ? AND number = ?", key
                )
            )
        return _paper(rows[0]) if rows else None

    def reprint(self, serial: str, actor: str = "") -> Sheet:
        """The sheet exactly as first printed, from the stored snapshot (not the catalog); a
        收件回执's serial reprints the receipt."""
        case = self.get(serial)
        paper = self.paper(serial) if case is None else None
        if paper is not None:
            sheet = _intact(paper)
            self.services.audit.record(actor or "cli", "case.reprint", serial=paper.serial)
            return sheet
        if case is None:
            raise UserError(f"没有编号为 {serial} 的办件,可用 cases list 查看已登记的办件。")
        if snapshot_hash(case.snapshot) != case.content_hash:
            raise UserError(
                f"办件 {case.serial} 存档的告知书内容校验不一致,可能已被改动,不能重印。"
                "请联系负责人从备份中核对。"
            )
        self.services.audit.record(actor or case.clerk_login, "case.reprint", serial=case.serial)
        return case.sheet

    def reprint_papers(self, serial: str, actor: str = "") -> list[Sheet]:
        """The case's sheet and the papers printed with it (its 收件回执), exactly as first
        printed, in print order."""
        sheet = self.reprint(serial, actor)
        case = self.get(serial)
        return [sheet, *(_intact(p) for p in case.papers)] if case else [sheet]

    def list(self, filters: CaseFilter | None = None, limit: int = 200) -> list[CaseRow]:
        """Newest first, with ID numbers and phones masked."""
        f = filters or CaseFilter()
        where, params = ["1 = 1"], []  # type: list[str], list[Any]
        if f.date_from:
            where.append("created_at >= ?")
            params.append(f.date_from.isoformat())
        if f.date_to:  # compared as text: the day after 9999-12-31 does not exist
            where.append("substr(created_at, 1, 10) <= ?")
            params.append(f.date_to.isoformat())
        for column, value in (
            ("clerk_login", f.clerk_login),
            ("subject_code", f.item_code),
            ("outcome", parse_outcome(f.outcome) if f.outcome else None),
        ):
            if value:
                where.append(f"{column} = ?")
                params.append(value.strip())
        rows = self.services.store.execute(
            f"SELECT {', '.join(_ROW_COLUMNS)}, id_number, phone"
            f" FROM cases WHERE {' AND '.join(where)} ORDER BY created_at DESC, id DESC LIMIT ?",
            [*params, limit],
        )
        return [
            CaseRow(
                **{k: r[k] for k in _ROW_COLUMNS},
                id_masked=ids.mask_id(r["id_type"], r["id_number"]) if r["id_number"] else "",
                phone_masked=ids.mask_phone(r["phone"]) if r["phone"] else "",
            )
            for r in _named_rows(rows)
        ]


def _intact(paper: Paper) -> Sheet:
    """The paper's sheet, or UserError when its stored text is not what was printed."""
    if snapshot_hash(paper.snapshot) != paper.content_hash:
        raise UserError(
            f"{paper.kind.label} {paper.serial} 存档的内容校验不一致,可能已被改动,不能重印。"
            "请联系负责人从备份中核对。"
        )
    return paper.sheet


def _serial_key(serial: str) -> list[Any] | None:
    """(kind, year, number) of a printed serial, or None if it is not one."""
    try:
        ref = SerialRef.parse(serial)
    except UserError:
        return None
    kinds = {char: str(kind) for kind, char in SERIAL_CHARS.items()}
    return [kinds[ref.kind], ref.year, ref.number] if ref.kind in kinds else None


def _paper(r: dict[str, Any]) -> Paper:
    return Paper(
        serial=r["serial"],
        kind=r["kind"],
        created_at=r["created_at"],
        sheet=Sheet.from_json(r["snapshot"]),
        snapshot=r["snapshot"],
        content_hash=r["content_hash"],
    )


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# Columns of ``cases`` shown in the list as they are (ID number and phone are masked apart).
_ROW_COLUMNS = (
    "serial", "kind", "created_at", "subject_code", "subject_name", "outcome",
    "applicant_name", "id_type", "clerk_login", "clerk_name", "window_name",
)  # fmt: skip


def _named_rows(cursor: Any) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values)) for values in cursor]


def _case(r: dict[str, Any]) -> Case:
    applicant = (
        Person(r["applicant_name"], r["applicant_kind"], r["id_type"], r["id_number"], r["phone"])
        if r["applicant_name"]
        else None
    )
    agent = json.loads(r["agent"]) if r["agent"] else None
    return Case(
        id=r["id"],
        serial=r["serial"],
        kind=r["kind"],
        outcome=r["outcome"],
        reason=r["reason"],
        created_at=r["created_at"],
        subject_kind=r["subject_kind"],
        subject_code=r["subject_code"],
        subject_name=r["subject_name"],
        applicant=applicant,
        agent=Person(**known_fields(Person, agent)) if agent else None,
        answers=json.loads(r["answers"]),
        brought=json.loads(r["brought"]),
        clerk_login=r["clerk_login"],
        clerk_name=r["clerk_name"],
        window_id=r["window_id"],
        window_name=r["window_name"],
        sheet=Sheet.from_json(r["snapshot"]),
        snapshot=r["snapshot"],
        content_hash=r["content_hash"],
        token=r["token"],
        rating_url=r["rating_url"],
    )
