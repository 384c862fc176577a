"""The logo and the main colour chosen in the site settings (docs/design.md)."""

import re

import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils.form_data import rich_text

from core import colours
from core.models import SiteSettings
from tests.factories import EventPageFactory, ImageFactory


def test_a_colour_too_light_on_white_is_refused_with_the_ratio_and_a_darker_shade():
    with pytest.raises(ValidationError) as error:
        colours.validate_brand_colour("#f2c230")
    message = error.value.messages[0]
    assert "trop claire sur fond blanc" in message
    assert "1,7:1" in message
    suggestion = re.search(r"#[0-9a-f]{6}", message).group()
    assert colours.contrast(colours.parse(suggestion)) >= 4.5
    colours.validate_brand_colour(suggestion)


def test_a_value_that_is_not_a_colour_is_refused_in_french():
    with pytest.raises(ValidationError) as error:
        colours.validate_brand_colour("bleu")
    assert error.value.messages == [
        "« bleu » n'est pas une couleur : écrivez-la en hexadécimal, par exemple #1d4f7a."
    ]


@pytest.mark.parametrize("value", ["#1d4f7a", "#6B2F5B", "#000", "1e6b34"])
def test_dark_enough_colours_are_accepted(value):
    colours.validate_brand_colour(value)


def test_the_header_shade_keeps_white_text_readable():
    for value in ("#1d4f7a", "#767676", "#1e6b34"):
        header = colours.header_shade(colours.parse(value))
        assert colours.contrast(header) >= 7


@pytest.mark.django_db
def test_the_admin_refuses_a_light_colour_and_keeps_what_was_typed(client, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(admin)
    site_settings = SiteSettings.load()
    url = f"/admin/settings/core/sitesettings/{site_settings.pk}/"
    form = {
        "association_name": "ANDELIS",
        "tagline": "",
        "contact_email": "",
        "footer_text": rich_text(""),
        "brand_colour": "#7fb2e5",
    }
    response = client.post(url, form)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Cette couleur est trop claire sur fond blanc" in html
    assert 'value="#7fb2e5"' in html
    assert SiteSettings.load().brand_colour == ""

    form["brand_colour"] = "#6B2F5B"
    response = client.post(url, form)
    assert response.status_code == 302
    assert SiteSettings.load().brand_colour == "#6b2f5b"


@pytest.mark.django_db
def test_the_chosen_colour_reaches_every_page_through_a_stylesheet(client):
    event = EventPageFactory()
    html = client.get(event.url).content.decode()
    assert "/theme.css" not in html

    site_settings = SiteSettings.load()
    site_settings.brand_colour = "#6b2f5b"
    site_settings.save()
    html = client.get(event.url).content.decode()
    assert '<link rel="stylesheet" href="/theme.css?v=6b2f5b">' in html
    assert "style=" not in html

    response = client.get("/theme.css?v=6b2f5b")
    assert response["Content-Type"] == "text/css; charset=utf-8"
    assert "max-age=31536000" in response["Cache-Control"]
    css = response.content.decode()
    assert "--brand: #6b2f5b;" in css
    assert "--brand-dark: #" in css


@pytest.mark.django_db
def test_the_header_shows_the_andelis_wordmark_or_the_logo_from_the_settings(client):
    event = EventPageFactory()
    html = client.get(event.url).content.decode()
    assert 'src="/static/img/andelis-wordmark.svg"' in html
    assert 'alt="ANDELIS"' in html

    site_settings = SiteSettings.load()
    site_settings.logo = ImageFactory(title="Logo de l'association")
    site_settings.save()
    html = client.get(event.url).content.decode()
    header = html[html.index('<header class="site-header">') : html.index("</header>")]
    assert "andelis-wordmark.svg" not in header
    assert re.search(
        r'<img alt="ANDELIS" class="site-header__logo" [^>]*src="/media/images/', header
    )


def test_the_wordmark_is_a_titled_svg():
    from django.conf import settings

    svg = (settings.BASE_DIR / "static" / "img" / "andelis-wordmark.svg").read_text()
    assert "<title" in svg and ">ANDELIS</title>" in svg
