"""Fictional weekly availability files for a generated register (REGISTER.md, "The
availability file"), deterministic like the register itself.

For every provider with a current contract a reporting habit is drawn: no weekly
reports (only the register's own waiting time counts), one report for the whole
provider, one per service, or one per service in a few gemeenten. Each report is a
weekly series ending on `today` whose waiting time drifts a little from week to week
(a week is sometimes skipped); new clients are taken on while the wait is short. The
register's own measurement is sometimes newer than the first weeks, so the rule
"older than the register's own does not replace it" has cases to show.
"""

from __future__ import annotations

from datetime import date, timedelta
from random import Random

COLUMNS = [
    "aanbieder_id",
    "dienst",
    "gemeente",
    "wachttijd_weken",
    "neemt_nieuwe_clienten",
    "peildatum",
    "bron",
]
SOURCE = "aanbieder, wekelijkse opgave (fictief)"
HABITS = ["geen", "aanbieder", "dienst", "dienst_gemeente"]
HABIT_WEIGHTS = [15, 40, 30, 15]


def _current(contracts, today):
    """Per provider: its services with an active contract today, and their gemeenten."""
    found = {}
    for row in contracts:
        ends = row.get("einddatum")
        if (
            row["status"] == "actief"
            and row["ingangsdatum"] <= today
            and (not ends or ends >= today)
        ):
            found.setdefault(row["aanbieder_id"], {}).setdefault(row["dienst"], row["_cbs"])
    return found


def _scopes(rng, habit, services, names):
    codes = sorted(services)
    if habit == "aanbieder":
        return [(None, None)]
    if habit == "dienst":
        return [(code, None) for code in codes[:3]]
    scopes = []
    for code in codes[:2]:
        for cbs in services[code][:2]:
            # Gemeenten by name or by CBS code, as keepers write them.
            scopes.append((code, names[cbs] if rng.random() < 0.5 else cbs))
    return scopes


def _accepting(weeks):
    return "ja" if weeks <= 4 else "wachtlijst" if weeks <= 16 else "nee"


def _series(rng, aanbieder_id, scope, start, today, weeks):
    rows, level = [], max(0, min(104, start + rng.randint(-2, 2)))
    for back in range(weeks - 1, -1, -1):
        level = max(0, min(104, level + rng.choice([-2, -1, 0, 0, 0, 1, 2])))
        if rng.random() < 0.15:
            continue  # no report that week
        roll = rng.random()
        wait = level if roll < 0.9 else None
        new = _accepting(level) if roll >= 0.2 or wait is None else None
        rows.append(
            {
                "aanbieder_id": aanbieder_id,
                "dienst": scope[0],
                "gemeente": scope[1],
                "wachttijd_weken": wait,
                "neemt_nieuwe_clienten": new,
                "peildatum": today - timedelta(weeks=back),
                "bron": SOURCE,
            }
        )
    return rows


def generate_availability(sheets, seed, today: date, weeks=10, reference=None):
    """Rows of a `beschikbaarheid` sheet for the generated register `sheets`."""
    rng = Random(f"beschikbaarheid-{seed}")  # its own stream: the register stays the same
    names = {g["cbs"]: g["naam"] for g in (reference or {}).get("gemeenten", [])}
    current = _current(sheets["contracten"], today)
    rows = []
    for provider in sheets["aanbieders"]:
        services = current.get(provider["aanbieder_id"])
        if not services:
            continue
        habit = rng.choices(HABITS, HABIT_WEIGHTS)[0]
        if habit == "geen":
            continue
        start = provider.get("wachttijd_weken")
        start = start if start is not None else rng.randint(0, 12)
        for scope in _scopes(
            rng, habit, services, names or {c: c for s in services.values() for c in s}
        ):
            rows.extend(_series(rng, provider["aanbieder_id"], scope, start, today, weeks))
    return rows
