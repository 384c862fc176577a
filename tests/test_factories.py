"""The factories themselves: one per page type, each building a sound page tree."""

import pytest
from wagtail.models import Site, get_page_models

from home.models import HomePage
from tests.factories import PAGE_FACTORIES, EventPageFactory

OUR_APPS = {"core", "home", "events", "publications", "search"}


def our_page_models():
    return [
        model
        for model in get_page_models()
        if model._meta.app_label in OUR_APPS and not model._meta.abstract
    ]


def test_every_page_type_has_a_factory():
    # HomePage guards against a filter that silently matches nothing.
    assert HomePage in our_page_models()
    missing = sorted(m.__name__ for m in our_page_models() if m not in PAGE_FACTORIES)
    assert not missing, f"Page types without a factory in tests/factories.py: {missing}"


@pytest.mark.django_db
@pytest.mark.parametrize("model", list(PAGE_FACTORIES), ids=lambda m: m.__name__)
def test_page_factory_builds_a_live_page_in_its_place(model):
    page = PAGE_FACTORIES[model]()

    page.refresh_from_db()
    assert page.live
    assert type(page.get_parent().specific) in model.allowed_parent_page_models()
    page.full_clean()
    # Every page is served by the default site, whose root is the home page.
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert page.pk == site.root_page_id or page.is_descendant_of(site.root_page)


@pytest.mark.django_db
def test_singleton_pages_are_reused_not_duplicated():
    first, second = EventPageFactory(), EventPageFactory()

    assert first.get_parent().pk == second.get_parent().pk
    assert HomePage.objects.count() == 1
