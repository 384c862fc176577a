"""The site's main colour, chosen in the site settings: checked for AA contrast on white.

The colour is used for links and buttons on white, and a darker shade of it for the
header behind white text: both must reach WCAG AA for normal text (4.5:1).
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

AA_NORMAL_TEXT = 4.5
WHITE = (255, 255, 255)
_HEX = re.compile(r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def parse(value):
    """``(r, g, b)`` from ``#1d4f7a``, ``1d4f7a`` or ``#14a``; ``None`` if it is not a colour."""
    match = _HEX.match(value.strip())
    if not match:
        return None
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    return tuple(int(digits[i : i + 2], 16) for i in (0, 2, 4))


def to_hex(rgb):
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def normalise(value):
    """The colour written as ``#rrggbb`` in lower case, as stored."""
    rgb = parse(value)
    return to_hex(rgb) if rgb else value


def _channel(value):
    value /= 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def luminance(rgb):
    red, green, blue = (_channel(value) for value in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first, second=WHITE):
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def shade(rgb, factor):
    """The colour mixed with black: ``factor`` 0.3 keeps 70% of it."""
    return tuple(round(value * (1 - factor)) for value in rgb)


def darkest_passing(rgb, ratio=AA_NORMAL_TEXT):
    """The lightest shade of ``rgb`` that reaches ``ratio`` on white (``rgb`` if it does)."""
    factor = 0.0
    candidate = rgb
    while contrast(candidate) < ratio and factor < 1:
        factor = round(factor + 0.02, 2)
        candidate = shade(rgb, factor)
    return candidate


def header_shade(rgb):
    """The header's background: the colour darkened by a third, white text on it."""
    return shade(rgb, 0.33)


def _ratio_label(value):
    return f"{value:.1f}".replace(".", ",")


def validate_brand_colour(value):
    rgb = parse(value)
    if rgb is None:
        raise ValidationError(
            _(
                "« %(value)s » n'est pas une couleur : écrivez-la en hexadécimal, "
                "par exemple #1d4f7a."
            ),
            code="invalid",
            params={"value": value},
        )
    ratio = contrast(rgb)
    if ratio < AA_NORMAL_TEXT:
        raise ValidationError(
            _(
                "Cette couleur est trop claire sur fond blanc : contraste de %(ratio)s:1, "
                "il faut au moins 4,5:1 pour que les liens restent lisibles (niveau AA). "
                "La même teinte assez foncée : %(suggestion)s."
            ),
            code="low_contrast",
            params={"ratio": _ratio_label(ratio), "suggestion": to_hex(darkest_passing(rgb))},
        )
