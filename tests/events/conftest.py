"""Fixtures of the events tests."""

import contextlib

import pytest


# E-mails leave on commit. Each request (and each direct service call wrapped in
# ``committed``) runs the on-commit callbacks it registered, as a real commit would.
def _committing(client, capture):
    original = client.request

    def request(**kwargs):
        with capture(execute=True):
            return original(**kwargs)

    client.request = request
    return client


@pytest.fixture
def client(client, django_capture_on_commit_callbacks):
    return _committing(client, django_capture_on_commit_callbacks)


@pytest.fixture
def admin_client(admin_client, django_capture_on_commit_callbacks):
    return _committing(admin_client, django_capture_on_commit_callbacks)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    @contextlib.contextmanager
    def run():
        with django_capture_on_commit_callbacks(execute=True):
            yield

    return run
