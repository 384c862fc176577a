from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from wagtail.models import Page

MAX_QUERY_LENGTH = 200


def clean_query(raw):
    """Visitor input made safe for the search backends: no control characters, bounded."""
    cleaned = "".join(ch for ch in raw if ch.isprintable())
    return " ".join(cleaned.split())[:MAX_QUERY_LENGTH]


def search(request):
    query = clean_query(request.GET.get("q", ""))
    results = Page.objects.none()
    if query:
        results = Page.objects.live().public().specific().search(query)
    paginator = Paginator(results, 10)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    return TemplateResponse(
        request, "search/search.html", {"search_query": query, "search_results": page}
    )
