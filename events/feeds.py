"""Atom feed of the colloquia, newest announcement first."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.html import strip_tags

from events.calendars import event_location


class RequestFeed(Feed):
    """A feed that remembers its request, so page URLs follow the site it is served on."""

    feed_type = Atom1Feed
    limit = 50

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def item_link(self, item):
        return item.get_url(self.request)

    def item_guid(self, item):
        return f"urn:uuid:{item.translation_key}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at or item.latest_revision_created_at

    def item_author_name(self, item):
        return settings.WAGTAIL_SITE_NAME


class EventsFeed(RequestFeed):
    title = "ANDELIS – colloques"
    subtitle = "Les colloques nationaux de l'ANDELIS : annonces, dates et lieux."
    author_name = "ANDELIS"

    def link(self):
        from events.models import EventIndexPage

        index = EventIndexPage.objects.live().first()
        return index.get_url(self.request) if index else "/"

    def items(self):
        from events.models import EventPage

        return (
            EventPage.objects.live()
            .public()
            .select_related("venue")
            .order_by("-first_published_at", "-pk")[: self.limit]
        )

    def item_title(self, item):
        title = item.title
        if item.is_cancelled:
            title = f"[Annulé] {title}"
        elif item.is_postponed:
            title = f"[Reporté] {title}"
        return title

    def item_description(self, item):
        start = timezone.localtime(item.start)
        parts = [
            item.subtitle,
            f"Le {date_format(start, 'l j F Y')}"
            + (f", {event_location(item)}" if item.venue_id else ""),
            item.summary or strip_tags(item.introduction or ""),
        ]
        return "\n\n".join(p for p in parts if p)

    def item_categories(self, item):
        return [item.get_status_display()]
