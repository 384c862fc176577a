"""Atom feed of the publications: argument essays and proceedings, newest first."""

from django.utils.html import strip_tags
from wagtail.models import Page

from events.feeds import RequestFeed


class PublicationsFeed(RequestFeed):
    title = "ANDELIS – publications"
    subtitle = "Argumentaires et traces des colloques de l'ANDELIS."
    author_name = "ANDELIS"

    def link(self):
        from publications.models import PublicationIndexPage

        index = PublicationIndexPage.objects.live().first()
        return index.get_url(self.request) if index else "/"

    def items(self):
        from publications.models import ArgumentPage, ProceedingsPage

        return (
            Page.objects.live()
            .public()
            .type(ArgumentPage, ProceedingsPage)
            .specific()
            .order_by("-first_published_at", "-pk")[: self.limit]
        )

    def item_title(self, item):
        parent = item.get_parent()
        return f"{item.title} – {parent.title}" if parent else item.title

    def item_description(self, item):
        return item.summary or strip_tags(getattr(item, "introduction", "") or "") or item.title
