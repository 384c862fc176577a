"""French error pages with no trace; 400, 403 and 500 need no database (issue 14, item 7)."""

import pytest
from django.test import Client, override_settings

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.security.urls")]


def french_page(response):
    content = response.content.decode()
    assert 'lang="fr"' in content
    for trace in ("Traceback", "secret-internal-detail", "DEBUG", "Bad Request", "Forbidden"):
        assert trace not in content
    return content


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


@override_settings(ALLOWED_HOSTS=["colloques.andelis.fr"])
def test_a_bad_host_header_gets_the_french_400_page(visitor):
    response = visitor.get("/", HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert "Requête incorrecte" in french_page(response)
    assert "Content-Security-Policy" in response


def test_a_forbidden_page_gets_the_french_403_page(visitor):
    response = visitor.get("/_test/interdit/")

    assert response.status_code == 403
    assert "Accès refusé" in french_page(response)


def test_a_form_posted_without_its_csrf_token_gets_the_french_403_page():
    browser = Client(enforce_csrf_checks=True)

    response = browser.post("/admin/login/", {"username": "edith", "password": "x"})

    assert response.status_code == 403
    content = french_page(response)
    assert "Formulaire expiré" in content
    assert "rechargez la page" in content
    assert "CSRF" not in content


def test_a_missing_page_gets_the_french_404_page(visitor, home_page):
    response = visitor.get("/cette-page-n-existe-pas/")

    assert response.status_code == 404
    assert "Page introuvable" in french_page(response)


def test_a_bug_gets_the_french_500_page_without_touching_the_database(
    visitor, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = visitor.get("/_test/panne/")

    assert response.status_code == 500
    assert "Le site rencontre un problème" in french_page(response)
    assert "Retry-After" not in response


def test_a_database_error_gets_the_french_503_with_retry_after(visitor):
    response = visitor.get("/_test/base-absente/")

    assert response.status_code == 503
    assert "Site momentanément indisponible" in french_page(response)
    assert int(response["Retry-After"]) > 0
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    "template", ["400.html", "403.html", "403_csrf.html", "500.html", "503.html"]
)
def test_standalone_error_pages_render_with_no_request_and_no_query(
    template, django_assert_num_queries
):
    from django.template import loader

    with django_assert_num_queries(0):
        html = loader.get_template(template).render()

    assert '<html lang="fr">' in html
    assert "<h1>" in html


def test_a_body_over_the_size_limit_gets_the_french_400_page_and_logs_no_one_in(
    visitor, editor, settings
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = visitor.post(
        "/admin/login/",
        {"username": "edith", "password": "mot-de-passe-de-test", "padding": "x" * 4096},
    )

    assert response.status_code == 400
    assert "Requête incorrecte" in french_page(response)
    assert "_auth_user_id" not in visitor.session
