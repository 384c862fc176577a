"""Colloquia: the events themselves and the people, places and partners they reuse."""

from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from modelcluster.queryset import FakeQuerySet
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Orderable, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from core.metadata import plain_text
from core.models import BasePage
from events.calendars import event_calendar_bytes, event_ics_filename
from registrations.models import RegistrationSettingsMixin
from registrations.routes import RegistrationRoutesMixin

SHORT_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class Venue(index.Indexed, models.Model):
    """A place where a colloquium happens, reused from one edition to the next."""

    name = models.CharField(
        _("nom"), max_length=255, help_text=_("Par exemple : Cité des métiers.")
    )
    street_address = models.CharField(
        _("adresse"), max_length=255, blank=True, help_text=_("Numéro et rue.")
    )
    postal_code = models.CharField(
        _("code postal"), max_length=10, blank=True, help_text=_("Par exemple : 13002.")
    )
    city = models.CharField(_("ville"), max_length=120, help_text=_("Par exemple : Marseille."))
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("Pour le lien « Voir la carte », par exemple 43.296482."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("Par exemple 5.369780."),
    )
    access_details = models.TextField(
        _("accès"),
        blank=True,
        help_text=_("Transports, accessibilité, entrée : ce qui aide à venir sur place."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("street_address"),
        FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Coordonnées")),
        FieldPanel("access_details"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("city"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("lieu")
        verbose_name_plural = _("lieux")

    def __str__(self):
        return f"{self.name} ({self.city})" if self.city else self.name

    def clean(self):
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(
                _("Indiquez la latitude et la longitude ensemble, ou aucune des deux.")
            )
        if self.latitude is not None and not -90 <= self.latitude <= 90:
            raise ValidationError({"latitude": _("La latitude est comprise entre -90 et 90.")})
        if self.longitude is not None and not -180 <= self.longitude <= 180:
            raise ValidationError({"longitude": _("La longitude est comprise entre -180 et 180.")})

    @property
    def map_url(self):
        """OpenStreetMap, centred on the venue; a search by address when no coordinates."""
        if self.latitude is not None and self.longitude is not None:
            query = urlencode({"mlat": self.latitude, "mlon": self.longitude})
            return f"https://www.openstreetmap.org/?{query}#map=17/{self.latitude}/{self.longitude}"
        address = ", ".join(p for p in [self.name, self.street_address, self.city] if p)
        return "https://www.openstreetmap.org/search?" + urlencode({"query": address})


class Person(index.Indexed, models.Model):
    """A speaker, kept once and reused across colloquia and their proceedings."""

    name = models.CharField(
        _("nom"),
        max_length=255,
        help_text=_("Prénom et nom, tels qu'ils s'affichent : « Robert Lafore »."),
    )
    family_name = models.CharField(
        _("nom de famille, pour les citations"),
        max_length=255,
        blank=True,
        help_text=_(
            "Seulement si ce n'est pas le dernier mot du nom : « de La Tour » pour "
            "« Marie de La Tour ». Les références bibliographiques l'écrivent en premier."
        ),
    )
    affiliation = models.CharField(
        _("fonction ou organisme"),
        max_length=255,
        blank=True,
        help_text=_("Par exemple : Professeur de droit public, Sciences Po Bordeaux."),
    )
    biography = RichTextField(
        _("biographie courte"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Quelques lignes de présentation."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Un portrait, affiché en petit (carré) à côté du nom."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("family_name"),
        FieldPanel("affiliation"),
        FieldPanel("biography"),
        FieldPanel("photo"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("affiliation"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("personne")
        verbose_name_plural = _("personnes")

    def __str__(self):
        return self.name

    def name_parts(self):
        """(given names, family name) for a bibliographic reference."""
        name = " ".join(self.name.split())
        family = " ".join(self.family_name.split())
        if family and name.endswith(family):
            return name[: -len(family)].strip(), family
        if family:
            return "", family
        given, _space, last = name.rpartition(" ")
        return given, last


class Partner(index.Indexed, models.Model):
    """An organisation that takes part in colloquia; its role is set per event."""

    name = models.CharField(
        _("nom"),
        max_length=255,
        help_text=_("Tel qu'il s'affiche : « Institut méditerranéen de formation (IMF) »."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Une image PNG ou JPEG, affichée dans la liste des partenaires."),
    )
    logo_alt_text = models.CharField(
        _("texte alternatif du logo"),
        max_length=255,
        blank=True,
        help_text=_(
            "Ce que le logo dit, pour les personnes qui ne le voient pas : "
            "« Logo de l'IMF ». Obligatoire si un logo est choisi."
        ),
    )
    description = RichTextField(
        _("description"),
        blank=True,
        features=SHORT_TEXT_FEATURES,
        help_text=_("Quelques lignes sur ce partenaire."),
    )
    website = models.URLField(
        _("site internet"),
        blank=True,
        help_text=_("L'adresse complète, par exemple https://www.imf.fr/."),
    )

    panels = [
        FieldPanel("name"),
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("logo_alt_text")], heading=_("Logo")),
        FieldPanel("description"),
        FieldPanel("website"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("partenaire")
        verbose_name_plural = _("partenaires")

    def __str__(self):
        return self.name

    def clean(self):
        if self.logo_id and not self.logo_alt_text.strip():
            raise ValidationError(
                {
                    "logo_alt_text": _(
                        "Décrivez le logo en quelques mots (texte alternatif), "
                        "par exemple « Logo de l'IMF » : sans cela, les personnes "
                        "aveugles ne savent pas qui est ce partenaire."
                    )
                }
            )


class EventPageQuerySet(PageQuerySet):
    """Where an event stands in time, in Paris time.

    An event that runs today is "current": it is neither upcoming nor past,
    and listings show it first rather than losing it between the two.
    """

    def _today(self):
        return timezone.localdate()

    def current(self):
        today = self._today()
        return self.filter(start__date__lte=today, end__date__gte=today)

    def upcoming(self):
        return self.filter(start__date__gt=self._today())

    def past(self):
        return self.filter(end__date__lt=self._today())

    def current_or_upcoming(self):
        return self.filter(end__date__gte=self._today())


EventPageManager = PageManager.from_queryset(EventPageQuerySet)


class EventIndexPage(BasePage):
    """The list of colloquia: what comes next, then the archive by year."""

    introduction = RichTextField(
        _("introduction"),
        blank=True,
        features=SHORT_TEXT_FEATURES,
        help_text=_("Quelques lignes au-dessus de la liste des colloques."),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = _("liste des colloques")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when the list is rendered, not when it comes from the fragment cache.
        context["upcoming_events"] = SimpleLazyObject(
            lambda: list(self._events().current_or_upcoming())
        )
        context["past_events_by_year"] = SimpleLazyObject(self._past_events_by_year)
        return context

    def _events(self):
        return EventPage.objects.child_of(self).live().select_related("venue").order_by("start")

    def _past_events_by_year(self):
        years = {}
        for event in self._events().past().order_by("-start"):
            years.setdefault(event.start_local.year, []).append(event)
        return list(years.items())


class EventPageForm(WagtailAdminPageForm):
    """Checks that need the page and its programme together."""

    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("start"), cleaned_data.get("end")
        if start and not self.errors.get("title") and not self.errors.get("slug"):
            from events.next_edition import follow_dates

            cleaned_data["title"], cleaned_data["slug"] = follow_dates(
                self.instance, cleaned_data.get("title"), cleaned_data.get("slug"), start
            )
        # An end before the start is the model's to refuse (EventPage.clean).
        if start and end and start <= end:
            first_day = timezone.localtime(start).date()
            last_day = timezone.localtime(end).date()
            programme = self.formsets.get("programme_items")
            for form in programme.forms if programme else []:
                if form in programme.deleted_forms or not form.has_changed():
                    continue
                day = form.cleaned_data.get("day")
                if day and not first_day <= day <= last_day:
                    form.add_error(
                        "day",
                        _("Ce jour n'est pas dans les dates du colloque (du %(a)s au %(b)s).")
                        % {"a": first_day.strftime("%d/%m/%Y"), "b": last_day.strftime("%d/%m/%Y")},
                    )
        return cleaned_data


class EventPage(RegistrationRoutesMixin, RegistrationSettingsMixin, BasePage):
    """One colloquium: when, where, what is said and who makes it happen.

    The programme, speakers, partners and pictures are edited inline; the
    argument essay and the proceedings are child pages.
    """

    # Visitors may comment under it (comments/views.py).
    accepts_visitor_comments = True

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Programmé")
        POSTPONED = "postponed", _("Reporté")
        CANCELLED = "cancelled", _("Annulé")

    subtitle = models.CharField(
        _("thème"),
        max_length=255,
        blank=True,
        help_text=_("Le thème ou sous-titre du colloque, affiché sous le titre."),
    )
    # Nullable so that a draft may wait for its dates (the next edition starts
    # without them); blank=False keeps them required to publish or submit.
    start = models.DateTimeField(
        _("début"), null=True, help_text=_("Date et heure d'ouverture (heure de Paris).")
    )
    end = models.DateTimeField(
        _("fin"),
        null=True,
        help_text=_("Date et heure de clôture. Un colloque peut durer plusieurs jours."),
    )
    status = models.CharField(
        _("statut"),
        max_length=20,
        choices=Status.choices,
        default=Status.SCHEDULED,
        help_text=_("Un colloque annulé ou reporté reste en ligne, avec la mention bien visible."),
    )
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("lieu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_("Choisissez un lieu existant ou créez-en un."),
    )
    introduction = RichTextField(
        _("présentation"),
        blank=True,
        features=SHORT_TEXT_FEATURES,
        help_text=_("Qui organise, pour qui, pourquoi : le premier paragraphe de la page."),
    )
    poster = models.ForeignKey(
        "core.ColloquiumDocument",
        verbose_name=_("affiche et programme à télécharger"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Le fichier PDF que les visiteurs peuvent télécharger."),
    )
    is_free = models.BooleanField(
        _("entrée gratuite"), default=True, help_text=_("Décochez si l'entrée est payante.")
    )
    price = models.CharField(
        _("tarif"),
        max_length=255,
        blank=True,
        help_text=_("Si l'entrée est payante : « 30 € ; 10 € pour les étudiants »."),
    )
    registration_information = RichTextField(
        _("comment s'inscrire"),
        blank=True,
        features=SHORT_TEXT_FEATURES,
        help_text=_("Par exemple : inscription gratuite par e-mail, avec votre nom et organisme."),
    )
    practical_information = RichTextField(
        _("informations pratiques"),
        blank=True,
        features=SHORT_TEXT_FEATURES,
        help_text=_("Accueil, repas, accessibilité, hébergement…"),
    )

    objects = EventPageManager()

    # Image sizes used by templates/events/event_page.html; get_context fetches
    # exactly these renditions.
    SPEAKER_PHOTO_FILTER = "fill-160x160"
    PARTNER_LOGO_FILTER = "max-240x120"
    GALLERY_IMAGE_FILTER = "max-1000x1400"

    base_form_class = EventPageForm

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("subtitle"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading=_("Dates")),
        FieldPanel("status"),
        FieldPanel("venue"),
        FieldPanel("introduction"),
    ]
    programme_panels = [
        InlinePanel(
            "programme_items",
            heading=_("Programme"),
            label=_("moment du programme"),
            help_text=_("Dans l'ordre de la journée : accueil, interventions, pauses…"),
        ),
    ]
    people_panels = [
        MultipleChooserPanel(
            "speakers",
            chooser_field_name="person",
            heading=_("Intervenants"),
            label=_("Intervenant"),
        ),
        InlinePanel(
            "event_partners",
            heading=_("Partenaires"),
            label=_("partenaire"),
            help_text=_("Choisissez chaque partenaire et son rôle pour ce colloque."),
        ),
    ]
    practical_panels = [
        MultiFieldPanel(
            [FieldPanel("is_free"), FieldPanel("price"), FieldPanel("registration_information")],
            heading=_("Entrée et inscription"),
        ),
        FieldPanel("practical_information"),
        FieldPanel("poster"),
        InlinePanel("images", heading=_("Images"), label=_("image")),
    ]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Événement")),
            ObjectList(programme_panels, heading=_("Programme")),
            ObjectList(people_panels, heading=_("Intervenants et partenaires")),
            ObjectList(practical_panels, heading=_("Pratique")),
            ObjectList(RegistrationSettingsMixin.registration_panels, heading=_("Inscriptions")),
            ObjectList(BasePage.promote_panels, heading=_("Promotion")),
            ObjectList(BasePage.settings_panels, heading=_("Paramètres")),
        ]
    )

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("subtitle", boost=2),
        index.SearchField("introduction"),
        index.RelatedFields("venue", [index.SearchField("name"), index.SearchField("city")]),
        index.RelatedFields(
            "programme_items",
            [
                index.SearchField("title"),
                index.SearchField("description"),
                index.RelatedFields("speakers", [index.SearchField("name")]),
            ],
        ),
        index.RelatedFields(
            "speakers", [index.RelatedFields("person", [index.SearchField("name")])]
        ),
        index.FilterField("start"),
        index.FilterField("end"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = ["publications.ArgumentPage", "publications.ProceedingsPage"]

    class Meta:
        verbose_name = _("colloque")
        verbose_name_plural = _("colloques")

    @classmethod
    def routing_queryset(cls):
        # The facts at the top of the page: read with the page, not one query each.
        return super().routing_queryset().select_related("venue", "poster")

    @classmethod
    def get_indexed_objects(cls):
        # modelsearch prefetches only the first level of RelatedFields: without
        # this, update_index reads each programme item's speakers in a query.
        return (
            super()
            .get_indexed_objects()
            .prefetch_related("programme_items__speakers", "speakers__person")
        )

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError(
                {
                    "end": _(
                        "La fin du colloque (%(end)s) est avant son début (%(start)s) : "
                        "vérifiez les dates et les heures."
                    )
                    % {
                        "end": timezone.localtime(self.end).strftime("%d/%m/%Y %H:%M"),
                        "start": timezone.localtime(self.start).strftime("%d/%m/%Y %H:%M"),
                    }
                }
            )

    # A draft may have no dates yet (see ``start``): these then answer None/False.
    @property
    def start_local(self):
        return timezone.localtime(self.start) if self.start else None

    @property
    def end_local(self):
        return timezone.localtime(self.end) if self.end else None

    @property
    def has_dates(self):
        return bool(self.start and self.end)

    @property
    def is_multi_day(self):
        return self.has_dates and self.start_local.date() != self.end_local.date()

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def is_postponed(self):
        return self.status == self.Status.POSTPONED

    def registration_calendar(self, request=None):
        """The .ics attached to a registration's confirmation (registrations/emails.py)."""
        return event_ics_filename(self), event_calendar_bytes(self, request)

    def meta_description_fallback(self):
        """When and where, then the first words of the introduction: what a search
        engine's visitor needs to know before clicking."""
        facts = []
        if self.has_dates:
            start = date_format(self.start_local, "l j F Y")
            if self.is_multi_day:
                facts.append(f"Du {start} au {date_format(self.end_local, 'l j F Y')}")
            else:
                facts.append(capfirst(start))
        if self.venue is not None:
            facts.append(", ".join(part for part in (self.venue.name, self.venue.city) if part))
        lead = ", ".join(facts)
        introduction = plain_text(self.introduction) or self.listing_summary or self.subtitle
        return " ".join(part for part in (f"{lead}." if lead else "", introduction) if part)

    def timing(self, today=None):
        """'upcoming', 'current' or 'past', by calendar day in Paris."""
        today = today or timezone.localdate()
        if not self.has_dates:
            return "upcoming"
        if self.start_local.date() > today:
            return "upcoming"
        if self.end_local.date() < today:
            return "past"
        return "current"

    def get_cached_paths(self):
        # The registration form prints the seats left, like the page itself.
        return ["/", self.reverse_subpage("registration")]

    @cached_property
    def child_publications(self):
        # Plain pages are enough for links ({% pageurl %}); skipping .specific()
        # saves a query per page type.
        if not self.pk or not self.numchild:
            return {}
        return {
            page.specific_class.__name__: page
            for page in self.get_children().live().order_by("path")
        }

    @property
    def argument_page(self):
        return self.child_publications.get("ArgumentPage")

    @property
    def proceedings_page(self):
        return self.child_publications.get("ProceedingsPage")

    def partners_by_role(self, event_partners):
        groups = {}
        for link in event_partners:
            groups.setdefault(link.role, []).append(link)
        return [
            (role, EventPartner.Role(role).plural_label, groups[role])
            for role in EventPartner.Role.values
            if role in groups
        ]

    def programme_with_speakers(self):
        """The programme, each item with its speakers (two queries, whatever its length).

        In a preview the programme being edited lives in memory (modelcluster), speakers
        included: it is returned as it is.
        """
        items = self.programme_items.all()
        if isinstance(items, FakeQuerySet):
            return items
        # Person's ordering (by name) orders each item's speakers.
        return list(items.prefetch_related("speakers"))

    def programme_with_traces(self):
        """The programme, each item with ``trace_url``: the address of what remains of it
        (a talk's page in the proceedings), or "". The apps that publish such traces
        answer through the ``andelis_programme_traces`` hook: given the event and its
        items, (item, url) pairs."""
        items = self.programme_with_speakers()
        for item in items:
            item.trace_url = ""
        for find_traces in hooks.get_hooks("andelis_programme_traces"):
            for item, url in find_traces(self, items):
                item.trace_url = url
        return items

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when a template renders them: a page whose fragments come from the
        # cache (docs/performance.md) reads none of them.
        shown = SimpleLazyObject(self._people_and_pictures)
        context["programme_items"] = SimpleLazyObject(self.programme_with_traces)
        context["event_speakers"] = SimpleLazyObject(lambda: shown["event_speakers"])
        context["partner_groups"] = SimpleLazyObject(lambda: shown["partner_groups"])
        context["event_images"] = SimpleLazyObject(lambda: shown["event_images"])
        return context

    def _people_and_pictures(self):
        # Each list brings its images in the same query; one more query then
        # finds every rendition the template asks for, so the page costs the
        # same number of queries with 2 or 20 speakers, partners and pictures.
        event_speakers = list(self.speakers.all().select_related("person__photo"))
        event_partners = list(self.event_partners.all().select_related("partner__logo"))
        event_images = list(self.images.all().select_related("image"))
        prefetch_renditions(
            [(link.person.photo, self.SPEAKER_PHOTO_FILTER) for link in event_speakers]
            + [(link.partner.logo, self.PARTNER_LOGO_FILTER) for link in event_partners]
            + [(item.image, self.GALLERY_IMAGE_FILTER) for item in event_images]
        )
        return {
            "event_speakers": event_speakers,
            "partner_groups": self.partners_by_role(event_partners),
            "event_images": event_images,
        }


def prefetch_renditions(images_and_filters):
    """Fetch, in one query, the renditions that several images need.

    Django's ``prefetch_related_objects`` fills each image's ``renditions`` as
    ``prefetch_related("renditions")`` would; Wagtail's ``get_rendition()`` (behind
    ``{% image %}``) then looks there first, and creates a missing one as usual. Each
    rendition comes back holding its image, so its alt text costs no query.
    """
    wanted = [(image, spec) for image, spec in images_and_filters if image is not None]
    if not wanted:
        return
    rendition_model = get_image_model().get_rendition_model()
    renditions = rendition_model.objects.filter(filter_spec__in={spec for _image, spec in wanted})
    prefetch_related_objects(
        [image for image, _spec in wanted], Prefetch("renditions", queryset=renditions)
    )


class ProgrammeItem(Orderable, ClusterableModel):
    """A moment of the programme: a talk, a round table, a break."""

    class Kind(models.TextChoices):
        WELCOME = "welcome", _("Accueil")
        TALK = "talk", _("Intervention")
        ROUND_TABLE = "round_table", _("Table ronde")
        WORKSHOP = "workshop", _("Atelier")
        DEBATE = "debate", _("Échanges avec la salle")
        BREAK = "break", _("Pause")
        MEAL = "meal", _("Déjeuner")
        CLOSING = "closing", _("Clôture")
        OTHER = "other", _("Autre")

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="programme_items")
    day = models.DateField(
        _("jour"),
        null=True,
        blank=True,
        help_text=_("Seulement pour un colloque de plusieurs jours."),
    )
    start_time = models.TimeField(
        _("heure de début"),
        null=True,
        blank=True,
        help_text=_(
            "Par exemple : 09:30. Laissez vide si elle n'est pas connue : aucune heure ne s'affiche."
        ),
    )
    end_time = models.TimeField(
        _("heure de fin"),
        null=True,
        blank=True,
        help_text=_("Laissez vide si elle n'est pas fixée."),
    )
    kind = models.CharField(
        _("type"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.TALK,
        help_text=_("Les pauses et le déjeuner s'affichent en retrait du reste du programme."),
    )
    title = models.CharField(
        _("titre"),
        max_length=255,
        help_text=_("Par exemple : « L'ingénierie sociale, dix ans après » ou « Accueil café »."),
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("Quelques lignes, si utile.")
    )
    speakers = ParentalManyToManyField(
        Person,
        verbose_name=_("intervenants"),
        blank=True,
        related_name="programme_items",
        help_text=_("Les personnes qui prennent la parole à ce moment."),
    )

    panels = [
        FieldRowPanel([FieldPanel("day"), FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("speakers", widget=forms.CheckboxSelectMultiple),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("moment du programme")
        verbose_name_plural = _("programme")

    def __str__(self):
        return self.title

    def clean(self):
        if self.end_time and not self.start_time:
            raise ValidationError(
                {"start_time": _("Indiquez l'heure de début, ou retirez l'heure de fin.")}
            )
        if self.end_time and self.start_time and self.end_time <= self.start_time:
            raise ValidationError(
                {"end_time": _("L'heure de fin doit être après l'heure de début.")}
            )

    @property
    def is_break(self):
        return self.kind in {self.Kind.BREAK, self.Kind.MEAL}


class EventSpeaker(Orderable):
    """A person who speaks at an event, in the order the page lists them."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="speakers")
    person = models.ForeignKey(
        Person,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Choisissez une personne, ou créez-la dans la fenêtre de choix."),
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        verbose_name = _("intervenant")
        verbose_name_plural = _("intervenants")


class EventPartner(Orderable):
    """The link between an event and a partner, with the partner's role that year."""

    class Role(models.TextChoices):
        ORGANISER = "organiser", _("Organisateur")
        PARTNER = "partner", _("Partenaire")
        SUPPORTER = "supporter", _("Soutien")
        PARTICIPANT = "participant", _("Participant")
        MEDIA = "media", _("Partenaire média")

        @property
        def plural_label(self):
            return ROLE_HEADINGS[self.value]

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="event_partners")
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("partenaire"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Choisissez un partenaire, ou créez-le dans la fenêtre de choix."),
    )
    role = models.CharField(
        _("rôle"),
        max_length=20,
        choices=Role.choices,
        help_text=_("Le rôle de ce partenaire pour ce colloque-ci."),
    )

    panels = [FieldPanel("partner"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("partenaire du colloque")
        verbose_name_plural = _("partenaires du colloque")


ROLE_HEADINGS = {
    "organiser": _("Organisé par"),
    "partner": _("En partenariat avec"),
    "supporter": _("Avec le soutien de"),
    "participant": _("Avec la participation de"),
    "media": _("Partenaires médias"),
}


class EventImage(Orderable):
    """A picture shown on the event page: the poster, the programme, the venue."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Choisissez une image de la bibliothèque ou téléversez-en une."),
    )
    caption = models.CharField(
        _("légende"),
        max_length=255,
        blank=True,
        help_text=_("Par exemple : Programme de la journée."),
    )

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
