"""PDFs that editors really upload: text on several pages, encrypted, scanned, broken."""

import io

from fpdf import FPDF
from PIL import Image
from pypdf import PdfReader, PdfWriter

from tests.factories import pdf_bytes


def pages_pdf(*page_texts):
    """A PDF whose page n carries ``page_texts[n - 1]`` (Latin-1: French accents kept)."""
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for text in page_texts:
        pdf.add_page()
        pdf.multi_cell(0, 8, text=text)
    return bytes(pdf.output())


def encrypted_pdf(text="Compte rendu confidentiel", password="secret"):
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(text))))
    writer.encrypt(user_password=password, owner_password="proprietaire")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def owner_only_encrypted_pdf(text):
    """Protected against editing only: anyone may open and read it."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(text))))
    writer.encrypt(user_password="", owner_password="proprietaire")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def image_only_pdf():
    """A scanned page: a picture, no text layer."""
    picture = io.BytesIO()
    Image.new("RGB", (200, 280), "white").save(picture, format="PNG")
    picture.seek(0)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(picture, x=10, y=10, w=180)
    return bytes(pdf.output())


def broken_pdf():
    """Starts like a PDF, then nothing a reader can use."""
    return b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\nendobj\n" + (
        b"\x00garbage" * 200
    )
