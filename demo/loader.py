"""Build the 2017 colloquium from ``demo.seed``, idempotently.

Everything is looked up by a natural key (a page's slug or type under its parent,
a snippet's name, a file's title) and updated in place, so running the loader
again changes nothing when nothing changed, and only publishes a new revision of
a page whose content differs from the seed. Pages are published the way the
admin does it (a revision, then its publication), so they have a history.
"""

import datetime
import hashlib
import html
import uuid
from collections import Counter
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site
from wagtail_footnotes.models import Footnote

from core.models import SiteSettings, StandardPage
from core.roles import sync_roles
from demo import files, legal, seed
from demo.comments import load_comments
from events.models import (
    EventImage,
    EventIndexPage,
    EventPage,
    EventPartner,
    EventSpeaker,
    Partner,
    Person,
    ProgrammeItem,
    Venue,
)
from home.models import HomePage
from publications.models import (
    ArgumentPage,
    Contribution,
    PressArticle,
    ProceedingsPage,
    PublicationIndexPage,
)

# Stable identifiers (stream block ids, footnote UUIDs) derive from this namespace,
# so every run writes the same values and finds what the previous run wrote.
DEMO_NAMESPACE = uuid.UUID("6c1d3f0e-2a5b-4c59-9a0e-0a4d1e5c2017")


def stable_uuid(name):
    return uuid.uuid5(DEMO_NAMESPACE, name)


def footnote_uuid(number):
    return str(stable_uuid(f"colloque-2017/argumentaire/note-{number}"))


def _block_key(context, index):
    # Draftail stores a short key on every block of rich text; keep ours stable.
    return hashlib.sha1(f"{context}/{index}".encode(), usedforsecurity=False).hexdigest()[:5]


def _inline(text):
    return str(text) if isinstance(text, seed.Html) else html.escape(text, quote=False)


def rich_text(paragraphs, context):
    """Paragraphs as Wagtail stores rich text written in the editor."""
    return "".join(
        f'<p data-block-key="{_block_key(context, i)}">{_inline(text)}</p>'
        for i, text in enumerate(paragraphs)
    )


def footnote_reference(number):
    """The tag the editor's "Fn" button inserts: the footnote's UUID and its short id."""
    identifier = footnote_uuid(number)
    return f'<footnote id="{identifier}">[{identifier[:6]}]</footnote>'


def argument_body():
    """One paragraph block per paragraph, with "[n]" turned into footnote references."""
    blocks = []
    for i, text in enumerate(seed.ARGUMENT_PARAGRAPHS):
        markup = html.escape(text, quote=False)
        for number in range(len(seed.FOOTNOTES), 0, -1):
            markup = markup.replace(f"[{number}]", footnote_reference(number))
        blocks.append(
            {
                "type": "paragraph",
                "value": f'<p data-block-key="{_block_key("argument", i)}">{markup}</p>',
                "id": str(stable_uuid(f"colloque-2017/argumentaire/paragraphe-{i}")),
            }
        )
    return blocks


def legal_body(spec):
    """The body blocks of one of ``core.demo.legal``'s pages, with stable ids."""
    blocks = []
    for index, (kind, value) in enumerate(spec["body"]):
        if kind == "heading":
            value = {"text": value}
        blocks.append(
            {"type": kind, "value": value, "id": str(stable_uuid(f"{spec['slug']}/{index}"))}
        )
    return blocks


class Tally:
    """What a run did, for the command's summary."""

    def __init__(self):
        self.counts = Counter()

    def add(self, kind, outcome):
        self.counts[(kind, outcome)] += 1

    def summary(self):
        outcomes = Counter()
        for (_kind, outcome), count in self.counts.items():
            outcomes[outcome] += count
        return outcomes


def _current(obj, name):
    """A field's value, comparing foreign keys by id (unset relations do not raise)."""
    field = obj._meta.get_field(name)
    if isinstance(field, models.ForeignKey):
        return getattr(obj, field.attname)
    return getattr(obj, name)


def _set(obj, **values):
    """Assign only the values that differ; tell whether anything did."""
    changed = False
    for name, value in values.items():
        wanted = value.pk if isinstance(value, models.Model) else value
        if _current(obj, name) != wanted:
            setattr(obj, name, value)
            changed = True
    return changed


def _child(parent, model, **filters):
    """The first child of ``parent`` of type ``model``, as its specific instance."""
    page = Page.objects.child_of(parent).type(model).filter(**filters).order_by("path").first()
    return page.specific if page else None


def _ids(manager):
    return sorted(obj.pk for obj in manager.all())


def _sync_children(page, relation, model, rows, key, signature):
    """Make ``page.<relation>`` hold exactly ``rows``, reusing children with the same key.

    ``rows`` are dicts of field values, plus "m2m" for ParentalManyToMany fields.
    Returns True when the children differ from what was there.
    """
    existing = list(getattr(page, relation).all())
    before = [signature(child) for child in existing]
    available = {}
    for child in existing:
        available.setdefault(key(child), child)
    children = []
    for index, row in enumerate(rows):
        row = dict(row)
        m2m = row.pop("m2m", {})
        child = available.pop(key(model(**row)), None) or model()
        _set(child, sort_order=index, **row)
        for name, objects in m2m.items():
            if _ids(getattr(child, name)) != sorted(obj.pk for obj in objects):
                setattr(child, name, objects)
        children.append(child)
    setattr(page, relation, children)
    return before != [signature(child) for child in children]


class DemoLoader:
    """One run of the loader: ``load()`` builds everything, ``tally`` says what changed."""

    def __init__(self):
        self.tally = Tally()
        self.locale = Locale.get_default()
        self.root_collection = Collection.get_first_root_node()

    # Files

    def document(self, spec):
        document_model = get_document_model()
        pages = ((),)
        if spec["key"] == seed.POSTER:
            pages = ((), tuple(self._programme_lines()))
        data = files.demo_pdf(spec["heading"], spec["speaker"], spec["size"], pages)
        digest = hashlib.sha1(data, usedforsecurity=False).hexdigest()
        document = document_model.objects.filter(title=spec["title"]).order_by("pk").first()
        if (
            document
            and document.file_hash == digest
            and document.page_count
            and document.extraction_status != document.ExtractionStatus.PENDING
        ):
            self.tally.add("document", "unchanged")
            return document
        created = document is None
        if created:
            document = document_model(title=spec["title"], collection=self.root_collection)
        old_name = None if created else document.file.name
        document.file = ContentFile(data, name=spec["filename"])
        # What the admin's upload form does: size, hash, then our format and page count.
        document._set_document_file_metadata()
        document.full_clean()
        document.save()
        if old_name and old_name != document.file.name:
            document.file.storage.delete(old_name)
        self.tally.add("document", "created" if created else "updated")
        return document

    def image(self, title, filename, data, description):
        image_model = get_image_model()
        digest = hashlib.sha1(data, usedforsecurity=False).hexdigest()
        image = image_model.objects.filter(title=title).order_by("pk").first()
        if image and image.file_hash == digest:
            if _set(image, description=description):
                image.save(update_fields=["description"])
                self.tally.add("image", "updated")
            else:
                self.tally.add("image", "unchanged")
            return image
        created = image is None
        if created:
            image = image_model(title=title, collection=self.root_collection)
        else:
            image.renditions.all().delete()
        old_name = None if created else image.file.name
        image.description = description
        image.file = ImageFile(ContentFile(data), name=filename)
        image._set_image_file_metadata()
        image.full_clean()
        image.save()
        if old_name and old_name != image.file.name:
            image.file.storage.delete(old_name)
        self.tally.add("image", "created" if created else "updated")
        return image

    # Snippets

    def snippet(self, model, lookup, **values):
        obj = model.objects.filter(**lookup).order_by("pk").first()
        created = obj is None
        if created:
            obj = model(**lookup)
        if _set(obj, **values) or created:
            obj.full_clean()
            obj.save()
            self.tally.add(model._meta.model_name, "created" if created else "updated")
        else:
            self.tally.add(model._meta.model_name, "unchanged")
        return obj

    def people(self):
        return {
            spec["name"]: self.snippet(
                Person, {"name": spec["name"]}, affiliation=spec["affiliation"]
            )
            for spec in seed.PEOPLE
        }

    def partners(self):
        partners = {}
        for spec in seed.PARTNERS:
            label = spec.get("logo_label", spec["name"])
            logo = self.image(
                spec["logo_alt_text"],
                f"logo-{slugify(label)}.png",
                files.logo_png(label),
                spec["logo_alt_text"],
            )
            partners[spec["name"]] = self.snippet(
                Partner,
                {"name": spec["name"]},
                logo=logo,
                logo_alt_text=spec["logo_alt_text"],
                description=rich_text(spec["description"], f"partner/{spec['name']}"),
                website=spec["website"],
            )
        return partners

    def venue(self):
        spec = dict(seed.VENUE)
        lookup = {"name": spec.pop("name"), "city": spec.pop("city")}
        spec["latitude"] = Decimal(spec["latitude"])
        spec["longitude"] = Decimal(spec["longitude"])
        return self.snippet(Venue, lookup, **spec)

    # Pages

    def publish(self, page, parent, changed):
        """Create or update ``page`` under ``parent`` and publish it if anything changed."""
        kind = type(page).__name__
        if page.pk is None:
            page.live = False
            parent.add_child(instance=page)
            page.save_revision(log_action=True).publish()
            self.tally.add(kind, "created")
        elif changed or not page.live:
            page.save_revision(log_action=True).publish()
            self.tally.add(kind, "updated")
        else:
            self.tally.add(kind, "unchanged")
        return page

    def home(self):
        """The site's home page: the existing HomePage if any, otherwise a new one."""
        root = Page.get_first_root_node()
        home = HomePage.objects.order_by("path").first()
        if home is None:
            home = HomePage(
                title=seed.HOME["title"],
                slug=seed.HOME["slug"],
                introduction=rich_text(seed.HOME["introduction"], "home"),
            )
            changed = True
        else:
            # An existing home page is the association's: only fill what is empty.
            changed = not home.introduction and _set(
                home, introduction=rich_text(seed.HOME["introduction"], "home")
            )
        self.publish(home, root, changed)
        self.site(home)
        self.remove_welcome_page(home)
        return home

    def site(self, home):
        site = (
            Site.objects.filter(hostname="localhost", port=80).first()
            or Site.objects.filter(is_default_site=True).first()
        )
        if site is None:
            site = Site(hostname="localhost", port=80)
        if site.pk is None or _set(
            site,
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=seed.SITE_NAME,
        ):
            # Another default site would make this one invalid: it steps aside.
            Site.objects.filter(is_default_site=True).exclude(pk=site.pk).update(
                is_default_site=False
            )
            site.root_page = home
            site.site_name = seed.SITE_NAME
            site.is_default_site = True
            site.save()
            self.tally.add("site", "updated")
        # The footer's contact address, unless someone already chose one.
        settings = SiteSettings.load()
        if not settings.contact_email:
            settings.contact_email = seed.CONTACT_EMAIL
            settings.save()

    def remove_welcome_page(self, home):
        """Delete Wagtail's "Welcome to your new Wagtail site!" page once nothing uses it."""
        welcome_pages = Page.objects.filter(
            depth=2, numchild=0, content_type__app_label="wagtailcore", content_type__model="page"
        ).exclude(pk=home.pk)
        for page in welcome_pages:
            if not Site.objects.filter(root_page=page).exists():
                page.delete()
                self.tally.add("welcome page", "deleted")

    def index_page(self, model, spec, home):
        page = model.objects.order_by("path").first()
        created = page is None
        if created:
            page = model(slug=spec["slug"])
        changed = _set(
            page,
            title=spec["title"],
            introduction=rich_text(spec["introduction"], spec["slug"]),
            show_in_menus=True,
        )
        return self.publish(page, home, changed or created)

    def event(self, index, venue, people, partners, documents, images):
        spec = seed.EVENT
        page = _child(index, EventPage, slug=spec["slug"])
        created = page is None
        if created:
            page = EventPage(slug=spec["slug"])
        changed = _set(
            page,
            title=spec["title"],
            listing_summary=spec["listing_summary"],
            start=_paris(*spec["start"]),
            end=_paris(*spec["end"]),
            status=spec["status"],
            venue=venue,
            introduction=rich_text(spec["introduction"], "event/introduction"),
            poster=documents[seed.POSTER],
            is_free=spec["is_free"],
            registration_information=rich_text(
                spec["registration_information"], "event/registration"
            ),
            practical_information="",
        )
        changed |= _sync_children(
            page,
            "programme_items",
            ProgrammeItem,
            [
                {
                    "start_time": item["start"],
                    "end_time": item["end"],
                    "kind": item["kind"],
                    "title": item["title"],
                    "description": item.get("description", ""),
                    "m2m": {"speakers": [people[name] for name in item["speakers"]]},
                }
                for item in seed.PROGRAMME
            ],
            key=lambda item: item.title,
            signature=lambda item: (
                item.sort_order,
                item.start_time,
                item.end_time,
                item.kind,
                item.title,
                item.description,
                _ids(item.speakers),
            ),
        )
        changed |= _sync_children(
            page,
            "speakers",
            EventSpeaker,
            [{"person": people[name]} for name in seed.EVENT_SPEAKERS],
            key=lambda link: link.person_id,
            signature=lambda link: (link.sort_order, link.person_id),
        )
        changed |= _sync_children(
            page,
            "event_partners",
            EventPartner,
            [{"partner": partners[name], "role": role} for name, role in seed.EVENT_PARTNERS],
            key=lambda link: link.partner_id,
            signature=lambda link: (link.sort_order, link.partner_id, link.role),
        )
        changed |= _sync_children(
            page,
            "images",
            EventImage,
            [
                {"image": images[spec["key"]], "caption": spec["caption"]}
                for spec in seed.EVENT_IMAGES
            ],
            key=lambda picture: picture.caption,
            signature=lambda picture: (picture.sort_order, picture.image_id, picture.caption),
        )
        return self.publish(page, index, changed or created)

    def argument(self, event):
        spec = seed.ARGUMENT
        page = _child(event, ArgumentPage)
        created = page is None
        if created:
            page = ArgumentPage(slug=spec["slug"])
        body = argument_body()
        changed = _set(page, title=spec["title"], subtitle=spec["subtitle"])
        if created or list(page.body.raw_data) != body:
            page.body = body
            changed = True
        changed |= _sync_children(
            page,
            "footnotes",
            Footnote,
            [
                {
                    "uuid": footnote_uuid(number),
                    "text": rich_text([text], f"argument/note-{number}"),
                    "locale": self.locale,
                }
                for number, text in enumerate(seed.FOOTNOTES, start=1)
            ],
            key=lambda note: str(note.uuid),
            signature=lambda note: (note.sort_order, str(note.uuid), note.text),
        )
        return self.publish(page, event, changed or created)

    def proceedings(self, event, people, documents):
        spec = seed.PROCEEDINGS
        page = _child(event, ProceedingsPage)
        created = page is None
        if created:
            page = ProceedingsPage(slug=spec["slug"])
        changed = _set(
            page,
            title=spec["title"],
            introduction=rich_text(spec["introduction"], "proceedings/introduction"),
        )
        changed |= _sync_children(
            page,
            "contributions",
            Contribution,
            [
                {
                    "title": row["title"],
                    "speaker_label": row.get("speaker_label", ""),
                    "document": documents[row["document"]] if "document" in row else None,
                    "video_url": row.get("video_url", ""),
                    "video_label": row.get("video_label", ""),
                    "m2m": {"speakers": [people[name] for name in row.get("speakers", [])]},
                }
                for row in seed.CONTRIBUTIONS
            ],
            key=lambda row: row.title,
            signature=lambda row: (
                row.sort_order,
                row.title,
                row.speaker_label,
                row.document_id,
                row.video_url,
                row.video_label,
                _ids(row.speakers),
            ),
        )
        changed |= _sync_children(
            page,
            "press_articles",
            PressArticle,
            seed.PRESS_ARTICLES,
            key=lambda article: article.title,
            signature=lambda article: (
                article.sort_order,
                article.title,
                article.publication,
                article.url,
                article.published_on,
            ),
        )
        return self.publish(page, event, changed or created)

    def legal_pages(self, home):
        """The legal notice, privacy notice, accessibility statement and contact page,
        linked from every footer through the site settings. A page that exists is the
        association's: it is left as it is, and a setting already chosen stays."""
        settings = SiteSettings.load()
        settings_changed = False
        for spec in legal.PAGES:
            page = _child(home, StandardPage, slug=spec["slug"])
            if page is None:
                page = StandardPage(
                    title=spec["title"],
                    slug=spec["slug"],
                    introduction=spec["introduction"],
                    body=legal_body(spec),
                    show_in_menus=False,
                )
                self.publish(page, home, True)
            else:
                self.tally.add("StandardPage", "unchanged")
            if getattr(settings, f"{spec['setting']}_id") is None:
                setattr(settings, spec["setting"], page)
                settings_changed = True
        if settings_changed:
            settings.save()

    def _programme_lines(self):
        # Only the times the seed gives: a moment without one is listed without one.
        lines = []
        for item in seed.PROGRAMME:
            if item["start"] is None:
                lines.append(item["title"])
            else:
                hour = f"{item['start'].hour}h{item['start'].minute:02d}"
                lines.append(f"{hour} – {item['title']}")
        return lines

    @transaction.atomic
    def load(self):
        home = self.home()
        events = self.index_page(EventIndexPage, seed.EVENT_INDEX, home)
        self.index_page(PublicationIndexPage, seed.PUBLICATION_INDEX, home)
        documents = {spec["key"]: self.document(spec) for spec in seed.DOCUMENTS}
        images = {
            spec["key"]: self.image(
                spec["caption"],
                spec["filename"],
                files.poster_png(
                    spec["heading"], tuple(spec.get("lines") or self._programme_lines())
                ),
                spec["description"],
            )
            for spec in seed.EVENT_IMAGES
        }
        people = self.people()
        partners = self.partners()
        venue = self.venue()
        event = self.event(events, venue, people, partners, documents, images)
        self.argument(event)
        self.proceedings(event, people, documents)
        load_comments(self, event)
        self.legal_pages(home)
        # A home page created here (not by the migration) still gets the roles'
        # page permissions and the moderation workflow.
        sync_roles()
        return event


def _paris(day, time):
    return timezone.make_aware(datetime.datetime.combine(day, time))
