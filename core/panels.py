"""Admin panels of our own."""

import html
import re

from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

# What an editor writes in a page where the association still has a fact to give:
# "[à compléter par l'association : adresse du siège]". Visitors see it as is.
TO_FILL = re.compile(r"\[à compléter[^\]]*\]", re.IGNORECASE)


def to_fill(*texts):
    """Every "[à compléter …]" mark in these texts (plain text or HTML), in order."""
    marks = []
    for text in texts:
        plain = " ".join(html.unescape(strip_tags(str(text))).split())
        marks.extend(TO_FILL.findall(plain))
    return marks


class ToFillPanel(Panel):
    """Lists the "[à compléter …]" marks left in the page, so an editor sees at the
    top of the form which facts the association must still give."""

    def __init__(self, fields=(), **kwargs):
        kwargs.setdefault("heading", _("À compléter par l'association"))
        super().__init__(**kwargs)
        self.fields = tuple(fields)

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs["fields"] = self.fields
        return kwargs

    class BoundPanel(Panel.BoundPanel):
        template_name = "core/panels/to_fill_panel.html"

        @cached_property
        def marks(self):
            texts = []
            for name in self.panel.fields:
                value = getattr(self.instance, name, "")
                if hasattr(value, "raw_data"):
                    # A StreamField: the text of each block, whatever its kind.
                    for block in value:
                        parts = (
                            block.value.values() if isinstance(block.value, dict) else [block.value]
                        )
                        texts.extend(str(part) for part in parts if part)
                else:
                    texts.append(value)
            return to_fill(*texts)

        def is_shown(self):
            # Nothing to say on a page with no mark left.
            return bool(self.marks) and super().is_shown()

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["marks"] = self.marks
            return context
