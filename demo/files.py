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


@functools.cache
def logo_png(label):
    """A plain 480×240 logo showing the partner's name."""
    width, height = 480, 240
    image = Image.new("RGB", (width, height), "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.rectangle((6, 6, width - 7, height - 7), outline="#1f4e79", width=6)
    font = _font(40 if len(label) <= 16 else 28, bold=True)
    lines = textwrap.wrap(label, 16 if len(label) <= 16 else 24)
    text_height = len(lines) * getattr(font, "size", 12) * 1.3
    _draw_lines(
        draw,
        [(line, font, 40) for line in lines],
        width,
        (height - text_height) / 2,
        "#1f4e79",
    )
    return _png(image)


@functools.cache
def poster_png(title, lines):
    """A portrait picture for the poster or the programme: a title, then lines of text."""
    width, height = 700, 990
    image = Image.new("RGB", (width, height), "#f6f1e7")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, 190), fill="#1f4e79")
    _draw_lines(draw, [(title, _font(40, bold=True), 28)], width, 45, "#ffffff")
    body = [(line, _font(24), 50) for line in lines]
    _draw_lines(draw, body, width, 240, "#222222")
    _draw_lines(draw, [("Image de démonstration", _font(18), 60)], width, height - 50, "#555555")
    return _png(image)
