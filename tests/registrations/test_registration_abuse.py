"""Registration against robots and floods: the findings of the security review.

- 50 registrations from one IP in 2.3 s, each e-mailing any address;
- a name carrying a spam link ("Bonjour Gagnez 1000 EUR sur https://spam.example/…");
- one address flooded with e-mails for one colloquium.
"""

import time

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client

from core.forms_protection import refuse_links
from registrations.models import Registration
from tests.factories import EventPageFactory
from tests.form_tokens import fetch_token
from tests.registrations.registration_helpers import cancel_link, path_of, register, text

pytestmark = pytest.mark.django_db

SPAM_NAME = "Bonjour Gagnez 1000 EUR sur https://spam.example/promo maintenant,"


@pytest.fixture
def event(db):
    return EventPageFactory(title="Colloque de Lyon", registration_open=True)


@pytest.fixture
def frozen_clock():
    # django-ratelimit counts in fixed windows: a stopped clock keeps a test's posts in one.
    with time_machine.travel(time.time(), tick=False):
        yield


def test_twenty_registrations_in_a_row_from_one_address_mostly_get_429(
    client, event, frozen_clock, settings
):
    answers = [
        register(client, event, follow=False, name=f"Robot {n}", email=f"r{n}@example.org")
        for n in range(20)
    ]

    statuses = [a.status_code for a in answers]
    assert set(statuses) == {302, 429}
    assert statuses.count(302) <= 5
    assert statuses.count(429) >= 15
    assert Registration.objects.count() == statuses.count(302)
    assert len(mail.outbox) == statuses.count(302)
    refused = answers[-1]
    assert refused["Cache-Control"] == "private, no-store"
    page = text(refused)
    assert "Merci de réessayer dans une dizaine de minutes." in page
    assert 'value="Robot 19"' in page and 'value="r19@example.org"' in page
    # Someone else, elsewhere, registers as usual.
    other = register(Client(REMOTE_ADDR="192.0.2.50"), event, follow=False)
    assert other.status_code == 302


def test_the_rate_limit_counts_refused_posts_too(client, event, frozen_clock):
    for _ in range(5):
        assert register(client, event, follow=False, site_internet="x").status_code == 400
    assert register(client, event, follow=False).status_code == 429
    assert Registration.objects.count() == 0


def test_a_filled_honeypot_stores_nothing_and_sends_nothing(client, event):
    response = register(client, event, follow=False, site_internet="https://spam.example")
    assert response.status_code == 400
    assert "Votre inscription n'a pas pu être envoyée." in text(response)
    assert Registration.objects.count() == 0
    assert mail.outbox == []


def test_a_too_fast_post_is_refused_then_accepted(client, event, settings):
    settings.FORMS_MIN_SECONDS = 30
    response = register(client, event, follow=False, started=fetch_token(client, event, 1))
    assert response.status_code == 400
    assert "Merci de patienter quelques secondes" in text(response)
    assert 'value="Camille Martin"' in text(response)
    assert Registration.objects.count() == 0
    assert register(client, event, follow=False).status_code == 302


def test_a_name_with_a_link_is_refused_in_french_and_nothing_is_sent(client, event):
    response = register(client, event, follow=False, name=SPAM_NAME)

    assert response.status_code == 400
    page = text(response)
    assert "Indiquez seulement un nom, sans adresse de site web ni lien." in page
    assert f'value="{SPAM_NAME}"' in page
    assert Registration.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize(
    "name",
    [
        "https://spam.example",
        "Voir http://x.fr",
        "www.gagnez.net",
        "Promo sur casino-gratuit.com",
        "Jean spam.example.org",
        "Écrivez à win.bid maintenant",
        "ftp://files",
        "Marie //evil",
    ],
)
def test_link_like_names_are_refused(name):
    with pytest.raises(ValidationError):
        refuse_links(name)


@pytest.mark.parametrize(
    "name",
    [
        "Camille Martin",
        "Jean-Pierre Dupont-Moretti",
        "Anne-Sophie de La Tour d'Auvergne",
        "J.-P. Martin",
        "M. Lefèvre",
        "Dr. Amina N'Diaye",
        "O'Neil Seán",
        "Zoë Lê Văn",
        "Ana Maria dos Santos Org",
        "Chloé Cordier (IRTS)",
    ],
)
def test_real_names_are_accepted(name):
    refuse_links(name)


def test_one_address_gets_one_confirmation_an_hour_for_a_colloquium(client, event, committed):
    # The flood: register someone's address, cancel with the link, register again…
    for round_number in range(4):
        visitor = Client(REMOTE_ADDR=f"192.0.2.{round_number + 1}")
        with committed():
            response = register(visitor, event, email="victime@example.org")
        assert "Votre inscription est confirmée" in text(response)
        registration = Registration.objects.active().get()
        with committed():
            visitor.post(f"{event.url}inscription/{registration.token}/annuler/")

    to_victim = [m.subject for m in mail.outbox if m.to == ["victime@example.org"]]
    assert to_victim == [
        "Inscription confirmée – Colloque de Lyon",
        "Inscription annulée – Colloque de Lyon",
    ]
    # Every registration was recorded: only the repeated e-mails were held back.
    assert Registration.objects.filter(email="victime@example.org").count() == 4


def test_once_the_interval_is_over_the_person_is_told_again(client, event, settings):
    # The marks live in Redis with a real expiry: a one-second interval, really waited.
    settings.REGISTRATION_EMAIL_INTERVAL_SECONDS = 1
    register(client, event, email="alice@example.org")
    client.post(f"{event.url}inscription/{Registration.objects.get().token}/annuler/")
    time.sleep(1.5)
    register(client, event, email="alice@example.org")

    assert [m.subject.split(" – ")[0] for m in mail.outbox] == [
        "Inscription confirmée",
        "Inscription annulée",
        "Inscription confirmée",
    ]


def test_the_hourly_limit_is_per_colloquium_and_per_address(client, event):
    other = EventPageFactory(title="Colloque de Lille", registration_open=True)
    register(client, event, email="alice@example.org")
    register(client, other, email="alice@example.org")
    register(client, event, email="bruno@example.org")
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        ("alice@example.org", "Inscription confirmée – Colloque de Lille"),
        ("alice@example.org", "Inscription confirmée – Colloque de Lyon"),
        ("bruno@example.org", "Inscription confirmée – Colloque de Lyon"),
    ]


def test_a_promotion_from_the_waiting_list_always_leaves(client, db):
    event = EventPageFactory(
        title="Colloque complet", registration_open=True, registration_capacity=1
    )
    register(client, event, email="alice@example.org")
    register(client, event, email="bruno@example.org")  # waiting list
    alice_link = path_of(cancel_link(mail.outbox[0]))
    mail.outbox.clear()

    client.post(alice_link)

    assert [(m.to[0], m.subject) for m in mail.outbox if m.to[0] == "bruno@example.org"] == [
        ("bruno@example.org", "Une place s'est libérée – Colloque complet")
    ]
