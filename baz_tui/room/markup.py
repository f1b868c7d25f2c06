"""A tiny, safe way to build HTML: every value is escaped unless it is already :class:`Html`.

The room's pages are a handful of short fragments; a template engine would be one more
dependency for what ``str.format`` and :func:`html.escape` do. What a resident typed, what the
Store says and what the chair named all pass through :func:`render` as values, so none of it
can become markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape


class Html(str):
    """A string that is already safe HTML (built by :func:`render` or :func:`join`)."""

    __slots__ = ()


def text(value: object) -> Html:
    """``value`` as HTML text: ``<``, ``&`` and both quotes escaped."""
    if isinstance(value, Html):
        return value
    return Html(escape(str(value), quote=True))


def render(template: str, **values: object) -> Html:
    """``template`` (trusted, written here) with every ``{name}`` filled in, escaped."""
    return Html(template.format(**{name: text(value) for name, value in values.items()}))


def join(parts: Iterable[Html], separator: str = "\n") -> Html:
    """Safe fragments one after the other."""
    return Html(separator.join(text(part) for part in parts))
