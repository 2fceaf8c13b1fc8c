"""Links that reproduce a page: the absolute share link, e-mail and WhatsApp links made of
plain URLs (no third-party script), and a QR code drawn on the server as inline SVG.

Every absolute link starts with `site_root()`: PUBLIC_URL in production, so that neither a
proxy's internal name nor a forged Host header ever ends up in a page; the request's own
address only in development."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

import segno
from flask import current_app, request
from flask_babel import get_locale
from markupsafe import Markup


def site_root() -> str:
    """The site's address without a trailing slash (PUBLIC_URL, or the request's in
    development)."""
    return str(current_app.config["PUBLIC_URL"] or request.url_root).rstrip("/")


def absolute_link(path: str, lang: str | None = None) -> str:
    """`path` (with its query) as an absolute link that opens in the current language, so a
    shared link opens in the language it was sent in. `lang` names another language ("" for
    none: the visitor's browser decides, as for hreflang="x-default")."""
    if lang is None:
        locale = str(get_locale())
        lang = "" if locale == current_app.config["BABEL_DEFAULT_LOCALE"] else locale
    return in_language(*_without_language(path), lang)


def alternate_links(path: str) -> list[tuple[str, str]]:
    """(hreflang, absolute link) for `path` in every language, and x-default without a
    choice (then the browser's language decides). `path` is read once for all seven."""
    link, query = _without_language(path)
    links = [(code, in_language(link, query, code)) for code in current_app.config["LANGUAGES"]]
    return [*links, ("x-default", in_language(link, query, ""))]


def without_language(pairs: Iterable[tuple[str, str]]) -> str:
    """A page's query string without `lang` and without empty parameters: what every link
    to the page in another language starts from (made once for all of them)."""
    return urlencode([(k, v) for k, v in pairs if k != "lang" and v])


def in_language(link: str, query: str, lang: str) -> str:
    """`link` with `query` (made by `without_language`) and `lang` as the last parameter
    ("" for none): the same string urlencode makes of all the pairs."""
    if lang:
        query = f"{query}&{urlencode({'lang': lang})}" if query else urlencode({"lang": lang})
    return f"{link}?{query}" if query else link


def _without_language(path: str) -> tuple[str, str]:
    """The absolute link of `path` and its query string without `lang`."""
    parts = urlsplit(path)
    return f"{site_root()}{parts.path}", without_language(parse_qsl(parts.query))


def share_links(path: str, title: str) -> dict[str, str]:
    url = absolute_link(path)
    return {
        "url": url,
        "email": f"mailto:?{urlencode({'subject': title, 'body': url}, quote_via=quote)}",
        "whatsapp": f"https://wa.me/?{urlencode({'text': f'{title} {url}'}, quote_via=quote)}",
    }


# Making a QR code costs ~6 ms (segno scores all eight masks to pick the most readable),
# more than the rest of a provider page's rendering; a page link is shared and reopened
# many times, and its code never changes. ~1,000 codes of ~5 KB: a few MB per process.
@functools.lru_cache(maxsize=1024)
def qr_svg(url: str, label: str) -> Markup:
    """The QR code of `url` as an inline SVG (attributes only, no style: CSP-safe)."""
    code = segno.make(url, error="m")
    svg = code.svg_inline(scale=3, dark="#000", light="#fff", title=label, svgclass="qr")
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{Markup.escape(label)}" ', 1))
