"""The history of a provider (/aanbieder/<id>/geschiedenis): per import what the register
changed for it, and the availability measured. Each change is put into one sentence
here, so the page and its JSON twin (/api/v1/providers/<id>/history) say the same."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue
from flask_babel import format_date, gettext
from flask_babel import lazy_gettext as _l

from app.domain.history import Change, HistoryEntry, Measurement, provider_history
from app.domain.provider_detail import ProviderDetail, provider_path
from app.extensions import db
from app.search import live_reference
from app.web.i18n import ngettext, pick
from app.web.providers import provider_detail

bp = Blueprint("history", __name__)

# The provider's fields as the history names them.
FIELD_LABELS = {
    "naam": _l("Naam"),
    "kvk": _l("KvK-nummer"),
    "agb": _l("AGB-code"),
    "website": _l("Website"),
    "telefoon": _l("Telefoon"),
    "email": _l("E-mail"),
    "omschrijving": _l("Beschrijving"),
    "omschrijving_en": _l("Beschrijving in het Engels"),
    "leeftijd_min": _l("Leeftijd vanaf"),
    "leeftijd_max": _l("Leeftijd tot en met"),
    "hulp_op_afstand": _l("Hulp op afstand"),
    "huisbezoek": _l("Komt bij u thuis"),
    "rolstoeltoegankelijk": _l("Toegankelijk met een rolstoel"),
    "keuze_hulpverlener": _l("Keuze voor een man of een vrouw"),
    "nieuwe_clienten": _l("Nieuwe cliënten"),
    "wachttijd_weken": _l("Wachttijd in weken"),
    "wachttijd_peildatum": _l("Datum van de wachttijd"),
    "kit_datum": _l("Kwaliteits- en integriteitstoets (KIT)"),
    "keurmerken": _l("Keurmerken"),
    "themas": _l("Onderwerpen"),
    "talen": _l("Talen"),
    "locaties": _l("Locaties"),
}


def _service(code: str | None) -> str:
    if code is None:
        return gettext("alle hulp")
    dienst = live_reference().dienst_codes.get(code)
    return pick(dienst.naam) if dienst else code


def _gemeente(cbs: str | None) -> str:
    if cbs is None:
        return gettext("alle gemeenten")
    gemeente = live_reference().gemeenten_by_cbs.get(cbs)
    return gemeente.naam if gemeente else cbs


def _indicator(code: str | None) -> str:
    indicator = live_reference().indicator_codes.get(code or "")
    return pick(indicator.naam) if indicator else str(code)


def _status_change(c: Change) -> str:
    service = _service(c.dienst)
    if c.nieuw == "beeindigd":
        return gettext("Het contract voor %(hulp)s is beëindigd.", hulp=service)
    if c.nieuw == "opgeschort":
        return gettext("Het contract voor %(hulp)s is opgeschort.", hulp=service)
    return gettext("Het contract voor %(hulp)s is weer actief.", hulp=service)


def _field_change(c: Change) -> str:
    label = FIELD_LABELS.get(c.veld or "", c.veld)
    return gettext(
        "%(veld)s gewijzigd: was %(oud)s, nu %(nieuw)s.",
        veld=label,
        oud=c.oud or gettext("leeg"),
        nieuw=c.nieuw or gettext("leeg"),
    )


SENTENCES: dict[str, Callable[[Change], str]] = {
    "in_register": lambda c: gettext("Opgenomen in het contractregister."),
    "terug_in_register": lambda c: gettext("Weer opgenomen in het contractregister."),
    "uit_register": lambda c: gettext("Niet meer in het contractregister."),
    "gegevens": _field_change,
    "dienst_erbij": lambda c: (
        gettext("Contract voor %(hulp)s gestart.", hulp=_service(c.dienst))
        if c.nieuw == "actief"
        else gettext(
            "Contract voor %(hulp)s opgenomen (%(status)s).",
            hulp=_service(c.dienst),
            status=c.nieuw,
        )
    ),
    "dienst_eraf": lambda c: gettext(
        "Het contract voor %(hulp)s staat niet meer in het register.", hulp=_service(c.dienst)
    ),
    "contract_status": _status_change,
    "contract_periode": lambda c: gettext(
        "Looptijd van het contract voor %(hulp)s: was %(oud)s, nu %(nieuw)s.",
        hulp=_service(c.dienst),
        oud=c.oud,
        nieuw=c.nieuw,
    ),
    "niveaus": lambda c: gettext(
        "Niveaus voor %(hulp)s: was %(oud)s, nu %(nieuw)s.",
        hulp=_service(c.dienst),
        oud=c.oud or gettext("geen"),
        nieuw=c.nieuw or gettext("geen"),
    ),
    "gemeente_erbij": lambda c: gettext(
        "%(hulp)s nu ook in %(gemeente)s.", hulp=_service(c.dienst), gemeente=_gemeente(c.gemeente)
    ),
    "gemeente_eraf": lambda c: gettext(
        "%(hulp)s niet meer in %(gemeente)s.",
        hulp=_service(c.dienst),
        gemeente=_gemeente(c.gemeente),
    ),
    "cijfer_nieuw": lambda c: gettext(
        "Nieuw cijfer voor %(indicator)s: %(cijfer)s.", indicator=_indicator(c.veld), cijfer=c.nieuw
    ),
    "cijfer_weg": lambda c: gettext(
        "Cijfer voor %(indicator)s niet meer in het register: %(cijfer)s.",
        indicator=_indicator(c.veld),
        cijfer=c.oud,
    ),
}


def change_sentence(change: Change) -> str:
    """One change in one sentence, in the visitor's language."""
    sentence = SENTENCES.get(change.soort)
    return sentence(change) if sentence else change.soort


def measurement_sentence(m: Measurement) -> str:
    """One availability measurement: where, how long, whether new clients are taken on."""
    parts = []
    if m.wachttijd_weken is not None:
        parts.append(
            ngettext("wachttijd %(num)s week", "wachttijd %(num)s weken", m.wachttijd_weken)
        )
    if m.neemt_nieuwe_clienten is not None:
        parts.append(
            {
                "ja": gettext("neemt nieuwe cliënten aan"),
                "nee": gettext("neemt geen nieuwe cliënten aan"),
                "wachtlijst": gettext("wachtlijst"),
            }[m.neemt_nieuwe_clienten]
        )
    return gettext(
        "%(hulp)s in %(gemeente)s: %(wat)s (gemeten %(datum)s, bron: %(bron)s).",
        hulp=_service(m.dienst),
        gemeente=_gemeente(m.gemeente),
        wat=", ".join(parts),
        datum=format_date(m.peildatum),
        bron=m.bron,
    )


def history_of(aanbieder_id: str | None) -> tuple[ProviderDetail, list[HistoryEntry]] | None:
    """The provider and its history, or None when the id was never in the register."""
    detail = provider_detail(aanbieder_id)
    if detail is None:
        return None
    return detail, provider_history(db.session, detail.aanbieder.id)


@bp.get("/aanbieder/<path:aanbieder_id>/geschiedenis")
def geschiedenis(aanbieder_id: str) -> ResponseReturnValue:
    found = history_of(aanbieder_id)
    if found is None:
        return render_template("provider_not_found.html", words="", suggestions=[]), 404
    detail, entries = found
    return render_template(
        "history.html",
        detail=detail,
        entries=entries,
        provider_path=provider_path(detail.aanbieder.id, detail.aanbieder.naam),
        change_sentence=change_sentence,
        measurement_sentence=measurement_sentence,
    )
