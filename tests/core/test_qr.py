"""The rating QR code: the same symbol the qrcode library would make, and a PNG a phone can scan."""

from __future__ import annotations

import io
import random
import string

import qrcode
import zxingcpp
from PIL import Image
from qrcode.constants import ERROR_CORRECT_M
from qrcode.util import lost_point

from window_assistant.sheets.qr import QUIET_ZONE, penalty, qr_matrix, qr_png

URL_CHARS = string.ascii_letters + string.digits + "-_"


def _random_url(rnd: random.Random) -> str:
    host = f"192.168.{rnd.randint(0, 255)}.{rnd.randint(1, 254)}:{rnd.randint(1024, 65535)}"
    token = "".join(rnd.choice(URL_CHARS) for _ in range(rnd.randint(1, 160)))
    return f"http://{host}/r/{token}"


def test_penalty_scores_like_qrcode_on_random_matrices():
    rnd = random.Random(18004)
    for _ in range(400):
        size = rnd.randint(11, 61)
        density = rnd.choice((0.2, 0.5, 0.8))
        modules = [[rnd.random() < density for _ in range(size)] for _ in range(size)]
        rows = [int("".join("1" if v else "0" for v in row), 2) for row in modules]
        assert penalty(rows, size) == lost_point(modules)


def test_penalty_counts_runs_blocks_and_finder_like_patterns():
    size = 11
    light = [0] * size
    assert penalty(light, size) == lost_point([[False] * size] * size)
    finder_like = [int("10111010000", 2)] + [0] * (size - 1)
    modules = [[c == "1" for c in format(r, "011b")] for r in finder_like]
    assert penalty(finder_like, size) == lost_point(modules)


def test_matrix_and_mask_choice_equal_qrcode_on_many_urls():
    rnd = random.Random(7)
    for _ in range(250):
        url = _random_url(rnd)
        code = qrcode.QRCode(error_correction=ERROR_CORRECT_M)
        code.add_data(url)
        code.make(fit=True)  # scores all 8 masks and keeps the best
        assert qr_matrix(url) == code.modules, url


def test_png_is_one_bit_with_quiet_zone_and_scans_back():
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
            assert [r.text for r in zxingcpp.read_barcodes(image)] == [url]
