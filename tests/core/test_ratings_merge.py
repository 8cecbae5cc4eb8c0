"""Merging the windows of a centre (issue 10 §5), without Qt, on real temporary databases: two
window PCs of one centre (windows 3 and 5, each numbering its own cases from 1), their exports
in every format merged into a supervisor's installation; merged twice, forked, broken, of
another centre; follow-ups and case counts travel; the merged log verifies with the windows'
own chain heads."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from tests.core.test_ratings_log import ITEM, REGISTERED, SOON
from tests.store_helpers import table_rows
from window_assistant.accounts import INSTALLER, User
from window_assistant.cases.registration import Case, CaseRequest, CaseService
from window_assistant.centre_secret import export_centre_secret, import_centre_secret
from window_assistant.errors import UserError
from window_assistant.permissions import PermissionDenied
from window_assistant.ratings.exports import export_table
from window_assistant.ratings.followups import followup, followups, record_step
from window_assistant.ratings.log import (
    chain_heads,
    export_ratings,
    record_rating,
    verify_chain,
)
from window_assistant.ratings.merge import MergeRefused, merge_file
from window_assistant.ratings.stats import statistics
from window_assistant.services import Services, open_services
from window_assistant.sheets.model import Person
from window_assistant.vocab import FollowUpStep, RatingChannel, RatingLevel

TABLES = ("ratings", "followup_steps", "merged_case_counts", "rating_merges", "audit_log")
DAY = REGISTERED.date()
PHONE = "13912345678"


def boss(services: Services) -> User:
    found = services.accounts.user("S01")
    return found or services.accounts.add_account(
        INSTALLER, "S01", "王主任", "supervisor", "pw-123456"
    )


def window_pc(tmp_path: Path, name: str, number: str, secret_from: Services | None) -> Services:
    """A window's PC: its one window numbered ``number``, the centre's secret imported."""
    svc = open_services(tmp_path / f"{name}.db")
    svc.accounts.update_window(INSTALLER, svc.current_window_id(), number, f"{number}号综合窗口")
    if secret_from is not None:
        shared = export_centre_secret(secret_from, boss(secret_from), tmp_path / f"{name}.key")
        import_centre_secret(svc, boss(svc), shared, confirm=True)
    return svc


def register(svc: Services, n: int, named: bool = False) -> list[Case]:
    service = CaseService(svc, clock=lambda: REGISTERED)
    applicant = Person("张三", id_number="", phone=PHONE) if named else None
    request = CaseRequest("item", ITEM, kind="notice", applicant=applicant)
    return [service.register(request, svc.default_clerk()) for _ in range(n)]


def rate(svc: Services, case: Case, level=RatingLevel.SATISFIED, comment="", at=SOON):
    return record_rating(svc, case.token, level, [], comment, RatingChannel.QR_CODE, "phone", at)


@pytest.fixture
def centre(tmp_path):
    """The supervisor's installation and two window PCs of the same centre: window 3 with four
    cases (three rated, one 差评 followed up), window 5 with two (one rated, with a comment
    holding a phone number). Both windows' first case is 告〔2026〕1号."""
    hub = open_services(tmp_path / "hub.db")
    three = window_pc(tmp_path, "w3", "3", hub)
    five = window_pc(tmp_path, "w5", "5", hub)
    a = register(three, 3)
    (bad,) = register(three, 1, named=True)
    rate(three, a[0], RatingLevel.VERY_SATISFIED)
    rate(three, a[1])
    rate(three, bad, RatingLevel.DISSATISFIED, "等了一个小时")
    record_step(three, boss(three), bad.serial, FollowUpStep.VERIFY, {"finding": "属实"}, SOON)
    b = register(five, 2)
    rate(five, b[0], RatingLevel.SATISFIED, f"请回电 {PHONE}")
    assert a[0].serial == b[0].serial  # each PC numbers its own cases
    yield hub, three, five
    for svc in (hub, three, five):
        svc.close()


def exported(svc: Services, path: Path) -> Path:
    if path.suffix in (".csv", ".xlsx"):
        export_table(svc, path)  # masked, as a clerk exports
    else:
        export_ratings(svc, path, "S01")
    return path


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".jsonl"])
def test_two_windows_merge_into_one_log_with_their_own_chains(centre, tmp_path, suffix):
    hub, three, five = centre
    files = [exported(three, tmp_path / f"w3{suffix}"), exported(five, tmp_path / f"w5{suffix}")]
    done = [merge_file(hub, boss(hub), f) for f in files]
    assert [(m.added, m.duplicates) for m in done] == [(3, 0), (1, 0)]
    # The chains are the windows' own: same heads, nothing re-chained.
    assert chain_heads(hub) == [*chain_heads(three), *chain_heads(five)]
    assert [h.window for h in chain_heads(hub)] == ["3", "5"]
    result = verify_chain(hub)
    assert result.intact and result.checked == 4
    # One serial, two windows: both ratings are here.
    (serial,) = hub.store.execute(
        "SELECT case_serial FROM ratings WHERE seq = 1 LIMIT 1"
    ).fetchone()
    rows = hub.store.execute(
        "SELECT window_number FROM ratings WHERE case_serial = ? ORDER BY 1", [serial]
    ).fetchall()
    assert rows == [("3",), ("5",)]
    # The follow-up travelled with its 差评, 实名 as on the window's PC.
    (f,) = followups(hub)
    assert f.rating.window_number == "3" and f.named
    assert [s.step for s in f.steps] == [FollowUpStep.VERIFY]
    assert f.steps[0].detail["finding"] == "属实"
    # Cases counted on the windows' PCs make 主动评价率 here: 4 rated of 6 registered.
    figures = statistics(hub, DAY, DAY, by="window", today=DAY).to_json()
    assert figures["total"] == 4 and figures["ratable"] == 6 and figures["rated"] == 4
    by_window = {g["key"]: (g["total"], g["ratable"]) for g in figures["groups"]}
    assert by_window == {"3": (3, 4), "5": (1, 2)}


def test_merging_twice_changes_nothing_and_a_later_export_adds_only_the_new(centre, tmp_path):
    hub, three, _ = centre
    first = exported(three, tmp_path / "w3.csv")
    merge_file(hub, boss(hub), first)
    before = {t: len(rows) for t, rows in table_rows(hub.store, *TABLES[:3]).items()}
    again = merge_file(hub, boss(hub), first)
    assert (again.added, again.duplicates, again.steps_added) == (0, 3, 0)
    assert {t: len(rows) for t, rows in table_rows(hub.store, *TABLES[:3]).items()} == before
    # The window goes on: its next export holds the old rows and one new.
    (case,) = register(three, 1)
    rate(three, case, at=SOON + timedelta(hours=1))
    later = merge_file(hub, boss(hub), exported(three, tmp_path / "w3-later.xlsx"))
    assert (later.added, later.duplicates) == (1, 3)
    assert verify_chain(hub).intact and chain_heads(hub) == chain_heads(three)


def test_a_forked_window_is_refused_showing_both_rows_and_nothing_is_written(centre, tmp_path):
    hub, three, _ = centre
    merge_file(hub, boss(hub), exported(three, tmp_path / "w3.csv"))
    # Another PC set up as window 3 too, with its own ratings.
    impostor = window_pc(tmp_path, "w3b", "3", hub)
    (case,) = register(impostor, 1)
    rate(impostor, case, RatingLevel.VERY_DISSATISFIED)
    before = table_rows(hub.store, *TABLES)
    with pytest.raises(MergeRefused) as refused:
        merge_file(hub, boss(hub), exported(impostor, tmp_path / "w3b.csv"))
    message = refused.value.message
    assert "窗口 3 第 1 条" in message and "本机:" in message and "文件:" in message
    assert "非常满意" in message and "非常不满意" in message  # both rows shown
    assert table_rows(hub.store, *TABLES) == before
    impostor.close()


def test_a_window_recorded_here_takes_no_rows_from_another_pc(centre, tmp_path):
    hub, three, _ = centre
    three_again = window_pc(tmp_path, "w3c", "3", hub)
    (case,) = register(three_again, 1)
    rate(three_again, case)
    export = exported(three_again, tmp_path / "w3c.jsonl")
    # window 3's PC merges a file from another PC that also calls itself window 3
    (extra,) = register(three, 1)
    with pytest.raises(MergeRefused, match="窗口 3 第 1 条"):
        merge_file(three, boss(three), export)
    assert extra.serial  # (the PC goes on registering)
    three_again.close()


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_a_broken_file_is_refused_whole_naming_its_first_bad_row(centre, tmp_path, suffix):
    hub, three, _ = centre
    path = exported(three, tmp_path / f"w3{suffix}")
    text = path.read_text(encoding="utf-8-sig")
    if suffix == ".csv":
        lines = list(csv.reader(text.splitlines()))
        header = next(
            i for i, line in enumerate(lines) if line and line[0] == "窗口编号(window_number)"
        )
        level = lines[header].index("评价等级代码(level)")
        lines[header + 2][level], lines[header + 2][level + 1] = "very_satisfied", "非常满意"
        with open(path, "w", encoding="utf-8-sig", newline="") as out:
            csv.writer(out).writerows(lines)
    else:
        path.write_text(text.replace('"level":"satisfied"', '"level":"very_satisfied"'), "utf-8")
    before = table_rows(hub.store, *TABLES)
    with pytest.raises(MergeRefused, match="未通过核验.*窗口 3 第 2 条.*改动"):
        merge_file(hub, boss(hub), path)
    assert table_rows(hub.store, *TABLES) == before


def test_a_file_of_another_centre_or_an_old_version_is_refused(centre, tmp_path):
    hub, _, _ = centre
    stranger = window_pc(tmp_path, "other", "8", None)  # its own secret
    (case,) = register(stranger, 1)
    rate(stranger, case)
    with pytest.raises(MergeRefused, match="不是用本中心的密钥导出的"):
        merge_file(hub, boss(hub), exported(stranger, tmp_path / "other.csv"))
    old = tmp_path / "old.jsonl"
    old.write_text('{"format": "window-assistant/ratings", "version": 2, "heads": []}\n', "utf-8")
    with pytest.raises(MergeRefused, match="旧版本"):
        merge_file(hub, boss(hub), old)
    assert table_rows(hub.store, "ratings") == {"ratings": []}
    stranger.close()


def test_a_gap_is_refused_until_the_earlier_rows_are_merged(centre, tmp_path):
    hub, three, _ = centre
    (case,) = register(three, 1)
    rate(three, case, at=datetime.combine(DAY + timedelta(days=3), datetime.min.time()))
    later = tmp_path / "later.csv"
    export_table(three, later, date_from=DAY + timedelta(days=3))
    with pytest.raises(MergeRefused, match="中间的第 1–3 条还没有合并"):
        merge_file(hub, boss(hub), later)
    merge_file(hub, boss(hub), exported(three, tmp_path / "first.csv"))
    assert merge_file(hub, boss(hub), later).duplicates == 1  # now all there


def test_only_a_supervisor_merges_and_the_merge_is_audited(centre, tmp_path):
    hub, three, _ = centre
    clerk = hub.accounts.add_account(INSTALLER, "C01", "李娜", "clerk", "123456")
    path = exported(three, tmp_path / "w3.csv")
    with pytest.raises(PermissionDenied, match="无权合并其他窗口的评价记录"):
        merge_file(hub, clerk, path)
    merge_file(hub, boss(hub), path)
    merges = hub.store.execute("SELECT file_name, added, steps_added FROM rating_merges")
    assert merges.fetchall() == [("w3.csv", 3, 1)]
    audit = hub.store.execute("SELECT detail FROM audit_log WHERE action = 'ratings.merge'")
    (detail,) = [row[0] for row in audit]
    assert "w3.csv" in detail and PHONE not in detail


def test_a_merged_follow_up_goes_on_here_and_an_ambiguous_serial_names_its_window(centre, tmp_path):
    hub, three, five = centre
    (bad5,) = register(five, 1)
    rate(five, bad5, RatingLevel.VERY_DISSATISFIED)
    merge_file(hub, boss(hub), exported(three, tmp_path / "w3.csv"))
    merge_file(hub, boss(hub), exported(five, tmp_path / "w5.csv"))
    serial = followups(hub)[0].serial
    if serial == bad5.serial:  # both windows' 差评 share a serial only by chance
        with pytest.raises(UserError, match="请指明窗口"):
            followup(hub, serial)
    after = record_step(
        hub, boss(hub), serial, FollowUpStep.FIX_NOW, {"action": "已道歉"}, window="3"
    )
    assert after.rating.window_number == "3" and after.state.value != "pending"
    # The hub's own steps travel on when the hub's log is exported in turn.
    again = tmp_path / "hub.jsonl"
    export_ratings(hub, again, "S01")
    second_hub = window_pc(tmp_path, "hub2", "99", hub)
    merge_file(second_hub, boss(second_hub), again)
    assert len(followup(second_hub, serial, "3").steps) == 2
    second_hub.close()


def test_the_masked_comment_of_a_merged_row_verifies_through_its_digest(centre, tmp_path):
    hub, _, five = centre
    merge_file(hub, boss(hub), exported(five, tmp_path / "w5.csv"))  # masked by default
    (comment,) = hub.store.execute("SELECT comment FROM ratings").fetchone()
    assert PHONE not in comment and "139****5678" in comment
    assert verify_chain(hub).intact
    # ... and a re-export of the hub verifies too, in every format.
    for name in ("again.csv", "again.xlsx", "again.jsonl"):
        assert verify_chain(path=exported(hub, tmp_path / name)).intact, name


def test_statistics_of_a_day_without_merged_windows_are_unchanged(centre):
    _, three, _ = centre
    figures = statistics(three, DAY, date(2026, 3, 31), today=DAY).overall
    assert (figures.total, figures.ratable) == (3, 4)


def test_a_log_recorded_before_merges_keeps_verifying_and_its_chain_goes_on(tmp_path):
    """Migration 0009 keys each chain by its window's number; the rows recorded before keep
    content version 2 and their hashes (nothing re-chained); a new rating continues the chain
    in version 3, and a row changed behind the triggers is still found."""
    import sqlite_utils
    from sqlite_utils.migrations import Migrations

    from window_assistant.ratings.log import GENESIS, SEPARATOR, _hash
    from window_assistant.store import database

    path = tmp_path / "before.db"
    db = sqlite_utils.Database(path)
    migrations = Migrations(database.MIGRATION_SET)
    for name, fn in database.MIGRATIONS[:8]:  # the schema before 0009_rating_merges
        migrations(name=name)(fn)
    migrations.apply(db)
    db.execute("INSERT INTO windows (id, number, name) VALUES (1, 'A3', 'A3号窗口')")
    fields = [1, "A3号窗口", 1, "铁西政服告〔2026〕000009号", ITEM, "用人单位社保登记", "0001",
              "张三", "satisfied", "qr_code", "[]", "", "2026-03-05T10:00:00", "t" * 16, ""]  # fmt: skip
    content = SEPARATOR.join(["2", *map(str, fields)])  # version 2: no window number
    digest = _hash(GENESIS, content)
    db.execute(
        "INSERT INTO ratings (window_id, window_name, seq, case_serial, item_code, item_name,"
        " clerk_login, clerk_name, level, channel, tags, comment, at, token_id, device,"
        " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [*fields, GENESIS, digest],
    )
    db.conn.commit()
    db.conn.close()
    svc = open_services(path)
    try:
        row = svc.store.execute("SELECT window_number, v, seq, hash FROM ratings").fetchone()
        assert row == ("A3", 2, 1, digest)
        assert verify_chain(svc).intact
        (case,) = register(svc, 1)
        later = rate(svc, case)
        assert (later.window_number, later.seq, later.v, later.prev_hash) == ("A3", 2, 3, digest)
        result = verify_chain(svc)
        assert result.intact and result.checked == 2
        svc.store.conn.execute("DROP TRIGGER ratings_no_update")
        svc.store.conn.execute("UPDATE ratings SET level = 'very_satisfied' WHERE seq = 1")
        problem = verify_chain(svc).problem
        assert problem is not None and (problem.window, problem.seq) == ("A3", 1)
    finally:
        svc.close()


def test_progress_runs_over_both_passes_to_its_end(centre, tmp_path, monkeypatch):
    """The first half of the bar is the verification, the second the insert: a supervisor sees
    it move from the first row read (every ``_EVERY`` rows) to the end."""
    from window_assistant.ratings import merge

    hub, three, _ = centre
    monkeypatch.setattr(merge, "_EVERY", 1)  # a call per row: three rows, two passes
    seen: list[tuple[int, int]] = []
    merge_file(
        hub, boss(hub), exported(three, tmp_path / "w3.csv"), lambda d, t: seen.append((d, t))
    )
    assert seen == [(1, 6), (2, 6), (3, 6), (4, 6), (5, 6), (6, 6), (6, 6)]
