"""Rating tokens: a QR code a phone can read, that nobody can forge, alter or reuse forever."""

from __future__ import annotations

import base64
import secrets
from datetime import datetime, timedelta, timezone

import pytest
import qrcode
import zxingcpp

from window_assistant.cases.tokens import (
    SerialRef,
    TokenError,
    issue_token,
    parse_scanned,
    rating_url,
    token_id,
    verify_token,
)
from window_assistant.errors import UserError

SECRET = "5f" * 32  # the shape of centre.secret: 32 bytes in hex
ISSUED = datetime(2026, 5, 12, 9, 30, 15)
SERIAL = SerialRef("告", 2026, 123)
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


@pytest.fixture
def token() -> str:
    return issue_token(SECRET, SERIAL, window_id=3, clerk_id=12, issued_at=ISSUED)


def test_a_token_gives_back_the_case_window_clerk_and_time(token):
    claims = verify_token(SECRET, token, now=ISSUED + timedelta(hours=2))
    assert claims.serial == SERIAL
    assert claims.serial.text("铁西政服") == "铁西政服告〔2026〕123号"  # GB/T 9704 §7.2.5
    assert (claims.window_id, claims.clerk_id, claims.issued_at) == (3, 12, ISSUED)
    assert claims.token_id == token_id(token)


def test_large_values_survive_the_round_trip():
    serial = SerialRef("跨", 2255, 2**32 - 1)
    token = issue_token(bytes(range(32)), serial, 2**32 - 1, 0, ISSUED)
    claims = verify_token(bytes(range(32)), token, ISSUED)
    assert (claims.serial, claims.window_id, claims.clerk_id) == (serial, 2**32 - 1, 0)


def test_the_hex_setting_and_its_bytes_sign_alike(token):
    assert issue_token(bytes.fromhex(SECRET), SERIAL, 3, 12, ISSUED) == token


def test_a_printed_serial_parses_to_its_compact_form():
    assert SerialRef.parse("铁西政服告〔2026〕000123号") == SERIAL
    assert SerialRef.parse("铁西政服补〔2027〕1号") == SerialRef("补", 2027, 1)
    with pytest.raises(UserError):
        SerialRef.parse("铁西政服告[2026]000123号")


def test_every_changed_character_is_rejected(token):
    tried = 0
    for i, original in enumerate(token):
        for char in ALPHABET:
            if char == original:
                continue
            with pytest.raises(TokenError):
                verify_token(SECRET, token[:i] + char + token[i + 1 :], ISSUED)
            tried += 1
    assert tried == len(token) * 63


def test_every_flipped_bit_is_rejected_as_tampering(token):
    raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    for i in range(len(raw)):
        for bit in range(8):
            forged = bytearray(raw)
            forged[i] ^= 1 << bit
            text = base64.urlsafe_b64encode(bytes(forged)).rstrip(b"=").decode()
            with pytest.raises(TokenError, match="评价码无效或已被篡改"):
                verify_token(SECRET, text, ISSUED)


def test_cut_or_extended_tokens_are_rejected(token):
    for bad in (token[:-1], token[:-4], token[1:], token + "A", token + "AAAA", "", "A" * 12):
        with pytest.raises(TokenError):
            verify_token(SECRET, bad, ISSUED)


def test_another_centres_token_is_rejected(token):
    other = secrets.token_hex(32)
    with pytest.raises(TokenError) as info:
        verify_token(other, token, ISSUED)
    assert info.value.message == "评价码无效或已被篡改。"
    forged = issue_token(other, SERIAL, 3, 12, ISSUED)
    with pytest.raises(TokenError, match="已被篡改"):
        verify_token(SECRET, forged, ISSUED)


def test_expiry_is_exactly_the_configured_days(token):
    assert verify_token(SECRET, token, ISSUED + timedelta(days=7), max_age_days=7)
    with pytest.raises(TokenError) as info:
        verify_token(SECRET, token, ISSUED + timedelta(days=7, seconds=1), max_age_days=7)
    assert info.value.message == "评价码已过期(有效期 7 天)。"
    with pytest.raises(TokenError, match="有效期 3 天"):
        verify_token(SECRET, token, ISSUED + timedelta(days=4), max_age_days=3)


def test_a_token_from_the_future_is_refused_beyond_clock_skew(token):
    assert verify_token(SECRET, token, ISSUED - timedelta(minutes=4))
    with pytest.raises(TokenError, match="签发时间晚于当前时间"):
        verify_token(SECRET, token, ISSUED - timedelta(hours=1))


def test_an_aware_now_is_compared_on_the_same_clock(token):
    now = (ISSUED + timedelta(days=6)).astimezone(timezone.utc)
    assert verify_token(SECRET, token, now).issued_at == ISSUED


def test_without_a_centre_secret_nothing_is_signed():
    for secret in ("", "zz" * 32, "ab" * 8 + "c"):
        with pytest.raises(UserError, match="密钥"):
            issue_token(secret, SERIAL, 1, 1, ISSUED)


def test_token_ids_are_stable_and_distinct(token):
    again = issue_token(SECRET, SERIAL, 3, 12, ISSUED)
    other = issue_token(SECRET, SerialRef("告", 2026, 124), 3, 12, ISSUED)
    assert token_id(token) == token_id(again) != token_id(other)


def realistic_url() -> str:
    token = issue_token(SECRET, SerialRef("告", 2026, 999_999), 99, 9_999, ISSUED)
    return rating_url("192.168.100.200", 65535, token)


def test_the_url_is_short():
    url = realistic_url()
    assert url.startswith("http://192.168.100.200:65535/r/")
    assert len(url) <= 80


def test_the_qr_code_is_small_and_a_scanner_reads_back_the_url():
    url = realistic_url()
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=4, border=4)
    qr.add_data(url)
    qr.make(fit=True)
    assert qr.version <= 5
    image = qr.make_image().get_image().convert("L")
    results = zxingcpp.read_barcodes(image)
    assert [r.text for r in results] == [url]
    token = parse_scanned(results[0].text)
    assert verify_token(SECRET, token, ISSUED).serial == SerialRef("告", 2026, 999_999)


def test_ipv6_hosts_are_bracketed():
    assert rating_url("fe80::1", 8765, "abc") == "http://[fe80::1]:8765/r/abc"


def test_what_a_usb_scanner_types_is_understood(token):
    url = rating_url("127.0.0.1", 8765, token)
    for typed in (url, url + "\r\n", f"  {url}\n", url + "/", token, f"{token}\n", f"\t{token} "):
        assert parse_scanned(typed) == token


@pytest.mark.parametrize("typed", ["", "   \n", "http://127.0.0.1:8765/r/", "评价码", "abc def"])
def test_garbage_from_the_scanner_is_not_a_token(typed):
    with pytest.raises(TokenError, match="评价码无法识别"):
        parse_scanned(typed)
