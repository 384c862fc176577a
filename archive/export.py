"""A self-contained copy of a colloquium: one zip that opens from a folder, with no server.

``ColloquiumExport(event).write(fileobj)`` renders the colloquium's pages as an anonymous
visitor sees them (archive/rendering.py), rewrites their addresses and adds what they use:

* the event page (``index.html`` at the root of the zip), its live and public child pages
  (the argument, the proceedings) and every talk page, each at the path it has under the
  event (``traces-du-colloque/<talk>/index.html``);
* the styles, fonts and icons they link (``static/…``, and the theme stylesheet), with the
  addresses inside the stylesheets followed too;
* the images actually shown (``media/…``: the renditions the pages use, read from storage);
* the documents they link (``documents/<id>/<file name>``), copied from storage byte for
  byte; a document in a private collection stays a link to the site;
* a non-HTML answer under a copied page (a file a page offers for download), as it is;
* ``manifest.json`` (every file with its SHA-256 and size, the colloquium, the date and
  the site's address) and ``SHA256SUMS`` (for ``sha256sum -c``).

Every address of the copy is relative, so the folder works from ``file://``. A page of the
site that is not in the copy (the home page, the legal notice…) becomes its absolute address
on the live site, marked ``rel="external"``. docs/export.md says why and what is left out.
"""

import hashlib
import json
import mimetypes
import posixpath
import zipfile
from dataclasses import asdict, dataclass
from functools import partial
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from archive.links import css_urls, rewrite_css, rewrite_html
from archive.rendering import SiteVisitor
from publications.models import ArgumentPage, ProceedingsPage
from publications.records import proceedings_records

MANIFEST = "manifest.json"
CHECKSUMS = "SHA256SUMS"
CHUNK = 1024 * 1024
# <link rel="…"> that the page loads itself (the others are links a reader follows).
LOADED_LINKS = {"stylesheet", "icon", "apple-touch-icon", "preload", "modulepreload", "mask-icon"}
NAVIGATION_TAGS = {"a", "area", "form"}
NOT_A_DOCUMENT = object()


class ExportError(Exception):
    """A colloquium that cannot be copied; the message is for the editor, in French."""


@dataclass(frozen=True)
class ExportedFile:
    path: str
    sha256: str
    size: int
    kind: str  # page, document, image, static, site (a file the site makes), download
    source: str  # the address it was copied from


@dataclass(frozen=True)
class ExportedPage:
    path: str
    url: str
    title: str
    kind: str  # colloque, argumentaire, traces, intervention


def relative(from_file, to_file):
    """The relative address of ``to_file`` seen from ``from_file`` (paths in the zip)."""
    start = posixpath.dirname(from_file) or "."
    return posixpath.relpath(to_file, start)


def check_exportable(event):
    """Refuse, in French, a colloquium visitors cannot see (the copy shows what they see)."""
    if not event.live:
        raise ExportError(
            _("« %(title)s » n’est pas publié : seules les pages publiées sont copiées.")
            % {"title": event.title}
        )
    if event.get_view_restrictions().exists():
        raise ExportError(
            _("« %(title)s » est en accès restreint : une copie autonome le rendrait public.")
            % {"title": event.title}
        )
    if event.get_url_parts() is None:
        raise ExportError(
            _("« %(title)s » n’a pas d’adresse sur le site : il n’est rattaché à aucun site.")
            % {"title": event.title}
        )


class ColloquiumExport:
    def __init__(self, event, made_at=None):
        self.event = event.specific
        check_exportable(self.event)
        self.site = self.event.get_site()
        self.root_url = self.site.root_url
        root = urlsplit(self.root_url)
        self.origin = (root.scheme, root.netloc)
        self.made_at = made_at or timezone.now()
        self.visitor = SiteVisitor(self.site, self.made_at)
        self.base_path = self.event.get_url_parts()[2]
        self.pages = {}  # address path -> ExportedPage
        self.files = {}  # path in the zip -> ExportedFile
        self.found = {}  # (address, loaded by the page) -> path in the zip, or None
        self.zip = None

    # --- Which pages ----------------------------------------------------------------

    def _add_page(self, url_path, title, kind):
        self.pages[url_path] = ExportedPage(
            path=self._under_event(url_path, "index.html"),
            url=self.root_url + url_path,
            title=title,
            kind=kind,
        )

    def _under_event(self, url_path, folder_file):
        relative_path = url_path[len(self.base_path) :]
        if not relative_path or relative_path.endswith("/"):
            return relative_path + folder_file
        return relative_path

    def collect_pages(self):
        self._add_page(self.base_path, self.event.title, "colloque")
        children = self.event.get_children().live().public().specific().order_by("path")
        for child in children:
            parts = child.get_url_parts()
            if parts is None or not parts[2].startswith(self.base_path):
                continue
            if isinstance(child, ProceedingsPage):
                self._add_page(parts[2], child.title, "traces")
                for record in proceedings_records(child):
                    talk_path = urlsplit(record.url).path
                    if talk_path.startswith(self.base_path):
                        self._add_page(talk_path, record.title, "intervention")
            else:
                kind = "argumentaire" if isinstance(child, ArgumentPage) else "page"
                self._add_page(parts[2], child.title, kind)

    # --- Writing files --------------------------------------------------------------

    def _zip_info(self, path):
        info = zipfile.ZipInfo(path, date_time=timezone.localtime(self.made_at).timetuple()[:6])
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        return info

    def _taken(self, path, source):
        """True when ``path`` already holds ``source``; an error when it holds another."""
        taken = self.files.get(path)
        if taken is not None and taken.source != source:
            raise ExportError(
                _("Deux fichiers de la copie auraient le même nom, %(path)s : %(a)s et %(b)s.")
                % {"path": path, "a": taken.source, "b": source}
            )
        return taken is not None

    def _write_chunks(self, path, chunks, kind, source):
        if self._taken(path, source):
            return path
        digest, size = hashlib.sha256(), 0
        with self.zip.open(self._zip_info(path), "w") as target:
            for chunk in chunks:
                digest.update(chunk)
                size += len(chunk)
                target.write(chunk)
        self.files[path] = ExportedFile(path, digest.hexdigest(), size, kind, source)
        return path

    def _write_bytes(self, path, content, kind, source):
        return self._write_chunks(path, [content], kind, source)

    def _write_stored(self, path, storage, name, kind, source):
        if self._taken(path, source):
            return path
        with storage.open(name, "rb") as stored:
            return self._write_chunks(path, stored.chunks(CHUNK), kind, source)

    # --- What an address becomes ----------------------------------------------------

    def rewrite_link(self, value, tag, attrs, page_url, current):
        """The new address of ``value`` in the file ``current`` (see ``rewrite_html``)."""
        rel = (attrs.get("rel") or "").lower().split()
        if value.startswith("#") or "canonical" in rel or "external" in rel:
            return None
        absolute = urljoin(page_url, value.strip())
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https"):
            return None
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        same_site = (parts.scheme, parts.netloc) == self.origin
        page = self.pages.get(unquote(parts.path)) if same_site and not parts.query else None
        if page is not None:
            return relative(current, page.path) + fragment, []
        loaded = tag not in NAVIGATION_TAGS and (tag != "link" or bool(LOADED_LINKS & set(rel)))
        target = self.resource(parts, loaded)
        if target is not None:
            return relative(current, target) + fragment, []
        if same_site:
            # A page of the site outside the copy: its address on the live site.
            return absolute, ["external"] if tag in ("a", "area") else []
        return None

    def resource(self, parts, loaded):
        """The path in the zip of the file at ``parts`` (added on first sight), or None
        when the copy cannot hold it."""
        key = (urlunsplit(parts._replace(fragment="")), loaded)
        if key not in self.found:
            self.found[key] = None  # a stylesheet importing itself stops here
            self.found[key] = self._find_resource(parts, loaded)
        return self.found[key]

    def _find_resource(self, parts, loaded):
        same_site = (parts.scheme, parts.netloc) == self.origin
        path = unquote(parts.path)
        source = urlunsplit(parts._replace(query="", fragment=""))
        name = self._static_name(parts)
        if name is not None:
            return self._add_static(name, source)
        if same_site:
            document = self._add_document(path, source)
            if document is not NOT_A_DOCUMENT:
                return document
        stored = self._stored_image(parts)
        if stored is not None:
            storage, name = stored
            return self._write_stored(f"media/{name}", storage, name, "image", source)
        if same_site and (loaded or self._under_copied_page(path)):
            return self._add_site_file(path, parts.query, source)
        return None

    def _under_copied_page(self, path):
        return any(path.startswith(page) and path != page for page in self.pages)

    # Static files: the stylesheets, fonts and icons of the site.

    def _static_name(self, parts):
        static = urlsplit(urljoin(self.root_url, settings.STATIC_URL))
        if (parts.scheme, parts.netloc) != (static.scheme, static.netloc):
            return None
        if not parts.path.startswith(static.path):
            return None
        return unquote(parts.path[len(static.path) :]) or None

    def _read_static(self, name):
        """The bytes the site serves for a static file: collected (production) or from
        the apps' folders (development and tests, like the server does there)."""
        from_finders = settings.DEBUG or getattr(settings, "WHITENOISE_USE_FINDERS", False)
        for source in ("finders", "storage") if from_finders else ("storage", "finders"):
            if source == "storage" and staticfiles_storage.exists(name):
                with staticfiles_storage.open(name, "rb") as stored:
                    return stored.read()
            if source == "finders":
                found = finders.find(name)
                if found:
                    with open(found, "rb") as file:
                        return file.read()
        return None

    def _add_static(self, name, source):
        content = self._read_static(name)
        if content is None:
            return None
        path = f"static/{name}"
        if name.lower().endswith(".css"):
            content = self._rewrite_stylesheet(content, source, path)
        return self._write_bytes(path, content, "static", source)

    def _rewrite_stylesheet(self, content, source, path):
        text = content.decode("utf-8")

        def rewrite_one(url):
            target = self.resource(urlsplit(urljoin(source, url)), loaded=True)
            if target is None:
                return None
            fragment = urlsplit(url).fragment
            return relative(path, target) + (f"#{fragment}" if fragment else "")

        for url in css_urls(text):
            self.resource(urlsplit(urljoin(source, url)), loaded=True)
        return rewrite_css(text, rewrite_one).encode("utf-8")

    # Documents: the stored file, byte for byte.

    def _add_document(self, path, source):
        try:
            match = resolve(path)
        except Resolver404:
            return NOT_A_DOCUMENT
        if match.url_name != "wagtaildocs_serve":
            return NOT_A_DOCUMENT
        document_id, filename = match.args[0], match.args[1]
        document = get_document_model().objects.filter(pk=document_id).first()
        if document is None or document.filename != filename:
            return None
        if document.collection.get_view_restrictions().exists():
            # Private: the copy keeps a link to the site, which asks for the password.
            return None
        return self._write_stored(
            f"documents/{document.pk}/{document.filename}",
            document.file.storage,
            document.file.name,
            "document",
            source,
        )

    # Images: the renditions the pages show, from storage (local folder or S3).

    def _stored_image(self, parts):
        media = urlsplit(urljoin(self.root_url, settings.MEDIA_URL))
        if (parts.scheme, parts.netloc) == (media.scheme, media.netloc) and parts.path.startswith(
            media.path
        ):
            name = unquote(parts.path[len(media.path) :])
            if name and default_storage.exists(name):
                return default_storage, name
        # Storage with addresses of its own (S3): the image or rendition with this address.
        basename = unquote(parts.path.rsplit("/", 1)[-1])
        if not basename:
            return None
        image_model = get_image_model()
        for model in (image_model.get_rendition_model(), image_model):
            for item in model.objects.filter(file__endswith=basename)[:50]:
                address = urlsplit(item.file.url)
                if (address.scheme, address.netloc, address.path) == (
                    parts.scheme,
                    parts.netloc,
                    parts.path,
                ):
                    return item.file.storage, item.file.name
        return None

    # Other files the site makes: the theme's stylesheet, a page's download.

    def _add_site_file(self, path, query, source):
        answer = self.visitor.get(path, query)
        if answer.status != 200 or answer.is_html:
            return None
        if path.startswith(self.base_path):
            target = self._under_event(path, "index")
        else:
            target = path.lstrip("/") or "index"
        if target.endswith("/index") or target == "index":
            target += _extension(answer.content_type)
        content = answer.content
        if answer.content_type.startswith("text/css"):
            content = self._rewrite_stylesheet(content, source, target)
        kind = "download" if self._under_copied_page(path) else "site"
        return self._write_bytes(target, content, kind, source)

    # --- The whole copy -------------------------------------------------------------

    def render_page(self, url_path, page):
        answer = self.visitor.get(url_path)
        if answer.status != 200 or not answer.is_html:
            raise ExportError(
                _("La page %(url)s ne s’affiche pas (réponse %(status)s) : copie interrompue.")
                % {"url": page.url, "status": answer.status}
            )
        text = answer.content.decode("utf-8")
        rewrite = partial(self.rewrite_link, page_url=page.url, current=page.path)
        return rewrite_html(text, rewrite).encode("utf-8")

    def manifest(self):
        event = self.event
        return {
            "description": _("Copie autonome d’un colloque de l’ANDELIS (docs/export.md)"),
            "colloquium": {
                "id": event.pk,
                "title": event.title,
                "url": self.root_url + self.base_path,
                "start": event.start.isoformat() if event.start else None,
                "end": event.end.isoformat() if event.end else None,
            },
            "site": self.root_url,
            "exported_at": self.made_at.isoformat(),
            "pages": [asdict(page) for page in self.pages.values()],
            "files": [asdict(self.files[path]) for path in sorted(self.files)],
        }

    def write(self, fileobj):
        """Write the zip to ``fileobj`` (a binary file); returns the manifest."""
        self.collect_pages()
        with zipfile.ZipFile(fileobj, "w") as self.zip:
            for url_path, page in self.pages.items():
                content = self.render_page(url_path, page)
                self._write_bytes(page.path, content, "page", page.url)
            manifest = self.manifest()
            manifest_bytes = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode()
            self.zip.writestr(self._zip_info(MANIFEST), manifest_bytes)
            sums = [(file.sha256, file.path) for file in self.files.values()]
            sums.append((hashlib.sha256(manifest_bytes).hexdigest(), MANIFEST))
            lines = "".join(f"{digest}  {path}\n" for digest, path in sorted(sums, key=_by_path))
            self.zip.writestr(self._zip_info(CHECKSUMS), lines.encode())
        self.zip = None
        return manifest


def _by_path(item):
    return item[1]


def _extension(content_type):
    return mimetypes.guess_extension(content_type.split(";")[0].strip()) or ".bin"


def default_filename(event, made_at=None):
    made_at = made_at or timezone.now()
    return f"{event.slug}-copie-{timezone.localdate(made_at).isoformat()}.zip"


def find_colloquium(reference):
    """The colloquium named by ``reference``: a page id, an address (path or full URL) or
    a slug. Raises ExportError, in French, when it names none or several."""
    from wagtail.models import Page, Site

    from events.models import EventPage

    reference = (reference or "").strip()
    if not reference:
        raise ExportError(
            _("Indiquez le colloque à copier : son identifiant, son adresse ou son slug.")
        )
    if reference.isdigit():
        page = Page.objects.filter(pk=int(reference)).first()
        if page is None:
            raise ExportError(_("Aucune page n’a l’identifiant %(id)s.") % {"id": reference})
        page = page.specific
        if not isinstance(page, EventPage):
            raise ExportError(
                _("La page %(id)s, « %(title)s », n’est pas un colloque (%(type)s).")
                % {
                    "id": reference,
                    "title": page.title,
                    "type": page.specific_class._meta.verbose_name,
                }
            )
        return page
    if "/" in reference:
        path = unquote(urlsplit(reference).path)
        path = path if path.endswith("/") else path + "/"
        url_paths = [site.root_page.url_path + path.lstrip("/") for site in Site.objects.all()]
        found = list(EventPage.objects.filter(url_path__in=url_paths))
        wanted = _("l’adresse %(path)s") % {"path": path}
    else:
        found = list(EventPage.objects.filter(slug=reference))
        wanted = _("le slug « %(slug)s »") % {"slug": reference}
    if len(found) == 1:
        return found[0]
    if not found:
        raise ExportError(
            _(
                "Aucun colloque n’a %(wanted)s. Donnez l’identifiant, l’adresse ou le slug d’une page de colloque."
            )
            % {"wanted": wanted}
        )
    raise ExportError(
        _("Plusieurs colloques ont %(wanted)s : donnez l’identifiant de l’un d’eux (%(ids)s).")
        % {"wanted": wanted, "ids": ", ".join(str(page.pk) for page in found)}
    )
