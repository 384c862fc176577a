"""The enrolment's QR code, as inline SVG: no image library, no data: URL."""

import qrcode
import qrcode.image.svg
from django.utils.html import format_html
from django.utils.safestring import mark_safe


def qr_svg(text, label):
    """An ``<svg>`` drawing ``text`` as a QR code, announced as ``label``."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=12, border=2)
    # qrcode draws the text as one path of squares: nothing of it is markup.
    svg = image.to_string(encoding="unicode")
    attributes = format_html('<svg role="img" aria-label="{}" class="twofactor-qr" ', label)
    return mark_safe(svg.replace("<svg ", attributes, 1))  # noqa: S308
