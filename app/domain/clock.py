"""Today, as the region lives it: the date in Europe/Amsterdam, not the server's zone.

Contract truth ("active today"), the daily neutral order and the age of a figure all
change at local midnight. Everything that needs the date asks `today()`; tests pin it
with `pinned(day)` so that no test depends on the day it runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from zoneinfo import ZoneInfo

ZONE = ZoneInfo("Europe/Amsterdam")
_pinned: dt.date | None = None
_pinned_moment: dt.datetime | None = None


def now() -> dt.datetime:
    """The current moment in Europe/Amsterdam (aware; or the pinned moment in a test)."""
    return _pinned_moment if _pinned_moment is not None else dt.datetime.now(ZONE)


def today() -> dt.date:
    """The current date in Europe/Amsterdam (or the pinned date in a test)."""
    if _pinned_moment is not None:
        return _pinned_moment.date()
    return _pinned if _pinned is not None else now().date()


def utc_now() -> dt.datetime:
    """The current moment in UTC, naive: how moments are stored in the database."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def local_date(moment: dt.datetime) -> dt.date:
    """The date in Europe/Amsterdam of a stored moment (naive UTC, as `utc_now`)."""
    return moment.replace(tzinfo=dt.UTC).astimezone(ZONE).date()


@contextmanager
def pinned(day: dt.date) -> Iterator[None]:
    """Make `today()` answer `day` inside the block (for tests and benchmarks)."""
    global _pinned
    previous, _pinned = _pinned, day
    try:
        yield
    finally:
        _pinned = previous


@contextmanager
def pinned_moment(moment: dt.datetime) -> Iterator[None]:
    """Make `now()` answer `moment` (and `today()` its date) inside the block: for tests
    of what happens around midnight. `moment` is taken as Europe/Amsterdam time."""
    global _pinned_moment
    previous, _pinned_moment = _pinned_moment, moment.replace(tzinfo=ZONE)
    try:
        yield
    finally:
        _pinned_moment = previous
