"""Playwright driving Debian's Chromium against pytest-django's live server."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections

# Playwright's sync API runs an event loop in the test thread; the ORM calls the
# tests make around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
NODE_MODULES = ROOT / "node_modules"


@pytest.fixture(scope="session")
def live_server(django_db_setup, live_server):
    """pytest-django's live server, stopped before the test databases are dropped."""
    return live_server


@pytest.fixture
def browser():
    # Function-scoped on purpose: started after the test database is restored
    # (a session-wide Playwright loop started first breaks serialized rollback).
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser-deps` (apt-get install chromium).")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        # While Playwright's loop runs, Django keys connections by context, not
        # thread: close the ones opened meanwhile so the test database can be dropped.
        connections.close_all()
        chromium.close()


# Every blocked (or, in report-only mode, reported) load, script, style or frame is
# reported to the test through this binding, on every page the context opens. The
# init script runs through the DevTools protocol, outside the page's own policy.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
    window.__andelisSecurityPolicyViolation({
        page: document.location.pathname,
        directive: event.violatedDirective,
        blocked: event.blockedURI,
        source: event.sourceFile + ":" + event.lineNumber,
        sample: event.sample,
    });
});
"""


def watch_security_policies(context, violations):
    """Collect CSP violations (events and console errors) and Permissions-Policy errors."""
    context.expose_binding(
        "__andelisSecurityPolicyViolation", lambda source, violation: violations.append(violation)
    )
    context.add_init_script(CSP_LISTENER)

    def on_console(message):
        text = message.text
        if message.type == "error" and (
            "Content Security Policy" in text or "Permissions-Policy" in text
        ):
            violations.append({"page": message.page.url if message.page else "", "console": text})

    context.on("console", on_console)


@pytest.fixture
def security_policy_violations():
    """What the pages of the test's browser context did against the CSP: [] is right."""
    return []


@pytest.fixture
def page(browser, security_policy_violations):
    context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris")
    watch_security_policies(context, security_policy_violations)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def artifacts():
    def path(*parts):
        target = ARTIFACTS.joinpath(*parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    return path


@pytest.fixture
def demo_content(db):
    """The 2017 colloquium. Tests using it with the live server mark themselves
    ``django_db(transaction=True, serialized_rollback=True)`` so that the rows
    Wagtail's migrations create (root page, locale, site) survive the flush."""
    # The demo content brings the pages every footer links to (legal notice, privacy,
    # accessibility, contact) and the argument's footnotes: nothing to add here.
    call_command("load_demo_content", verbosity=0)
