"""The comment section of event and proceedings pages: ``{% comment_section page %}``."""

from django import template
from django.utils.functional import SimpleLazyObject

from comments.forms import CommentForm
from comments.models import Comment
from comments.views import SENT_PARAMETER, SENT_VALUE

register = template.Library()


@register.inclusion_tag("components/comments.html", takes_context=True)
def comment_section(context, page):
    request = context.get("request")
    # After a refused post, the view hands over the form as it was sent (with a
    # token of its own); otherwise the form is the same for every visitor.
    form = context.get("comment_form") or CommentForm(page=page)
    # One query, whatever the number of comments: replies are on the comment's row. Read
    # only when the list is rendered, not when it comes from the fragment cache.
    comments = SimpleLazyObject(
        lambda: list(Comment.objects.approved().filter(page_id=page.pk)) if page.pk else []
    )
    return {
        "request": request,
        "page": page,
        "comments": comments,
        "form": form,
        "sent": bool(request) and request.GET.get(SENT_PARAMETER) == SENT_VALUE,
    }
