"""Rating tokens: the signed part of the 好差评 QR code ``http://HOST:PORT/r/<token>``.

The token names the case being rated (its serial), the window and clerk who served it and when
it was issued, and is signed with HMAC-SHA256 under the centre's secret (setting
``centre.secret``, 32 random bytes in hex made at set-up), so a citizen cannot rate a case that
does not exist or pass a rating off as another clerk's. It is printed on A4 sheets and shown on
screen, so it is kept small enough for a low-version QR code:

    version   1 byte   (= 1)
    issued    4 bytes  big-endian seconds since 2020-01-01 00:00 UTC (good until 2156)
    window    varint   (LEB128, 1 byte below 128)
    clerk     varint
    kind      1 byte   index+1 in SERIAL_KINDS (告, 补, 承, … 受, 不受, 收)
    year      1 byte   serial year − 2000
    number    varint   serial number (1–3 bytes for 1–999999)
    tag       16 bytes HMAC-SHA256(secret, DOMAIN + all of the above), truncated

base64url without padding: 36–38 characters for a realistic case. The tag is truncated to 128
bits, half of SHA-256 and the length RFC 2104 §5 recommends as a floor: forging a tag means
guessing 128 bits against a server that answers one request at a time, and the token only lets
someone give one rating to one case. The signature is checked before anything else is trusted,
with ``hmac.compare_digest``; the base64 text must be canonical (re-encoding gives it back), so
one case's token has exactly one spelling and ``token_id`` (a hash of the bytes) can serve the
rating store's single-use check.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import struct
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from window_assistant.errors import UserError

VERSION = 1
EPOCH = datetime(2020, 1, 1, tzinfo=timezone.utc)
TAG_BYTES = 16
DOMAIN = b"window-assistant/rating-token\x00"  # no other use of the secret can collide
CLOCK_SKEW = timedelta(minutes=5)  # a token "from the future" within this is accepted
MIN_SECRET_BYTES = 16
# Document kinds of a serial like 铁西政服告〔2026〕123号. Append only: the index is on paper.
SERIAL_KINDS: tuple[str, ...] = ("告", "补", "承", "办", "跨", "受", "不受", "收")

_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]+")
_SERIAL_RE = re.compile(
    rf"(?P<abbrev>.*?)(?P<kind>{'|'.join(sorted(SERIAL_KINDS, key=len, reverse=True))})"
    r"〔(?P<year>\d{4})〕(?P<number>\d{1,9})号"
)
MALFORMED = "评价码无法识别,请重新扫描二维码。"
FORGED = "评价码无效或已被篡改。"


class TokenError(UserError):
    """A token that cannot be accepted; the message is for the citizen or clerk who scanned it."""


@dataclass(frozen=True)
class SerialRef:
    """A case serial in the compact form a token carries: (告, 2026, 123)."""

    kind: str
    year: int
    number: int

    def text(self, abbrev: str) -> str:
        """The serial as printed, e.g. 铁西政服告〔2026〕123号: GB/T 9704-2012 §7.2.5 writes the
        number without leading zeros (serials printed before, 000123, still parse)."""
        return f"{abbrev}{self.kind}〔{self.year}〕{self.number}号"

    @classmethod
    def parse(cls, text: str) -> SerialRef:
        """The SerialRef of a printed serial, with or without the leading zeros earlier versions
        printed (000123 and 123 are one number); the centre abbreviation is ignored."""
        match = _SERIAL_RE.fullmatch(text.strip())
        if not match:
            raise UserError(f"编号「{text}」的格式不对,应类似 铁西政服告〔2026〕123号。")
        return cls(match["kind"], int(match["year"]), int(match["number"]))


@dataclass(frozen=True)
class TokenClaims:
    """What a verified token says. ``issued_at`` is naive local time, like the app's other
    timestamps; ``token_id`` is stable per token, for the single-use check."""

    serial: SerialRef
    window_id: int
    clerk_id: int
    issued_at: datetime
    token_id: str


def secret_bytes(secret: bytes | str) -> bytes:
    """The key from the ``centre.secret`` setting (hex) or raw bytes."""
    if isinstance(secret, str):
        try:
            secret = bytes.fromhex(secret.strip())
        except ValueError:
            raise UserError("评价签名密钥格式不正确,请在设置中重新生成。") from None
    if len(secret) < MIN_SECRET_BYTES:
        raise UserError("尚未设置评价签名密钥(或密钥过短),请先完成首次设置。")
    return secret


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        low, value = value & 0x7F, value >> 7
        out.append(low | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _read_varint(data: bytes, pos: int) -> tuple[int, int]:
    """(value, next position); refuses over-long (non-canonical) and unterminated encodings."""
    value = shift = 0
    start = pos
    while pos < len(data) and pos - start < 5:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            if byte == 0 and pos - start > 1:
                break  # a trailing zero byte: same value, another spelling
            return value, pos
    raise TokenError(MALFORMED)


def _timestamp(moment: datetime) -> float:
    """Seconds since 1970 of an aware or naive-local datetime."""
    return moment.timestamp()


def _mac(key: bytes, payload: bytes) -> bytes:
    return hmac.new(key, DOMAIN + payload, hashlib.sha256).digest()[:TAG_BYTES]


def _encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _decode(token: str) -> bytes:
    if not _TOKEN_RE.fullmatch(token) or len(token) % 4 == 1:
        raise TokenError(MALFORMED)
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (binascii.Error, ValueError):
        raise TokenError(MALFORMED) from None
    if _encode(raw) != token:  # unused low bits of the last character set: another spelling
        raise TokenError(MALFORMED)
    return raw


def token_id(token: str) -> str:
    """A stable id for a (canonical) token: the rating store keys single use on it."""
    return hashlib.sha256(_decode(token)).hexdigest()[:32]


def issue_token(
    secret: bytes | str,
    serial: SerialRef,
    window_id: int,
    clerk_id: int,
    issued_at: datetime,
) -> str:
    """The signed token for one case. Wrong argument ranges are programming errors (ValueError)."""
    key = secret_bytes(secret)
    if serial.kind not in SERIAL_KINDS:
        raise ValueError(f"unknown serial kind {serial.kind!r}")
    if not 2000 <= serial.year <= 2255:
        raise ValueError(f"serial year out of range: {serial.year}")
    for name, value in (
        ("window_id", window_id),
        ("clerk_id", clerk_id),
        ("number", serial.number),
    ):
        if not 0 <= value < 2**32:
            raise ValueError(f"{name} out of range: {value}")
    seconds = int(_timestamp(issued_at) - EPOCH.timestamp())
    if not 0 <= seconds < 2**32:
        raise ValueError(f"issue time out of range: {issued_at}")
    payload = (
        bytes([VERSION])
        + struct.pack(">I", seconds)
        + _varint(window_id)
        + _varint(clerk_id)
        + bytes([SERIAL_KINDS.index(serial.kind) + 1, serial.year - 2000])
        + _varint(serial.number)
    )
    return _encode(payload + _mac(key, payload))


def verify_token(
    secret: bytes | str, token: str, now: datetime, max_age_days: int = 7
) -> TokenClaims:
    """The claims of a genuine, unexpired token, or TokenError saying why it is refused."""
    key = secret_bytes(secret)
    raw = _decode(token)
    if len(raw) < 1 + 4 + 1 + 1 + 2 + 1 + TAG_BYTES:
        raise TokenError(MALFORMED)
    payload, tag = raw[:-TAG_BYTES], raw[-TAG_BYTES:]
    if not hmac.compare_digest(_mac(key, payload), tag):
        raise TokenError(FORGED)
    # Signed by us from here on: a layout problem is a version we do not know.
    if payload[0] != VERSION:
        raise TokenError(MALFORMED)
    (seconds,) = struct.unpack(">I", payload[1:5])
    window_id, pos = _read_varint(payload, 5)
    clerk_id, pos = _read_varint(payload, pos)
    if pos + 2 > len(payload) or not 1 <= payload[pos] <= len(SERIAL_KINDS):
        raise TokenError(MALFORMED)
    kind, year = SERIAL_KINDS[payload[pos] - 1], 2000 + payload[pos + 1]
    number, pos = _read_varint(payload, pos + 2)
    if pos != len(payload):
        raise TokenError(MALFORMED)

    issued = EPOCH.timestamp() + seconds
    age = _timestamp(now) - issued
    if age < -CLOCK_SKEW.total_seconds():
        raise TokenError("评价码的签发时间晚于当前时间,请检查本机和窗口电脑的时钟。")
    if age > max_age_days * 86400:
        raise TokenError(f"评价码已过期(有效期 {max_age_days} 天)。")
    return TokenClaims(
        serial=SerialRef(kind, year, number),
        window_id=window_id,
        clerk_id=clerk_id,
        issued_at=datetime.fromtimestamp(issued),
        token_id=hashlib.sha256(raw).hexdigest()[:32],
    )


def rating_url(host: str, port: int, token: str) -> str:
    """The URL the QR code encodes. An IPv6 literal host gets its brackets."""
    host = host.strip()
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{int(port)}/r/{token}"


def parse_scanned(text: str) -> str:
    """The token in what a scanner typed (the URL or the bare token, with whitespace or Enter),
    or TokenError. The signature is not checked here: that is ``verify_token``'s job."""
    text = (text or "").strip()
    if "/r/" in text:
        text = text.rsplit("/r/", 1)[1]
        text = re.split(r"[/?#\s]", text, maxsplit=1)[0]
    if not text or not _TOKEN_RE.fullmatch(text):
        raise TokenError(MALFORMED)
    return text
