"""The OAI-PMH 2.0 endpoint (``/oai/``): the six verbs over ``HarvestRecord`` rows.

Errors are the protocol's own (``oai/protocol.py``), answered with status 200 as the
protocol wants. Answers change with every publication and are never stored by a
cache (``never_cache``: Varnish passes them, docs/front-cache.md).
"""

import re
from email.utils import parseaddr

from django.conf import settings
from django.db.models import Min, Q
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from core.models import SiteSettings
from oai import responses
from oai.dublin_core import OAI_DC_NS, OAI_DC_SCHEMA
from oai.harvest import SET_PREFIX
from oai.models import HarvestRecord
from oai.protocol import (
    OAI_DC,
    SECONDS,
    Position,
    ProtocolError,
    make_token,
    read_request,
    read_token,
    selection,
)

# The oai-identifier scheme's repositoryIdentifier: a domain name.
DOMAIN_NAME = re.compile(r"[a-zA-Z][a-zA-Z0-9-]*(\.[a-zA-Z][a-zA-Z0-9-]*)+")


class Repository:
    """The repository's address and identifiers, from the default Wagtail Site."""

    def __init__(self, request):
        site = Site.objects.filter(is_default_site=True).first()
        root_url = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
        self.base_url = f"{root_url}{reverse('oai')}"
        self.host = settings.OAI_REPOSITORY_IDENTIFIER or (
            site.hostname if site else request.get_host().split(":")[0]
        )

    def identifier(self, talk_id):
        return f"oai:{self.host}:talk/{talk_id}"

    def talk_id(self, identifier):
        """The talk id an identifier of this repository names, else None."""
        match = re.fullmatch(rf"oai:{re.escape(self.host)}:talk/([1-9][0-9]{{0,9}})", identifier)
        return int(match.group(1)) if match else None

    def find(self, identifier):
        talk_id = self.talk_id(identifier)
        found = HarvestRecord.objects.filter(talk_id=talk_id).first() if talk_id else None
        if found is None:
            raise ProtocolError(
                ("idDoesNotExist", _("Identifiant inconnu : « %(id)s ».") % {"id": identifier})
            )
        return found


def check_prefix(prefix):
    if prefix != OAI_DC:
        raise ProtocolError(
            (
                "cannotDisseminateFormat",
                _("Format non proposé : « %(prefix)s » (seul « oai_dc » l’est).")
                % {"prefix": prefix},
            )
        )


def admin_email():
    return SiteSettings.load().contact_email or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


def identify(repository, root, arguments):
    element = responses.oai(root, "Identify")
    name = SiteSettings.load().association_name
    earliest = HarvestRecord.objects.aggregate(earliest=Min("datestamp"))["earliest"]
    for tag, value in (
        ("repositoryName", _("%(name)s – traces des colloques") % {"name": name}),
        ("baseURL", repository.base_url),
        ("protocolVersion", "2.0"),
        ("adminEmail", admin_email()),
        ("earliestDatestamp", responses.utc(earliest or timezone.now())),
        ("deletedRecord", "persistent"),
        ("granularity", SECONDS),
    ):
        responses.oai(element, tag, value)
    if DOMAIN_NAME.fullmatch(repository.host):
        responses.oai_identifier_description(element, repository.host, repository.identifier(1))


def list_metadata_formats(repository, root, arguments):
    if "identifier" in arguments:
        repository.find(arguments["identifier"])
    element = responses.oai(root, "ListMetadataFormats")
    metadata_format = responses.oai(element, "metadataFormat")
    responses.oai(metadata_format, "metadataPrefix", OAI_DC)
    responses.oai(metadata_format, "schema", OAI_DC_SCHEMA)
    responses.oai(metadata_format, "metadataNamespace", OAI_DC_NS)


def list_sets(repository, root, arguments):
    if "resumptionToken" in arguments:
        # The list of sets always fits in one answer: no token was ever issued for it.
        raise ProtocolError(("badResumptionToken", _("Jeton de reprise invalide ou inconnu.")))
    names = {}
    for spec, name in HarvestRecord.objects.order_by("datestamp", "pk").values_list(
        "set_spec", "set_name"
    ):
        names[spec] = name  # the latest name of each colloquium
    if not names:
        raise ProtocolError(("noSetHierarchy", _("Aucun ensemble : aucune intervention publiée.")))
    element = responses.oai(root, "ListSets")
    for spec, name in [(SET_PREFIX, _("Colloques")), *sorted(names.items())]:
        entry = responses.oai(element, "set")
        responses.oai(entry, "setSpec", spec)
        responses.oai(entry, "setName", name)


def get_record(repository, root, arguments):
    # Both problems are told at once: an unknown record and an unknown format.
    problems, found = [], None
    try:
        found = repository.find(arguments["identifier"])
    except ProtocolError as error:
        problems += error.errors
    try:
        check_prefix(arguments["metadataPrefix"])
    except ProtocolError as error:
        problems += error.errors
    if problems:
        raise ProtocolError(*problems)
    element = responses.oai(root, "GetRecord")
    responses.record(element, found, repository.identifier(found.talk_id))


def selected(chosen):
    rows = HarvestRecord.objects.all()
    if chosen.set_spec:
        rows = rows.filter(
            Q(set_spec=chosen.set_spec) | Q(set_spec__startswith=f"{chosen.set_spec}:")
        )
    if chosen.start is not None:
        rows = rows.filter(datestamp__gte=chosen.start)
    if chosen.end is not None:
        rows = rows.filter(datestamp__lt=chosen.end)
    return rows


def list_headers_or_records(repository, root, arguments, verb, with_metadata):
    if "resumptionToken" in arguments:
        prefix, chosen, position = read_token(arguments["resumptionToken"])
    else:
        chosen = selection(arguments)
        prefix, position = arguments["metadataPrefix"], None
        check_prefix(prefix)
    rows = selected(chosen)
    following = rows
    if position is not None:
        following = rows.filter(
            Q(datestamp__gt=position.datestamp)
            | Q(datestamp=position.datestamp, pk__gt=position.row_id)
        )
    size = settings.OAI_PAGE_SIZE
    page = list(following.order_by("datestamp", "pk")[: size + 1])
    if not page:
        raise ProtocolError(("noRecordsMatch", _("Aucune notice ne répond à cette demande.")))
    more, page = len(page) > size, page[:size]
    cursor = position.cursor if position is not None else 0
    element = responses.oai(root, verb)
    for row in page:
        identifier = repository.identifier(row.talk_id)
        if with_metadata:
            responses.record(element, row, identifier)
        else:
            responses.header(element, row, identifier)
    if more or position is not None:
        last = page[-1]
        token = (
            make_token(prefix, chosen, Position(last.datestamp, last.pk, cursor + len(page)))
            if more
            else ""
        )
        responses.resumption_token(element, token, rows.count(), cursor)


def list_identifiers(repository, root, arguments):
    list_headers_or_records(repository, root, arguments, "ListIdentifiers", with_metadata=False)


def list_records(repository, root, arguments):
    list_headers_or_records(repository, root, arguments, "ListRecords", with_metadata=True)


VERB_HANDLERS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": list_identifiers,
    "ListRecords": list_records,
}


@csrf_exempt  # harvesters POST without a session; nothing here changes anything
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def endpoint(request):
    params = request.POST if request.method == "POST" else request.GET
    repository = Repository(request)
    now = timezone.now()
    parsed = None
    try:
        parsed = read_request(params)
        root = responses.envelope(
            repository.base_url, {"verb": parsed.verb, **parsed.arguments}, now
        )
        VERB_HANDLERS[parsed.verb](repository, root, parsed.arguments)
    except ProtocolError as error:
        understood = parsed is not None and error.keeps_request
        arguments = {"verb": parsed.verb, **parsed.arguments} if understood else None
        root = responses.envelope(repository.base_url, arguments, now)
        responses.errors(root, error.errors)
    return HttpResponse(responses.serialize(root), content_type="text/xml; charset=utf-8")
