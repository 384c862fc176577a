"""The public search page, /recherche/?q=… (the work is done in search/query.py)."""

from django.template.response import TemplateResponse

from search import query as site_search

RESULTS_PER_PAGE = 10


def _facet_url(request, name, value):
    """The current address with filter ``name`` set to ``value`` (None removes it)."""
    params = request.GET.copy()
    params.pop("page", None)
    params.pop(name, None)
    if value is not None:
        params[name] = value
    return f"?{params.urlencode()}"


def search(request):
    response = site_search.search(
        request.GET.get("q", ""),
        filters=request.GET,
        page_number=request.GET.get("page", 1),
        per_page=RESULTS_PER_PAGE,
        request=request,
    )
    active_facets = []
    for facet in response.facets:
        for value in facet.values:
            value.url = _facet_url(request, facet.name, None if value.selected else value.value)
            if value.selected:
                active_facets.append(value)
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": response.query,
            "search": response,
            "search_results": response.page,
            "active_facets": active_facets,
            "page_range": response.page.paginator.get_elided_page_range(
                response.page.number, on_each_side=2, on_ends=1
            ),
        },
    )
