"""Footnotes in the essay editor: numbered as on the page, and typed straight after "Fn".

Screenshots go to test-artifacts/footnote-editor/.
"""

import re
import uuid

import pytest
from django.test import Client
from django.utils.html import strip_tags
from playwright.sync_api import expect
from wagtail.rich_text import RichText

from publications.models import ArgumentPage
from tests.factories import ArgumentPageFactory, FootnoteFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _no_autosave(settings):
    # As in the editor journey: background autosaves race with the test's own save.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0


@pytest.fixture
def essay(db):
    first, second = str(uuid.uuid4()), str(uuid.uuid4())
    body = (
        f'<p>Le DEIS a dix ans<footnote id="{second}">[{second[:6]}]</footnote>, '
        f'et reste méconnu<footnote id="{first}">[{first[:6]}]</footnote>; '
        f'on y revient<footnote id="{second}">[{second[:6]}]</footnote>.</p>'
    )
    page = ArgumentPageFactory(body=[("paragraph", RichText(body))])
    # The panel's order is not the text's: the page numbers notes by the text.
    FootnoteFactory(page=page, uuid=first, text="<p>Note A.</p>", sort_order=0)
    FootnoteFactory(page=page, uuid=second, text="<p>Note B.</p>", sort_order=1)
    return page, first, second


def open_editor(page, live_server, user, essay_page):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{live_server.url}/admin/pages/{essay_page.pk}/edit/")
    expect(page.locator("sup[data-footnote-uuid]").first).to_be_visible()


def shown_numbers(page):
    return page.evaluate(
        """() => [...document.querySelectorAll('sup[data-footnote-uuid]')]
            .filter(sup => !sup.closest('#id_footnotes-FORMS'))
            .map(sup => getComputedStyle(sup, '::before').content)"""
    )


def test_references_show_the_numbers_of_the_page(live_server, page, essay, editor, artifacts):
    essay_page, _first, _second = essay
    open_editor(page, live_server, editor, essay_page)

    expect(page.locator("sup[data-footnote-number]")).to_have_count(3)
    page.screenshot(path=artifacts("footnote-editor", "01-numeros.png"), full_page=True)
    # The note referenced first in the text is 1, wherever it sits in the panel.
    assert shown_numbers(page) == ['"[1]"', '"[2]"', '"[1]"']
    notes = page.evaluate(
        """() => [...document.querySelectorAll('#id_footnotes-FORMS input[id$="-uuid"]')]
            .map(input => getComputedStyle(
                document.getElementById(input.id + '_display-value'), '::before').content)"""
    )
    assert notes == ['"[2] · "', '"[1] · "']
    # What is on screen is the number, not the short id.
    box = page.locator("sup[data-footnote-uuid]").first.bounding_box()
    assert box and box["width"] < 30


def test_text_typed_right_after_fn_is_saved(live_server, page, essay, editor, artifacts):
    essay_page, _first, _second = essay
    open_editor(page, live_server, editor, essay_page)
    page.set_default_timeout(30_000)

    body = page.locator("#panel-child-contenu-body-section")
    body.locator(".public-DraftEditor-content").first.click()
    page.keyboard.press("Control+End")
    body.locator(".Draftail-BlockToolbar__trigger").first.click()
    page.get_by_role("option", name=re.compile("Footnotes")).click()
    modal = page.locator("#footnotes-modal")
    expect(modal).to_be_visible()
    modal.locator("#footnotes-create-new").click()
    expect(modal).to_be_hidden()
    new_row = page.locator("#inline_child_footnotes-2")
    editor_box = new_row.locator(".public-DraftEditor-content")
    # No click into the note: the focus footnotes.js gives it is enough.
    page.wait_for_function(
        "row => row.contains(document.activeElement)", arg=new_row.element_handle()
    )
    page.keyboard.type("Voir le rapport de 2016.")
    expect(editor_box).to_contain_text("Voir le rapport de 2016.")
    expect(page.locator("sup[data-footnote-number]")).to_have_count(4)
    assert shown_numbers(page)[-1] == '"[3]"'
    page.screenshot(path=artifacts("footnote-editor", "02-fn-tape.png"), full_page=True)
    # Draftail copies what is typed into the form's field a moment later, as when a
    # person types and then reaches for the button.
    expect(page.locator('input[name="footnotes-2-text"]')).to_have_value(
        re.compile("Voir le rapport de 2016")
    )

    with page.expect_navigation(timeout=45_000):
        page.get_by_role("button", name="Enregistrer le brouillon").click()

    saved = ArgumentPage.objects.get(pk=essay_page.pk).get_latest_revision_as_object()
    texts = [strip_tags(note.text) for note in saved.footnotes.all()]
    assert "Voir le rapport de 2016." in texts
