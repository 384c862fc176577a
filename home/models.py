from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.fragments import find_page
from core.models import BasePage
from events.models import EventPage
from publications.models import ProceedingsPage


class HomePage(BasePage):
    """The association's front door: who we are, the next colloquium, the latest proceedings."""

    introduction = RichTextField(
        _("présentation de l'association"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Qui est l'ANDELIS, en quelques phrases."),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "events.EventIndexPage",
        "publications.PublicationIndexPage",
        "core.StandardPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("page d'accueil")

    def route(self, request, path_components):
        """Find the page asked for among the pages along its path, in one query.

        Wagtail's own ``route()`` reads each level of the path in turn (a page, then its
        specific object). The pages whose ``url_path`` starts the address are read at once;
        the deepest one routes the rest of the address, unless a page above it answers that
        address itself with a sub-page route (an event's registration), as Wagtail would
        let it.
        """
        if not path_components:
            return super().route(request, path_components)
        found, facts = find_page(self, path_components, lambda: self._find(path_components))
        if found is None:
            raise Http404
        page_id, depth, content_type_id = found
        page_class = ContentType.objects.get_for_id(content_type_id).model_class()
        if page_class is not None and issubclass(page_class, BasePage):
            # get(), not first(): no ORDER BY to build for a single row.
            try:
                page = page_class.routing_queryset().get(pk=page_id)
            except page_class.DoesNotExist:
                page = None
            else:
                # Read with the address: the visit's view restriction check needs no more.
                page.view_restriction_facts = facts
        else:
            page = Page.objects.filter(pk=page_id).first()
            page = page.specific if page is not None else None
        if page is None:
            raise Http404
        return page.route(request, path_components[depth - self.depth :])

    def _find(self, path_components):
        """(id, depth, content type) of the page that routes this address, from one query."""
        candidates = [
            f"{self.url_path}{'/'.join(path_components[:depth])}/"
            for depth in range(1, len(path_components) + 1)
        ]
        pages = list(
            Page.objects.descendant_of(self)
            .filter(url_path__in=candidates)
            .order_by("depth")
            .only("id", "depth", "live", "content_type_id")
        )
        target = pages[-1] if pages else None
        for page in pages[:-1]:
            if page.live and _has_sub_page_route(page, path_components[page.depth - self.depth :]):
                target = page
                break
        return (target.pk, target.depth, target.content_type_id) if target else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when the page's content is rendered, not when it comes from the
        # fragment cache (docs/performance.md). Even building ``public()`` reads the view
        # restrictions.
        context["next_event"] = SimpleLazyObject(
            lambda: _events().current_or_upcoming().order_by("start").first()
        )
        context["latest_event"] = SimpleLazyObject(
            lambda: _events().past().order_by("-start").first()
        )
        context["latest_proceedings"] = SimpleLazyObject(
            lambda: ProceedingsPage.objects.live().public().order_by("-first_published_at").first()
        )
        return context


def _events():
    return EventPage.objects.live().public().select_related("venue")


def _has_sub_page_route(page, path_components):
    """Whether ``page`` (a plain Page) answers this rest of the address with a route of its own."""
    page_class = page.specific_class
    if page_class is None or not issubclass(page_class, RoutablePageMixin):
        return False
    try:
        page_class.get_resolver().resolve("/" + "".join(f"{c}/" for c in path_components))
    except Http404:
        return False
    return True
