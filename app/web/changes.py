"""The changes of the register across providers (/wijzigingen), and the same as Atom feeds
(/wijzigingen.atom, /aanbieder/<id>/wijzigingen.atom) for feed readers and e-mail
services. The filters are the search's own parameters g (gemeente), d (service) and p
(page), read by its grammar; `aanbieder` names one provider. Each change is said in the
words of the provider history (app/web/history.py)."""

from __future__ import annotations

import datetime as dt
from typing import NoReturn
from urllib.parse import quote, urlencode, urlsplit

from flask import Blueprint, Response, abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import BadRequest

from app.domain.models import Aanbieder
from app.domain.provider_detail import provider_path
from app.domain.register_changes import ChangeFilter, ChangesPage, ImportChanges, recent_changes
from app.extensions import db
from app.search import live_reference, publication
from app.search import params as search_params
from app.web.history import change_sentence, measurement_sentence
from app.web.i18n import explicit_language, pick
from app.web.sharing import absolute_link, site_root

bp = Blueprint("changes", __name__)

ATOM = "application/atom+xml"
TAG_DATE = "2026"  # the year the site first published under its address (RFC 4151)
# The groups of app/domain/register_changes.py as the summary names them.
GROUP_LABELS = {
    "nieuw": _l("Nieuw in het register"),
    "weg": _l("Niet meer in het register"),
    "gestart": _l("Contracten gestart of uitgebreid"),
    "gestopt": _l("Contracten gestopt of kleiner geworden"),
    "contract": _l("Andere wijzigingen in contracten"),
    "cijfers": _l("Nieuwe of vervallen cijfers"),
    "gegevens": _l("Gewijzigde gegevens van aanbieders"),
    "beschikbaarheid": _l("Veranderde wachttijden of aanname van nieuwe cliënten"),
}


class BadValue(BadRequest):
    """A filter value that does not exist; the error page shows `message`."""

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message


def _bad(message: str) -> NoReturn:
    """Stop with 400 and a message that says which value was wrong."""
    raise BadValue(message)


def read_filter(aanbieder_id: str | None = None) -> tuple[ChangeFilter, int, str | None]:
    """The filter, page and provider name from the query string; 400 on a bad value."""
    params = search_params.parse(request.args, live_reference())
    for name, value in params.notices:
        if name == "g":
            _bad(gettext("Gemeente ‘%(waarde)s’ bestaat niet in Twente.", waarde=value))
        if name == "d":
            _bad(gettext("Soort hulp ‘%(waarde)s’ bestaat niet.", waarde=value))
        if name == "p":
            _bad(gettext("Pagina ‘%(waarde)s’ bestaat niet.", waarde=value))
    wanted_id = aanbieder_id or request.args.get("aanbieder", "").strip() or None
    naam = None
    if wanted_id is not None:
        too_long = len(wanted_id) > search_params.MAX_ID_LENGTH
        provider = None if too_long else db.session.get(Aanbieder, wanted_id)
        if provider is None:
            if aanbieder_id is not None:
                abort(404)
            # An overlong value is named by its start, not echoed whole into the page.
            shown = wanted_id[: search_params.MAX_ID_LENGTH] + ("…" if too_long else "")
            _bad(gettext("Aanbieder ‘%(waarde)s’ staat niet in het register.", waarde=shown))
        naam = provider.naam
    wanted = ChangeFilter(params.g, tuple(params.d), wanted_id)
    return wanted, params.p, naam


def filter_query(
    wanted: ChangeFilter, page: int = 1, lang: str | None = None, aanbieder: bool = True
) -> str:
    """The filter as a canonical query string ('' when there is none)."""
    ref = live_reference()
    pairs = [("g", ref.gemeenten_by_cbs[wanted.gemeente].slug)] if wanted.gemeente else []
    pairs += [("d", code) for code in wanted.diensten]
    if wanted.aanbieder and aanbieder:
        pairs.append(("aanbieder", wanted.aanbieder))
    if page > 1:
        pairs.append(("p", str(page)))
    if lang:
        pairs.append(("lang", lang))
    return urlencode(pairs)


def filter_words(wanted: ChangeFilter) -> str:
    """The gemeente and services chosen, for a title ('' for none)."""
    ref = live_reference()
    words = [ref.gemeenten_by_cbs[wanted.gemeente].naam] if wanted.gemeente else []
    words += [pick(ref.dienst_codes[code].naam) for code in wanted.diensten]
    return ", ".join(words)


def atom_time(moment: dt.datetime | None) -> str:
    """A stored moment (naive UTC) as an Atom date (RFC 3339)."""
    return (moment or dt.datetime(2026, 1, 1)).strftime("%Y-%m-%dT%H:%M:%SZ")


def _with_query(path: str, query: str) -> str:
    return f"{path}?{query}" if query else path


def _feed_path(wanted: ChangeFilter) -> str:
    if wanted.aanbieder and not (wanted.gemeente or wanted.diensten):
        return f"/aanbieder/{quote(wanted.aanbieder, safe='/')}/wijzigingen.atom"
    return _with_query("/wijzigingen.atom", filter_query(wanted))


def _tag(specific: str) -> str:
    """A tag: URI (RFC 4151) under the site's own address."""
    host = urlsplit(site_root()).hostname or "localhost"
    return f"tag:{host},{TAG_DATE}:{specific}"


def _scope(wanted: ChangeFilter) -> str:
    """What a feed (and so its entries) is about, as part of their ids."""
    if wanted.aanbieder and not (wanted.gemeente or wanted.diensten):
        return f"aanbieder/{quote(wanted.aanbieder, safe='')}/wijzigingen"
    return _with_query("wijzigingen", filter_query(wanted))


def entry_id(wanted: ChangeFilter, entry: ImportChanges) -> str:
    """Stable: the feed's scope and the import's key (never a row id)."""
    return _tag(f"{_scope(wanted)}/{entry.key}")


def _context(wanted: ChangeFilter, page: ChangesPage, naam: str | None) -> dict[str, object]:
    ref, language = live_reference(), explicit_language()
    return {
        "wanted": wanted,
        "changes": page,
        "provider_name": naam,
        "gemeenten": sorted(ref.gemeenten, key=lambda g: g.naam),
        "diensten": sorted(
            ((d.code, pick(d.naam)) for d in ref.dienst_codes.values()), key=lambda d: d[1]
        ),
        "group_labels": GROUP_LABELS,
        "change_sentence": change_sentence,
        "measurement_sentence": measurement_sentence,
        "page_path": _with_query("/wijzigingen", filter_query(wanted)),
        "feed_path": _feed_path(wanted),
        "page_href": lambda p: _with_query("/wijzigingen", filter_query(wanted, p, language)),
        "all_providers_href": _with_query(
            "/wijzigingen", filter_query(wanted, lang=language, aanbieder=False)
        ),
        "filter_words": filter_words(wanted),
        "atom_time": atom_time,
        "provider_page": lambda item: absolute_link(provider_path(item.aanbieder_id, item.naam)),
    }


@bp.get("/wijzigingen")
def wijzigingen() -> ResponseReturnValue:
    wanted, page, naam = read_filter()
    found = recent_changes(db.session, wanted, page)
    return render_template("changes.html", **_context(wanted, found, naam))


def _feed(wanted: ChangeFilter, naam: str | None) -> Response:
    found = recent_changes(db.session, wanted)
    live = publication()
    newest = [e.moment for e in found.imports]
    if live is not None:
        newest.append(live.updated_at or live.published_at)
    body = render_template(
        "changes.atom.xml",
        **_context(wanted, found, naam),
        feed_id=_tag(_scope(wanted)),
        entry_id=lambda entry: entry_id(wanted, entry),
        updated=max(newest) if newest else None,
        site_root=site_root(),
    )
    return Response(body, mimetype=ATOM)


@bp.get("/wijzigingen.atom")
def wijzigingen_atom() -> ResponseReturnValue:
    wanted, _page, naam = read_filter()
    return _feed(wanted, naam)


@bp.get("/aanbieder/<path:aanbieder_id>/wijzigingen.atom")
def aanbieder_atom(aanbieder_id: str) -> ResponseReturnValue:
    wanted, _page, naam = read_filter(aanbieder_id)
    return _feed(wanted, naam)
