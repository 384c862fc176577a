"""Signals about what visitors see, sent by the apps and heard by the caches.

``core`` defines them so that the apps above it can send them and the caching code can
listen without either importing the other.
"""

from django.dispatch import Signal

# What some pages show has changed without the pages themselves being published: a venue,
# person or partner edited, a document replaced, a comment approved, a seat taken.
# Argument ``pages``: the affected pages (any Page instances). Receivers purge the front
# cache for them and drop the fragments cached for them.
pages_changed = Signal()
