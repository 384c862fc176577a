"""Many visitors at once for the last seats: PostgreSQL serves them one by one.

Real threads, each with its own database connection, in a test whose
transactions really commit (``transaction=True``): the row lock taken by
``registrations.services`` is what keeps the capacity exact.
"""

import threading

import pytest
from django.core import mail
from django.db import connection

from registrations import services
from registrations.models import Registration
from tests.factories import EventPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

THREADS = 12


def run_together(target, count):
    """Start ``count`` threads on ``target(number)`` at the same instant; collect outcomes."""
    barrier = threading.Barrier(count)
    outcomes = [None] * count

    def worker(number):
        try:
            barrier.wait(timeout=30)
            outcomes[number] = target(number)
        except Exception as error:  # the test reads every outcome
            outcomes[number] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return outcomes


@pytest.mark.parametrize("capacity", [1, 3])
def test_concurrent_registrations_never_overbook(capacity):
    event = EventPageFactory(registration_open=True, registration_capacity=capacity)

    outcomes = run_together(
        lambda n: services.register(event, name=f"Personne {n}", email=f"p{n}@example.org"),
        THREADS,
    )

    assert all(isinstance(o, Registration) for o in outcomes), outcomes
    registrations = Registration.objects.filter(event=event)
    assert registrations.count() == THREADS
    assert registrations.filter(status=Registration.Status.CONFIRMED).count() == capacity
    assert registrations.filter(status=Registration.Status.WAITLISTED).count() == THREADS - capacity
    # Every person got exactly one e-mail, after the commit.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        f"p{n}@example.org" for n in range(THREADS)
    )
    confirmed = [m for m in mail.outbox if m.subject.startswith("Inscription confirmée")]
    assert len(confirmed) == capacity


def test_concurrent_cancellations_promote_each_waiting_person_once():
    event = EventPageFactory(registration_open=True, registration_capacity=4)
    people = [
        services.register(event, name=f"Personne {n}", email=f"p{n}@example.org") for n in range(10)
    ]
    confirmed = [r for r in people if r.is_confirmed]
    assert len(confirmed) == 4
    mail.outbox.clear()

    # The four seated people cancel together, twice each (a double click).
    outcomes = run_together(lambda n: services.cancel(confirmed[n % 4]), 8)

    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    registrations = Registration.objects.filter(event=event)
    assert registrations.filter(status=Registration.Status.CONFIRMED).count() == 4
    assert registrations.filter(status=Registration.Status.CANCELLED).count() == 4
    promoted = [m for m in mail.outbox if m.subject.startswith("Une place s'est libérée")]
    assert sorted(m.to[0] for m in promoted) == [f"p{n}@example.org" for n in range(4, 8)]


def test_the_same_email_racing_itself_registers_once():
    event = EventPageFactory(registration_open=True, registration_capacity=5)

    outcomes = run_together(
        lambda n: services.register(
            event, name="Camille", email="camille@example.org" if n % 2 else "CAMILLE@example.org"
        ),
        8,
    )

    assert sum(isinstance(o, Registration) for o in outcomes) == 1
    assert sum(isinstance(o, services.AlreadyRegistered) for o in outcomes) == 7
    assert Registration.objects.filter(event=event).count() == 1
