"""What a USB scanner typed: a scanner is a keyboard, so the sheet's rating QR code arrives as
``http://HOST:PORT/r/<token>`` plus Enter in whatever has the focus (the search box, the pad).

Only two shapes count as a scan, so that no search word is ever taken for one: the URL form
(``…/r/<token>``, without spaces: even a damaged scan is then reported, not searched for), and a
bare token of a token's length whose signature verifies under the centre's secret.
"""

from __future__ import annotations

import re
from datetime import datetime

from window_assistant.cases.tokens import FORGED, MALFORMED, TokenError, verify_token
from window_assistant.errors import UserError
from window_assistant.services import Services

# base64url lengths a token can have (cases.tokens: 26 to 38 bytes, the varints 1 to 5 bytes
# each); 35 for window 1, clerk 1, number 1. A cheap filter only: the signature decides.
TOKEN_LENGTHS = range(35, 52)
_BARE_TOKEN = re.compile(r"[A-Za-z0-9_-]+")
_ANY_AGE_DAYS = 365 * 100  # a scan of an expired token is still a scan: invite() says why not


def scanned_reference(services: Services, text: str) -> str | None:
    """``text`` (stripped) if it is what a scanner reads from a rating QR code, else None."""
    text = (text or "").strip()
    if "/r/" in text and not any(c.isspace() for c in text):
        return text
    if len(text) not in TOKEN_LENGTHS or not _BARE_TOKEN.fullmatch(text):
        return None
    try:
        verify_token(services.settings.centre_secret, text, datetime.now(), _ANY_AGE_DAYS)
    except TokenError as exc:
        # Signed by this centre but refused for its time (a clock off): still a scan.
        return None if exc.message in (FORGED, MALFORMED) else text
    except UserError:  # no secret yet: nothing can verify
        return None
    return text
