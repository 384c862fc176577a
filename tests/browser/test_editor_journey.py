"""An editor builds the 2027 colloquium in the real admin; a moderator publishes it.

Everything the editor and the moderator do goes through Chromium and the
Wagtail admin; the database is only used to set the scene (the events index,
a venue, two partners, the two accounts) and to check the outcome.
Screenshots of every step go to test-artifacts/editor-journey/.
"""

import contextlib
import re

import pytest
from django.utils.html import strip_tags
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from events.models import EventPage, EventPartner
from publications.models import ArgumentPage, ProceedingsPage
from tests.factories import EventIndexPageFactory, PartnerFactory, VenueFactory, pdf_bytes

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "mot-de-passe-de-test"


class Journey:
    """Screenshots numbered in the order they are taken, and a few admin gestures."""

    def __init__(self, page, base_url, artifacts, folder):
        self.page = page
        self.base = base_url
        self.artifacts = artifacts
        self.folder = folder
        self.count = 0

    def shot(self, name):
        self.count += 1
        path = self.artifacts(self.folder, f"{self.count:02d}-{name}.png")
        self.page.screenshot(path=path)
        (path.with_suffix(".html")).write_text(self.page.content())

    def goto(self, path):
        self.page.goto(self.base + path)

    def text(self):
        # French typography puts (narrow) no-break spaces inside « » and before ":".
        return re.sub("[\u00a0\u202f]", " ", self.page.inner_text("body"))

    def assert_french(self, *expected):
        body = self.text()
        missing = [text for text in expected if text not in body]
        if missing:
            self.shot("echec")
        assert missing == [], f"not on the screen: {missing}\n{body[:1500]}"

    def login(self, username):
        self.goto("/admin/login/")
        self.assert_french("S'identifier", "Mot de passe")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", PASSWORD)
        self.page.click("button[type=submit]")
        self.page.wait_for_url(re.compile(r"/admin/$"))
        self.assert_french("Sommaire du site", "Colloques", "Prochains colloques")

    def logout(self):
        self.page.context.clear_cookies()

    def tab(self, label):
        self.page.get_by_role("tab", name=label).click()

    def choose_in_modal(self, link_text):
        modal = self.page.locator(".modal-dialog")
        expect(modal).to_be_visible()
        modal.get_by_role("link", name=link_text).first.click()
        expect(modal).to_be_hidden()

    def fill_date(self, selector, value):
        # Wagtail's date picker opens on focus; Escape closes it once typed.
        self.page.fill(selector, value)
        self.page.keyboard.press("Escape")

    def click_and_wait(self, locator):
        # A form post: wait for the next page, not for the current one to be idle.
        # Generous timeout: the machine running the suite may be busy.
        try:
            with self.page.expect_navigation(timeout=45_000):
                locator.click()
        except Exception:
            self.shot("echec-navigation")
            raise
        self.page.wait_for_load_state("networkidle")

    def save_draft(self):
        self.click_and_wait(self.page.get_by_role("button", name="Enregistrer le brouillon"))

    def open_action_menu(self):
        self.page.locator("footer button.w-dropdown__toggle").first.click()

    def submit_for_moderation(self, menu_is_open=False):
        if not menu_is_open:
            self.open_action_menu()
        self.click_and_wait(
            self.page.get_by_role("button", name="Soumettre à Relecture par les modérateurs")
        )
        self.assert_french("soumise pour modération")

    def insert_new_footnote(self, text):
        """The "Fn" entry of the paragraph's block menu, then "create a new footnote"."""
        body = self.page.locator("#panel-child-contenu-body-section")
        body.locator(".Draftail-BlockToolbar__trigger").first.click()
        self.page.get_by_role("option", name=re.compile("Footnotes")).click()
        modal = self.page.locator("#footnotes-modal")
        expect(modal).to_be_visible()
        self.shot("argumentaire-fenetre-fn")
        rows = self.page.locator("#id_footnotes-FORMS > [data-inline-panel-child]")
        index = rows.count()
        modal.locator("#footnotes-create-new").click()
        expect(modal).to_be_hidden()
        new_row = self.page.locator(f"#inline_child_footnotes-{index}")
        editor = new_row.locator(".public-DraftEditor-content")
        expect(editor).to_be_visible()
        # footnotes.js moves the focus into the new note's editor a moment later:
        # wait for it, so that it does not take the focus from what is typed next.
        with contextlib.suppress(PlaywrightTimeoutError):
            self.page.wait_for_function(
                "row => row.contains(document.activeElement)",
                arg=new_row.element_handle(),
                timeout=10_000,
            )
        # Then click into it as a person would: text typed into an editor that was
        # only focused by script showed on screen but never reached the form.
        editor.click()
        self.page.keyboard.type(text)
        expect(editor).to_contain_text(text)
        expect(new_row.locator(f"#id_footnotes-{index}-text")).to_have_value(
            re.compile(re.escape(text.split(",")[0]))
        )

    def type_in_paragraph(self, text):
        paragraph = self.page.locator(
            "#panel-child-contenu-body-section .public-DraftEditor-content"
        ).first
        before = paragraph.inner_text()
        paragraph.click()
        self.page.keyboard.press("Control+End")
        self.page.keyboard.type(text)
        expect(paragraph).to_contain_text(before.strip() + text.rstrip())


@pytest.fixture
def page(page):
    """The test's tab; left on a blank page so no autosave reaches the server after the test."""
    yield page
    page.goto("about:blank")
    page.wait_for_timeout(500)


@pytest.fixture(autouse=True)
def _no_autosave(settings):
    # Wagtail 8 autosaves every 500 ms in the background. Its requests race with
    # the test's own form posts (seen on a busy machine: a submit whose next page
    # never came, 400 answers to background saves), so the journey turns it off;
    # the live server runs in this process and reads the same settings.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0


@pytest.fixture
def scene(db, editor, moderator):
    index = EventIndexPageFactory()
    VenueFactory(name="Palais du Pharo", city="Marseille")
    PartnerFactory(name="IMF", logo=None, logo_alt_text="")
    PartnerFactory(name="UNAFORIS", logo=None, logo_alt_text="")
    return index


def test_editor_builds_the_2027_colloquium_and_a_moderator_publishes_it(
    scene, live_server, page, artifacts, tmp_path, security_policy_violations
):
    journey = Journey(page, live_server.url, artifacts, "editor-journey")
    page.set_default_timeout(30_000)
    page.set_viewport_size({"width": 1400, "height": 1000})

    # --- The editor logs in -------------------------------------------------
    journey.login("edith")
    journey.shot("editeur-tableau-de-bord")

    # --- Uploads the programme PDF ------------------------------------------
    pdf = tmp_path / "programme-2027.pdf"
    pdf.write_bytes(pdf_bytes("Programme du colloque 2027", pages=2))
    journey.goto("/admin/documents/multiple/add/")
    journey.assert_french("Ajouter des documents")
    page.set_input_files("#fileupload", str(pdf))
    expect(page.locator("#upload-list")).to_contain_text("programme-2027", timeout=20_000)
    journey.shot("document-televerse")

    # --- Creates the event: venue, programme, speakers, partners -----------
    journey.goto(f"/admin/pages/add/events/eventpage/{scene.pk}/")
    journey.assert_french(
        "Événement",
        "Programme",
        "Intervenants et partenaires",
        "Pratique",
        "Promotion",
        "Thème",
        "Début",
        "Fin",
        "Lieu",
    )
    page.fill("#id_title", "Colloque national 2027")
    page.fill("#id_subtitle", "L'ingénierie sociale face aux transitions")
    journey.fill_date("#id_start", "18/11/2027 09:00")
    journey.fill_date("#id_end", "19/11/2027 17:00")
    page.locator("#id_venue-chooser").get_by_role("button", name="Choisir lieu").click()
    journey.choose_in_modal("Palais du Pharo")
    journey.shot("colloque-evenement")

    journey.tab("Programme")
    journey.assert_french("Ajouter un(e) moment du programme")
    programme = [
        ("09:00", "welcome", "Accueil des participants"),
        ("09:30", "talk", "Ouverture : vingt ans d'ingénierie sociale"),
        ("12:30", "meal", "Déjeuner"),
    ]
    for number, (time, kind, title) in enumerate(programme):
        page.click("#id_programme_items-ADD")
        prefix = f"#id_programme_items-{number}"
        journey.fill_date(f"{prefix}-start_time", time)
        page.select_option(f"{prefix}-kind", kind)
        page.fill(f"{prefix}-title", title)
    journey.shot("colloque-programme")

    journey.tab("Intervenants et partenaires")
    journey.assert_french("Intervenants", "Ajouter un(e) intervenant", "Partenaires")
    page.click("#id_speakers-OPEN_MODAL")
    modal = page.locator(".modal-dialog")
    expect(modal).to_be_visible()
    modal.get_by_role("tab", name="Nouvelle personne").click()
    journey.assert_french(
        "Choisir personne", "Nom", "Fonction ou organisme", "Créer cette personne"
    )
    modal.locator("#id_name").fill("Camille Martin")
    modal.locator("#id_affiliation").fill("IRTS Provence-Alpes-Côte d'Azur")
    journey.shot("chooser-nouvelle-personne")
    modal.get_by_role("button", name="Créer cette personne").click()
    expect(modal).to_be_hidden()
    expect(page.locator("#id_speakers-0-person-chooser")).to_contain_text("Camille Martin")

    for number, (name, role) in enumerate([("IMF", "organiser"), ("UNAFORIS", "partner")]):
        page.click("#id_event_partners-ADD")
        page.locator(f"#id_event_partners-{number}-partner-chooser").get_by_role(
            "button", name="Choisir partenaire"
        ).click()
        journey.choose_in_modal(name)
        page.select_option(f"#id_event_partners-{number}-role", role)
    journey.shot("colloque-intervenants-partenaires")

    journey.save_draft()
    journey.assert_french("Page « Colloque national 2027 » créée.")
    event = EventPage.objects.get(title="Colloque national 2027")
    journey.shot("colloque-brouillon-enregistre")

    # The editor has no way to publish: no such button anywhere on the page.
    journey.open_action_menu()
    submit = page.get_by_role("button", name="Soumettre à Relecture par les modérateurs")
    expect(submit).to_be_visible()
    page.wait_for_timeout(300)  # the menu's opening animation, for the screenshot
    journey.shot("colloque-pas-de-bouton-publier")
    assert page.locator("[name=action-publish]").count() == 0
    assert "Publier" not in page.locator("footer").inner_text()

    assert event.programme_items.count() == 3
    assert [(link.partner.name, link.role) for link in event.event_partners.all()] == [
        ("IMF", EventPartner.Role.ORGANISER),
        ("UNAFORIS", EventPartner.Role.PARTNER),
    ]
    assert [s.person.name for s in event.speakers.all()] == ["Camille Martin"]
    assert event.venue.name == "Palais du Pharo"
    assert not event.live

    journey.submit_for_moderation(menu_is_open=True)
    journey.shot("colloque-soumis")

    # --- The argument essay, with two footnotes made with "Fn" -------------------
    journey.goto(f"/admin/pages/add/publications/argumentpage/{event.pk}/")
    journey.assert_french("Contenu", "Promotion", "Sous-titre", "Texte", "Notes de bas de page")
    journey.shot("argumentaire-vide")
    page.fill("#id_title", "Argumentaire")
    page.fill("#id_subtitle", "Vingt ans d'ingénierie sociale")
    page.click("#panel-child-contenu-body-section button.c-sf-add-button")
    page.get_by_role("option", name="Paragraphe").click()
    journey.type_in_paragraph("Le diplôme d'État d'ingénierie sociale a vingt ans")
    journey.insert_new_footnote("Créé par le décret du 11 juin 2006.")
    journey.type_in_paragraph(", et il reste méconnu des employeurs")
    journey.insert_new_footnote("Voir le rapport de l'ANDELIS, 2016.")
    journey.type_in_paragraph(".")
    journey.assert_french("Texte de la note", "Identifiant")
    journey.shot("argumentaire-deux-notes")
    journey.submit_for_moderation()
    argument = ArgumentPage.objects.child_of(event).get()
    assert [strip_tags(n.text) for n in argument.footnotes.order_by("sort_order")] == [
        "Créé par le décret du 11 juin 2006.",
        "Voir le rapport de l'ANDELIS, 2016.",
    ]
    assert argument.body.get_prep_value()[0]["value"].count("<footnote") == 2

    # --- The proceedings, with one contribution and the uploaded PDF -------------
    journey.goto(f"/admin/pages/add/publications/proceedingspage/{event.pk}/")
    journey.assert_french("Introduction", "Interventions", "Dans la presse")
    page.click("#id_contributions-ADD")
    journey.assert_french("Titre de l'intervention", "Intervenants", "Document ou vidéo")
    page.fill("#id_title", "Traces du colloque")
    page.fill("#id_contributions-0-title", "Ouverture : vingt ans d'ingénierie sociale")
    page.locator("#id_contributions-0-speakers").get_by_label("Camille Martin").check()
    page.locator("#id_contributions-0-document-chooser").get_by_role(
        "button", name="Choisir un document"
    ).click()
    journey.choose_in_modal("programme-2027")
    journey.shot("traces-une-intervention")
    journey.submit_for_moderation()
    proceedings = ProceedingsPage.objects.child_of(event).get()
    assert proceedings.contributions.get().document.title == "programme-2027"

    # --- The moderator approves and publishes ------------------------------------
    journey.logout()
    journey.login("mona")
    journey.assert_french("Colloque national 2027", "Argumentaire", "Traces du colloque")
    journey.shot("moderateur-tableau-de-bord")
    for page_id in (event.pk, argument.pk, proceedings.pk):
        journey.goto(f"/admin/pages/{page_id}/edit/")
        approve = page.locator(
            "footer button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
        ).first
        if not approve.is_visible():
            journey.open_action_menu()
        journey.click_and_wait(approve)
        journey.assert_french("a été mise à jour")
    journey.shot("moderateur-publie")
    for published in (event, argument, proceedings):
        published.refresh_from_db()
        assert published.live, published

    # --- A visitor sees the published pages ----------------------------------
    journey.logout()
    journey.goto("/colloques/colloque-national-2027/")
    journey.assert_french(
        "Colloque national 2027",
        "Palais du Pharo",
        "Accueil des participants",
        "Déjeuner",
        "Camille Martin",
        "IMF",
        "UNAFORIS",
    )
    journey.shot("visiteur-colloque")
    journey.goto("/colloques/colloque-national-2027/argumentaire/")
    references = page.locator("sup.footnote-ref").all_inner_texts()
    assert references == ["[1]", "[2]"]
    journey.assert_french(
        "Créé par le décret du 11 juin 2006.", "Voir le rapport de l'ANDELIS, 2016."
    )
    journey.shot("visiteur-argumentaire")
    journey.goto("/colloques/colloque-national-2027/traces-du-colloque/")
    assert re.search(r"PDF – \d+(,\d+)? Ko", journey.text()), journey.text()
    journey.shot("visiteur-traces")

    # --- A year later: the editor prepares the next edition from the event ----
    journey.login("edith")
    journey.goto(f"/admin/pages/{event.pk}/edit/")
    page.locator("#w-slim-header-buttons button.w-dropdown__toggle").click()
    journey.click_and_wait(page.get_by_role("link", name="Préparer l'édition suivante"))
    journey.assert_french(
        "Colloque national 2028", "les dates", "Les traces du colloque ne sont pas copiées."
    )
    journey.shot("edition-suivante-confirmation")
    journey.click_and_wait(
        page.get_by_role("button", name="Créer le brouillon de l'édition suivante")
    )
    journey.assert_french("Brouillon « Colloque national 2028 » créé", "Indiquez ses dates")
    expect(page.locator("#id_title")).to_have_value("Colloque national 2028")
    expect(page.locator("#id_start")).to_have_value("")
    journey.tab("Programme")
    expect(page.locator("#id_programme_items-2-title")).to_have_value("Déjeuner")
    journey.shot("edition-suivante-brouillon")
    next_edition = EventPage.objects.get(title="Colloque national 2028")
    assert not next_edition.live and next_edition.start is None

    # All of it ran under the admin's and the public pages' Content-Security-Policy
    # (tests/browser/conftest.py collects what they would block) with nothing refused.
    admin_policy = page.goto(live_server.url + "/admin/").headers["content-security-policy"]
    assert "object-src 'none'" in admin_policy
    assert security_policy_violations == []


def test_an_end_before_the_start_is_refused_in_french_and_nothing_typed_is_lost(
    scene, live_server, page, artifacts, security_policy_violations
):
    journey = Journey(page, live_server.url, artifacts, "editor-dates")
    page.set_default_timeout(30_000)
    page.set_viewport_size({"width": 1400, "height": 1000})
    journey.login("edith")
    journey.goto(f"/admin/pages/add/events/eventpage/{scene.pk}/")
    page.fill("#id_title", "Colloque national 2027")
    page.fill("#id_subtitle", "L'ingénierie sociale face aux transitions")
    journey.fill_date("#id_start", "19/11/2027 09:00")
    journey.fill_date("#id_end", "18/11/2027 17:00")
    page.locator("#id_venue-chooser").get_by_role("button", name="Choisir lieu").click()
    journey.choose_in_modal("Palais du Pharo")
    journey.tab("Programme")
    page.click("#id_programme_items-ADD")
    journey.fill_date("#id_programme_items-0-start_time", "09:30")
    page.fill("#id_programme_items-0-title", "Ouverture")
    journey.tab("Événement")

    journey.save_draft()

    journey.assert_french(
        "La fin du colloque (18/11/2027 17:00) est avant son début (19/11/2027 09:00) : "
        "vérifiez les dates et les heures."
    )
    journey.shot("erreur-fin-avant-debut")
    expect(page.locator("#id_title")).to_have_value("Colloque national 2027")
    expect(page.locator("#id_subtitle")).to_have_value("L'ingénierie sociale face aux transitions")
    expect(page.locator("#id_start")).to_have_value("19/11/2027 09:00")
    expect(page.locator("#id_end")).to_have_value("18/11/2027 17:00")
    expect(page.locator("#id_venue-chooser")).to_contain_text("Palais du Pharo")
    journey.tab("Programme")
    expect(page.locator("#id_programme_items-0-title")).to_have_value("Ouverture")
    expect(page.locator("#id_programme_items-0-start_time")).to_have_value("09:30")
    journey.shot("erreur-programme-conserve")
    assert not EventPage.objects.filter(title="Colloque national 2027").exists()
    assert security_policy_violations == []
