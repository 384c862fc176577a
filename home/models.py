from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        events = EventPage.objects.live().public().select_related("venue")
        context["next_event"] = events.current_or_upcoming().order_by("start").first()
        context["latest_event"] = events.past().order_by("-start").first()
        context["latest_proceedings"] = (
            ProceedingsPage.objects.live().public().order_by("-first_published_at").first()
        )
        return context
