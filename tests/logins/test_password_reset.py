"""The admin's "Mot de passe oublié ?" form is rate-limited per address and per client address.

Regression (issue 14): 20 reset requests for one address sent 20 e-mails.
"""

import pytest
from django.core import mail

from .conftest import CLIENT_IP

pytestmark = pytest.mark.django_db

RESET = "/admin/password_reset/"


@pytest.fixture
def edith(django_user_model):
    return django_user_model.objects.create_user(
        "edith", "edith@andelis.example", "mot-de-passe-de-test"
    )


def ask_reset(client, email, ip=CLIENT_IP):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=ip)


def test_twenty_requests_for_one_address_do_not_send_twenty_emails(client, edith, settings):
    answers = [ask_reset(client, "edith@andelis.example", ip=f"198.51.100.{n}") for n in range(20)]

    allowed = int(settings.PASSWORD_RESET_RATE_PER_ADDRESS.split("/")[0])
    assert len(mail.outbox) == allowed
    assert [a.status_code for a in answers[:allowed]] == [302] * allowed
    refused = answers[allowed]
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "Trop de demandes de réinitialisation pour cette adresse" in html
    assert 'name="email"' in html  # the same form, to try later


def test_the_address_is_counted_whatever_its_case_and_spaces(client, edith, settings):
    settings.PASSWORD_RESET_RATE_PER_ADDRESS = "1/h"
    ask_reset(client, "edith@andelis.example", ip="198.51.100.1")

    assert ask_reset(client, "  EDITH@andelis.example ", ip="198.51.100.2").status_code == 429
    assert len(mail.outbox) == 1


def test_one_client_cannot_ask_for_many_addresses(client, django_user_model, settings):
    settings.PASSWORD_RESET_RATE_PER_IP = "5/h"
    for n in range(8):
        django_user_model.objects.create_user(f"membre{n}", f"membre{n}@andelis.example", "x")

    answers = [ask_reset(client, f"membre{n}@andelis.example") for n in range(8)]

    assert [a.status_code for a in answers] == [302] * 5 + [429] * 3
    assert len(mail.outbox) == 5
    assert (
        "Trop de demandes de réinitialisation depuis votre connexion"
        in answers[-1].content.decode()
    )


def test_an_unknown_address_is_throttled_the_same_way(client, settings):
    """The answer tells no more than before whether an account uses the address."""
    settings.PASSWORD_RESET_RATE_PER_ADDRESS = "1/h"
    first = ask_reset(client, "inconnu@andelis.example")
    second = ask_reset(client, "inconnu@andelis.example")

    assert first.status_code == 302
    assert second.status_code == 429
    assert mail.outbox == []


def test_the_form_still_refuses_a_malformed_address(client):
    response = ask_reset(client, "pas-une-adresse")
    assert response.status_code == 200
    assert mail.outbox == []


def test_without_the_rate_limit_cache_no_email_is_sent_and_the_form_says_so(
    client, edith, settings, unused_tcp_port
):
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {
            **settings.CACHES["ratelimit"],
            "LOCATION": f"redis://127.0.0.1:{unused_tcp_port}/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        },
    }

    response = ask_reset(client, "edith@andelis.example")

    assert response.status_code == 503
    assert "momentanément indisponible" in response.content.decode()
    assert mail.outbox == []
