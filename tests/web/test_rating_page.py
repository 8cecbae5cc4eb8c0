"""The rating page over real HTTP: what a phone sees, what it may submit, every refusal with its
status and a Chinese page, and everything echoed escaped."""

from __future__ import annotations

import logging
import re
import sqlite3
import threading
from datetime import datetime, timedelta

import pytest

from tests.web.cases import rated_serials, register_cases
from tests.web.http import post_form, request
from tests.web.test_server import assert_strict_headers
from window_assistant.cases.tokens import SerialRef, issue_token
from window_assistant.vocab import RatingChannel, RatingLevel

HOSTILE = '</textarea><script>alert("x")</script><!-- 13812341234'


@pytest.fixture
def case(services):
    return register_cases(services, 1)[0]


def stored(services) -> list[sqlite3.Row]:
    return services.store.execute(
        "SELECT case_serial, level, channel, tags, comment, device FROM ratings"
    ).fetchall()


def test_get_shows_the_case_and_five_levels_none_chosen_no_script(services, port, case):
    answer = request(port, "GET", f"/r/{case.token}")
    assert answer.status == 200
    assert_strict_headers(answer)
    page = answer.text
    assert case.window_name in page
    assert services.catalog.item(case.subject_code).name in page
    assert f"{datetime.now():%Y年%m月%d日}" in page
    levels = re.findall(r'<input type="radio" name="level" value="(\d)"[^>]*>([^<]+)<', page)
    assert levels == [
        ("5", "非常满意"),
        ("4", "满意"),
        ("3", "基本满意"),
        ("2", "不满意"),
        ("1", "非常不满意"),
    ]
    assert "checked" not in page  # nothing preselected
    assert "<script" not in page.lower() and " on" not in page.lower().replace("\n", " ")
    assert 'name="tags" value="态度不好"' in page and 'name="tags" value="热情耐心"' in page
    assert '<link rel="stylesheet" href="/static/rating.css">' in page and "style=" not in page


@pytest.mark.parametrize(
    ("form_level", "level"),
    [
        ("5", RatingLevel.VERY_SATISFIED),
        ("3", RatingLevel.BASICALLY_SATISFIED),
        ("1", RatingLevel.VERY_DISSATISFIED),
    ],
)
def test_post_records_the_rating_maps_the_level_and_thanks(services, port, case, form_level, level):
    answer = post_form(port, f"/r/{case.token}", [("level", form_level), ("comment", "很好")])
    assert answer.status == 200, answer.text
    assert "感谢" in answer.text and level.label in answer.text
    assert_strict_headers(answer)
    [row] = stored(services)
    assert row[0] == case.serial
    assert RatingLevel.of(row[1]) == level
    assert RatingChannel.of(row[2]) == RatingChannel.QR_CODE
    assert row[4] == "很好"
    assert row[5] == "127.0.0.1"


def test_a_rated_case_answers_409_politely_to_get_and_post(services, port, case):
    assert post_form(port, f"/r/{case.token}", [("level", "4")]).status == 200
    for answer in (
        request(port, "GET", f"/r/{case.token}"),
        post_form(port, f"/r/{case.token}", [("level", "1")]),
    ):
        assert answer.status == 409
        assert "已经评价过" in answer.text and "感谢" in answer.text
        assert_strict_headers(answer)
    assert [RatingLevel.of(r[1]) for r in stored(services)] == [RatingLevel.SATISFIED]


def test_hostile_comment_is_stored_as_typed_and_echoed_escaped(services, port, case):
    fields = [("level", "2"), ("tags", "等候时间长"), ("comment", HOSTILE)]
    answer = post_form(port, f"/r/{case.token}", fields)
    assert answer.status == 200, answer.text
    assert "<script>" not in answer.text and "<!--" not in answer.text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;!--" in answer.text
    assert "等候时间长" in answer.text
    assert stored(services)[0][4] == HOSTILE


def test_forged_and_malformed_tokens_are_403(services, port, case):
    ref = SerialRef.parse(case.serial)
    forged = issue_token(bytes(32), ref, case.window_id, 1, datetime.now())
    for token in (forged, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", case.token[:-2]):
        for answer in (
            request(port, "GET", f"/r/{token}"),
            post_form(port, f"/r/{token}", [("level", "5")]),
        ):
            assert answer.status == 403, token
            assert "无效" in answer.text
            assert_strict_headers(answer)
    assert stored(services) == []


def test_expired_token_is_410(services, port):
    ten_days_ago = datetime.now().replace(microsecond=0) - timedelta(days=10)
    [old] = register_cases(services, 1, clock=lambda: ten_days_ago)
    for answer in (
        request(port, "GET", f"/r/{old.token}"),
        post_form(port, f"/r/{old.token}", [("level", "5")]),
    ):
        assert answer.status == 410
        assert "期限已过" in answer.text
        assert_strict_headers(answer)
    assert stored(services) == []


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        ([], "请选择一个评价等级"),
        ([("level", "0")], "1 到 5"),
        ([("level", "6")], "1 到 5"),
        ([("level", "五")], "1 到 5"),
        ([("level", "5"), ("level", "1")], "1 到 5"),
        ([("level", "5"), ("tags", "<b>不存在的标签</b>")], "&lt;b&gt;不存在的标签&lt;/b&gt;"),
        ([("level", "5"), ("comment", "a"), ("comment", "b")], "意见只能填写一处"),
    ],
)
def test_bad_level_or_tag_is_400_and_records_nothing(services, port, case, fields, said):
    answer = post_form(port, f"/r/{case.token}", fields)
    assert answer.status == 400
    assert said in answer.text and "<b>" not in answer.text
    assert_strict_headers(answer)
    assert stored(services) == []
    assert post_form(port, f"/r/{case.token}", [("level", "5")]).status == 200  # still open


def test_a_form_that_is_not_urlencoded_utf8_is_400(services, port, case):
    path = f"/r/{case.token}"
    multipart = {"Content-Type": "multipart/form-data; boundary=x"}
    assert request(port, "POST", path, b"--x--", multipart).status == 400
    latin = {"Content-Type": "application/x-www-form-urlencoded"}
    assert request(port, "POST", path, b"level=5&comment=\xff\xfe", latin).status == 400
    assert stored(services) == []


def test_twenty_cases_each_submitted_twice_at_once_give_twenty_ratings(services, port):
    cases = register_cases(services, 20)
    start = threading.Barrier(40)
    statuses: list[int] = []

    def submit(token: str, level: str) -> None:
        start.wait()
        statuses.append(post_form(port, f"/r/{token}", [("level", level)]).status)

    threads = [
        threading.Thread(target=submit, args=(c.token, level)) for c in cases for level in "51"
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [200] * 20 + [409] * 20
    assert rated_serials(services) == sorted(c.serial for c in cases)


def test_an_unexpected_fault_is_a_chinese_500_and_the_log_has_no_personal_data(
    services, port, case, caplog
):
    # A real fault behind the server's back: the ratings table is gone (triggers guard rows).
    services.store.execute("DROP TABLE ratings")
    with caplog.at_level(logging.ERROR, logger="window_assistant.web"):
        answer = post_form(port, f"/r/{case.token}", [("level", "5"), ("comment", HOSTILE)])
    assert answer.status == 500
    assert "评价服务暂时出现问题" in answer.text
    assert "Traceback" not in answer.text and "sqlite" not in answer.text.lower()
    assert_strict_headers(answer)
    logged = caplog.text
    assert "OperationalError" in logged or "Error" in logged
    assert "13812341234" not in logged and "script" not in logged
