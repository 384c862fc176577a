"""Pages work under their Content-Security-Policy, and the watcher really sees a breach.

The editors' journey and the page checks assert that nothing breaks the policies;
this file checks the watcher itself, the places those tests do not visit (the
userbar an editor sees on public pages, the preview panel) and the error pages.
"""

import re

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from tests.factories import StandardPageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

STRICT = "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'"


def test_the_watcher_reports_an_inline_script_and_style_the_policy_blocks(
    live_server, page, security_policy_violations
):
    page.route(
        "**/temoin-csp/",
        lambda route: route.fulfill(
            status=200,
            headers={"Content-Type": "text/html", "Content-Security-Policy": STRICT},
            body='<!DOCTYPE html><html lang="fr"><title>t</title>'
            '<p style="color: red">x</p><script>document.title = "exécuté"</script>',
        ),
    )

    page.goto(live_server.url + "/temoin-csp/")
    page.wait_for_timeout(300)

    assert page.title() == "t"  # the inline script was refused
    directives = {v.get("directive") for v in security_policy_violations}
    assert {"script-src-elem", "style-src-attr"} <= directives, security_policy_violations


def log_in(page, base, username):
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "mot-de-passe-de-test")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))


def test_an_editor_sees_the_userbar_on_public_pages_without_breaking_the_public_policy(
    home_page, editor, live_server, page, artifacts, security_policy_violations
):
    legal = StandardPageFactory(parent=home_page, title="Mentions légales")
    log_in(page, live_server.url, "edith")

    response = page.goto(live_server.url + legal.url)
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    trigger = page.locator("wagtail-userbar").locator("#wagtail-userbar-trigger")
    trigger.click()
    userbar_items = page.locator("wagtail-userbar").locator("#wagtail-userbar-items")
    expect(userbar_items).to_contain_text("Modifier cette page")
    page.screenshot(path=artifacts("security", "userbar-page-publique.png"))

    assert security_policy_violations == []


def test_the_preview_panel_works_under_the_admin_policy(
    home_page, editor, live_server, page, artifacts, security_policy_violations
):
    legal = StandardPageFactory(parent=home_page, title="Mentions légales")
    log_in(page, live_server.url, "edith")
    page.set_viewport_size({"width": 1400, "height": 1000})

    page.goto(live_server.url + f"/admin/pages/{legal.pk}/edit/")
    page.locator("[data-side-panel-toggle=preview]").click()
    preview = page.frame_locator("#w-preview-iframe")
    assert "Mentions légales" in preview.locator("h1").inner_text(timeout=30_000)
    page.screenshot(path=artifacts("security", "apercu-admin.png"))

    assert security_policy_violations == []


@pytest.mark.urls("tests.security.urls")
@override_settings(DEBUG=False)
@pytest.mark.parametrize(
    ("path", "status", "title"),
    [
        ("/_test/interdit/", 403, "Accès refusé"),
        ("/_test/panne/", 500, "Le site rencontre un problème"),
        ("/_test/base-absente/", 503, "Site momentanément indisponible"),
        ("/cette-page-n-existe-pas/", 404, "Page introuvable"),
    ],
)
def test_error_pages_are_french_and_styled_under_the_public_policy(
    home_page, live_server, page, artifacts, security_policy_violations, path, status, title
):
    response = page.goto(live_server.url + path)

    assert response.status == status
    assert page.locator("h1").inner_text() == title
    # The site's stylesheet applies (the header is laid out, not a bare list).
    assert page.locator(".site-header").evaluate("e => getComputedStyle(e).display") != "inline"
    page.screenshot(path=artifacts("security", f"erreur-{status}.png"))
    assert security_policy_violations == []


def test_an_image_upload_shows_its_thumbnail_under_the_admin_policy(
    admin_user, live_server, page, artifacts, tmp_path, security_policy_violations
):
    from playwright.sync_api import expect

    from tests.factories import png_bytes

    picture = tmp_path / "affiche-2027.png"
    picture.write_bytes(png_bytes(320, 200))
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", admin_user.username)
    page.fill("input[name=password]", "password")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))

    page.goto(live_server.url + "/admin/images/multiple/add/")
    page.set_input_files("#fileupload", str(picture))
    expect(page.locator("#upload-list")).to_contain_text("affiche-2027", timeout=20_000)
    # Wagtail draws the thumbnail on a canvas from the file's blob: address.
    expect(page.locator("#upload-list .thumb canvas").first).to_be_visible()
    page.screenshot(path=artifacts("security", "image-televersee.png"))

    assert security_policy_violations == []
