"""The counter's tablet over real HTTP (issue 9 §3): an unpaired device is refused and records
nothing, pairing by the clerk's code sets a key cookie for its window only, the paired tablet
idles, shows the invited case within two seconds without script (a held request) and records the
press on channel 4 under its own name; waiting tablets never take the phones' threads."""

from __future__ import annotations

import re
import threading
import time
from urllib.parse import urlencode

import pytest

from tests.web.cases import register_cases
from tests.web.http import Answer, request
from tests.web.test_rating_page import HOSTILE, stored
from tests.web.test_server import assert_strict_headers
from window_assistant.accounts import INSTALLER
from window_assistant.ratings.pads import PAIRING_ATTEMPTS, invite, start_pairing
from window_assistant.vocab import RatingChannel, RatingLevel
from window_assistant.web.app import MAX_BODY, RateLimiter
from window_assistant.web.pad import BUSY_AGAIN, COOKIE, DONE_AGAIN, IDLE_AGAIN, MAX_HELD

TABLET = "3号窗口平板"


def get(port: int, path: str, key: str | None = None, timeout: float = 30) -> Answer:
    headers = {"Cookie": f"{COOKIE}={key}"} if key else {}
    return request(port, "GET", path, headers=headers, timeout=timeout)


def post(port: int, path: str, fields: list[tuple[str, str]], key: str | None = None) -> Answer:
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if key:
        headers["Cookie"] = f"{COOKIE}={key}"
    return request(port, "POST", path, urlencode(fields).encode("utf-8"), headers)


def code_for(services, window_id: int = 1) -> str:
    return start_pairing(services, services.default_clerk(), window_id).code


def pair(services, port: int, window_id: int = 1, name: str = TABLET) -> str:
    """Pair a tablet the way a tablet does; its key from the cookie it was given."""
    answer = post(
        port, f"/pad/{window_id}/pair", [("code", code_for(services, window_id)), ("name", name)]
    )
    assert answer.status == 303, answer.text
    match = re.match(rf"{COOKIE}=([A-Za-z0-9_-]+);", answer.headers["set-cookie"])
    assert match is not None
    return match.group(1)


def add_window(services, number: int) -> int:
    return services.accounts.add_window(INSTALLER, str(number), f"{number}号综合窗口").id


def invite_case(services, case, window_id: int = 1) -> int:
    return invite(services, services.default_clerk(), case.serial, window_id).version


def refresh(answer: Answer) -> tuple[int, str]:
    seconds, url = answer.headers["refresh"].split("; url=")
    return int(seconds), url


@pytest.fixture
def case(services):
    return register_cases(services, 1)[0]


def test_an_unpaired_device_gets_the_pairing_page_and_records_nothing(services, port, case):
    version = invite_case(services, case)
    for key in (None, "A" * 43, "not a key; wa_pad=<script>"):
        answer = get(port, "/pad/1", key)
        assert answer.status == 403
        assert_strict_headers(answer)
        assert "还没有与窗口配对" in answer.text and "评价器配对" in answer.text
        assert 'action="/pad/1/pair"' in answer.text and 'name="code"' in answer.text
        assert case.serial not in answer.text and "set-cookie" not in answer.headers
    fields = [("version", str(version)), ("level", "5")]
    assert post(port, "/pad/1", fields).status == 403
    assert post(port, "/pad/1", fields, "A" * 43).status == 403
    assert stored(services) == []


def test_pairing_with_a_wrong_code_then_the_right_one_sets_the_key_cookie(services, port):
    code = code_for(services)
    wrong = "000000" if code != "000000" else "111111"
    answer = post(port, "/pad/1/pair", [("code", wrong), ("name", TABLET)])
    assert answer.status == 403
    assert f"配对码不正确,还可以再试 {PAIRING_ATTEMPTS - 1} 次" in answer.text
    assert 'name="code"' in answer.text and "set-cookie" not in answer.headers
    assert_strict_headers(answer)
    malformed = post(port, "/pad/1/pair", [("code", "12ab"), ("name", TABLET)])
    assert malformed.status == 400 and "6 位数字" in malformed.text  # not counted as a try
    answer = post(port, "/pad/1/pair", [("code", code), ("name", TABLET)])
    assert answer.status == 303
    assert answer.headers["location"] == "/pad/1"
    assert_strict_headers(answer)
    cookie = [part.strip() for part in answer.headers["set-cookie"].split(";")]
    assert cookie[0].startswith(f"{COOKIE}=") and len(cookie[0]) > 40
    attributes = {a.split("=")[0].lower(): a.partition("=")[2] for a in cookie[1:]}
    assert attributes["path"] == "/pad/1" and attributes["samesite"] == "Strict"
    assert "httponly" in attributes and int(attributes["max-age"]) >= 365 * 24 * 3600
    key = cookie[0].partition("=")[2]
    idle = get(port, "/pad/1", key)
    assert idle.status == 200
    assert services.settings.centre_name in idle.text
    assert services.accounts.window(1).label in idle.text and TABLET in idle.text
    assert idle.headers["set-cookie"].startswith(f"{COOKIE}={key};")  # renewed on each page


def test_an_expired_or_used_code_is_refused_with_the_form(services, port):
    code = code_for(services)
    pair_answer = post(port, "/pad/1/pair", [("code", code), ("name", "")])
    assert pair_answer.status == 303
    again = post(port, "/pad/1/pair", [("code", code), ("name", "另一台")])
    assert again.status == 403 and "没有待用的配对码" in again.text and 'name="code"' in again.text


def test_a_key_works_for_its_own_window_and_only_until_a_new_tablet_is_paired(services, port):
    second = add_window(services, 7)
    key = pair(services, port)
    assert get(port, "/pad/1", key).status == 200
    refused = get(port, f"/pad/{second}", key)
    assert refused.status == 403 and "还没有与窗口配对" in refused.text
    replacement = pair(services, port, name="新平板")
    assert get(port, "/pad/1", replacement).status == 200
    lost = get(port, "/pad/1", key)
    assert lost.status == 403 and "还没有与窗口配对" in lost.text


@pytest.mark.parametrize("path", ["/pad/999", "/pad/0", "/pad/abc", "/pad/1/other", "/pad/"])
def test_an_unknown_window_or_pad_path_is_404(services, port, path):
    answer = get(port, path)
    assert answer.status == 404
    assert_strict_headers(answer)


def test_only_the_pad_methods_are_allowed(services, port):
    assert request(port, "PUT", "/pad/1").headers["allow"] == "GET, HEAD, POST"
    answer = get(port, "/pad/1/pair")
    assert answer.status == 405 and answer.headers["allow"] == "POST"


def test_idle_then_invited_then_a_press_is_a_channel_4_rating_under_the_tablets_name(
    services, port, case
):
    key = pair(services, port)
    idle = get(port, "/pad/1", key)
    assert idle.status == 200 and case.serial not in idle.text
    assert refresh(idle) == (IDLE_AGAIN, "/pad/1?after=0")
    assert "<script" not in idle.text.lower() and "满意" not in idle.text  # nothing steering
    version = invite_case(services, case)
    shown = get(port, "/pad/1", key)
    assert shown.status == 200
    assert_strict_headers(shown)
    page = shown.text
    assert services.catalog.item(case.subject_code).name in page and case.window_name in page
    levels = re.findall(r'<input type="radio" name="level" value="(\d)"[^>]*>([^<]+)<', page)
    assert [n for n, _ in levels] == ["5", "4", "3", "2", "1"] and levels[0][1] == "非常满意"
    assert "checked" not in page and "<script" not in page.lower()
    assert 'name="tags" value="态度不好"' in page and 'name="tags" value="热情耐心"' in page
    assert f'<input type="hidden" name="version" value="{version}">' in page
    assert 'action="/pad/1"' in page and case.token not in page
    seconds, url = refresh(shown)
    assert 30 <= seconds <= 10 * 60 and url == "/pad/1"  # slowly: the citizen is choosing
    fields = [("version", str(version)), ("level", "2"), ("tags", "等候时间长"), ("comment", "慢")]
    thanks = post(port, "/pad/1", fields, key)
    assert thanks.status == 200, thanks.text
    assert "感谢" in thanks.text and RatingLevel.DISSATISFIED.label in thanks.text
    assert refresh(thanks) == (DONE_AGAIN, "/pad/1")
    [row] = stored(services)
    assert row[0] == case.serial and RatingLevel.of(row[1]) == RatingLevel.DISSATISFIED
    assert RatingChannel.of(row[2]) == RatingChannel.PAD
    assert row[4] == "慢" and row[5] == TABLET
    back = get(port, "/pad/1", key)
    assert back.status == 200 and case.serial not in back.text
    assert refresh(back)[1] == f"/pad/1?after={version}"


def test_a_waiting_tablet_shows_the_invitation_within_two_seconds(services, port, case):
    key = pair(services, port)
    answers: list[tuple[float, Answer]] = []

    def wait() -> None:
        answer = get(port, "/pad/1?after=0", key)
        answers.append((time.monotonic(), answer))

    waiting = threading.Thread(target=wait)
    waiting.start()
    time.sleep(0.6)
    assert answers == []  # held: nothing new to show yet
    invited_at = time.monotonic()
    invite_case(services, case)
    waiting.join(timeout=5)
    [(answered_at, answer)] = answers
    assert answered_at - invited_at < 2
    assert answer.status == 200 and 'name="level"' in answer.text


def test_a_press_on_a_stale_screen_is_409_and_goes_back_to_idle(services, port):
    first, second = register_cases(services, 2)
    key = pair(services, port)
    old = invite_case(services, first)
    new = invite_case(services, second)
    answer = post(port, "/pad/1", [("version", str(old)), ("level", "5")], key)
    assert answer.status == 409
    assert "请等待工作人员邀请您评价" in answer.text and "本次评价已结束" in answer.text
    assert refresh(answer) == (DONE_AGAIN, "/pad/1")
    assert_strict_headers(answer)
    assert stored(services) == []
    assert post(port, "/pad/1", [("version", str(new)), ("level", "5")], key).status == 200
    assert [r[0] for r in stored(services)] == [second.serial]


@pytest.mark.parametrize(
    ("fields", "status", "said"),
    [
        ([("level", "5")], 400, "格式不对"),
        ([("version", "x"), ("level", "5")], 400, "格式不对"),
        ([("version", "{v}")], 400, "请选择一个评价等级"),
        ([("version", "{v}"), ("level", "5"), ("tags", "<b>x</b>")], 400, "&lt;b&gt;x&lt;/b&gt;"),
        ([("version", "{v}"), ("level", "5"), ("comment", "x" * MAX_BODY)], 413, "内容太长"),
    ],
)
def test_a_bad_press_is_refused_and_records_nothing(services, port, case, fields, status, said):
    key = pair(services, port)
    version = str(invite_case(services, case))
    answer = post(port, "/pad/1", [(k, v.format(v=version)) for k, v in fields], key)
    assert answer.status == status
    assert said in answer.text and "<b>" not in answer.text
    assert_strict_headers(answer)
    assert stored(services) == []


def test_a_script_in_the_device_name_or_comment_comes_back_escaped(services, port, case):
    name = "<script>alert(1)</script>"
    key = pair(services, port, name=name)
    idle = get(port, "/pad/1", key)
    assert "<script>" not in idle.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in idle.text
    version = invite_case(services, case)
    answer = post(
        port, "/pad/1", [("version", str(version)), ("level", "4"), ("comment", HOSTILE)], key
    )
    assert answer.status == 200
    assert "<script>" not in answer.text and "<!--" not in answer.text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;!--" in answer.text
    assert stored(services)[0][4:] == (HOSTILE, name)


def test_a_control_character_in_the_device_name_is_shown_not_obeyed(services, port):
    key = pair(services, port, name="平板\x07\u202e")
    assert "平板&lt;U+0007&gt;&lt;U+202E&gt;" in get(port, "/pad/1", key).text


def test_with_every_holding_place_taken_phones_and_other_pads_are_answered_at_once(
    services, server, port, case
):
    windows = [1] + [add_window(services, 10 + n) for n in range(MAX_HELD)]
    keys = {w: pair(services, port, w) for w in windows}
    held: list[float] = []

    def wait(window_id: int) -> None:
        answer = get(port, f"/pad/{window_id}?after=0", keys[window_id])
        assert answer.status == 200
        held.append(time.monotonic())

    waiting = [threading.Thread(target=wait, args=(w,)) for w in windows[:MAX_HELD]]
    for t in waiting:
        t.start()
    time.sleep(0.6)
    assert held == []
    started = time.monotonic()
    extra = get(port, f"/pad/{windows[-1]}?after=0", keys[windows[-1]])
    assert extra.status == 200 and refresh(extra)[0] == BUSY_AGAIN
    phone = request(port, "GET", f"/r/{case.token}")
    assert phone.status == 200 and 'name="level"' in phone.text
    assert time.monotonic() - started < 1.5
    stopping = time.monotonic()
    server.stop()  # wakes the held requests: stopping does not wait out their 20 s
    for t in waiting:
        t.join(timeout=10)
    assert len(held) == MAX_HELD and max(held) - stopping < 3


def test_a_reloaded_tablet_releases_its_older_held_request(services, port):
    key = pair(services, port)
    released: list[float] = []
    older = threading.Thread(
        target=lambda: released.append(get(port, "/pad/1?after=0", key).status)
    )
    older.start()
    time.sleep(0.5)
    newer = threading.Thread(target=lambda: get(port, "/pad/1?after=0", key, timeout=30))
    newer.daemon = True  # held until the server stops
    newer.start()
    older.join(timeout=3)
    assert released == [200]


def test_a_polling_tablet_stays_under_the_rate_limiter():
    """The fastest a tablet asks (each page and its style sheet, no request held) for an hour."""
    limiter = RateLimiter()
    every = min(IDLE_AGAIN, BUSY_AGAIN)
    assert all(
        limiter.allow("tablet", now=t * every) and limiter.allow("tablet", now=t * every)
        for t in range(3600 // every)
    )


def test_a_press_on_the_tablet_is_told_to_the_window_like_a_phones(services, db_path, case):
    from window_assistant.web.server import RatingServer

    told = []
    with RatingServer(db_path, "127.0.0.1", 0, on_recorded=told.append) as server:
        port = server.address[1]
        key = pair(services, port)
        version = invite_case(services, case)
        answer = post(port, "/pad/1", [("version", str(version)), ("level", "4")], key)
        assert answer.status == 200
    assert [(r.case_serial, r.channel) for r in told] == [(case.serial, RatingChannel.PAD)]


def test_a_tablet_slowed_down_comes_back_by_itself(services, db_path):
    """A 429 (or a 500) carries a Refresh back to the pad: a tablet has nobody to reload it."""
    from window_assistant.web.server import RatingServer

    tight = RateLimiter(burst=1, per_second=0.001)
    with RatingServer(db_path, "127.0.0.1", 0, limiter=tight) as server:
        port = server.address[1]
        assert get(port, "/pad/1").status == 403  # the first request is allowed
        slowed = get(port, "/pad/1")
        assert slowed.status == 429
        seconds, url = refresh(slowed)
        assert url == "/pad/1" and seconds >= 10
        phone = get(port, "/r/whatever")
        assert phone.status == 429 and "refresh" not in phone.headers


def test_the_code_may_be_typed_with_the_space_the_clerks_screen_shows(services, port):
    code = code_for(services)
    answer = post(port, "/pad/1/pair", [("code", f"{code[:3]} {code[3:]}"), ("name", TABLET)])
    assert answer.status == 303
