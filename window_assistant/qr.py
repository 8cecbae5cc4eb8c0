"""QR codes for the rating URL, as PNG bytes both renderers embed.

Error correction M (15 % of the code may be damaged: a fold or a pen mark on a printed sheet)
and the standard 4-module quiet zone, drawn 1-bit so that no renderer smooths or JPEG-compresses
the modules into grey.
"""

from __future__ import annotations

import io

import qrcode
from qrcode.constants import ERROR_CORRECT_M

QUIET_ZONE = 4  # modules, as ISO/IEC 18004 requires


def qr_png(url: str, box_size: int = 6) -> bytes:
    """PNG bytes of ``url`` as a QR code, ``box_size`` pixels per module."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=box_size, border=QUIET_ZONE)
    code.add_data(url)
    code.make(fit=True)
    image = code.make_image(fill_color="black", back_color="white").get_image().convert("1")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()
