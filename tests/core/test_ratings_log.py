"""The rating log (issue 9 §1, §4), without Qt, on real temporary databases: what a rating
records, every refusal (nothing written), 一次一评 under a real race, the append-only table, the
per-window chains and ``verify`` finding rows changed, removed or cut off behind the triggers."""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import sqlite3
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.store_helpers import table_rows
from window_assistant.accounts import INSTALLER
from window_assistant.cases.registration import Case, CaseRequest, CaseService
from window_assistant.cases.tokens import SerialRef, issue_token, token_id
from window_assistant.errors import UserError
from window_assistant.permissions import PermissionDenied
from window_assistant.ratings.errors import (
    AlreadyRated,
    RatingExpired,
    RatingInputInvalid,
    RatingTokenInvalid,
)
from window_assistant.ratings.log import (
    GENESIS,
    ROW_FIELDS,
    ChainHead,
    _hash,
    chain_head,
    comment_key,
    export_ratings,
    list_ratings,
    mask_numbers,
    rating_for_token,
    record_rating,
    verify_chain,
)
from window_assistant.services import Services, open_services
from window_assistant.vocab import RatingChannel, RatingLevel

ITEM = "000920001000"  # 用人单位社保登记
REGISTERED = datetime(2026, 3, 5, 9, 30)
SOON = REGISTERED + timedelta(hours=1)
QR, PAD = RatingChannel.QR_CODE, RatingChannel.PAD
SATISFIED, DISSATISFIED = RatingLevel.SATISFIED, RatingLevel.DISSATISFIED
TABLES = ("ratings", "audit_log")
CONTENT_FIELDS_INDEX = {name: i for i, name in enumerate(ROW_FIELDS)}


def key_of(services: Services) -> bytes:
    """This centre's key of the comments' digests."""
    return comment_key(services.settings.centre_secret)


def register(services: Services, n: int = 1, at: datetime = REGISTERED) -> list[Case]:
    service = CaseService(services, clock=lambda: at)
    clerk = services.default_clerk()
    return [service.register(CaseRequest("item", ITEM, kind="notice"), clerk) for _ in range(n)]


def rate(services: Services, case: Case, level=SATISFIED, tags=(), comment="", **kw):
    kw.setdefault("now", SOON)
    channel, device = kw.pop("channel", QR), kw.pop("device", "test phone")
    return record_rating(services, case.token, level, list(tags), comment, channel, device, **kw)


def number_of(services: Services, window_id: int) -> str:
    """The number on the sign of this PC's window ``window_id``: the key of its chain."""
    window = services.accounts.window(window_id)
    assert window is not None
    return window.number


def second_window(services: Services) -> int:
    """Switch this PC to a second window: the cases registered next belong to it."""
    window = services.accounts.add_window(INSTALLER, "7", "7号综合窗口")
    services.settings.change(INSTALLER, {"window.current": window.id})
    return window.id


def behind_the_triggers(services: Services, sql: str, params: list | None = None) -> None:
    """What someone with the database file and sqlite3 could do: remove the guards, change the
    table and commit (once, the next call finds the guards gone already)."""
    store = services.store
    for name in ("ratings_no_update", "ratings_no_delete", "ratings_chain"):
        store.execute(f"DROP TRIGGER IF EXISTS {name}")
    store.execute(sql, params or [])
    store.conn.commit()


# -- recording ---------------------------------------------------------------------------------
def test_a_rating_records_its_case_and_extends_its_windows_chain(services):
    first, second = register(services, 2)
    other_window = second_window(services)
    (third,) = register(services, 1)

    one = rate(services, first, RatingLevel.VERY_SATISFIED, ["一次办成", "热情耐心"], "很好\n谢谢")
    two = rate(services, second, DISSATISFIED, ["等候时间长"], channel=PAD, device="pad 1")
    three = rate(services, third)

    assert (one.case_serial, one.item_code, one.item_name) == (
        first.serial,
        ITEM,
        "用人单位社保登记",
    )
    assert (one.window_id, one.window_number, one.window_name, one.clerk_login) == (
        first.window_id,
        number_of(services, first.window_id),
        first.window_name,
        first.clerk_login,
    )
    assert one.tags == ["一次办成", "热情耐心"] and one.comment == "很好\n谢谢"  # as typed
    assert one.at == SOON.isoformat() and one.token_id == token_id(first.token)
    # Each window its own chain: 1, 2 on the first window, 1 on the other.
    assert (one.seq, one.prev_hash) == (1, GENESIS)
    assert (two.seq, two.prev_hash) == (2, one.hash)
    assert (three.window_id, three.seq, three.prev_hash) == (other_window, 1, GENESIS)
    assert three.window_number == "7" and three.v == 3
    here = number_of(services, first.window_id)
    assert chain_head(services, here) == ChainHead(here, 2, two.hash, 2)
    assert chain_head(services, "99") == ChainHead("99", 0, GENESIS, 0)
    # The row read back is the row recorded, and its hash is its content's.
    stored = list_ratings(services)
    assert {r.hash for r in stored} == {one.hash, two.hash, three.hash}
    assert next(r for r in stored if r.seq == 2 and r.window_number == here) == two
    assert two.bad and not one.bad
    assert verify_chain(services).intact


def test_the_audit_entry_names_the_case_but_nothing_the_citizen_typed(services):
    (case,) = register(services)
    rate(services, case, DISSATISFIED, ["态度不好"], "我的电话 13912345678", device="iPhone 张三")
    entry = services.audit.entries(1)[0]
    assert (entry.actor, entry.action) == ("citizen", "rating.record")
    assert entry.detail["serial"] == case.serial and entry.detail["level"] == "dissatisfied"
    text = json.dumps(entry.detail, ensure_ascii=False)
    assert "13912345678" not in text and "张三" not in text and "态度不好" not in text


def test_the_rating_page_sees_the_case_before_and_after_it_is_rated(services):
    (case,) = register(services)
    target = rating_for_token(services, case.token, now=SOON)
    assert (target.serial, target.item_name, target.window_name) == (
        case.serial,
        "用人单位社保登记",
        case.window_name,
    )
    assert target.date == REGISTERED.date() and not target.already_rated
    assert target.rate_until == REGISTERED + timedelta(days=7)
    assert "等候时间长" in target.bad_tags and "热情耐心" in target.good_tags
    rate(services, case)
    assert rating_for_token(services, case.token, now=SOON).already_rated


def test_a_supplementary_rating_within_the_period_and_none_after_it(set_up):
    boss = set_up.accounts.authenticate("S01", "correct horse")
    clerk = set_up.accounts.authenticate("1003", "2580")
    service = CaseService(set_up, clock=lambda: REGISTERED)
    late, later = (service.register(CaseRequest("item", ITEM, kind="notice"), clerk) for _ in "ab")
    # 补充评价: six days later is still within the default 7.
    assert rate(set_up, late, now=REGISTERED + timedelta(days=6, hours=23)).seq == 1
    before = table_rows(set_up.store, *TABLES)
    eight_days = REGISTERED + timedelta(days=8)
    with pytest.raises(RatingExpired, match=re.escape("评价期限(7 天)已过")) as info:
        rate(set_up, later, now=eight_days)
    assert info.value.http_status == 410
    with pytest.raises(RatingExpired):
        rating_for_token(set_up, later.token, now=eight_days)
    assert table_rows(set_up.store, *TABLES) == before
    # The period is a supervisor's setting.
    with pytest.raises(PermissionDenied):
        set_up.settings.change(clerk, {"rating.period_days": "10"})
    set_up.settings.change(boss, {"rating.period_days": "10"})
    assert rate(set_up, later, now=eight_days).seq == 2


def test_forged_malformed_and_foreign_tokens_are_refused_and_nothing_is_written(services):
    (case,) = register(services)
    before = table_rows(services.store, *TABLES)
    forged = case.token[:-3] + ("AAA" if not case.token.endswith("AAA") else "BBB")
    ref = SerialRef.parse(case.serial)
    other_secret = issue_token("ab" * 32, ref, case.window_id, 1, REGISTERED)
    secret = services.settings.centre_secret
    unregistered = issue_token(secret, SerialRef(ref.kind, ref.year, 999), case.window_id, 1, SOON)
    wrong_window = issue_token(secret, ref, case.window_id + 1, 1, REGISTERED)
    for token, words in (
        (forged, "无效或已被篡改"),
        (other_secret, "无效或已被篡改"),
        ("not a token!", "无法识别"),
        ("", "无法识别"),
        (unregistered, "本机没有登记这件办件"),
        (wrong_window, "本机没有登记这件办件"),
    ):
        with pytest.raises(RatingTokenInvalid, match=words) as info:
            record_rating(services, token, SATISFIED, [], "", QR, "x", now=SOON)
        assert info.value.http_status == 403
        with pytest.raises(RatingTokenInvalid):
            rating_for_token(services, token, now=SOON)
    assert table_rows(services.store, *TABLES) == before


@pytest.mark.parametrize(
    ("level", "tags", "comment", "words"),
    [
        ("excellent", [], "", "请选择一个评价等级"),
        (None, [], "", "请选择一个评价等级"),
        (DISSATISFIED, ["热情"], "", "「热情」不是可选的标签"),
        (SATISFIED, ["<script>"], "", "「<script>」不是可选的标签"),
        (SATISFIED, [], "好" * 501, "评价意见太长:501 个字符,最多 500 个"),
        (SATISFIED, [], "好\x00", "评价意见含有看不见的控制字符"),
        (SATISFIED, [], "好\u202e评", "双向文本控制符"),
    ],
)
def test_bad_input_is_refused_in_chinese_and_nothing_is_written(
    services, level, tags, comment, words
):
    (case,) = register(services)
    before = table_rows(services.store, *TABLES)
    with pytest.raises(RatingInputInvalid, match=re.escape(words)) as info:
        rate(services, case, level, tags, comment)
    assert info.value.http_status == 400
    assert table_rows(services.store, *TABLES) == before


def test_a_tag_from_the_other_set_is_kept_as_the_citizen_chose_it(services):
    """The phone page shows both groups (no script narrows them): 基本满意 with 等候时间长 is
    a true answer, not an error that would lose the rating."""
    first, second = register(services, 2)
    assert rate(services, first, SATISFIED, ["等候时间长"]).tags == ["等候时间长"]
    assert rate(services, second, DISSATISFIED, ["热情耐心", "多次跑腿"]).tags == [
        "热情耐心",
        "多次跑腿",
    ]


def test_comments_are_stored_as_typed_and_the_device_never_refuses_a_rating(services):
    a, b = register(services, 2)
    typed = "<!-- 注释 --><script>alert(1)</script>\n第二行 \t 缩进"
    assert rate(services, a, comment=typed).comment == typed
    device = "Mozilla/5.0 \x00\u200b" + "x" * 300
    stored = rate(services, b, device=device).device
    assert stored.startswith("Mozilla/5.0 <U+0000><U+200B>x") and len(stored) == 100


def test_a_second_rating_of_a_case_is_refused_by_the_database(services):
    (case,) = register(services)
    rate(services, case, comment="第一次")
    before = table_rows(services.store, *TABLES)
    with pytest.raises(AlreadyRated, match="只能评价一次") as info:
        rate(services, case, RatingLevel.VERY_DISSATISFIED, comment="第二次")
    assert info.value.http_status == 409
    assert table_rows(services.store, *TABLES) == before


@pytest.mark.parametrize("shared_lock", [False, True], ids=["sqlite-lock", "shared-lock"])
def test_twenty_cases_rated_twice_at_once_give_twenty_ratings(services, db_path, shared_lock):
    """Forty threads, each with its own connection, submit at the same moment (a barrier):
    the UNIQUE constraint, not a look-up, keeps exactly one rating per case; with or without
    the write lock the rating server's threads share."""
    cases = register(services, 20)
    barrier = threading.Barrier(40)
    outcomes: list[str] = []
    lock = threading.Lock()
    write_lock = threading.Lock() if shared_lock else None

    def submit(case: Case, level: RatingLevel) -> None:
        with open_services(db_path, write_lock=write_lock) as own:
            barrier.wait()
            try:
                record_rating(own, case.token, level, [], "", QR, "race", now=SOON)
                outcome = "recorded"
            except AlreadyRated:
                outcome = "already"
        with lock:
            outcomes.append(outcome)

    threads = [
        threading.Thread(target=submit, args=(case, level))
        for case in cases
        for level in (SATISFIED, DISSATISFIED)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(outcomes) == ["already"] * 20 + ["recorded"] * 20
    rows = services.store.execute("SELECT case_serial, seq FROM ratings ORDER BY seq").fetchall()
    assert sorted(r[0] for r in rows) == sorted(c.serial for c in cases)
    assert [r[1] for r in rows] == list(range(1, 21))  # gap-free under contention
    assert verify_chain(services).intact


def test_only_the_chain_and_the_inserts_are_done_holding_the_write_lock(services):
    """Under load the write lock is what ratings queue for: the settings (one read), the
    token and the case are looked up before it is taken."""
    case = register(services)[0]
    statements: list[str] = []
    services.store.conn.set_trace_callback(statements.append)
    rate(services, case, tags=["热情耐心"])
    services.store.conn.set_trace_callback(None)
    begin = statements.index("BEGIN IMMEDIATE")
    before = [table for s in statements[:begin] for table in re.findall(r"FROM (\w+)", s)]
    assert before == ["settings", "windows", "cases"]  # the case, with its window's number
    inside = [s.split(" (")[0] for s in statements[begin + 1 :]]
    # (the trace repeats a statement for each trigger it fires: the chain's)
    assert [s for s, _ in itertools.groupby(inside)] == [
        "SELECT seq, hash FROM ratings WHERE window_number = '1' ORDER BY seq DESC LIMIT 1",
        "INSERT INTO ratings",
        "INSERT INTO audit_log",
        "COMMIT",
    ]


# -- the table guards itself -------------------------------------------------------------------
def test_ratings_cannot_be_updated_deleted_or_inserted_off_the_chain(services):
    first, second = register(services, 2)
    one = rate(services, first)
    store = services.store
    for sql in (
        "UPDATE ratings SET level = 'very_satisfied'",
        "DELETE FROM ratings",
        "UPDATE ratings SET comment = 'x' WHERE seq = 1",
    ):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            store.execute(sql)
    # A hand-written row must continue the chain: seq 3 after 1, or a wrong prev_hash, fail.
    row = store.execute("SELECT * FROM ratings").fetchone()
    columns = [d[0] for d in store.execute("SELECT * FROM ratings").description]
    values = dict(zip(columns, row)) | {"id": None, "case_serial": second.serial, "token_id": "t"}
    insert = f"INSERT INTO ratings VALUES ({', '.join('?' for _ in columns)})"
    for change in ({"seq": 3, "prev_hash": one.hash}, {"seq": 2, "prev_hash": GENESIS}):
        with pytest.raises(sqlite3.IntegrityError, match="does not continue"):
            store.execute(insert, list((values | change).values()))
    assert store.execute("SELECT count(*) FROM ratings").fetchone()[0] == 1


# -- verify ------------------------------------------------------------------------------------
def test_a_row_changed_behind_the_triggers_is_named(services):
    cases = register(services, 5)
    for case in cases:
        rate(services, case, comment="满意")
    behind_the_triggers(services, "UPDATE ratings SET level = 'very_satisfied' WHERE seq = 3")
    result = verify_chain(services)
    assert result.problem is not None and result.checked == 2
    assert (result.problem.seq, result.problem.serial) == (3, cases[2].serial)
    assert "被改动过" in result.problem.message() and cases[2].serial in result.problem.message()


def test_a_row_changed_and_rehashed_is_found_at_the_next_link(services):
    """Recomputing the changed row's own hash does not help: the next row names it."""
    cases = register(services, 3)
    ratings = [rate(services, case) for case in cases]
    changed = ratings[1]
    changed.level = RatingLevel.VERY_SATISFIED
    behind_the_triggers(
        services,
        "UPDATE ratings SET level = ?, hash = ? WHERE seq = 2",
        [changed.level.value, _hash(changed.prev_hash, changed.content(key_of(services)))],
    )
    problem = verify_chain(services).problem
    assert problem is not None and problem.seq == 3 and "上一条被删除或改动过" in problem.reason


def test_a_row_removed_from_the_middle_is_found(services):
    cases = register(services, 4)
    for case in cases:
        rate(services, case)
    behind_the_triggers(services, "DELETE FROM ratings WHERE seq = 2")
    problem = verify_chain(services).problem
    assert problem is not None and problem.seq == 2 and problem.serial == cases[2].serial
    assert "缺失" in problem.reason


def test_the_newest_rows_deleted_are_found_against_a_saved_chain_head(services):
    cases = register(services, 5)
    for case in cases:
        rate(services, case)
    saved = chain_head(services, number_of(services, cases[0].window_id))  # on yesterday's report
    behind_the_triggers(services, "DELETE FROM ratings WHERE seq >= 4")
    assert verify_chain(services).intact  # the shorter chain is consistent in itself …
    problem = verify_chain(services, heads=[saved]).problem  # … but not with its head
    assert problem is not None and (problem.window, problem.seq) == (saved.window, 4)
    assert "第 4–5 条缺失:最新的评价被删除" in problem.message()
    # The head as a report prints it (hash cut to 16) works too, and newer rows are fine.
    short = ChainHead.parse(f"{saved.window}:3:{chain_head(services, saved.window).hash[:16]}")
    assert verify_chain(services, heads=[short]).intact
    behind_the_triggers(services, "DELETE FROM ratings")
    problem = verify_chain(services, heads=[saved]).problem
    assert problem is not None and "没有这个窗口的任何评价" in problem.reason


def test_rows_replaced_by_a_rebuilt_chain_do_not_match_the_saved_head(services):
    """Someone deletes the newest row and records another in its place with a valid chain:
    the head written down before names the row."""
    first, second = register(services, 2)
    rate(services, first)
    saved = chain_head(services, number_of(services, first.window_id))
    behind_the_triggers(services, "DELETE FROM ratings")
    rate(services, second)  # seq 1 again, a consistent chain of one
    problem = verify_chain(services, heads=[saved]).problem
    assert problem is not None and problem.seq == 1 and "与保存的链头不符" in problem.reason


def test_a_head_is_parsed_or_refused_in_chinese():
    head = ChainHead.parse(" 3:128:" + "AB" * 32 + " ")
    assert (head.window, head.seq, head.hash, head.count) == ("3", 128, "ab" * 32, 128)
    assert ChainHead.parse(head.text()) == head
    assert ChainHead.parse("A3:2:" + "cd" * 8).window == "A3"  # a window numbered with a letter
    for text in ("3:128", "3:128:abc", "x?:1:" + "a" * 64, "3:-1:" + "a" * 64, ":1:" + "a" * 64):
        with pytest.raises(UserError, match="链头「.*」的写法不对"):
            ChainHead.parse(text)


# -- export ------------------------------------------------------------------------------------
def exported(services: Services, tmp_path: Path) -> Path:
    a, b, c = register(services, 3)
    rate(services, a, RatingLevel.VERY_SATISFIED, ["热情耐心"], "好\n很好")
    rate(services, b, DISSATISFIED, ["等候时间长", "多次跑腿"], "电话 13912345678")
    second_window(services)
    rate(services, register(services)[0])
    rate(services, c)
    path = tmp_path / "评价.jsonl"
    export_ratings(services, path, "cli")
    return path


def test_an_export_carries_the_heads_and_verifies(services, tmp_path):
    path = exported(services, tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    assert header["format"] == "window-assistant/ratings" and header["version"] == 3
    heads = [ChainHead(**h) for h in header["heads"]]
    assert heads == [chain_head(services, h.window) for h in heads] and len(heads) == 2
    assert [h.count for h in heads] == [3, 1] and len(lines) == 1 + 4
    assert json.loads(lines[2])["comment"] == "电话 13912345678"  # unmasked: the hash covers it
    result = verify_chain(path=path, key=key_of(services))
    assert result.intact and result.checked == 4 and result.heads == heads
    assert result.comments_checked
    assert services.audit.entries(1)[0].action == "ratings.export"
    elsewhere = verify_chain(path=path)  # another centre's PC: no key, the chain still checks
    assert elsewhere.intact and elsewhere.checked == 4 and not elsewhere.comments_checked


@pytest.mark.parametrize(
    ("tamper", "window_index", "seq", "words"),
    [
        ("drop last row", 1, 1, "链头记有 1 条,但没有这个窗口的任何评价"),
        ("drop newest of first window", 0, 3, "第 3 条缺失"),
        ("edit a comment", 0, 2, "内容与校验值不符"),
        ("edit a comment and its digest", 0, 2, "内容与校验值不符"),
        ("edit the head", 0, 3, "与保存的链头不符"),
        ("add a row past the head", 0, 3, "链头只记到第 2 条,文件却多出评价"),
    ],
)
def test_a_tampered_export_is_found(services, tmp_path, tamper, window_index, seq, words):
    path = exported(services, tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    window = header["heads"][window_index]["window"]
    rows = [json.loads(line) for line in lines[1:]]
    if tamper == "drop last row":
        rows = rows[:-1]
    elif tamper == "drop newest of first window":
        rows = [r for r in rows if not (r["window_number"] == window and r["seq"] == 3)]
    elif tamper == "edit a comment":
        rows[1]["comment"] = "电话 13900000000"
    elif tamper == "edit a comment and its digest":  # a digest anyone could compute: unkeyed
        rows[1]["comment"] = "态度很好"
        rows[1]["comment_digest"] = hashlib.sha256("态度很好".encode()).hexdigest()
    elif tamper == "edit the head":
        header["heads"][0]["hash"] = "f" * 64
    else:
        header["heads"][0] = {"window": window, "seq": 2, "hash": rows[1]["hash"], "count": 2}
    path.write_text(
        "\n".join(json.dumps(x, ensure_ascii=False) for x in [header, *rows]) + "\n",
        encoding="utf-8",
    )
    problem = verify_chain(path=path, key=key_of(services)).problem
    assert problem is not None, tamper
    assert (problem.window, problem.seq) == (window, seq)
    assert words in problem.message()


def test_a_file_that_is_not_an_export_is_refused_in_chinese(tmp_path):
    for content, words in (
        ("hello\n", "不是窗口助手导出的评价记录"),
        ('{"format": "window-assistant/ratings", "version": 9, "heads": []}\n', "格式版本 9"),
        ('{"format": "window-assistant/ratings", "version": 2, "heads": []}\n{"x"\n', "第 2 行"),
    ):
        path = tmp_path / "x.jsonl"
        path.write_text(content, encoding="utf-8")
        with pytest.raises(UserError, match=re.escape(words)):
            verify_chain(path=path)
    path.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(UserError, match="不是 UTF-8"):
        verify_chain(path=path)


# -- lists and settings ------------------------------------------------------------------------
def test_lists_mask_phone_and_id_numbers_in_comments(services):
    (case,) = register(services)
    rate(services, case, comment="电话13912345678,身份证210302198503121234,编号 2026")
    (row,) = list_ratings(services)
    assert row.comment == "电话139****5678,身份证2103**********1234,编号 2026"
    masked = mask_numbers("座机 0412-8888123,手机 138 1234 5678,护照 E12345678")
    assert "8888" not in masked and "1234 5678" not in masked and "345" not in masked
    assert masked.count("8123") == 1 and masked.count("5678") == 2


def test_lists_filter_by_date_and_window(services):
    a, b = register(services, 2)
    rate(services, a, now=SOON)
    rate(services, b, now=SOON + timedelta(days=2))
    day = SOON.date()
    assert [r.case_serial for r in list_ratings(services, day, day)] == [a.serial]
    later = day + timedelta(days=1)
    assert [r.case_serial for r in list_ratings(services, date_from=later)] == [b.serial]
    assert [r.case_serial for r in list_ratings(services)] == [b.serial, a.serial]  # newest first
    assert list_ratings(services, window="99") == []
    assert len(list_ratings(services, window=number_of(services, a.window_id))) == 2


def test_a_supervisor_edits_the_tag_sets_and_ratings_use_the_new_ones(set_up):
    boss = set_up.accounts.authenticate("S01", "correct horse")
    clerk = set_up.accounts.authenticate("1003", "2580")
    with pytest.raises(PermissionDenied):
        set_up.settings.change(clerk, {"rating.bad_tags": "态度不好"})
    for typed, words in (
        ("态度不好、态度不好", "「态度不好」重复了"),
        ("、".join(f"标签{n}" for n in range(13)), "最多 12 个"),
        ("一个非常非常非常长的标签文字", "太长"),
        ("态度\u200b不好", "零宽空格"),
    ):
        with pytest.raises(UserError, match=re.escape(words)):
            set_up.settings.change(boss, {"rating.bad_tags": typed})
    set_up.settings.change(boss, {"rating.bad_tags": "态度不好, 办理太慢;没有一次说清"})
    assert set_up.settings.rating_bad_tags == ("态度不好", "办理太慢", "没有一次说清")
    entry = set_up.audit.entries(1)[0]
    assert entry.detail["key"] == "rating.bad_tags" and entry.detail["new"][1] == "办理太慢"
    case = CaseService(set_up, clock=lambda: REGISTERED).register(
        CaseRequest("item", ITEM, kind="notice"), clerk
    )
    with pytest.raises(RatingInputInvalid, match="等候时间长"):
        rate(set_up, case, DISSATISFIED, ["等候时间长"])
    assert rate(set_up, case, DISSATISFIED, ["办理太慢", "办理太慢"]).tags == ["办理太慢"]


# -- nothing else writes a rating --------------------------------------------------------------
ROOT = Path(__file__).resolve().parents[2]
THE_WRITER = ROOT / "window_assistant" / "ratings" / "log.py"
THE_MERGE = ROOT / "window_assistant" / "ratings" / "merge.py"
# SQL that writes to the table, and sqlite-utils' table helpers naming it.
_WRITES = re.compile(
    r"\b(?:INSERT|REPLACE)\s+(?:OR\s+\w+\s+)?INTO\s+[\"'`\[]?ratings\b"
    r"|\bUPDATE\s+(?:OR\s+\w+\s+)?[\"'`\[]?ratings\b|\bDELETE\s+FROM\s+[\"'`\[]?ratings\b"
    r"|\[\s*[\"']ratings[\"']\s*\]|\btable\(\s*[\"']ratings[\"']",
    re.IGNORECASE,
)


def rating_writers(files: list[Path]) -> dict[str, list[str]]:
    """File → the lines in it that write to the ratings table."""
    found: dict[str, list[str]] = {}
    for path in files:
        text = path.read_text(encoding="utf-8")
        hits = [m.group() for m in _WRITES.finditer(text)]
        if hits:
            found[str(path)] = hits
    return found


def sources() -> list[Path]:
    folders = [ROOT / "window_assistant", ROOT / "ui"]
    return [p for f in folders for p in f.rglob("*.py")] + [ROOT / "main.py"]


def test_only_the_log_inserts_ratings_and_nothing_updates_or_deletes_them():
    """The log records a citizen's rating; a merge copies rows recorded on another window's PC
    as they are. Each only inserts; nothing else writes to the table."""
    files = [p for p in sources() if p not in (THE_WRITER, THE_MERGE)]
    assert rating_writers(files) == {}
    for writer in (THE_WRITER, THE_MERGE):
        writes = rating_writers([writer])
        assert [w.split()[0].upper() for hits in writes.values() for w in hits] == ["INSERT"]


@pytest.mark.parametrize(
    "line",
    [
        'conn.execute("INSERT INTO ratings (seq) VALUES (1)")',
        "store.execute('insert or replace into \"ratings\" values (?)', row)",
        'db.execute("UPDATE ratings SET level = ?", [level])',
        'db.execute("DELETE FROM ratings WHERE seq = 3")',
        'db["ratings"].insert(row)',
        "db.table('ratings').upsert(row)",
    ],
)
def test_the_check_finds_a_write_hidden_anywhere(tmp_path, line):
    offender = tmp_path / "window_assistant" / "ui_helper.py"
    offender.parent.mkdir()
    offender.write_text(f"def sneak(db, row, level):\n    {line}\n", encoding="utf-8")
    assert list(rating_writers([offender]).values()) == [[_WRITES.search(line).group()]]


def test_the_chain_covers_a_comment_through_its_keyed_digest_so_a_masked_copy_verifies(services):
    """The comment enters the chain as HMAC-SHA256 under the centre's key: a copy with the
    comment masked still verifies when it carries the digest, a changed digest does not, and a
    plain SHA-256 (which would give a masked phone's hidden digits back) is not what is hashed."""
    from window_assistant.ratings.log import _SELECT, CommentDigest, _walk, comment_digest

    (case,) = register(services)
    rate(services, case, comment="请回电 13912345678")
    (row,) = services.store.execute(f"{_SELECT} ORDER BY window_number, seq").fetchall()
    comment, key = CONTENT_FIELDS_INDEX["comment"], key_of(services)
    assert _walk([row], {}, exact=False, key=key).intact
    masked = list(row)
    masked[comment] = CommentDigest(comment_digest(row[comment], key))
    assert _walk([tuple(masked)], {}, exact=False).intact  # no key needed with the digest
    plain = list(row)
    plain[comment] = CommentDigest(hashlib.sha256(row[comment].encode()).hexdigest())
    assert not _walk([tuple(plain)], {}, exact=False).intact
    forged = list(row)
    forged[comment] = CommentDigest(comment_digest("态度很好", key))
    assert "被改动过" in _walk([tuple(forged)], {}, exact=False).problem.reason
    other_centre = comment_key("ab" * 32)
    assert not _walk([row], {}, exact=False, key=other_centre).intact
