"""What an OAI-PMH 2.0 request asks, checked against the protocol's rules.

``read_request(params)`` returns the verb and its arguments or raises ``ProtocolError``
with the protocol's error codes; ``parse_date`` reads ``from``/``until``;
``make_token``/``read_token`` write and read resumption tokens. Nothing here reads
the database.

A resumption token carries the request's filters and the position reached: the
(datestamp, row id) of the last record sent, records being listed in that order.
A record changed between two pages gets a new datestamp, so it moves after every
other and is sent again, as it is now, before the list ends: nothing is skipped
and nothing is sent twice in one state. Tokens are signed (``django.core.signing``):
one that was not issued here is a ``badResumptionToken``.
"""

import datetime
import re
from dataclasses import dataclass

from django.core import signing
from django.utils.translation import gettext as _

from oai.dublin_core import NOT_XML, xml_text

OAI_DC = "oai_dc"
# verb: (required arguments, optional arguments, exclusive argument)
VERBS = {
    "Identify": ((), (), None),
    "ListMetadataFormats": ((), ("identifier",), None),
    "ListSets": ((), (), "resumptionToken"),
    "GetRecord": (("identifier", "metadataPrefix"), (), None),
    "ListIdentifiers": (("metadataPrefix",), ("from", "until", "set"), "resumptionToken"),
    "ListRecords": (("metadataPrefix",), ("from", "until", "set"), "resumptionToken"),
}
DAY = "YYYY-MM-DD"
SECONDS = "YYYY-MM-DDThh:mm:ssZ"
DATE_FORMATS = {
    DAY: (re.compile(r"\d{4}-\d{2}-\d{2}"), "%Y-%m-%d"),
    SECONDS: (re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z"), "%Y-%m-%dT%H:%M:%SZ"),
}
RESUMPTION_SALT = "oai.resumption"


class ProtocolError(Exception):
    """One or more OAI-PMH errors: [(code, message)]. ``keeps_request`` is False for
    badVerb and badArgument, after which the response's ``request`` element must carry
    no attribute."""

    def __init__(self, *errors):
        super().__init__(errors)
        self.errors = list(errors)

    @property
    def keeps_request(self):
        return not any(code in ("badVerb", "badArgument") for code, _message in self.errors)


def bad_argument(message):
    return ProtocolError(("badArgument", message))


@dataclass(frozen=True)
class Request:
    verb: str
    arguments: dict  # name: value, exactly as received


def read_request(params):
    """The verb and arguments of ``params`` (a ``QueryDict``)."""
    verbs = params.getlist("verb")
    if len(verbs) != 1:
        message = (
            _("L’argument « verb » est répété.") if verbs else _("L’argument « verb » manque.")
        )
        raise ProtocolError(("badVerb", message))
    verb = verbs[0]
    if verb not in VERBS:
        raise ProtocolError(
            ("badVerb", _("Verbe inconnu : « %(verb)s ».") % {"verb": xml_text(verb)})
        )
    required, optional, exclusive = VERBS[verb]
    arguments = {}
    for name in params:
        if name == "verb":
            continue
        values = params.getlist(name)
        if name not in (*required, *optional, exclusive):
            raise bad_argument(
                _("Argument non admis pour %(verb)s : « %(name)s ».")
                % {"verb": verb, "name": xml_text(name)}
            )
        if len(values) > 1:
            raise bad_argument(_("L’argument « %(name)s » est répété.") % {"name": name})
        if NOT_XML.search(values[0]):
            # It could not even be quoted back in the response's request element.
            raise bad_argument(
                _("L’argument « %(name)s » contient un caractère interdit.") % {"name": name}
            )
        arguments[name] = values[0]
    if exclusive and exclusive in arguments:
        if len(arguments) > 1:
            raise bad_argument(
                _("« %(name)s » s’emploie seul, sans autre argument que « verb ».")
                % {"name": exclusive}
            )
        return Request(verb, arguments)
    missing = [name for name in required if not arguments.get(name)]
    if missing:
        raise bad_argument(
            _("Argument obligatoire manquant pour %(verb)s : « %(name)s ».")
            % {"verb": verb, "name": missing[0]}
        )
    return Request(verb, arguments)


def parse_date(value, name):
    """(moment, granularity) of a ``from``/``until`` value, in UTC."""
    for granularity, (pattern, strptime_format) in DATE_FORMATS.items():
        if pattern.fullmatch(value):
            try:
                moment = datetime.datetime.strptime(value, strptime_format)
            except ValueError:
                break
            return moment.replace(tzinfo=datetime.UTC), granularity
    raise bad_argument(
        _("Date invalide pour « %(name)s » : « %(value)s » (attendu : %(day)s ou %(seconds)s).")
        % {"name": name, "value": value, "day": DAY, "seconds": SECONDS}
    )


@dataclass(frozen=True)
class Selection:
    """What a list request selects: records with ``start <= datestamp < end``."""

    set_spec: str | None = None
    start: datetime.datetime | None = None
    end: datetime.datetime | None = None  # excluded


def selection(arguments):
    """The ``Selection`` of a ListIdentifiers/ListRecords request's arguments."""
    start = end = None
    granularities = set()
    if "from" in arguments:
        start, granularity = parse_date(arguments["from"], "from")
        granularities.add(granularity)
    if "until" in arguments:
        until, granularity = parse_date(arguments["until"], "until")
        granularities.add(granularity)
        # "until" includes the whole day, or the whole second, it names.
        step = datetime.timedelta(days=1 if granularity == DAY else 0, seconds=granularity != DAY)
        end = until + step
    if len(granularities) > 1:
        raise bad_argument(_("« from » et « until » doivent avoir la même précision."))
    if start is not None and end is not None and start >= end:
        raise bad_argument(_("« from » est postérieur à « until »."))
    return Selection(set_spec=arguments.get("set") or None, start=start, end=end)


@dataclass(frozen=True)
class Position:
    """Where a list resumes: after (datestamp, row id); ``cursor`` records already sent."""

    datestamp: datetime.datetime
    row_id: int
    cursor: int


def _iso(moment):
    return moment.isoformat() if moment is not None else None


def _moment(value):
    return datetime.datetime.fromisoformat(value) if value is not None else None


def make_token(metadata_prefix, chosen, position):
    payload = {
        "m": metadata_prefix,
        "s": chosen.set_spec,
        "f": _iso(chosen.start),
        "u": _iso(chosen.end),
        "d": _iso(position.datestamp),
        "i": position.row_id,
        "c": position.cursor,
    }
    return signing.dumps(payload, salt=RESUMPTION_SALT, compress=True)


def read_token(token):
    """(metadata prefix, Selection, Position) of a token issued by ``make_token``."""
    try:
        payload = signing.loads(token, salt=RESUMPTION_SALT)
        chosen = Selection(
            set_spec=payload["s"], start=_moment(payload["f"]), end=_moment(payload["u"])
        )
        position = Position(
            datestamp=_moment(payload["d"]), row_id=int(payload["i"]), cursor=int(payload["c"])
        )
        return payload["m"], chosen, position
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise ProtocolError(
            ("badResumptionToken", _("Jeton de reprise invalide ou inconnu."))
        ) from error
