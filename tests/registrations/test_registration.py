"""A visitor registers to a colloquium with a seat limit; a waiting list takes over.

Everything goes through the public pages and the e-mails, as a visitor would.
"""

import csv
import io

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from events.models import EventPage
from registrations import services
from registrations.models import Registration
from tests.factories import EventPageFactory, paris
from tests.registrations.registration_helpers import (
    attached_calendar,
    cancel_link,
    form_url,
    path_of,
    register,
    statuses,
    text,
)

C, W, X = (
    Registration.Status.CONFIRMED,
    Registration.Status.WAITLISTED,
    Registration.Status.CANCELLED,
)


@pytest.fixture
def event(db):
    return EventPageFactory(
        title="Colloque de Lyon",
        registration_open=True,
        registration_capacity=2,
        registration_asks_role=True,
        registration_asks_accessibility=True,
    )


def test_full_event_waitlists_then_a_cancellation_promotes_with_emails_and_csv(
    client, event, admin_client
):
    first = register(client, event, name="Alice Aubert", email="alice@example.org")
    assert "Votre inscription est confirmée" in text(first)
    second = register(client, event, name="Bruno Blanc", email="bruno@example.org")
    assert "Votre inscription est confirmée" in text(second)
    # The page now says it is full and offers the waiting list.
    page = text(client.get(event.url))
    assert "Le colloque est complet" in page
    assert "Rejoindre la liste d'attente" in page

    third = register(client, event, name="Chloé Cordier", email="chloe@example.org")
    assert "Vous êtes sur la liste d'attente" in text(third)
    assert "la première personne" in text(third)
    assert statuses(event) == {
        "alice@example.org": C,
        "bruno@example.org": C,
        "chloe@example.org": W,
    }

    # Three e-mails: two confirmations with the event's .ics, one waiting-list notice without.
    assert [m.to for m in mail.outbox] == [
        ["alice@example.org"],
        ["bruno@example.org"],
        ["chloe@example.org"],
    ]
    for message in mail.outbox[:2]:
        assert message.subject == "Inscription confirmée – Colloque de Lyon"
        calendar = attached_calendar(message)
        (vevent,) = calendar.walk("VEVENT")
        assert str(vevent["SUMMARY"]) == "Colloque de Lyon"
        assert vevent.start == paris(event.start.year, event.start.month, event.start.day, 9)
    assert mail.outbox[2].subject == "Inscription sur liste d'attente – Colloque de Lyon"
    assert mail.outbox[2].attachments == []

    # Bruno cancels with the link from his e-mail: a page asks, a POST cancels.
    link = path_of(cancel_link(mail.outbox[1]))
    confirm = client.get(link)
    assert confirm.status_code == 200
    assert "Confirmer l'annulation" in text(confirm)
    assert statuses(event)["bruno@example.org"] == C  # opening the link cancels nothing
    mail.outbox.clear()
    done = client.post(link, follow=True)
    assert "Votre inscription est annulée" in text(done)

    assert statuses(event) == {
        "alice@example.org": C,
        "bruno@example.org": X,
        "chloe@example.org": C,
    }
    # Chloé is told, with the .ics; Bruno gets a receipt.
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {"chloe@example.org", "bruno@example.org"}
    promoted = by_recipient["chloe@example.org"]
    assert promoted.subject == "Une place s'est libérée – Colloque de Lyon"
    assert "votre inscription est confirmée" in promoted.body
    attached_calendar(promoted)

    # The moderators' CSV has one row per registration, with its current status.
    response = admin_client.get(reverse("registrations:index") + "?export=csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert sorted((r["Nom"], r["E-mail"], r["Statut"], r["Colloque"]) for r in rows) == [
        ("Alice Aubert", "alice@example.org", "Inscrit", "Colloque de Lyon"),
        ("Bruno Blanc", "bruno@example.org", "Annulé", "Colloque de Lyon"),
        ("Chloé Cordier", "chloe@example.org", "Inscrit", "Colloque de Lyon"),
    ]


def test_confirmation_email_names_the_event_and_signed_links(client, event):
    register(client, event, name="Alice Aubert", email="alice@example.org")
    (message,) = mail.outbox
    assert "Bonjour Alice Aubert" in message.body
    assert "Colloque de Lyon" in message.body
    assert "de 9h00 à 16h30" in message.body
    assert message.from_email == "ANDELIS <ne-pas-repondre@andelis.fr>"
    registration = Registration.objects.get()
    assert cancel_link(message).endswith(f"/inscription/{registration.token}/annuler/")


def test_same_email_cannot_register_twice_whatever_its_case(client, event):
    register(client, event, email="alice@example.org")
    again = register(client, event, email="  ALICE@Example.org ", follow=False)

    assert again.status_code == 400
    assert "Cette adresse e-mail est déjà inscrite à ce colloque." in text(again)
    assert Registration.objects.count() == 1
    assert len(mail.outbox) == 1


def test_the_database_refuses_a_duplicate_the_form_did_not_see(event):
    Registration.objects.create(event=event, name="A", email="alice@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(event=event, name="B", email="Alice@Example.ORG")


def test_a_cancelled_registration_lets_the_same_person_register_again(client, event):
    register(client, event, email="alice@example.org")
    registration = Registration.objects.get()
    services.cancel(registration)
    response = register(client, event, email="alice@example.org")
    assert "Votre inscription est confirmée" in text(response)
    assert sorted(statuses(event).values()) == [C]
    assert Registration.objects.count() == 2


def test_the_same_email_may_register_to_two_events(client, event):
    other = EventPageFactory(title="Colloque de Lille", registration_open=True)
    register(client, event, email="alice@example.org")
    register(client, other, email="alice@example.org")
    assert Registration.objects.filter(status=C).count() == 2


@pytest.mark.parametrize(
    ("data", "messages"),
    [
        (
            {"name": "", "email": "", "consent": None},
            [
                "Indiquez votre nom et votre prénom.",
                "Indiquez votre adresse e-mail.",
                "Cochez cette case pour vous inscrire",
            ],
        ),
        ({"email": "pas-une-adresse"}, ["Cette adresse e-mail n'est pas valide"]),
        ({"consent": None}, ["Cochez cette case pour vous inscrire"]),
        ({"name": "x" * 201}, ["Le nom ne doit pas dépasser 200 caractères."]),
    ],
)
def test_bad_input_gets_french_messages_and_stores_nothing(client, event, data, messages):
    response = register(client, event, follow=False, **data)
    assert response.status_code == 400
    page = text(response)
    assert "Le formulaire contient" in page
    for message in messages:
        assert message in page
    assert 'aria-invalid="true"' in page
    assert Registration.objects.count() == 0
    assert mail.outbox == []


def test_hostile_text_is_stored_as_typed_and_shown_escaped(client, event):
    payload = '<script>alert("x")</script>'
    response = register(client, event, name=payload, organisation=payload)
    assert payload not in response.content.decode()
    assert "&lt;script&gt;" in response.content.decode()
    assert Registration.objects.get().name == payload


def test_cancellation_needs_the_csrf_token_too(client, event):
    register(client, event)
    link = path_of(cancel_link(mail.outbox[0]))
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(link).status_code == 403
    assert Registration.objects.get().status == C


def test_optional_fields_follow_the_editors_switches(client, event):
    page = text(client.get(form_url(event)))
    assert 'name="role"' in page
    assert 'name="accessibility_needs"' in page
    register(client, event, role="Directrice", accessibility_needs="Fauteuil roulant")
    registration = Registration.objects.get()
    assert (registration.role, registration.accessibility_needs) == (
        "Directrice",
        "Fauteuil roulant",
    )

    plain = EventPageFactory(registration_open=True)
    page = text(client.get(form_url(plain)))
    assert 'name="role"' not in page
    assert 'name="accessibility_needs"' not in page
    # A crafted POST cannot fill a field the editor did not ask for.
    register(client, plain, email="b@example.org", role="Directrice")
    assert Registration.objects.get(event=plain).role == ""


def test_no_registration_unless_the_editor_opens_it(client, db):
    event = EventPageFactory(registration_open=False)
    assert client.get(form_url(event)).status_code == 404
    assert register(client, event, follow=False).status_code == 404
    page = text(client.get(event.url))
    assert 'id="inscription"' not in page
    assert "S'inscrire" not in page
    assert "Ajouter à mon agenda" in page
    assert Registration.objects.count() == 0


def test_registration_closes_at_the_editors_date(client, db):
    event = EventPageFactory(
        registration_open=True,
        day=paris(2030, 3, 20).date(),
        registration_closes_at=paris(2030, 3, 10, 18),
    )
    with time_machine.travel(paris(2030, 3, 10, 17, 59), tick=False):
        assert "ouvertes jusqu'au 10 mars 2030 à 18h00" in text(client.get(event.url))
        assert register(client, event, email="a@example.org", follow=False).status_code == 302
    with time_machine.travel(paris(2030, 3, 10, 18), tick=False):
        assert "Les inscriptions sont closes." in text(client.get(event.url))
        response = register(client, event, email="b@example.org")
        assert "Les inscriptions sont closes pour ce colloque." in text(response)
    assert list(Registration.objects.values_list("email", flat=True)) == ["a@example.org"]


def test_registration_closes_when_the_event_starts(client, db):
    event = EventPageFactory(
        registration_open=True,
        day=paris(2030, 3, 20).date(),
        # A date after the start cannot keep registration open.
        registration_closes_at=paris(2030, 3, 25),
    )
    with time_machine.travel(paris(2030, 3, 20, 8, 59), tick=False):
        assert register(client, event, email="a@example.org", follow=False).status_code == 302
    with time_machine.travel(paris(2030, 3, 20, 9), tick=False):
        assert "Les inscriptions sont closes" in text(
            register(client, event, email="b@example.org")
        )
    assert Registration.objects.count() == 1


@pytest.mark.parametrize("status", [EventPage.Status.CANCELLED, EventPage.Status.POSTPONED])
def test_no_registration_for_a_cancelled_or_postponed_event(client, db, status):
    event = EventPageFactory(registration_open=True, status=status)
    assert "Les inscriptions sont closes" in text(register(client, event))
    assert Registration.objects.count() == 0


def test_a_forged_or_foreign_token_finds_nothing(client, event):
    register(client, event)
    registration = Registration.objects.get()
    other = EventPageFactory(registration_open=True)
    base = event.url + "inscription/"
    assert client.get(f"{base}{registration.pk}-forged/annuler/").status_code == 404
    assert client.post(f"{base}{registration.pk + 1}-x/annuler/").status_code == 404
    # A genuine token on another event's address is refused too.
    assert client.get(f"{other.url}inscription/{registration.token}/").status_code == 404
    assert Registration.objects.get().status == C


def test_unlimited_capacity_confirms_everyone(client, db):
    event = EventPageFactory(registration_open=True, registration_capacity=None)
    for number in range(5):
        register(client, event, email=f"p{number}@example.org")
    assert set(statuses(event).values()) == {C}


def test_waiting_list_is_served_in_order_of_arrival(client, event, committed):
    for name in ["a", "b", "c", "d", "e"]:
        register(client, event, email=f"{name}@example.org")
    assert [e for e, s in statuses(event).items() if s == W] == [
        "c@example.org",
        "d@example.org",
        "e@example.org",
    ]
    d = Registration.objects.get(email="d@example.org")
    assert "en position 2" in text(client.get(f"{event.url}inscription/{d.token}/"))

    with committed():
        services.cancel(Registration.objects.get(email="a@example.org"))
        services.cancel(Registration.objects.get(email="b@example.org"))
    assert statuses(event)["c@example.org"] == C
    assert statuses(event)["d@example.org"] == C
    assert statuses(event)["e@example.org"] == W


def test_raising_the_capacity_and_publishing_promotes_people_waiting(client, event, committed):
    for name in ["a", "b", "c", "d"]:
        register(client, event, email=f"{name}@example.org")
    mail.outbox.clear()
    event.registration_capacity = 3
    with committed():
        event.save_revision().publish()
    assert statuses(event)["c@example.org"] == C
    assert statuses(event)["d@example.org"] == W
    assert [m.to for m in mail.outbox] == [["c@example.org"]]


def test_a_moderator_cancelling_in_the_admin_promotes_the_next_person(client, event, admin_client):
    for name in ["a", "b", "c"]:
        register(client, event, email=f"{name}@example.org")
    mail.outbox.clear()
    a = Registration.objects.get(email="a@example.org")
    response = admin_client.post(
        reverse("registrations:edit", args=[a.pk]),
        {
            "event": event.pk,
            "name": a.name,
            "email": a.email,
            "organisation": "",
            "role": "",
            "accessibility_needs": "",
            "status": X,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert statuses(event)["c@example.org"] == C
    assert [m.to for m in mail.outbox] == [["c@example.org"]]


def test_registrations_need_their_own_permission_in_the_admin(client, event, django_user_model):
    register(client, event, name="Alice Aubert")
    editor = django_user_model.objects.create_user("moderatrice", password="x")
    group = Group.objects.create(name="Modération des inscriptions")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(group)
    staff = Client()
    staff.force_login(editor)
    url = reverse("registrations:index")
    assert staff.get(url).status_code in (302, 403)

    group.permissions.add(Permission.objects.get(codename="view_registration"))
    listing = staff.get(url)
    assert listing.status_code == 200
    assert "Alice Aubert" in text(listing)
    filtered = staff.get(url, {"status": W})
    assert "Alice Aubert" not in text(filtered)
    assert "Alice Aubert" in text(staff.get(url, {"event": event.pk, "status": C}))
