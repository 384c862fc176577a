"""The archive the benchmark searches: real page models in the real page tree.

Colloquia (``EventPage``, with programme, speakers and venue), each with its
argument essay (``ArgumentPage``, paragraphs and footnotes) and its proceedings
(``ProceedingsPage``, one contribution per document, with speakers), under the
site's events index. Pages are added one by one with treebeard's
``add_child`` (live, without revisions); their inline rows (programme,
speakers, contributions, footnotes) and the documents are bulk-inserted.

Documents are ``ColloquiumDocument`` rows. A sample of them gets a real PDF
(fpdf2) whose text is read back by the project's own extraction
(``core.extraction.store_extraction``); the others point at one placeholder
PDF and their generated page texts are stored by that same
``store_extraction``, with only its PDF-reading step (``extract_text``)
replaced by the generated pages. See the package docstring.
"""

import contextlib
import hashlib
import html
import time
import uuid
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.text import slugify
from fpdf import FPDF
from wagtail.models import Collection, Locale, Page
from wagtail_footnotes.models import Footnote

from core import extraction
from core.models import ColloquiumDocument
from events.models import (
    EventIndexPage,
    EventPage,
    EventSpeaker,
    Person,
    ProgrammeItem,
    Venue,
)
from home.models import HomePage
from publications.models import ArgumentPage, Contribution, ProceedingsPage

PLACEHOLDER_NAME = "documents/bench-placeholder.pdf"
STORE_BATCH = 200


@dataclass
class Scale:
    """How big the generated archive is and how the measures are taken."""

    documents: int = 10_000
    pages: int = 2_000
    min_document_pages: int = 5
    max_document_pages: int = 40
    extraction_sample: int = 300
    seed: int = 2026
    repeats: int = 5
    # A query whose warm-up takes longer than budget_s / repeats gets fewer runs.
    budget_s: float = 2.0


@dataclass
class BuildReport:
    timings: dict = field(default_factory=dict)
    counts: dict = field(default_factory=dict)
    extraction: dict = field(default_factory=dict)


def pdf_from_pages(pages):
    """A PDF with one page per text, written the way office software writes simple PDFs."""
    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_auto_page_break(False)
    pdf.set_font("helvetica", size=10)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 4.2, text=text)
    return bytes(pdf.output())


@contextlib.contextmanager
def search_index_paused():
    """Stop indexing on save while the archive is written; the index is built after, timed."""
    from modelsearch import index
    from modelsearch.signal_handlers import post_delete_signal_handler, post_save_signal_handler

    models = [m for m in index.get_indexed_models() if getattr(m, "search_auto_update", True)]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
        post_delete.disconnect(post_delete_signal_handler, sender=model)
    try:
        yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)
            post_delete.connect(post_delete_signal_handler, sender=model)


@contextlib.contextmanager
def timed_extraction(clock):
    """Add the time spent in ``extract_text`` (pypdf) to ``clock["seconds"]``."""
    real = extraction.extract_text

    def measured(fileobj, extension):
        start = time.perf_counter()
        try:
            return real(fileobj, extension)
        finally:
            clock["seconds"] += time.perf_counter() - start

    extraction.extract_text = measured
    try:
        yield
    finally:
        extraction.extract_text = real


def rich_text(paragraphs):
    return "".join(f"<p>{html.escape(text, quote=False)}</p>" for text in paragraphs)


class ArchiveBuilder:
    def __init__(self, corpus, scale, log=print):
        self.corpus = corpus
        self.random = corpus.random
        self.scale = scale
        self.log = log
        self.report = BuildReport()

    def _timed(self, name, function, *args):
        start = time.perf_counter()
        result = function(*args)
        self.report.timings[name] = round(time.perf_counter() - start, 3)
        self.log(f"  {name}: {self.report.timings[name]:.1f} s")
        return result

    def build(self):
        with search_index_paused():
            people, venues = self._timed("snippets_s", self.snippets)
            events = self._timed("pages_s", self.pages, venues)
            documents = self._timed("documents_s", self.documents, events, people)
            sample = self._timed("sample_pdfs_s", self.sample_pdfs, documents)
            self.extract(sample)
            self._timed("stored_texts_s", self.store_texts, documents, sample)
        return self.report

    # --- Snippets and pages -------------------------------------------------------

    def snippets(self):
        count = max(20, self.scale.documents // 4)
        people = Person.objects.bulk_create(
            Person(
                name=self.corpus.person_name(),
                affiliation=self.corpus.title(self.corpus.theme())[:200],
            )
            for _ in range(count)
        )
        venues = Venue.objects.bulk_create(
            Venue(name=f"Palais des congrès de {city}", city=city)
            for city in sorted(set(self.corpus.random.sample(self._cities(), 20)))
        )
        self.report.counts["people"] = len(people)
        return people, venues

    def _cities(self):
        from bench.corpus import CITIES

        return CITIES

    def _index_page(self):
        index = EventIndexPage.objects.order_by("path").first()
        if index is None:
            home = HomePage.objects.order_by("path").first()
            if home is None:
                home = Page.get_first_root_node().add_child(
                    instance=HomePage(title="Accueil", slug="accueil")
                )
            index = home.add_child(instance=EventIndexPage(title="Colloques", slug="colloques"))
        return index

    def pages(self, venues):
        """Colloquia with their essay and proceedings: three pages each."""
        import datetime
        from zoneinfo import ZoneInfo

        paris = ZoneInfo("Europe/Paris")
        rng = self.random
        index = self._index_page()
        event_count = max(1, self.scale.pages // 3)
        events = []
        locale = Locale.get_default()
        footnotes = []
        with transaction.atomic():
            for number in range(event_count):
                theme = self.corpus.theme()
                venue = rng.choice(venues)
                year = 2026 - number * 37 // event_count
                start = datetime.datetime(year, rng.randint(1, 12), rng.randint(1, 28), 9, 0)
                start = start.replace(tzinfo=paris)
                title = f"Colloque de {venue.city} {year}"
                event = index.add_child(
                    instance=EventPage(
                        title=title,
                        slug=slugify(f"{title}-{number}"),
                        subtitle=self.corpus.title(theme),
                        start=start,
                        end=start + datetime.timedelta(days=rng.choice((0, 1, 2)), hours=8),
                        venue=venue,
                        introduction=rich_text(
                            [self.corpus.paragraph(rng.randint(60, 120), theme) for _ in range(2)]
                        ),
                        listing_summary=self.corpus.sentence(theme),
                        practical_information=rich_text([self.corpus.sentence(theme)]),
                    )
                )
                argument = event.add_child(instance=self._argument(theme))
                footnotes += self._footnotes(argument, theme, locale)
                proceedings = event.add_child(
                    instance=ProceedingsPage(
                        title="Traces du colloque",
                        slug="traces",
                        introduction=rich_text([self.corpus.paragraph(60, theme)]),
                    )
                )
                events.append((event, argument, proceedings, theme))
            Footnote.objects.bulk_create(footnotes)
        self.report.counts["pages"] = len(events) * 3
        self.report.counts["events"] = len(events)
        return events

    def _argument(self, theme):
        rng = self.random
        page = ArgumentPage(
            title="Argumentaire",
            slug="argumentaire",
            subtitle=self.corpus.title(theme),
        )
        # Footnotes need the page's id: they are written once the page exists.
        page.bench_notes = []
        blocks = []
        for block in range(rng.randint(4, 8)):
            text = html.escape(self.corpus.paragraph(rng.randint(80, 160), theme), quote=False)
            if rng.random() < 0.6:
                note = uuid.UUID(int=rng.getrandbits(128), version=4)
                text += f'<footnote id="{note}">[{str(note)[:6]}]</footnote>'
                page.bench_notes.append(note)
            blocks.append({"type": "paragraph", "value": f"<p>{text}</p>", "id": str(block)})
        page.body = blocks
        return page

    def _footnotes(self, page, theme, locale):
        return [
            Footnote(
                page_id=page.pk,
                uuid=note,
                text=rich_text([self.corpus.sentence(theme)]),
                locale=locale,
                sort_order=order,
            )
            for order, note in enumerate(page.bench_notes)
        ]

    # --- Documents ---------------------------------------------------------------

    def documents(self, events, people):
        """Documents, one contribution each, spread over the proceedings; programmes and speakers."""
        rng = self.random
        scale = self.scale
        collection = Collection.get_first_root_node()
        placeholder = pdf_from_pages(["Document de l'archive de test du moteur de recherche."])
        if not default_storage.exists(PLACEHOLDER_NAME):
            default_storage.save(PLACEHOLDER_NAME, ContentFile(placeholder))
        documents, contributions, contribution_speakers = [], [], []
        items, item_speakers, event_speakers = [], [], []
        per_event = [scale.documents // len(events)] * len(events)
        for extra in range(scale.documents - sum(per_event)):
            per_event[extra] += 1
        for (event, _argument, proceedings, _theme), count in zip(events, per_event, strict=True):
            speakers = rng.sample(people, min(len(people), max(2, count)))
            event_speakers += [
                EventSpeaker(page=event, person=person, sort_order=order)
                for order, person in enumerate(speakers)
            ]
            taken = set()
            for order in range(count):
                theme = self.corpus.theme()
                title = self.corpus.title(theme)
                talk_speakers = rng.sample(speakers, rng.choice((1, 1, 2)))
                document = ColloquiumDocument(
                    title=title[:255],
                    file=PLACEHOLDER_NAME,
                    collection=collection,
                    file_size=len(placeholder),
                    file_format="PDF",
                    page_count=rng.randint(scale.min_document_pages, scale.max_document_pages),
                )
                document.bench_theme = theme
                documents.append(document)
                contribution = Contribution(
                    page=proceedings, sort_order=order, title=title, document=document
                )
                # bulk_create skips save(), which gives a talk its address.
                contribution.fill_slug(taken)
                taken.add(contribution.slug)
                contributions.append(contribution)
                contribution_speakers.append(talk_speakers)
                item = ProgrammeItem(
                    page=event,
                    sort_order=order,
                    start_time=f"{9 + order * 6 // max(count, 1):02d}:{(order * 20) % 60:02d}",
                    kind=ProgrammeItem.Kind.TALK,
                    title=title,
                    description=self.corpus.sentence(theme),
                )
                items.append(item)
                item_speakers.append(talk_speakers)
        with transaction.atomic():
            ColloquiumDocument.objects.bulk_create(documents, batch_size=1000)
            for contribution in contributions:
                contribution.document_id = contribution.document.pk
            Contribution.objects.bulk_create(contributions, batch_size=1000)
            through = Contribution.speakers.through
            through.objects.bulk_create(
                [
                    through(contribution_id=contribution.pk, person_id=person.pk)
                    for contribution, persons in zip(
                        contributions, contribution_speakers, strict=True
                    )
                    for person in persons
                ],
                batch_size=5000,
            )
            ProgrammeItem.objects.bulk_create(items, batch_size=1000)
            through = ProgrammeItem.speakers.through
            through.objects.bulk_create(
                [
                    through(programmeitem_id=item.pk, person_id=person.pk)
                    for item, persons in zip(items, item_speakers, strict=True)
                    for person in persons
                ],
                batch_size=5000,
            )
            EventSpeaker.objects.bulk_create(event_speakers, batch_size=5000)
        self.report.counts["documents"] = len(documents)
        self.report.counts["document_pages"] = sum(d.page_count for d in documents)
        return documents

    def sample_pdfs(self, documents):
        """Real PDFs for an evenly spread sample of documents; their texts kept to check them."""
        size = min(self.scale.extraction_sample, len(documents))
        if not size:
            return []
        step = len(documents) / size
        sample = []
        for position in range(size):
            document = documents[int(position * step)]
            pages = self.corpus.document_pages(document.page_count, document.bench_theme)
            data = pdf_from_pages(pages)
            name = default_storage.save(f"documents/bench-{document.pk}.pdf", ContentFile(data))
            document.file = name
            document.file_size = len(data)
            document.file_hash = hashlib.sha1(data, usedforsecurity=False).hexdigest()
            document.bench_pages = pages
            sample.append(document)
        ColloquiumDocument.objects.bulk_update(sample, ["file", "file_size", "file_hash"])
        return sample

    def extract(self, sample):
        """The project's extraction on the sample's real PDFs: pages per second."""
        clock = {"seconds": 0.0}
        start = time.perf_counter()
        with timed_extraction(clock):
            for document in sample:
                extraction.store_extraction(document)
        total = time.perf_counter() - start
        pages = sum(document.page_count for document in sample)
        stored = {
            (row.document_id, row.page_number): row.text
            for row in extraction_rows([document.pk for document in sample])
        }
        identical = sum(
            1
            for document in sample
            for number, text in enumerate(document.bench_pages, start=1)
            if stored.get((document.pk, number), "").split() == text.split()
        )
        self.report.extraction = {
            "documents": len(sample),
            "pages": pages,
            "pypdf_seconds": round(clock["seconds"], 3),
            "pypdf_pages_per_second": round(pages / clock["seconds"], 1) if pages else None,
            "total_seconds": round(total, 3),
            "total_pages_per_second": round(pages / total, 1) if pages else None,
            "pages_with_identical_words": identical,
        }
        self.log(
            f"  extraction: {pages} pages of {len(sample)} PDFs, "
            f"{self.report.extraction['pypdf_pages_per_second']} pages/s (pypdf), "
            f"{self.report.extraction['total_pages_per_second']} pages/s with storage; "
            f"{identical}/{pages} pages read back word for word"
        )

    def store_texts(self, documents, sample):
        """Store generated texts for the documents without a real PDF, through store_extraction."""
        sampled = {document.pk for document in sample}
        rest = [document for document in documents if document.pk not in sampled]
        current = {}
        real = extraction.extract_text

        def generated(fileobj, extension):
            return extraction.Extraction(
                extraction.EXTRACTED, [extraction.clean_text(text) for text in current["pages"]]
            )

        extraction.extract_text = generated
        try:
            for start in range(0, len(rest), STORE_BATCH):
                with transaction.atomic():
                    for document in rest[start : start + STORE_BATCH]:
                        current["pages"] = self.corpus.document_pages(
                            document.page_count, document.bench_theme
                        )
                        extraction.store_extraction(document)
                if start and start % (STORE_BATCH * 10) == 0:
                    self.log(f"    {start}/{len(rest)} documents stored")
        finally:
            extraction.extract_text = real
        self.report.counts["stored_documents"] = len(rest)


def extraction_rows(document_ids):
    from core.models import DocumentPageText

    return DocumentPageText.objects.filter(document_id__in=document_ids).only(
        "document_id", "page_number", "text"
    )
