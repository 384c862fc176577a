"""schema.org ``Event`` JSON-LD for a colloquium's page, from what the page already loaded.

Everything comes from the page and its context (speakers, partners and images
are fetched once by ``EventPage.get_context``), so the markup costs no query.
"""

import json

from django import template
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from core.models import SiteSettings

register = template.Library()

EVENT_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "postponed": "https://schema.org/EventPostponed",
    "cancelled": "https://schema.org/EventCancelled",
}
# json.dumps leaves these alone; inside <script> they could close the element.
SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def json_ld_script(data):
    text = json.dumps(data, ensure_ascii=False, indent=None).translate(SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


def event_description(event):
    text = event.search_description or event.listing_summary
    if not text:
        text = strip_tags(event.introduction or "").strip()
    return " ".join((text or event.subtitle or event.title).split())


def event_place(event):
    venue = event.venue
    if venue is None:
        return None
    address = {"@type": "PostalAddress", "addressLocality": venue.city, "addressCountry": "FR"}
    if venue.street_address:
        address["streetAddress"] = venue.street_address
    if venue.postal_code:
        address["postalCode"] = venue.postal_code
    place = {"@type": "Place", "name": venue.name, "address": address}
    if venue.latitude is not None and venue.longitude is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(venue.latitude),
            "longitude": float(venue.longitude),
        }
    return place


def organization(partner):
    data = {"@type": "Organization", "name": partner.name}
    if partner.website:
        data["url"] = partner.website
    return data


@register.simple_tag(takes_context=True)
def event_json_ld(context, image_urls=()):
    """The page's schema.org Event, as a <script type="application/ld+json">."""
    request = context.get("request")
    event = context["page"]
    if event.start is None or event.end is None:
        # A next edition's draft, seen in preview: no dates, no event to describe yet.
        return ""
    url = event.get_full_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event_description(event),
        "url": url,
        "startDate": event.start_local.isoformat(),
        "endDate": event.end_local.isoformat(),
        "eventStatus": EVENT_STATUS.get(event.status, EVENT_STATUS["scheduled"]),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "inLanguage": "fr",
        "isAccessibleForFree": bool(event.is_free),
    }
    place = event_place(event)
    if place:
        data["location"] = place
    organizers = [
        organization(link.partner)
        for role, _heading, links in context.get("partner_groups", [])
        if role == "organiser"
        for link in links
    ]
    if not organizers:
        site_settings = SiteSettings.load(request_or_site=request)
        home = request.build_absolute_uri("/") if request is not None else None
        organizers = [{"@type": "Organization", "name": site_settings.association_name}]
        if home:
            organizers[0]["url"] = home
    data["organizer"] = organizers
    performers = []
    for link in context.get("event_speakers", []):
        person = {"@type": "Person", "name": link.person.name}
        if link.person.affiliation:
            person["description"] = link.person.affiliation
        performers.append(person)
    if performers:
        data["performer"] = performers
    images = [request.build_absolute_uri(u) if request else u for u in image_urls if u]
    if images:
        data["image"] = images
    if not event.is_free:
        offer = {"@type": "Offer", "url": url, "priceCurrency": "EUR"}
        if event.price:
            offer["description"] = event.price
        data["offers"] = offer
    return json_ld_script(data)


@register.simple_tag(takes_context=True)
def gallery_image_urls(context):
    """URLs of the page's gallery renditions already fetched by get_context (no query)."""
    event = context["page"]
    urls = []
    for item in context.get("event_images", []):
        rendition = item.image.get_rendition(event.GALLERY_IMAGE_FILTER)
        urls.append(rendition.url)
    return urls
