"""What an import changes for each provider, in words the history page can show.

The state of every provider (its row, themes, languages, locations, contracts per
service, figures) is read from the database before an import and made from the
validated register; the difference is a list of `Wijziging` rows: a contract that
started, ended or was suspended, a service or gemeente added or dropped, a field with
its old and new value, a figure that is new or gone. They are kept for good (the
history per provider, the HSDS change log). A provider with any change but a figure's
gets "gewijzigd" = this import; every provider in the register gets "gecontroleerd".
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import update

from app.domain.models import Aanbieder, Kwaliteitscijfer, Wijziging
from app.extensions import DbSession
from app.register.apply import CIJFER_FIELDS, chunks, insert_rows
from app.register.provider_state import PROVIDER_FIELDS, Service, State, text

# The kinds of change (Wijziging.soort).
IN_REGISTER = "in_register"
TERUG_IN_REGISTER = "terug_in_register"
UIT_REGISTER = "uit_register"
GEGEVENS = "gegevens"  # veld, oud, nieuw
DIENST_ERBIJ = "dienst_erbij"  # dienst, nieuw = status
DIENST_ERAF = "dienst_eraf"  # dienst, oud = status
CONTRACT_STATUS = "contract_status"  # dienst, oud, nieuw
CONTRACT_PERIODE = "contract_periode"  # dienst, oud, nieuw
NIVEAUS = "niveaus"  # dienst, oud, nieuw
GEMEENTE_ERBIJ = "gemeente_erbij"  # dienst, gemeente
GEMEENTE_ERAF = "gemeente_eraf"  # dienst, gemeente
CIJFER_NIEUW = "cijfer_nieuw"  # veld = indicator, dienst, nieuw
CIJFER_WEG = "cijfer_weg"  # veld = indicator, dienst, oud
FIGURE_KINDS = (CIJFER_NIEUW, CIJFER_WEG)


Event = dict[str, Any]


def _event(aid: str, soort: str, **values: Any) -> Event:
    return {
        "aanbieder_id": aid,
        "soort": soort,
        "veld": values.get("veld"),
        "dienst": values.get("dienst"),
        "gemeente": values.get("gemeente"),
        "oud": values.get("oud"),
        "nieuw": values.get("nieuw"),
    }


def _figure_text(key: tuple[Any, ...]) -> str:
    values = dict(zip(CIJFER_FIELDS, key, strict=True))
    return (
        f"{values['waarde']} {values['eenheid']}, n = {values['aantal']}, "
        f"{values['periode_van']} – {values['periode_tot']}, bron: {values['bron']}"
    )


def _figure_events(aid: str, old: Counter[Any], new: Counter[Any]) -> list[Event]:
    events = []
    for key in sorted((new - old).elements()):
        events.append(
            _event(aid, CIJFER_NIEUW, veld=key[1], dienst=key[2], nieuw=_figure_text(key))
        )
    for key in sorted((old - new).elements()):
        events.append(_event(aid, CIJFER_WEG, veld=key[1], dienst=key[2], oud=_figure_text(key)))
    return events


def _service_events(aid: str, old: dict[str, Service], new: dict[str, Service]) -> list[Event]:
    events = []
    for code in sorted(new.keys() - old.keys()):
        events.append(_event(aid, DIENST_ERBIJ, dienst=code, nieuw=new[code].status))
    for code in sorted(old.keys() - new.keys()):
        events.append(_event(aid, DIENST_ERAF, dienst=code, oud=old[code].status))
    for code in sorted(old.keys() & new.keys()):
        before, after = old[code], new[code]
        for soort, name in (
            (CONTRACT_STATUS, "status"),
            (CONTRACT_PERIODE, "periode"),
            (NIVEAUS, "niveaus"),
        ):
            if getattr(before, name) != getattr(after, name):
                was, now = getattr(before, name) or None, getattr(after, name) or None
                events.append(_event(aid, soort, dienst=code, oud=was, nieuw=now))
        for cbs in sorted(after.gemeenten - before.gemeenten):
            events.append(_event(aid, GEMEENTE_ERBIJ, dienst=code, gemeente=cbs))
        for cbs in sorted(before.gemeenten - after.gemeenten):
            events.append(_event(aid, GEMEENTE_ERAF, dienst=code, gemeente=cbs))
    return events


def _provider_events(aid: str, old: State | None, new: State) -> list[Event]:
    if old is None:
        return [
            _event(aid, IN_REGISTER),
            *_service_events(aid, {}, new.services),
            *_figure_events(aid, Counter(), new.figures),
        ]
    events = [] if old.in_register else [_event(aid, TERUG_IN_REGISTER)]
    for name in PROVIDER_FIELDS:
        was, now = text(old.fields.get(name)), text(new.fields.get(name))
        if was != now:
            events.append(_event(aid, GEGEVENS, veld=name, oud=was, nieuw=now))
    for name in ("themas", "talen", "locaties"):
        was_set, now_set = old.lists.get(name, frozenset()), new.lists.get(name, frozenset())
        if was_set != now_set:
            sep = "; " if name == "locaties" else ";"
            events.append(
                _event(
                    aid,
                    GEGEVENS,
                    veld=name,
                    oud=sep.join(sorted(was_set)) or None,
                    nieuw=sep.join(sorted(now_set)) or None,
                )
            )
    return [
        *events,
        *_service_events(aid, old.services, new.services),
        *_figure_events(aid, old.figures, new.figures),
    ]


def diff(old: dict[str, State], new: dict[str, State]) -> list[Event]:
    """What changed for each provider, in register order, then the providers that left."""
    events = [e for aid, state in new.items() for e in _provider_events(aid, old.get(aid), state)]
    gone = sorted(aid for aid, state in old.items() if state.in_register and aid not in new)
    return events + [_event(aid, UIT_REGISTER) for aid in gone]


def record(session: DbSession, run_id: int, events: list[Event]) -> None:
    """Store the changes of import `run_id` and stamp providers and new figures with it."""
    insert_rows(session, Wijziging, [{"run_id": run_id, **event} for event in events])
    changed = sorted({e["aanbieder_id"] for e in events if e["soort"] not in FIGURE_KINDS})
    for chunk in chunks(changed):
        session.execute(
            update(Aanbieder).where(Aanbieder.id.in_(list(chunk))).values(gewijzigd_run_id=run_id)
        )
    confirm(session, run_id)
    session.execute(
        update(Kwaliteitscijfer)
        .where(Kwaliteitscijfer.ingevoerd_run_id.is_(None))
        .values(ingevoerd_run_id=run_id)
    )


def confirm(session: DbSession, run_id: int) -> None:
    """Every provider in the register was in import `run_id`: "gecontroleerd" then."""
    session.execute(
        update(Aanbieder)
        .where(Aanbieder.uit_register_sinds.is_(None))
        .values(gecontroleerd_run_id=run_id)
    )
