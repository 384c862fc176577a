"""Making a copy with the real command, unzipping it, and checking it as a reader would."""

import hashlib
import io
import json
import posixpath
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.management import call_command

from archive.links import URL_ATTRIBUTES, css_urls


def export(reference, folder):
    """Run ``manage.py export_colloquium <reference>``, unzip the zip into ``folder/copie``;
    returns (the unzipped folder, the manifest, the zip's path)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "copie.zip"
    call_command("export_colloquium", str(reference), output=str(target), stdout=io.StringIO())
    unzipped = folder / "copie"
    with zipfile.ZipFile(target) as archive:
        assert archive.testzip() is None
        archive.extractall(unzipped)
    manifest = json.loads((unzipped / "manifest.json").read_text())
    return unzipped, manifest, target


class Links(HTMLParser):
    """Every address in a page (with its tag and rel), and the ids it defines."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        for name in URL_ATTRIBUTES.get(tag, ()):
            if attrs.get(name):
                self.links.append((tag, attrs[name], attrs.get("rel") or ""))
        if attrs.get("srcset"):
            for candidate in attrs["srcset"].split(","):
                if candidate.split():
                    self.links.append((tag, candidate.split()[0], ""))

    handle_startendtag = handle_starttag


def parse(path):
    parser = Links()
    parser.feed(path.read_text())
    parser.close()
    return parser


def broken_links(folder, manifest):
    """Every relative address of the copy's pages and stylesheets that does not lead to
    a file inside the folder (or to an id of that file), and every address that would
    not work from a folder: root-relative ("/…"), or to the site for a page the copy holds."""
    folder = folder.resolve()
    pages = {path: parse(path) for path in folder.rglob("*.html")}
    copied = {page["url"]: folder / page["path"] for page in manifest["pages"]}
    problems = []

    def check(source, value):
        parts = urlsplit(value)
        if parts.scheme or parts.netloc:
            return
        if value.startswith("/"):
            problems.append(f"{source.relative_to(folder)}: root-relative {value}")
            return
        target = source
        if parts.path:
            target = (source.parent / unquote(parts.path)).resolve()
            if folder not in target.parents or not target.is_file():
                problems.append(f"{source.relative_to(folder)}: {value} leads to no file")
                return
        if parts.fragment and target.suffix == ".html" and parts.fragment not in pages[target].ids:
            problems.append(f"{source.relative_to(folder)}: {value} names no id")

    for source, parser in pages.items():
        for _tag, value, rel in parser.links:
            if value.startswith(manifest["site"]) and "canonical" not in rel.split():
                if "external" not in rel.split():
                    problems.append(f"{source.relative_to(folder)}: {value} is not marked")
                # The notice names the page's own address; no other link leaves for a
                # page the copy holds.
                if copied.get(value.split("#")[0]) not in (None, source):
                    problems.append(f"{source.relative_to(folder)}: {value} is in the copy")
            check(source, value)
    for stylesheet in folder.rglob("*.css"):
        for value in css_urls(stylesheet.read_text()):
            check(stylesheet, value)
    return problems


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_in(folder):
    return sorted(
        posixpath.join(*path.relative_to(folder).parts)
        for path in folder.rglob("*")
        if path.is_file()
    )


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def read(folder, path):
    return (Path(folder) / path).read_text()
