"""Stand-ins for the 2017 files, which are lost: real PDFs and PNGs made on the fly.

Each PDF is made to the exact byte count that reproduces the size the old page
printed next to its link ("167.22 Ko"), so the size computed on upload reads the
same. The padding is whitespace inside the PDF's XMP metadata packet, which is
where the XMP specification itself puts padding: the file stays a valid PDF and
nothing is appended after ``%%EOF``.

Everything here is deterministic (fixed dates, no random identifiers) and cached,
so loading the demo content twice produces the same bytes and costs nothing.
"""

import datetime
import functools
import io
import math
import textwrap
import unicodedata
from decimal import Decimal
from pathlib import Path

from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

KILO = 1024
UNITS = {"Ko": KILO, "Mo": KILO**2, "Go": KILO**3}

# The day of the colloquium, used as the creation date of every generated file.
CREATION_DATE = datetime.datetime(2017, 11, 20, 9, 0, tzinfo=datetime.UTC)
DEMO_NOTICE = "Document de démonstration"

XMP_TEMPLATE = """<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
   <dc:title><rdf:Alt><rdf:li xml:lang="fr">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="fr">{notice}</rdf:li></rdf:Alt></dc:description>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
"""
PADDING_LINE = " " * 99 + "\n"


def _xml(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _displayed_size(size, unit):
    """Both ways a page may print ``size``: rounded, and cut after two decimals."""
    exact = Decimal(size) / Decimal(unit)
    return round(size / unit, 2), math.floor(exact * 100) / Decimal(100)


def byte_size(label):
    """The smallest byte count that prints as ``label`` ("167.22 Ko", "1.66 Mo").

    1 Ko is 1024 bytes. The count is chosen so that the size reads the same whether
    it is rounded to two decimals or cut after them.
    """
    number, unit_name = label.split()
    unit = UNITS[unit_name]
    wanted = Decimal(number)
    size = math.ceil(wanted * unit)
    while True:
        rounded, cut = _displayed_size(size, unit)
        if Decimal(str(rounded)) == wanted and cut == wanted:
            return size
        if cut > wanted:
            raise ValueError(f"No byte count prints as {label!r}")
        size += 1


def _pdf(title, author, lines, padding):
    pdf = FPDF(format="A4")
    # Windows-1252 covers French typography (’, œ, «, –) with the core fonts,
    # so no font file is needed and the text stays extractable.
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_creation_date(CREATION_DATE)
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_subject(DEMO_NOTICE)
    pdf.set_creator("ANDELIS – contenu de démonstration")
    pdf.set_margins(25, 25, 25)
    for page_lines in lines:
        pdf.add_page()
        for style, size, text in page_lines:
            pdf.set_font("Helvetica", style, size)
            pdf.multi_cell(0, size * 0.6, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(size * 0.4)
    xmp = XMP_TEMPLATE.format(title=_xml(title), author=_xml(author), notice=DEMO_NOTICE)
    full_lines, rest = divmod(padding, len(PADDING_LINE))
    pdf.set_xmp_metadata(xmp + PADDING_LINE * full_lines + " " * rest)
    return bytes(pdf.output())


@functools.cache
def demo_pdf(title, author, size_label, pages=((),)):
    """A real PDF naming ``title`` and ``author``, exactly ``byte_size(size_label)`` long.

    ``pages`` holds extra lines per page (the first page always starts with the
    title, the author and the demonstration notice).
    """
    target = byte_size(size_label)
    first_page = [
        ("B", 18, title),
        ("", 13, author),
        ("I", 11, "Colloque national sur l’ingénierie sociale – Marseille, 20 novembre 2017"),
        (
            "",
            11,
            f"{DEMO_NOTICE} : le fichier original n’est pas disponible. Ce fichier le "
            f"remplace et reproduit sa taille ({size_label.replace('.', ',')}).",
        ),
    ]
    lines = [first_page + [("", 11, text) for text in pages[0]]]
    lines += [[("", 11, text) for text in page] for page in pages[1:]]
    padding = 0
    # The padding only shifts the cross-reference offsets, whose width is fixed:
    # the size grows byte for byte with it, so two passes are normally enough.
    for _attempt in range(5):
        data = _pdf(title, author, lines, padding)
        if len(data) == target:
            return data
        padding += target - len(data)
        if padding < 0:
            raise ValueError(f"{title!r} does not fit in {size_label}")
    raise RuntimeError(f"Could not reach {target} bytes for {title!r}")


ASCII_FALLBACKS = str.maketrans({"’": "'", "–": "-", "…": "...", "«": '"', "»": '"'})


def _font(size, bold=False):
    names = ["DejaVuSans-Bold.ttf", "DejaVuSans.ttf"] if bold else ["DejaVuSans.ttf"]
    for name in names:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    # Pillow's own font: present everywhere, scalable when FreeType is available,
    # but it only draws ASCII.
    font = ImageFont.load_default(size=size)
    font.ascii_only = True
    return font


def _drawable(text, font):
    """The text itself, or its closest ASCII spelling for a font without accents."""
    if not getattr(font, "ascii_only", False):
        return text
    text = text.translate(ASCII_FALLBACKS).replace("Œ", "OE").replace("œ", "oe")
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode("ascii")


def _png(image):
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=False)
    return output.getvalue()


def _draw_lines(draw, lines, width, top, colour):
    """Centred lines; each (text, font, wrap) is wrapped to ``wrap`` characters."""
    y = top
    for text, font, wrap in lines:
        size = getattr(font, "size", 12)
        for line in textwrap.wrap(_drawable(text, font), wrap) or [""]:
            left, _upper, right, _lower = draw.textbbox((0, 0), line, font=font)
            draw.text(((width - (right - left)) / 2, y), line, font=font, fill=colour)
            y += round(size * 1.35)
        y += size // 2
    return y


# The site's own typefaces (static/fonts, OFL), so the pictures match the pages.
SITE_FONTS = {
    "text": "source-sans-3-latin-wght-normal.woff2",
    "heading": "source-serif-4-latin-wght-normal.woff2",
}
NAVY = "#13375a"
BLUE = "#1d4f7a"
GOLD = "#f2c230"
PAPER = "#f8f4ea"
INK = "#1b1b1b"
MUTED = "#4a4a4a"
# Colours for the partners' tiles, picked by name so a name keeps its colour.
TILE_COLOURS = ["#1d4f7a", "#6b2f5b", "#1e6b34", "#7a4100", "#2d4a8a", "#8a1c2b"]


def _site_font(kind, size, weight):
    """A site typeface at ``weight``, or DejaVu when the file or FreeType lacks it."""
    from django.conf import settings

    try:
        font = ImageFont.truetype(
            str(Path(settings.BASE_DIR) / "static" / "fonts" / SITE_FONTS[kind]), size
        )
        font.set_variation_by_axes([weight])
        return font
    except (OSError, KeyError):
        return _font(size, bold=weight >= 600)


def _wrap(draw, text, font, width):
    """``text`` cut into lines no wider than ``width`` pixels."""
    text = _drawable(text, font)
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and draw.textlength(candidate, font=font) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def _text_block(draw, xy, text, font, width, fill, leading=1.25):
    """Left-aligned wrapped text from ``xy``; returns the y below it."""
    x, y = xy
    for line in _wrap(draw, text, font, width):
        draw.text((x, y), line, font=font, fill=fill)
        y += round(font.size * leading)
    return y


def _initials(label):
    """An acronym that starts the name ("IMF", "DRDJSCS"), else the first letters."""
    small = {"de", "des", "du", "d", "la", "le", "les", "l", "et", "en", "pour", "à", "au"}
    words = label.replace("’", " ").replace("'", " ").replace("(", " ").split()
    if words[0].isupper() and len(words[0]) <= 7:
        return words[0]
    if len(words) == 1:
        return words[0][0].upper()
    return "".join(w[0].upper() for w in words if w.lower() not in small)[:3]


def _bridge(draw, left, top, size, colour, width):
    """The ANDELIS mark: an "A" drawn as a bridge between two banks (static/img)."""
    draw.rounded_rectangle(
        (left, top, left + size, top + size), radius=size // 10, outline=colour, width=width
    )
    unit = size / 64
    draw.line(
        [
            (left + 14 * unit, top + 50 * unit),
            (left + 32 * unit, top + 13 * unit),
            (left + 50 * unit, top + 50 * unit),
        ],
        fill=colour,
        width=round(6 * unit),
        joint="curve",
    )
    draw.arc(
        (left + 9 * unit, top + 30 * unit, left + 55 * unit, top + 58 * unit),
        start=200,
        end=340,
        fill=GOLD,
        width=round(4 * unit),
    )


@functools.cache
def logo_png(label):
    """A 480×240 tile for a partner whose real logo the demo does not have: its
    initials on a coloured square, then its name."""
    width, height = 480, 240
    image = Image.new("RGB", (width, height), "#ffffff")
    draw = ImageDraw.Draw(image)
    colour = TILE_COLOURS[sum(label.encode("utf-8")) % len(TILE_COLOURS)]
    draw.rounded_rectangle((24, 40, 184, 200), radius=18, fill=colour)
    draw.polygon([(184, 110), (184, 200), (94, 200)], fill=NAVY)
    initials = _initials(label)
    size = 72
    font = _site_font("heading", size, 700)
    while size > 24 and draw.textlength(_drawable(initials, font), font=font) > 128:
        size -= 4
        font = _site_font("heading", size, 700)
    left, upper, right, lower = draw.textbbox((0, 0), _drawable(initials, font), font=font)
    draw.text(
        (104 - (right - left) / 2 - left, 120 - (lower - upper) / 2 - upper),
        _drawable(initials, font),
        font=font,
        fill="#ffffff",
    )
    name_font = _site_font("text", 30 if len(label) <= 20 else 24, 650)
    lines = _wrap(draw, label, name_font, 260)[:4]
    line_height = round(name_font.size * 1.2)
    y = (height - line_height * len(lines)) / 2
    for line in lines:
        draw.text((206, y), line, font=name_font, fill=INK)
        y += line_height
    return _png(image)


@functools.cache
def poster_png(title, lines):
    """A portrait poster or programme: the heading on the association's blue with its
    mark, then the lines (date, place, partners, or the programme's items) on paper."""
    width, height = 700, 990
    margin = 56
    image = Image.new("RGB", (width, height), PAPER)
    draw = ImageDraw.Draw(image)

    # The upper band: the mark, the name, arcs drawn like the bridge of the logo.
    band = 470 if len(lines) <= 4 else 330
    draw.rectangle((0, 0, width, band), fill=NAVY)
    for step, colour in enumerate([BLUE, "#2a6496", BLUE]):
        radius = 260 + step * 90
        draw.arc(
            (width - radius, band - radius // 2, width + radius, band + radius * 1.5),
            start=180,
            end=270,
            fill=colour,
            width=22,
        )
    draw.rectangle((0, band, width, height), fill=PAPER)
    _bridge(draw, margin, margin, 64, "#ffffff", 3)
    draw.text(
        (margin + 84, margin + 12), "ANDELIS", font=_site_font("text", 34, 700), fill="#ffffff"
    )
    title_font = _site_font("heading", 54 if len(title) <= 50 else 44, 700)
    title_lines = _wrap(draw, title, title_font, width - 2 * margin)
    y = band - 48 - len(title_lines) * round(title_font.size * 1.15)
    for line in title_lines:
        draw.text((margin, y), line, font=title_font, fill="#ffffff")
        y += round(title_font.size * 1.15)
    draw.rectangle((0, band, width, band + 12), fill=GOLD)

    # The lines: the first in bold (a date), the others plain, separated by rules.
    y = band + 60
    size = 34 if len(lines) <= 4 else (22 if len(lines) <= 10 else 18)
    for index, line in enumerate(lines):
        font = _site_font("text", size, 700 if index == 0 and len(lines) <= 4 else 400)
        y = _text_block(
            draw, (margin, y), line, font, width - 2 * margin, INK if index == 0 else MUTED
        )
        if index < len(lines) - 1:
            y += round(size * 0.45)
            draw.line((margin, y, margin + 80, y), fill=GOLD, width=3)
            y += round(size * 0.6)
        if y > height - 110:
            break
    draw.text(
        (margin, height - 60),
        "Image de démonstration",
        font=_site_font("text", 18, 400),
        fill=MUTED,
    )
    return _png(image)
