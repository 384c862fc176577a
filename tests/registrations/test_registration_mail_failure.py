"""A mail server that is down loses nobody's registration (real commits)."""

import pytest
from django.core.mail.backends.base import BaseEmailBackend

from registrations.models import Registration
from tests.factories import EventPageFactory
from tests.registrations.registration_helpers import register, text

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class DownBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("SMTP server unreachable")


def test_registration_is_kept_and_confirmed_when_the_mail_server_is_down(client, settings):
    settings.EMAIL_BACKEND = f"{__name__}.DownBackend"
    event = EventPageFactory(registration_open=True, registration_capacity=5)

    response = register(client, event)

    assert response.status_code == 200
    assert "Votre inscription est confirmée" in text(response)
    assert Registration.objects.get().status == Registration.Status.CONFIRMED
