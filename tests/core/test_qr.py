"""The rating QR code: a symbol a phone reads back, at error correction M, as a 1-bit PNG."""

from __future__ import annotations

import io
import random
import string

import zxingcpp
from PIL import Image

from window_assistant.sheets.qr import QUIET_ZONE, qr_matrix, qr_png

URL_CHARS = string.ascii_letters + string.digits + "-_"


def _random_url(rnd: random.Random) -> str:
    host = f"192.168.{rnd.randint(0, 255)}.{rnd.randint(1, 254)}:{rnd.randint(1024, 65535)}"
    token = "".join(rnd.choice(URL_CHARS) for _ in range(rnd.randint(1, 160)))
    return f"http://{host}/r/{token}"


def test_matrix_is_a_qr_symbol_without_quiet_zone():
    rnd = random.Random(7)
    for _ in range(20):
        modules = qr_matrix(_random_url(rnd))
        size = len(modules)
        assert (size - 17) % 4 == 0 and all(len(row) == size for row in modules)
        # the three finder patterns sit in the corners: no quiet zone around the matrix
        for top, left in ((0, 0), (0, size - 7), (size - 7, 0)):
            assert all(modules[top + i][left] for i in range(7))
            assert all(modules[top][left + i] for i in range(7))


def test_png_is_one_bit_with_quiet_zone_and_scans_back_at_level_m():
    rnd = random.Random(3)
    for box in (6, 4):
        for _ in range(5):
            url = _random_url(rnd)
            image = Image.open(io.BytesIO(qr_png(url, box_size=box)))
            assert image.mode == "1"
            modules = len(qr_matrix(url)) + 2 * QUIET_ZONE
            assert image.size == (modules * box, modules * box)
            corner = image.crop((0, 0, QUIET_ZONE * box, QUIET_ZONE * box))
            assert corner.getextrema() == (255, 255)  # quiet zone is white
            found = zxingcpp.read_barcodes(image)
            assert [r.text for r in found] == [url]
            assert found[0].ec_level == "M"  # survives a fold or a pen mark


def test_png_modules_are_the_matrix():
    url = "http://192.168.1.20:8765/r/AQudbBgDBwEae3By9Z7R4e-C16jhmKshrjQ"
    box = 3
    image = Image.open(io.BytesIO(qr_png(url, box_size=box))).convert("L")
    modules = qr_matrix(url)
    drawn = [
        [image.getpixel(((QUIET_ZONE + c) * box + 1, (QUIET_ZONE + r) * box + 1)) == 0
         for c in range(len(modules))]
        for r in range(len(modules))
    ]  # fmt: skip
    assert drawn == modules
    assert qr_png(url, box_size=box) == qr_png(url, box_size=box)  # same sheet, same bytes
