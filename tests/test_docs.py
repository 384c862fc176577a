"""The README and docs/ name only files that exist, and docs/README.md lists every page."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

# Paths the docs name that are made at run time (or are personal and git-ignored), and
# URL segments that look like folders. Anything else named must be in the repository.
NOT_IN_THE_REPOSITORY = {
    "andelis/settings/local.py",  # personal overrides, git-ignored
    "backups/",  # make backup
    "media/",  # uploads in development
    "staticfiles/",  # collectstatic
    "test-artifacts/",  # screenshots and HTML of the browser tests
    "bench/results/media",  # sample PDFs of make bench-search
    "inscription/",  # an event page's registration address
    "argumentaire/",  # pages inside a colloquium's self-contained copy (docs/export.md)
    "traces-du-colloque/",
}

EXTENSIONS = "py|md|html|txt|css|js|json|toml|ya?ml|vcl|sh|service|conf|cfg|ini"
# A file inside a folder, in backquotes or in the text: `core/models.py`, docs/search.md.
FILE = re.compile(
    r"(?<![\w/.:<$-])((?:[A-Za-z0-9_-]+/)+[A-Za-z0-9_.-]+\.(?:" + EXTENSIONS + r"))\b"
)
# A folder in backquotes: `tests/deploy/`.
FOLDER = re.compile(r"`([A-Za-z0-9_-]+(?:/[A-Za-z0-9_.-]+)*/)`")
LINK = re.compile(r"\]\(([^)\s]+)\)")


def named_paths(text):
    """The repository-relative paths a page names: files inside a folder, and folders."""
    for match in re.finditer(f"{FILE.pattern}|{FOLDER.pattern}", text):
        yield match.group(1) or match.group(2)


def exists(path):
    if (ROOT / path).exists():
        return True
    # Django names templates from the templates folder: `events/event_page.html`.
    return path.endswith(".html") and (ROOT / "templates" / path).exists()


def made_at_run_time(path):
    return any(path == p or path.startswith(p.rstrip("/") + "/") for p in NOT_IN_THE_REPOSITORY)


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(ROOT)))
def test_every_path_a_page_names_exists(page):
    text = page.read_text()
    missing = [
        path for path in named_paths(text) if not exists(path) and not made_at_run_time(path)
    ]
    for target in LINK.findall(text):
        target = target.split("#", 1)[0]
        if target and not re.match(r"[a-z]+:", target) and not (page.parent / target).exists():
            missing.append(target)
    assert missing == [], f"{page.name} names files that do not exist"


def test_the_path_finder_sees_files_and_folders_but_not_urls_or_settings():
    text = (
        "`core/models.py`, `templates/base.html`, `tests/deploy/`, see docs/nothing.md; "
        "`/recherche/`, `DATABASE_URL`, `5/10m`, `manage.py migrate`, `dev.py`, `a/0002`, "
        "https://example.org/a/b.html, `$BACKUP_DIR/andelis.tar`, `/etc/varnish/default.vcl`"
    )
    assert list(named_paths(text)) == [
        "core/models.py",
        "templates/base.html",
        "tests/deploy/",
        "docs/nothing.md",
    ]
    assert not exists("docs/nothing.md")
    assert exists("events/event_page.html")  # a template name


def test_the_docs_index_links_every_page():
    index = (ROOT / "docs" / "README.md").read_text()
    linked = set(LINK.findall(index))
    for page in (ROOT / "docs").glob("*.md"):
        if page.name != "README.md":
            assert page.name in linked, f"docs/README.md does not link {page.name}"
    readme = (ROOT / "README.md").read_text()
    assert "docs/README.md" in readme
    assert len(readme.splitlines()) <= 200
