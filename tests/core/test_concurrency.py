"""``core.concurrency.beside``: a read on a second connection, unless inside a transaction."""

import pytest
from django.db import connection, transaction

from core.concurrency import beside


def backend_pid():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_task_runs_on_another_connection_outside_a_transaction():
    result = beside(backend_pid)

    assert result() != backend_pid()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_inside_a_transaction_a_task_runs_inline_and_sees_its_rows():
    from events.models import Venue

    with transaction.atomic():
        Venue.objects.create(name="Cité des associations", city="Marseille")
        names = beside(lambda: list(Venue.objects.values_list("name", flat=True)))

        assert names() == ["Cité des associations"]
        assert beside(backend_pid)() == backend_pid()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_task_that_fails_raises_its_error_when_its_result_is_asked_for():
    def failing():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 / 0")

    result = beside(failing)

    with pytest.raises(Exception, match="division by zero"):
        result()
    assert beside(backend_pid)() != backend_pid()  # its connection still answers
