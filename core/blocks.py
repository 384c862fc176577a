"""StreamField blocks shared by long texts (argument essays, introductions)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail_footnotes.blocks import RichTextBlockWithFootnotes

from core import personal_data

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4", "blockquote", "footnotes"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("titre"))

    class Meta:
        icon = "title"
        label = _("Intertitre")
        template = "blocks/heading_block.html"
        description = _("Un intertitre qui découpe un long texte en parties.")
        preview_value = {"text": "Un diplôme en manque de reconnaissance"}


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("citation"))
    attribution = blocks.CharBlock(label=_("auteur ou source"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Citation")
        template = "blocks/quote_block.html"
        description = _("Une citation mise en valeur, avec son auteur ou sa source.")
        preview_value = {
            "quote": "L'urgence gestionnaire a envahi l'ensemble du secteur social.",
            "attribution": "Michel Paquet",
        }


class PersonalDataBlock(blocks.StaticBlock):
    """The personal data the site's forms keep, why and for how long.

    The durations are the settings ``manage.py erase_personal_data`` applies
    (``core/personal_data.py``), read when the page is shown: the page cannot
    state a duration the erasing command does not apply."""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["kept"] = [
            {"eraser": eraser, "months": personal_data.retention_months(eraser)}
            for eraser in personal_data.erasers()
            if eraser.label
        ]
        return context

    class Meta:
        icon = "lock"
        label = _("Données conservées et durées")
        admin_text = _(
            "Ce que les formulaires du site conservent, pourquoi et combien de temps. "
            "Les durées viennent des réglages du serveur : rien à saisir ici."
        )
        template = "blocks/personal_data_block.html"
        description = _("Les données des formulaires et leurs durées de conservation.")


class LongTextBlock(blocks.StreamBlock):
    """Body of an essay: paragraphs that may carry numbered footnotes."""

    paragraph = RichTextBlockWithFootnotes(
        features=TEXT_FEATURES,
        label=_("Paragraphe"),
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        description=_("Du texte, avec des notes de bas de page (bouton « Fn »)."),
        preview_value=("<p>Le Diplôme d'État d'Ingénierie Sociale vient de fêter ses dix ans.</p>"),
    )
    heading = HeadingBlock()
    quote = QuoteBlock()

    class Meta:
        block_counts = {}


class StandardTextBlock(LongTextBlock):
    """Body of a plain page: a long text, plus the blocks the association's own pages
    need (the privacy notice's table of what is kept)."""

    personal_data = PersonalDataBlock()
