"""The demo's poster, programme and partner pictures are drawn, not near-blank boxes."""

import io

from PIL import Image, ImageChops, ImageStat

from demo import files

# Imported where it is, so the test follows the module if it moves with the demo app.
POSTER_LINES = (
    "Lundi 20 novembre 2017",
    "Cité des métiers, Marseille",
    "ANDELIS, en partenariat avec l'IMF",
)


def _picture(data):
    return Image.open(io.BytesIO(data)).convert("RGB")


def _coverage(image, background):
    """The share of pixels that differ from ``background``."""
    plain = Image.new("RGB", image.size, background)
    histogram = ImageChops.difference(image, plain).convert("L").histogram()
    total = image.width * image.height
    return (total - histogram[0]) / total


def test_the_poster_is_drawn_from_the_title_and_its_lines():
    poster = _picture(files.poster_png("Colloque national sur l'ingénierie sociale", POSTER_LINES))
    assert poster.size == (700, 990)
    # The blue band with the title covers the upper part: far from a blank sheet.
    assert _coverage(poster, (248, 244, 234)) > 0.35
    assert max(ImageStat.Stat(poster).stddev) > 40
    # Another title draws another picture.
    other = _picture(files.poster_png("Programme de la journée", POSTER_LINES))
    assert poster.tobytes() != other.tobytes()


def test_the_programme_lists_many_lines_without_overflowing_the_footer():
    lines = tuple(f"{hour}h00 – Intervention numéro {hour}" for hour in range(8, 20))
    programme = _picture(files.poster_png("Programme de la journée", lines))
    # The lines stop before the notice at the bottom: paper just above it.
    assert _coverage(programme.crop((0, 905, 700, 928)), (248, 244, 234)) == 0
    assert _coverage(programme.crop((0, 928, 700, 960)), (248, 244, 234)) > 0


def test_a_partner_tile_shows_initials_on_colour_and_the_name():
    tile = _picture(files.logo_png("Collège coopératif PAM"))
    assert tile.size == (480, 240)
    assert _coverage(tile, (255, 255, 255)) > 0.2
    assert files._initials("Collège coopératif PAM") == "CCP"
    assert files._initials("IMF") == "IMF"
