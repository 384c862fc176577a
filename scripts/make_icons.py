"""Write the site's favicon and touch icons into static/icons/ and static/favicon.ico.

The monogram is the ANDELIS initial "A", drawn as a polygon (no font needed) in white on
the site's brand colour (static/css/site.css, ``--brand``), so that the SVG and the PNGs
are the same drawing. Run again after changing the colour or the shape:
``.venv/bin/python scripts/make_icons.py``.
"""

from pathlib import Path

from PIL import Image, ImageDraw

STATIC = Path(__file__).resolve().parents[1] / "static"
BRAND = "#1d4f7a"
INK = "#ffffff"
SIZE = 512
CORNER = 96
# The "A" on a 512 grid: the outline, then the counter (the triangle above the bar).
OUTLINE = [
    (206, 96),
    (306, 96),
    (432, 416),
    (352, 416),
    (326, 344),
    (186, 344),
    (160, 416),
    (80, 416),
]
COUNTER = [(256, 166), (301, 280), (211, 280)]


def svg():
    def path(points):
        return "M" + " ".join(f"{x} {y}" for x, y in points) + "Z"

    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}">'
        f'<rect width="{SIZE}" height="{SIZE}" rx="{CORNER}" fill="{BRAND}"/>'
        f'<path fill="{INK}" fill-rule="evenodd" d="{path(OUTLINE)}{path(COUNTER)}"/>'
        "</svg>\n"
    )


def png(size, rounded):
    """The monogram at ``size`` pixels; full-bleed (``rounded`` False) for touch icons,
    which the phone rounds itself. Drawn 4x larger, then reduced, for smooth edges."""
    scale = size * 4 / SIZE
    big = Image.new("RGBA", (size * 4, size * 4), (0, 0, 0, 0))
    draw = ImageDraw.Draw(big)
    corner = CORNER * scale if rounded else 0
    draw.rounded_rectangle([0, 0, size * 4 - 1, size * 4 - 1], radius=corner, fill=BRAND)
    draw.polygon([(x * scale, y * scale) for x, y in OUTLINE], fill=INK)
    draw.polygon([(x * scale, y * scale) for x, y in COUNTER], fill=BRAND)
    return big.resize((size, size), Image.LANCZOS)


def main():
    icons = STATIC / "icons"
    icons.mkdir(parents=True, exist_ok=True)
    (icons / "favicon.svg").write_text(svg())
    png(32, rounded=True).save(icons / "favicon-32.png", optimize=True)
    for size in (180, 192, 512):
        png(size, rounded=False).convert("RGB").save(icons / f"icon-{size}.png", optimize=True)
    png(48, rounded=True).save(STATIC / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])


if __name__ == "__main__":
    main()
