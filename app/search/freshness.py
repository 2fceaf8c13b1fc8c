"""How fresh each provider in the catalog is: when the register last changed its data and
last confirmed it (the import runs stamped on the provider, app/register/changes.py),
and its availability (app/domain/availability.py) with the masks the "wachttijd" and
"neemt nieuwe cliënten aan" filters use, per contracted service and gemeente."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from app.domain.availability import Availability, effective, load_scopes, register_scope, summary
from app.domain.models import Aanbieder
from app.domain.queries import run_dates
from app.extensions import DbSession


def add_register_dates(session: DbSession, providers: dict[str, Any]) -> None:
    """Set `gewijzigd` and `gecontroleerd` on the catalog's providers."""
    stamps = {
        aid: (changed, checked)
        for aid, changed, checked in session.execute(
            select(Aanbieder.id, Aanbieder.gewijzigd_run_id, Aanbieder.gecontroleerd_run_id)
        )
        if aid in providers
    }
    dates = run_dates(session, {run for pair in stamps.values() for run in pair})
    for aid, (changed, checked) in stamps.items():
        provider = providers[aid]
        provider.gewijzigd = dates.get(changed) if changed else None
        provider.gecontroleerd = dates.get(checked) if checked else None


# --- availability ------------------------------------------------------------------

Pair = tuple[str, str]  # (dienst, gemeente)


@dataclass
class AvailabilityMasks:
    """Per contracted (dienst, gemeente) pair, the providers whose availability there (the
    newest measurement, app/domain/availability.py) meets a filter: waiting time at most
    N weeks, and taking on new clients."""

    # pair -> [(weeks, providers with at most that many weeks)], weeks ascending
    waits: dict[Pair, list[tuple[int, int]]] = field(default_factory=dict)
    accepting: dict[Pair, int] = field(default_factory=dict)
    _memo: dict[Any, int] = field(default_factory=dict)

    def wait_mask(self, weeks: int, pairs: Sequence[Pair]) -> int:
        """Providers with a known waiting time of at most `weeks` at one of `pairs`."""
        key = ("wacht", weeks, tuple(pairs))
        if key not in self._memo:
            mask = 0
            for pair in pairs:
                steps = self.waits.get(pair)
                if steps:
                    index = bisect_right(steps, (weeks, float("inf"))) - 1
                    if index >= 0:
                        mask |= steps[index][1]
            self._memo[key] = mask
        return self._memo[key]

    def new_mask(self, pairs: Sequence[Pair]) -> int:
        """Providers that take on new clients at one of `pairs`."""
        key = ("nieuw", tuple(pairs))
        if key not in self._memo:
            mask = 0
            for pair in pairs:
                mask |= self.accepting.get(pair, 0)
            self._memo[key] = mask
        return self._memo[key]


def _by_pair(provider: Any) -> dict[Pair, Availability]:
    """What counts at each of the provider's contracted pairs (computed once per
    service and gemeente only when the provider reports that finely)."""
    scopes = provider.scopes
    if provider.same_everywhere:
        same = effective(scopes, None, None)
        return dict.fromkeys(provider.contracted, same)
    return {pair: effective(scopes, *pair) for pair in provider.contracted}


def add_availability(session: DbSession, providers: list[Any]) -> AvailabilityMasks:
    """Give every provider its measurements (`scopes`, the register's own first) and its
    availability over all its contracted pairs (`beschikbaarheid`, also written to the
    waiting-time fields the sorts and the API read); return the filter masks."""
    measured = load_scopes(session)
    exact: dict[Pair, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    accepting: dict[Pair, int] = defaultdict(int)
    for index, p in enumerate(providers):
        own = register_scope(p.wachttijd_weken, p.wachttijd_peildatum, p.nieuwe_clienten)
        p.scopes = (own, *measured.get(p.id, ()))
        p.same_everywhere = all(s.dienst is None and s.gemeente is None for s in p.scopes)
        per_pair = _by_pair(p)
        bit = 1 << index
        for pair, value in per_pair.items():
            if value.wachttijd is not None:
                exact[pair][value.wachttijd.waarde] |= bit
            if value.nieuw is not None and value.nieuw.waarde == "ja":
                accepting[pair] |= bit
        p.beschikbaarheid = summary(per_pair.values())
        wait, new = p.beschikbaarheid.wachttijd, p.beschikbaarheid.nieuw
        p.wachttijd_weken = wait.waarde if wait else None
        p.wachttijd_peildatum = wait.peildatum if wait else None
        p.nieuwe_clienten = new.waarde if new else None
    return AvailabilityMasks(
        {pair: _cumulative(found) for pair, found in exact.items()}, dict(accepting)
    )


def _cumulative(found: dict[int, int]) -> list[tuple[int, int]]:
    steps, mask = [], 0
    for weeks in sorted(found):
        mask |= found[weeks]
        steps.append((weeks, mask))
    return steps
