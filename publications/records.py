"""What a talk is, as a bibliographic record: the one source of its citations (BibTeX,
RIS, CSL-JSON, the "Citer" box, Highwire and schema.org tags), of its OAI-PMH Dublin Core
record and of the self-contained copy of its colloquium.

``talk_record(talk)`` reads the talk, its proceedings, colloquium and venue; addresses are
absolute, from the site's root URL (``Site.root_url``, kept right by
``manage.py sync_site_address``), so that a record is the same whoever asks for it.
"""

from dataclasses import dataclass, field

from django.utils import timezone

from core.models import SiteSettings


@dataclass(frozen=True)
class Author:
    """A speaker: a person (``family`` and ``given`` names) or a group (``literal``)."""

    name: str
    family: str = ""
    given: str = ""
    affiliation: str = ""

    @property
    def is_person(self):
        return bool(self.family)


@dataclass(frozen=True)
class TalkRecord:
    key: str  # stable: "andelis-<talk id>", for BibTeX keys and RIS IDs
    talk_id: int
    title: str
    authors: list = field(default_factory=list)
    abstract: str = ""
    conference_title: str = ""
    conference_date: object = None  # a date, in Paris time
    conference_end: object = None
    place: str = ""  # the venue's city
    venue: str = ""
    publisher: str = ""  # the association
    proceedings_title: str = ""
    conference_url: str = ""  # the colloquium's page
    proceedings_url: str = ""  # the proceedings page
    url: str = ""  # the talk's page
    pdf_url: str = ""  # its document, when it is a PDF
    document_url: str = ""
    document_format: str = ""
    page_count: int | None = None
    video_url: str = ""
    language: str = "fr"
    last_modified: object = None  # when the proceedings were last published

    @property
    def year(self):
        return self.conference_date.year if self.conference_date else None


def _authors(talk):
    authors = []
    for speaker in talk.speakers_at_the_time():
        if speaker.person is None:
            authors.append(Author(name=speaker.name))
            continue
        given, family = speaker.person.name_parts()
        authors.append(
            Author(name=speaker.name, family=family, given=given, affiliation=speaker.affiliation)
        )
    return authors


def talk_record(talk, proceedings=None, event=None, site_settings=None):
    """The record of ``talk`` (a ``Contribution``). Pass the proceedings page, its event and
    the site settings when they are already at hand (a listing), to save their queries."""
    proceedings = proceedings or talk.page
    event = event or proceedings.event
    site_settings = site_settings or SiteSettings.load()
    document = talk.document
    start = timezone.localtime(event.start).date() if event and event.start else None
    end = timezone.localtime(event.end).date() if event and event.end else None
    venue = event.venue if event else None
    document_url = ""
    if document is not None:
        root = proceedings.get_site().root_url if proceedings.get_site() else ""
        document_url = document.url if "://" in document.url else f"{root}{document.url}"
    is_pdf = document is not None and (document.file_format or "").upper() == "PDF"
    return TalkRecord(
        key=f"andelis-{talk.pk}",
        talk_id=talk.pk,
        title=talk.title,
        authors=_authors(talk),
        abstract=talk.abstract.strip(),
        conference_title=event.title if event else "",
        conference_date=start,
        conference_end=end,
        place=venue.city if venue else "",
        venue=venue.name if venue else "",
        publisher=site_settings.association_name,
        proceedings_title=proceedings.title,
        conference_url=(event.get_full_url() or "") if event else "",
        proceedings_url=proceedings.get_full_url() or "",
        url=talk.get_full_url() or "",
        pdf_url=document_url if is_pdf else "",
        document_url=document_url,
        document_format=(document.file_format or "") if document is not None else "",
        page_count=document.page_count if document is not None else None,
        video_url=talk.video_url,
        last_modified=proceedings.last_published_at,
    )


def proceedings_records(proceedings):
    """The records of every talk of a proceedings page, in the editors' order."""
    event = proceedings.event
    site_settings = SiteSettings.load()
    return [
        talk_record(talk, proceedings=proceedings, event=event, site_settings=site_settings)
        for talk in proceedings.talks()
    ]
